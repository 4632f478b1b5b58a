"""`playbook results import`: an export counted into a program's snapshot, totals only.

The export is read (and refused if malformed), counted as the program's mapping says with every
tag value checked, and the totals are written into the snapshots file of its date, after the
playbook with them has been validated on a copy. Nothing is written when anything is wrong; the
export itself is never copied, and no row, name or address ever reaches a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from playbook.dates import week_label
from playbook.layout import (
    EVENT_DAY_RESULTS,
    MONTHLY_RESULTS,
    RESULTS_FILES,
    WEEKLY_RESULTS,
    Kind,
)
from playbook.models.playbook import Playbook
from playbook.models.program import Program
from playbook.models.results import ExportMapping
from playbook.problems import counted, did_you_mean, display_path, one_of
from playbook.rehearse import problems_after
from playbook.results.exports import Export, ExportError, read_export
from playbook.results.tally import Tally, tally
from playbook.results.windows import WINDOWS, event_week_number, snapshot_kind
from playbook.results.writer import updated_text
from playbook.validate.refs import SOURCE_CHANNEL_FIELD

SNAPSHOT_FILES = {
    "weekly": WEEKLY_RESULTS,
    "event-days": EVENT_DAY_RESULTS,
    "monthly": MONTHLY_RESULTS,
}
"""The files an import can write, by the name `--into` takes."""


class ImportRefused(Exception):
    """The import cannot go ahead: the message says why, `details` list each problem."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


@dataclass(frozen=True)
class Imported:
    """What an import counted, and where it wrote (or would write) it."""

    path: Path
    kind: Kind
    program: Program
    as_of: dt.date
    mapping: ExportMapping
    tally: Tally
    playbook: Playbook

    def report(self, *, dry_run: bool) -> list[str]:
        """What was imported, in lines for the terminal."""
        verb = "Would import" if dry_run else "Imported"
        when = self.as_of.isoformat()
        if self.kind is WEEKLY_RESULTS:
            when += f", week {week_label(event_week_number(self.program.event, self.as_of))}"
        lines = [
            f"{verb} {counted(self.tally.rows, 'row')} of the {_label(self.mapping)} into "
            f"{display_path(self.path)} (the snapshot of {when}):"
        ]
        names = {pid: persona.short_name for pid, persona in self.playbook.personas.items()}
        for stage in self.tally.stages:
            counts = [
                f"{names.get(pid, pid)} {_number(totals.get(stage, 0))}"
                for pid, totals in self.tally.personas.items()
            ]
            if self.tally.untagged_rows:
                counts.append(f"untagged {_number(self.tally.untagged.get(stage, 0))}")
            lines.append(f"  {stage}: {', '.join(counts) or 'none'}")
        if self.tally.channels:
            channels = ", ".join(f"{c} {n}" for c, n in sorted(self.tally.channels.items()))
            lines.append(f"  registrations by channel: {channels}")
        lines.append("Tag coverage: " + "; ".join(self._coverage()) + ".")
        if self.tally.unknown_rows:
            lines.append(
                f"{counted(self.tally.unknown_rows, 'row')} with a value the tagging schema does "
                "not list counted as untagged (`--unknown-as-untagged`)."
            )
        lines.append("Only these totals are written: no row, name or address of the export.")
        return lines

    def _coverage(self) -> list[str]:
        fields = {tag_field.id: tag_field for tag_field in self.playbook.tagging.fields}
        shown = []
        for field_id in self.mapping.columns:
            part = f"{fields[field_id].name} {self.tally.coverage(field_id):.1f}%"
            if fields[field_id].values_from == "personas" and self.tally.untagged_rows:
                untagged = len(self.tally.untagged_rows)
                part += (
                    f" ({counted(untagged, 'row')} without a persona: "
                    f"{self.tally.shown_untagged()})"
                )
            shown.append(part)
        return shown


def run_results_import(
    playbook: Playbook,
    program_id: str,
    file: Path,
    as_of: dt.date,
    *,
    export_id: str | None = None,
    into: str | None = None,
    dry_run: bool = False,
    unknown_as_untagged: bool = False,
) -> Imported:
    """Count `file` into the program's results as of `as_of`; raises ImportRefused, having
    written nothing, when anything is wrong."""
    program = _program(playbook, program_id)
    _outside_the_data(playbook, file)
    kind = SNAPSHOT_FILES[into] if into else snapshot_kind(program.event, as_of)
    window = WINDOWS[kind](program.event)
    if not window.holds(as_of):
        raise ImportRefused(
            f"{as_of.isoformat()} is outside the reporting window of "
            f"{display_path(_results_path(playbook, program_id, kind))}, {window.said()}; "
            "check --as-of"
        )
    try:
        export = read_export(file)
        mapping = _mapping(program, program_id, export, export_id)
        export.require(_headers(mapping))
    except ExportError as error:
        raise ImportRefused(str(error)) from None
    counts = tally(export, mapping, playbook)
    _refuse_problems(export, counts, unknown_as_untagged)
    path = _results_path(playbook, program_id, kind)
    audiences = [audience.persona for audience in program.audiences]
    channels = next((f.values for f in playbook.tagging.fields if f.id == SOURCE_CHANNEL_FIELD), [])
    source = _source(mapping, counts)
    personas = audiences or list(playbook.personas)
    text = updated_text(path, kind, program.event, as_of, counts, source, personas, channels)
    problems = problems_after(playbook.data_dir, {path: text})
    if problems:
        raise ImportRefused("the totals would leave the playbook invalid", problems)
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Imported(path, kind, program, as_of, mapping, counts, playbook)


