"""An export's rows counted into aggregates per persona, channel and stage, tags checked.

Every row's tag values are checked against the tagging schema: a value the schema does not
list is reported with its row, its column and the nearest value it does list; a row with no
persona is counted as untagged. Only totals leave this module: no cell of any row is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from playbook.models.org import TagField
from playbook.models.playbook import Playbook
from playbook.models.results import ExportMapping
from playbook.problems import did_you_mean, one_of
from playbook.results.exports import Export
from playbook.validate.refs import SOURCE_CHANNEL_FIELD

CUMULATIVE = ("invited", "registered", "attended")
"""A status at one of these stages counts at every one before it too."""

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_SHOWN_ROWS = 10


@dataclass(frozen=True)
class RowProblem:
    """Something wrong in one cell of the export."""

    row: int
    column: str
    message: str
    tag: bool = False
    """An unknown tag value, which `--unknown-as-untagged` lets through as untagged."""

    def format(self, export: Export) -> str:
        return f"{export.path}, row {self.row}, column `{self.column}`: {self.message}"


@dataclass
class Tally:
    """What an export adds up to."""

    stages: tuple[str, ...]
    """The counts this export sets (a persona without rows gets 0 in each)."""
    counts_channels: bool = False
    """Whether it counts registrations per source channel."""
    rows: int = 0
    personas: dict[str, Counter[str]] = field(default_factory=dict)
    untagged: Counter[str] = field(default_factory=Counter)
    untagged_rows: list[int] = field(default_factory=list)
    """The rows with no persona tag (or, if asked, an unknown one)."""
    channels: Counter[str] = field(default_factory=Counter)
    """Registrations per source channel."""
    tagged: Counter[str] = field(default_factory=Counter)
    """How many rows carry a value, per tagging field mapped."""
    problems: list[RowProblem] = field(default_factory=list)
    unknown_rows: int = 0
    """Rows counted as untagged because a tag value was unknown."""

    def coverage(self, field_id: str) -> float:
        """The share of rows that carry a value for the field, in percent."""
        return 100 * self.tagged[field_id] / self.rows if self.rows else 100.0

    def shown_untagged(self) -> str:
        """`rows 14, 88 and 90` (the first few)."""
        rows = [str(row) for row in self.untagged_rows[:_SHOWN_ROWS]]
        more = len(self.untagged_rows) - len(rows)
        if more:
            rows.append(f"{more} more")
        return ("row " if len(rows) == 1 else "rows ") + (
            rows[0] if len(rows) == 1 else ", ".join(rows[:-1]) + " and " + rows[-1]
        )


@dataclass(frozen=True)
class _Column:
    """A tagging field as the export holds it: its column and its values, lowercased."""

    field: TagField
    header: str
    position: int
    values: dict[str, str]
    """Each allowed value, lowercased, to the value itself (or to the persona's id)."""
    shown: tuple[str, ...]
    """The allowed values as the schema lists them (for the persona field, short names)."""


def tally(export: Export, mapping: ExportMapping, playbook: Playbook) -> Tally:
    """Count `export`'s rows as `mapping` says; check every tag value. A value the schema does
    not list is a problem (`RowProblem.tag`), and the row counts as if it had none."""
    columns = _columns(export, mapping, playbook)
    persona_column = next((c for c in columns if c.field.values_from == "personas"), None)
    channel_column = next((c for c in columns if c.field.id == SOURCE_CHANNEL_FIELD), None)
    stages = _stages(mapping)
    result = Tally(stages, counts_channels=channel_column is not None and "registered" in stages)
    for number, cells in export.rows:
        counted = _row_stages(export, mapping, number, cells, result)
        if counted is None:
            continue
        result.rows += 1
        values, unknown = _tag_values(columns, number, cells, result)
        result.unknown_rows += unknown
        sums = _row_sums(export, mapping, number, cells, result)
        persona = values.get(persona_column.field.id) if persona_column else None
        if persona is None:
            result.untagged_rows.append(number)
            target = result.untagged
        else:
            target = result.personas.setdefault(persona, Counter())
        target.update(dict.fromkeys(counted, 1))
        target.update(sums)
        channel = values.get(channel_column.field.id) if channel_column else None
        if channel is not None and "registered" in counted:
            result.channels[channel] += 1
    return result


def _columns(export: Export, mapping: ExportMapping, playbook: Playbook) -> list[_Column]:
    fields = {tag_field.id: tag_field for tag_field in playbook.tagging.fields}
    columns = []
    for field_id, header in mapping.columns.items():
        tag_field = fields[field_id]
        if tag_field.values_from == "personas":
            shown = tuple(persona.short_name for persona in playbook.personas.values())
            values = {p.short_name.lower(): pid for pid, p in playbook.personas.items()}
        else:
            shown = tuple(tag_field.values)
            values = {value.lower(): value for value in tag_field.values}
        columns.append(_Column(tag_field, header, export.column(header), values, shown))
    return columns


def _stages(mapping: ExportMapping) -> tuple[str, ...]:
    stages: list[str] = []
    if mapping.stage is not None:
        stages.append(mapping.stage)
    if mapping.status is not None:
        for stage in mapping.status.values.values():
            if stage in CUMULATIVE:
                stages += CUMULATIVE[: CUMULATIVE.index(stage) + 1]
            elif stage != "ignore":
                stages.append(stage)
    stages += mapping.sums
    return tuple(dict.fromkeys(stages))


def _row_stages(
    export: Export, mapping: ExportMapping, number: int, cells: tuple[str, ...], result: Tally
) -> tuple[str, ...] | None:
    """What the row counts as; None for a row the mapping ignores or cannot place."""
    if mapping.status is None:
        return (mapping.stage,) if mapping.stage else ()
    header = mapping.status.column
    value = cells[export.column(header)].strip()
    known = {key.lower(): stage for key, stage in mapping.status.values.items()}
    stage = known.get(value.lower())
    if stage is None:
        listed = list(mapping.status.values)
        guess = did_you_mean(value, listed)
        hint = f"did you mean `{guess}`? Or map" if guess else "map"
        result.problems.append(
            RowProblem(
                number,
                header,
                f"{_quoted(value)} is not a status the mapping knows ({one_of(listed)}); {hint} it "
                "under `status: values:` in program.yml, to a stage or to `ignore`",
            )
        )
        return None
    if stage == "ignore":
        return None
    if stage in CUMULATIVE:
        return CUMULATIVE[: CUMULATIVE.index(stage) + 1]
    return (stage,)


def _tag_values(
    columns: list[_Column], number: int, cells: tuple[str, ...], result: Tally
) -> tuple[dict[str, str], bool]:
    """The row's known tag values by field id, and whether it had an unknown one."""
    values = {}
    unknown = False
    for column in columns:
        raw = cells[column.position].strip()
        if not raw:
            continue
        found = column.values.get(raw.lower())
        if found is None:
            unknown = True
            guess = did_you_mean(raw, column.shown)
            hint = f"did you mean `{guess}`?" if guess else f"its values are {one_of(column.shown)}"
            result.problems.append(
                RowProblem(
                    number,
                    column.header,
                    f"{_quoted(raw)} is not a value of the tagging schema's {column.field.name} "
                    f"field; {hint}",
                    tag=True,
                )
            )
            continue
        result.tagged[column.field.id] += 1
        values[column.field.id] = found
    return values, unknown


def _row_sums(
    export: Export, mapping: ExportMapping, number: int, cells: tuple[str, ...], result: Tally
) -> dict[str, float]:
    sums: dict[str, float] = {}
    for stage, header in mapping.sums.items():
        raw = cells[export.column(header)].strip()
        plain = raw.lstrip("$€£¥").replace(",", "").replace(" ", "")
        if not plain:
            continue
        if not _NUMBER.match(plain) or float(plain) < 0:
            result.problems.append(
                RowProblem(
                    number,
                    header,
                    f"{_quoted(raw)} is not a number of 0 or more; write digits only",
                )
            )
            continue
        sums[stage] = float(plain)
    return sums


def _quoted(cell: str) -> str:
    """A cell's value for a message, unless it may be personal: an address is not repeated."""
    if "@" in cell:
        return "a value that looks like an email address (is the mapping's column right?)"
    return f"`{cell[:40]}…`" if len(cell) > 40 else f"`{cell}`"
