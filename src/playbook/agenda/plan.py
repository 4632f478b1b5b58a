"""What an import does to a program's session files, worked out before anything is written.

The platform owns a session's title, abstract, track, format, day, start, duration, room,
speakers and link; the playbook owns whom it serves (personas, angles, calls to action,
clusters, proof) and never loses them. Sessions are matched by their key on the platform
(`source.key`), never by title. One the platform no longer lists is marked `cancelled`, not
deleted; one it lists for the first time arrives with no personas, for a content lead to map.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from playbook.agenda.sources import Agenda, ImportedSession
from playbook.agenda.yaml_files import SessionFiles
from playbook.models.program import Program, SessionFormat
from playbook.problems import counted, did_you_mean, one_of

FORMATS: tuple[str, ...] = get_args(SessionFormat)
# Platform words for the playbook's formats, where they differ.
_FORMAT_WORDS = {"talk": "session", "presentation": "session", "lecture": "session"}


@dataclass
class Plan:
    """The changes an import makes, the files it writes, and why it cannot, if it cannot."""

    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    retitled: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files: SessionFiles | None = None

    def summary(self) -> str:
        """`3 added, 1 moved (Day 1 10:15 → 11:00), 1 retitled, 1 cancelled; 2 new sessions
        need personas` (or `no change`)."""
        parts = []
        for word, items in (
            ("added", self.added),
            ("moved", self.moved),
            ("retitled", self.retitled),
            ("cancelled", self.cancelled),
            ("back on the agenda", self.restored),
            ("otherwise updated", self.updated),
        ):
            if items:
                detail = ""
                if word == "moved":
                    detail = " (" + "; ".join(item.split(": ", 1)[1] for item in items) + ")"
                parts.append(f"{len(items)} {word}{detail}")
        text = ", ".join(parts) or "no change"
        if self.added:
            count = len(self.added)
            text += f"; {counted(count, 'new session')} need{'s' if count == 1 else ''} personas"
        return text


def plan(agenda: Agenda, program: Program, sessions_dir: Path) -> Plan:
    """What importing `agenda` into the program's `sessions_dir` does."""
    result = Plan()
    settings = program.agenda
    tracks = _track_resolver(program, result)
    formats: dict[str, str] = dict(settings.formats) if settings else {}
    files = SessionFiles.read(sessions_dir)
    existing = {
        (entry.get("source") or {}).get("key"): (name, entry)
        for name, entry in files.entries()
        if (entry.get("source") or {}).get("platform") == agenda.format
    }
    zone = zoneinfo.ZoneInfo(program.event.time_zone)
    taken = {str(entry.get("id")) for _, entry in files.entries()}
    taken |= {str(old) for _, entry in files.entries() for old in entry.get("formerly") or []}
    new_file = settings.file if settings else "imported"
    for imported in agenda.sessions:
        track = tracks(imported)
        fmt = _format(imported, formats, result)
        if track is None or fmt is None:
            continue
        values = _platform_values(imported, track, fmt, program, zone)
        match = existing.pop(imported.key, None)
        if match is None:
            session_id = _new_id(imported.title, taken)
            taken.add(session_id)
            entry = _new_entry(session_id, values, agenda.format, imported.key)
            files.append(new_file, entry)
            result.added.append(session_id)
        else:
            _update(match[1], values, result)
    for _name, entry in existing.values():
        if not entry.get("cancelled"):
            entry["cancelled"] = True
            result.cancelled.append(str(entry["id"]))
    result.files = files
    return result


def _track_resolver(program: Program, result: Plan) -> Callable[[ImportedSession], str | None]:
    mapped: dict[str, str] = dict(program.agenda.tracks) if program.agenda else {}
    by_id = {track.id: track for track in program.tracks}
    by_name = {track.name.lower(): track.id for track in program.tracks}
    reported: set[str] = set()

    def resolve(imported: ImportedSession) -> str | None:
        name = imported.track
        if name is None:
            if "" not in reported:
                reported.add("")
                result.problems.append(
                    f"session `{imported.key}` ({imported.title}) has no track on the platform; "
                    "give it one there, or for Sessionize name the category that holds tracks "
                    "under `agenda: sessionize: track:` in program.yml"
                )
            return None
        if name in mapped:
            return mapped[name]
        if name in by_id:
            return name
        if name.lower() in by_name:
            return by_name[name.lower()]
        if name not in reported:
            reported.add(name)
            guess = did_you_mean(name, [*by_id, *(t.name for t in program.tracks)])
            hint = f"did you mean `{by_name.get(guess.lower(), guess)}`? " if guess else ""
            example = by_name.get(guess.lower(), guess) if guess else sorted(by_id)[0]
            result.problems.append(
                f"the platform's track `{name}` is none of this program's tracks "
                f"({one_of(sorted(by_id))}); {hint}map it in program.yml under "
                f"`agenda: tracks:`, e.g. `{name}: {example}`"
            )
        return None

    return resolve