def _program(playbook: Playbook, program_id: str) -> Program:
    program = playbook.programs.get(program_id)
    if program is None:
        guess = did_you_mean(program_id, playbook.programs)
        hint = f"; did you mean `{guess}`?" if guess else ""
        raise ImportRefused(f"there is no program `{program_id}`{hint}")
    return program


def _outside_the_data(playbook: Playbook, file: Path) -> None:
    """Refuse an export kept inside the data folder: it would be committed with the playbook."""
    if file.resolve().is_relative_to(playbook.data_dir.resolve()):
        raise ImportRefused(
            f"{display_path(file)} is inside the playbook's data folder, so it could be "
            "committed with the playbook; move it out (e.g. to your Downloads folder) and "
            "import it from there"
        )


def _mapping(
    program: Program, program_id: str, export: Export, export_id: str | None
) -> ExportMapping:
    """The program's mapping for `export`: the one named, the only one, or the one whose
    columns the export has (or has most of)."""
    mappings = program.results.exports if program.results else []
    where = f"programs/{program_id}/program.yml"
    if not mappings:
        raise ImportRefused(
            f"{where} says nothing about reading exports yet: add `results: exports:` with the "
            "export's columns for each tagging field (README, Results)"
        )
    if export_id is not None:
        chosen = [m for m in mappings if m.id == export_id]
        if not chosen:
            ids = [m.id for m in mappings]
            guess = did_you_mean(export_id, ids)
            hint = f"did you mean `{guess}`?" if guess else f"the exports are {one_of(ids)}"
            raise ImportRefused(f"{where} has no export `{export_id}`; {hint}")
        return chosen[0]
    if len(mappings) == 1:
        return mappings[0]
    # The one whose columns the export has; failing that, the one it has most columns of
    # (its missing columns are then named).
    present = {m.id: sum(h in export.header for h, _ in _headers(m)) for m in mappings}
    fitting = [m for m in mappings if present[m.id] == len(_headers(m))]
    if not fitting:
        most = max(present.values())
        fitting = [m for m in mappings if most and present[m.id] == most]
    if len(fitting) == 1:
        return fitting[0]
    ids = [m.id for m in (fitting or mappings)]
    raise ImportRefused(f"say which of the exports in {where} this is, with --export {one_of(ids)}")


def _headers(mapping: ExportMapping) -> list[tuple[str, str]]:
    """Every column the mapping reads, with what reads it."""
    reader = f"the export mapping `{mapping.id}` in program.yml"
    headers = [(header, f"{reader} ({field_id})") for field_id, header in mapping.columns.items()]
    if mapping.status is not None:
        headers.append((mapping.status.column, f"{reader} (status)"))
    headers += [(header, f"{reader} ({stage})") for stage, header in mapping.sums.items()]
    return headers


def _refuse_problems(export: Export, counts: Tally, unknown_as_untagged: bool) -> None:
    blocking = [p for p in counts.problems if not (p.tag and unknown_as_untagged)]
    if not blocking:
        return
    tags = any(problem.tag for problem in blocking)
    advice = (
        "; fix the values in the system the export comes from and export again, or import "
        "with --unknown-as-untagged to count those rows as untagged"
        if tags
        else "; fix them and export again"
    )
    raise ImportRefused(
        f"{counted(len(blocking), 'problem')} in {display_path(export.path)}{advice}",
        [problem.format(export) for problem in blocking],
    )


def _results_path(playbook: Playbook, program_id: str, kind: Kind) -> Path:
    name = next(name for name, each in RESULTS_FILES.items() if each is kind)
    return playbook.data_dir / "programs" / program_id / "results" / name


def _label(mapping: ExportMapping) -> str:
    return mapping.name or f"{mapping.id} export"


def _source(mapping: ExportMapping, counts: Tally) -> str:
    return f"{_label(mapping)}, {counted(counts.rows, 'row')}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
