"""A program's results: the files in its `results/` folder, and `results:` in its program.yml.

Results name personas, source channels and sessions that exist; each dated entry lies in its
file's reporting window (`playbook.results.windows`), once per date (once per week, weekly); and
no count exceeds the stage before it (`models.results.FUNNEL`), across the weekly, daily and
monthly snapshots read together, as the results page reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from playbook.dates import week_label
from playbook.document import Document
from playbook.layout import (
    EVENT_DAY_RESULTS,
    MONTHLY_RESULTS,
    SATISFACTION,
    SESSION_FILLS,
    WEEKLY_RESULTS,
    Kind,
)
from playbook.models.program import Event, Program
from playbook.models.results import FUNNEL, Counts, SessionFills, Snapshot, Snapshots
from playbook.models.results import Satisfaction as Surveys
from playbook.problems import FieldPath
from playbook.results.windows import WINDOWS, event_week_number
from playbook.validate import refs
from playbook.validate.context import Context, Loaded

SNAPSHOT_KINDS = (WEEKLY_RESULTS, EVENT_DAY_RESULTS, MONTHLY_RESULTS)


def check_results_settings(context: Context) -> None:
    """Each program's `results:`: the pace rises week by week; each export maps known tagging
    fields, the persona field among them, under an id of its own."""
    for loaded in context.programs.values():
        settings = loaded.model.results
        if settings is None:
            continue
        document = loaded.document
        for index, point in enumerate(settings.pace[1:], start=1):
            before = settings.pace[index - 1]
            path: FieldPath = ("results", "pace", index)
            if point.week <= before.week:
                context.report(
                    document,
                    (*path, "week"),
                    f"the pace is listed week by week, but week {point.week:+d} comes after "
                    f"week {before.week:+d}; put the weeks in order, each once",
                )
            elif point.percent < before.percent:
                context.report(
                    document,
                    (*path, "percent"),
                    f"{point.percent:g}% is less than the {before.percent:g}% expected by week "
                    f"{before.week:+d} above it, but registrations to date only grow; raise it "
                    "or lower the one above",
                )
        context.unique(document, settings.exports, ("results", "exports"), "export id")
        for index, mapping in enumerate(settings.exports):
            _check_columns(context, document, ("results", "exports", index), mapping.columns)


def _check_columns(
    context: Context, document: Document, path: FieldPath, columns: dict[str, str]
) -> None:
    known = context.ids_of_tag_fields()
    for field_id in columns:
        context.ref_in(known, refs.TAG_FIELD, document, (*path, "columns", field_id), field_id)
    persona_field = context.persona_tag_field()
    if persona_field is not None and persona_field not in columns:
        context.report(
            document,
            (*path, "columns"),
            f"map the persona field to the export's column, e.g. `{persona_field}: Persona`: "
            "every row is counted by its persona",
        )


def check_results(context: Context) -> None:
    """Each program's results files against its event, personas, channels and sessions."""
    for program_id, files in context.results.items():
        program = context.programs.get(program_id)
        event = program.model.event if program else None
        stream: list[_Entry] = []
        for kind in SNAPSHOT_KINDS:
            if kind in files:
                stream += _check_snapshots(context, kind, files[kind], event)
        _check_funnel(context, stream)
        if SESSION_FILLS in files:
            _check_fills(
                context, files[SESSION_FILLS], program_id, program.model if program else None
            )
        if SATISFACTION in files:
            _check_surveys(context, files[SATISFACTION], event)


@dataclass(frozen=True)
class _Entry:
    """A snapshot where it was written: the funnel check reads them all in date order."""

    document: Document
    path: FieldPath
    snapshot: Snapshot


def _check_snapshots(
    context: Context, kind: Kind, loaded: Loaded[Snapshots], event: Event | None
) -> list[_Entry]:
    document = loaded.document
    snapshots = loaded.model.snapshots
    channels = context.tag_values(refs.SOURCE_CHANNEL_FIELD, listing=True)
    entries = []
    _check_dates(context, kind, document, "snapshots", [s.date for s in snapshots], event)
    for index, snapshot in enumerate(snapshots):
        path: FieldPath = ("snapshots", index)
        for persona in snapshot.personas:
            context.ref(refs.PERSONA, document, (*path, "personas", persona), persona)
        for channel in snapshot.channels:
            context.ref_in(
                channels, refs.SOURCE_CHANNEL, document, (*path, "channels", channel), channel
            )
        entries.append(_Entry(document, path, snapshot))
    return entries