def _format(imported: ImportedSession, mapped: dict[str, str], result: Plan) -> str | None:
    name = imported.format
    if name is None:
        return "session"
    if name in mapped:
        return mapped[name]
    word = name.strip().lower()
    word = _FORMAT_WORDS.get(word, word)
    if word in FORMATS:
        return word
    guess = did_you_mean(word, FORMATS)
    message = (
        f"the platform's session type `{name}` is none of the playbook's formats "
        f"({one_of(FORMATS)}); "
        + (f"did you mean `{guess}`? " if guess else "")
        + f"map it in program.yml under `agenda: formats:`, e.g. `{name}: {guess or 'session'}`"
    )
    if message not in result.problems:
        result.problems.append(message)
    return None


def _platform_values(
    imported: ImportedSession, track: str, fmt: str, program: Program, zone: zoneinfo.ZoneInfo
) -> dict[str, Any]:
    """The fields the platform owns, as the session file writes them."""
    local = imported.start.astimezone(zone)
    listed_on = program.event.start_date + dt.timedelta(days=imported.day - 1)
    return {
        "title": imported.title,
        "track": track,
        "format": fmt,
        "abstract": _text(imported.abstract),
        "day": imported.day,
        "start": DoubleQuotedScalarString(f"{local:%H:%M}"),
        "date": local.date() if local.date() != listed_on else None,
        "duration": imported.duration or None,
        "room": imported.room,
        "speakers": [{"name": name} for name in imported.speakers] or None,
        "url": imported.url,
    }


def _text(value: str | None) -> str | None:
    """Text of several lines as a literal block (`|-`), as the playbook's files write it."""
    return LiteralScalarString(value) if value and "\n" in value else value


def _when(entry: CommentedMap) -> str:
    date = f" ({entry['date']})" if entry.get("date") else ""
    return f"Day {entry.get('day')} {entry.get('start')}{date}"


def _moved(before: str, after: str) -> str:
    """`Day 1 10:15 → 11:00`, or the whole of both where the day changed too."""
    day = " ".join(before.split(" ")[:2])
    if after.startswith(day + " "):
        return f"{before} → {after.removeprefix(day + ' ')}"
    return f"{before} → {after}"


def _update(entry: CommentedMap, values: dict[str, Any], result: Plan) -> None:
    """Set the platform's fields on an existing session; leave the playbook's alone."""
    session_id = str(entry["id"])
    when, title = _when(entry), entry.get("title")
    changed = False
    for key, value in values.items():
        if key == "speakers" and value is not None:
            value = _speakers(entry.get("speakers"), value)
        if value is None and key in entry:
            del entry[key]
            changed = True
        elif value is not None and entry.get(key) != value:
            entry[key] = value
            changed = True
    if entry.get("cancelled"):
        del entry["cancelled"]
        result.restored.append(session_id)
    if _when(entry) != when:
        result.moved.append(f"{session_id}: {_moved(when, _when(entry))}")
    if entry.get("title") != title:
        result.retitled.append(session_id)
    if changed and _when(entry) == when and entry.get("title") == title:
        result.updated.append(session_id)


def _speakers(existing: Any, names: list[dict[str, str]]) -> list[Any]:
    """The platform's speakers, keeping the title and company the playbook added to each."""
    known = {str(item.get("name")): item for item in existing or [] if isinstance(item, dict)}
    return [known.get(item["name"], item) for item in names]


def _new_entry(session_id: str, values: dict[str, Any], platform: str, key: str) -> CommentedMap:
    entry = CommentedMap()
    entry["id"] = session_id
    for name, value in values.items():
        if value is not None:
            entry[name] = value
    source = CommentedMap()
    source["platform"] = platform
    source["key"] = DoubleQuotedScalarString(key)
    entry["source"] = source
    return entry


def _new_id(title: str, taken: set[str]) -> str:
    """An id from the title: lowercase words joined by hyphens, unique in the program."""
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if len(words) > 50:
        words = words[:51].rsplit("-", 1)[0]  # whole words only
    words = words or "session"
    candidate, number = words, 2
    while candidate in taken:
        candidate, number = f"{words}-{number}", number + 1
    return candidate
