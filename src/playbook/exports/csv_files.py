"""The CSV downloads: sessions, the tagging schema, KPI targets, snippets and results.

Every cell goes through `csv_cell`, the one escaping function for CSV: a spreadsheet reads a
cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some strip first)
as a formula, so such a cell gets a leading `'`, which shows it as text (CSV injection). Quoting
of commas, quotes and line breaks is the `csv` module's.

Files are UTF-8 with a byte order mark and CRLF line ends (RFC 4180): Excel opens a CSV without
the mark in the system's legacy code page, turning "Müller" or an en dash into mojibake; with it,
Excel, Numbers, LibreOffice, Google Sheets and the CRM import wizards read UTF-8, and Python
reads it with `encoding="utf-8-sig"`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from playbook.dates import session_date
from playbook.index import Index
from playbook.models.playbook import Playbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take as the start of a formula."""
ENCODING = "utf-8-sig"


def csv_cell(value: object) -> str:
    """`value` as a CSV cell's text: None is empty, booleans are yes/no, numbers as they are,
    and text a spreadsheet would run as a formula starts with `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):  # a number is never a formula, even a negative one
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file of `rows` under `header`, every cell through `csv_cell`."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(name) for name in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue().encode(ENCODING)


SESSIONS_HEADER = (
    "program_id", "program", "session_id", "title", "track", "format", "day", "date", "start",
    "duration_minutes", "time_zone", "room", "persona_id", "persona", "persona_role", "angle",
    "call_to_action", "cancelled", "url",
)  # fmt: skip


def sessions_csv(playbook: Playbook) -> bytes:
    """Every session of every program, one row per session and persona it serves (primary
    first); a session serving nobody has one row without a persona."""
    rows = []
    for program_id, program in playbook.programs.items():
        tracks = {track.id: track.name for track in program.tracks}
        event = program.event
        for session in playbook.sessions.get(program_id, ()):
            served: list[tuple[str | None, str | None]] = [
                *((pid, "primary") for pid in session.personas.primary),
                *((pid, "secondary") for pid in session.personas.secondary),
            ]
            date = session_date(event, session)
            common = [
                program_id, program.name, session.id, session.title,
                tracks.get(session.track, session.track), session.format, session.day,
                date.isoformat() if date else None, session.start, session.duration,
                event.time_zone, session.room,
            ]  # fmt: skip
            for pid, role in served or [(None, None)]:
                persona = playbook.personas[pid].name if pid else None
                angle = session.angles.get(pid) if pid else None
                cta = session.cta.get(pid) if pid else None
                rows.append(
                    [*common, pid, persona, role, angle, cta, session.cancelled, session.url]
                )
    return csv_bytes(SESSIONS_HEADER, rows)


TAGGING_HEADER = ("field_id", "field", "api_name", "required", "value", "description")


def tagging_csv(playbook: Playbook) -> bytes:
    """The tagging schema as CRM picklists: one row per field and allowed value (a field with
    no list of values has one row without a value)."""
    rows = []
    personas = [persona.short_name for persona in playbook.personas.values()]
    for field in playbook.tagging.fields:
        values: list[str | None] = list(
            personas if field.values_from == "personas" else field.values
        )
        for value in values or [None]:
            rows.append(
                [field.id, field.name, field.crm_field, field.required, value, field.description]
            )
    return csv_bytes(TAGGING_HEADER, rows)


KPIS_HEADER = (
    "program_id", "program", "stage_id", "stage", "metric", "persona_id", "persona", "target",
    "note",
)  # fmt: skip


def kpis_csv(playbook: Playbook, index: Index) -> bytes:
    """KPI targets per program, stage and persona: one row per KPI and persona it applies to,
    with the persona's own target or the common one (empty: tracked, no target)."""
    rows = []
    for program_id, kpis in playbook.kpis.items():
        program = playbook.programs[program_id]
        stages = {stage.id: stage.name for stage in kpis.stages}
        personas = index.program_personas(program_id)
        for stage in kpis.stages:
            for kpi in kpis.kpis:
                if kpi.stage != stage.id:
                    continue
                for pid in personas:
                    if kpi.personas and pid not in kpi.personas:
                        continue
                    rows.append(
                        [
                            program_id, program.name, stage.id, stages[stage.id], kpi.metric,
                            pid, playbook.personas[pid].name, kpi.by_persona.get(pid, kpi.target),
                            kpi.note,
                        ]
                    )  # fmt: skip
    return csv_bytes(KPIS_HEADER, rows)


SNIPPETS_HEADER = (
    "snippet_id", "persona_id", "persona", "channel_id", "channel", "program_id", "stage",
    "test", "variant", "subject", "body", "call_to_action", "cta_url", "status", "owner",
)  # fmt: skip


def snippets_csv(playbook: Playbook) -> bytes:
    """Every messaging snippet, for marketing-automation import."""
    rows = [
        [
            s.id, s.persona, playbook.personas[s.persona].name, s.channel,
            playbook.channels[s.channel].name, s.program, s.stage,
            s.variant.test if s.variant else None, s.variant.label if s.variant else None,
            s.subject, s.body, s.cta, s.cta_url, s.status, s.owner,
        ]
        for s in playbook.snippets
    ]  # fmt: skip
    return csv_bytes(SNIPPETS_HEADER, rows)


RESULTS_HEADER = (
    "program_id", "program", "persona_id", "persona", "measure", "label", "results_to",
    "result", "target", "expected_by_pace", "variance", "mark",
)  # fmt: skip


def results_csv(playbook: Playbook, index: Index) -> bytes:
    """Each program's latest results against their targets: one row per program, persona and
    measure, numbers as numbers (the mark is ahead, on or behind; empty without a target)."""
    rows = []
    for program_id, figures in index.results.programs.items():
        for pid, results in figures.personas.items():
            for row in results.rows:
                rows.append(
                    [
                        program_id, figures.program.name, pid, playbook.personas[pid].name,
                        row.spec.id, row.label, results.as_of.isoformat(), _number(row.value),
                        row.target, _number(row.expected), _number(row.variance), row.mark,
                    ]
                )  # fmt: skip
    return csv_bytes(RESULTS_HEADER, rows)


def _number(value: float | None) -> int | float | None:
    """A number for a spreadsheet: whole numbers without decimals, others to two places."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)