def _check_dates(
    context: Context,
    kind: Kind,
    document: Document,
    items: str,
    dates: Sequence[dt.date],
    event: Event | None,
) -> None:
    """Each date in its file's window, in order, and once (once a week, for weekly files)."""
    window = WINDOWS[kind](event) if event is not None else None
    seen: dict[str, int] = {}
    for index, day in enumerate(dates):
        path: FieldPath = (items, index, "date")
        if window is not None and not window.holds(day):
            context.report(
                document,
                path,
                f"{day.isoformat()} is outside this file's reporting window, "
                f"{window.said()}; check the date, or move the entry to the file that "
                "covers it",
            )
            continue
        if index and day < dates[index - 1]:
            context.report(
                document,
                path,
                f"entries are listed oldest first, but {day.isoformat()} comes before "
                f"{dates[index - 1].isoformat()} above it; move it up",
            )
        when = day.isoformat()
        if kind is WEEKLY_RESULTS and event is not None:
            when = f"week {week_label(event_week_number(event, day))}"
        if when in seen:
            line = document.mark((items, seen[when], "date")).line
            context.report(
                document,
                path,
                f"there is already an entry for {when} on line {line}; keep one, with the "
                "totals to its date",
            )
        seen.setdefault(when, index)


def _check_funnel(context: Context, stream: list[_Entry]) -> None:
    """No count exceeds the stage before it, reading every snapshot in date order and taking
    each count's latest value, as the results page does."""
    latest: dict[tuple[str, str], tuple[int | float, _Entry, FieldPath]] = {}
    for entry in sorted(stream, key=lambda entry: entry.snapshot.date):
        groups: list[tuple[str, FieldPath, Counts]] = [
            (persona, ("personas", persona), counts)
            for persona, counts in entry.snapshot.personas.items()
        ]
        if entry.snapshot.untagged is not None:
            groups.append(("", ("untagged",), entry.snapshot.untagged))
        for who, where, counts in groups:
            given = {name for name, value in counts if value is not None}
            for name in given:
                here = (*entry.path, *where, name)
                latest[(who, name)] = (getattr(counts, name), entry, here)
            for later, earlier in FUNNEL:
                if later not in given and earlier not in given:
                    continue
                high, low = latest.get((who, later)), latest.get((who, earlier))
                if high is None or low is None or high[0] <= low[0]:
                    continue
                blamed, other = (high, low) if later in given else (low, high)
                _report_funnel(context, blamed, other, later, earlier)


def _report_funnel(
    context: Context,
    blamed: tuple[int | float, _Entry, FieldPath],
    other: tuple[int | float, _Entry, FieldPath],
    later: str,
    earlier: str,
) -> None:
    _, entry, path = blamed
    _, other_entry, other_path = other
    line = other_entry.document.mark(other_path).line
    where = (  # the results files of a program sit side by side: a name says which
        f"line {line}"
        if other_entry.document.path == entry.document.path
        else f"{other_entry.document.path.name} line {line}"
    )
    if path[-1] == later:
        comparison = f"{later} ({blamed[0]:g}) is more than {earlier} ({other[0]:g}, {where})"
    else:
        comparison = f"{earlier} ({blamed[0]:g}) is less than {later} ({other[0]:g}, {where})"
    context.report(entry.document, path, f"{comparison}, but {_WHY[later]}; check both counts")


_WHY = {
    "registered": "nobody registers without an invitation (leave `invited` out if not "
    "everyone was invited)",
    "attended": "nobody attends without registering",
    "adopted": "adoption is counted among those who attended",
    "accelerated": "an accelerated opportunity is one of the opportunities",
}


def _check_fills(
    context: Context, loaded: Loaded[SessionFills], program_id: str, program: Program | None
) -> None:
    document = loaded.document
    seen: dict[str, int] = {}
    for index, fill in enumerate(loaded.model.sessions):
        if fill.session in seen:
            line = document.mark(("sessions", seen[fill.session], "session")).line
            context.report(
                document,
                ("sessions", index, "session"),
                f"`{fill.session}` already has its fill on line {line}; keep one",
            )
        seen.setdefault(fill.session, index)
    known: set[str] | None = None
    if program is not None:
        known = set()
        for files in context.session_files.get(program_id, []):
            for session in files.model.sessions:
                known |= {session.id, *session.formerly}
    for index, fill in enumerate(loaded.model.sessions):
        context.ref_in(known, refs.SESSION, document, ("sessions", index, "session"), fill.session)


def _check_surveys(context: Context, loaded: Loaded[Surveys], event: Event | None) -> None:
    document = loaded.document
    surveys = loaded.model.surveys
    _check_dates(context, SATISFACTION, document, "surveys", [s.date for s in surveys], event)
    for index, survey in enumerate(surveys):
        for persona in survey.personas:
            here: FieldPath = ("surveys", index, "personas", persona)
            context.ref(refs.PERSONA, document, here, persona)
