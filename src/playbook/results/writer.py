"""An import's totals written into a program's snapshots file, and nothing else.

The snapshot of the import's date (for weekly files, of its week) is updated, or a new one is
put in date order; within it, only the counts the export holds change. Every persona of the
program and every source channel gets those counts, 0 where the export has no row for it (the
export is the whole list, and a count left out would be read from an older snapshot); what else
the file says (spend typed by hand, notes, comments) stays as it was.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from playbook.layout import WEEKLY_RESULTS, Kind
from playbook.models.program import Event
from playbook.results.tally import Tally
from playbook.results.windows import event_week_number

_ORDER = ("date", "source", "personas", "channels", "untagged", "note")


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, quoting and order kept
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def updated_text(
    path: Path,
    kind: Kind,
    event: Event,
    as_of: dt.date,
    tally: Tally,
    source: str,
    personas: Iterable[str],
    channels: Iterable[str],
) -> str:
    """The text of the snapshots file at `path` (a new one if missing) with `tally` written
    into the snapshot of `as_of`, for `personas` and `channels` (in their order) at least."""
    document = _load(path)
    snapshots = document.setdefault("snapshots", CommentedSeq())
    if not isinstance(snapshots, CommentedSeq):
        snapshots = document["snapshots"] = CommentedSeq()
    entry = _entry(snapshots, kind, event, as_of)
    entry["date"] = as_of
    entry["source"] = source
    order = list(personas)
    written = _mapping(entry, "personas")
    for persona in sorted(set(order) | set(tally.personas) | set(written), key=_ranked(order)):
        counts = _mapping(written, persona)
        _set_counts(counts, tally.stages, tally.personas.get(persona, Counter()))
    if tally.counts_channels:
        order = list(channels)
        written = _mapping(entry, "channels")
        for channel in sorted(set(order) | set(tally.channels) | set(written), key=_ranked(order)):
            _mapping(written, channel)["registrations"] = tally.channels.get(channel, 0)
    if tally.untagged_rows or "untagged" in entry:
        _set_counts(_mapping(entry, "untagged"), tally.stages, tally.untagged)
    _reorder(entry)
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    text = buffer.getvalue()
    if not text.startswith("# yaml-language-server"):
        text = f"# yaml-language-server: $schema=../../../../schemas/{kind.schema_file}\n" + text
    return text


def _load(path: Path) -> CommentedMap:
    if path.is_file():
        loaded = _yaml().load(path.read_text(encoding="utf-8"))
        if isinstance(loaded, CommentedMap):
            return loaded
    return CommentedMap()


def _entry(snapshots: CommentedSeq, kind: Kind, event: Event, as_of: dt.date) -> CommentedMap:
    """The snapshot `as_of` goes into: the one of its date (or week), else a new one in order."""

    def key(day: object) -> object:
        if not isinstance(day, dt.date):
            return None
        return event_week_number(event, day) if kind is WEEKLY_RESULTS else day

    position = len(snapshots)
    for index, entry in enumerate(snapshots):
        if not isinstance(entry, CommentedMap):
            continue
        if key(entry.get("date")) == key(as_of):
            return entry
        day = entry.get("date")
        if isinstance(day, dt.date) and day > as_of and position == len(snapshots):
            position = index
    entry = CommentedMap()
    snapshots.insert(position, entry)
    return entry


def _mapping(parent: CommentedMap, key: str) -> CommentedMap:
    value = parent.get(key)
    if not isinstance(value, CommentedMap):
        value = parent[key] = CommentedMap()
    return value


def _set_counts(counts: CommentedMap, stages: tuple[str, ...], totals: Counter[str]) -> None:
    for stage in stages:
        value = totals.get(stage, 0)
        counts[stage] = int(value) if float(value).is_integer() else round(float(value), 2)


def _ranked(order: list[str]) -> Callable[[str], tuple[int, str]]:
    def rank(persona: str) -> tuple[int, str]:
        return (order.index(persona) if persona in order else len(order), persona)

    return rank


def _reorder(entry: CommentedMap) -> None:
    """The snapshot's keys in the order the playbook writes them; others after."""
    keys = [key for key in _ORDER if key in entry] + [key for key in entry if key not in _ORDER]
    for key in keys:
        entry.move_to_end(key)
