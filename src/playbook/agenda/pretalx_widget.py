"""pretalx's schedule widget data (`/{event}/schedule/widgets/schedule.json`): flat `talks` that
point by id at `rooms` and `tracks` and by code at `speakers`, times with their offsets, names
either text or translations (`{"en": …, "de": …}`).

It is pretalx's own feed for its widget, not a published format, and it has no session type and
no link: prefer the event's `schedule.json`. Breaks (no `code`) are left out. A talk's day is
counted from `event_start`, and like pretalx's exports a talk before 03:00 belongs to the day
before (except on the first day).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from playbook.agenda.common import (
    ImportedSession,
    in_zone,
    one_line,
    parse_date,
    parse_moment,
    plain_text,
    short,
)
from playbook.agenda.json_text import JsonPath, JsonReader, kind

DAY_CHANGE = dt.time(3, 0)
"""pretalx's exports list a talk that starts before this under the day before."""


def read_pretalx_widget(reader: JsonReader, zone: ZoneInfo) -> list[ImportedSession]:
    """Every talk in pretalx's widget data."""
    root = reader.obj(reader.document.value, ())
    talks = reader.array(reader.member(root, (), "talks"), ("talks",))
    rooms = _names(reader, root, "rooms", "id")
    tracks = _names(reader, root, "tracks", "id")
    speakers = _names(reader, root, "speakers", "code")
    first = reader.text(root, (), "event_start", ', such as "2027-02-09"')
    if first is None:
        raise reader.fail(("event_start",), "is missing: the widget data gives the first day")
    try:
        first_day = parse_date(first)
    except ValueError as error:
        raise reader.fail(("event_start",), str(error)) from None
    sessions: list[ImportedSession] = []
    for position, value in enumerate(talks):
        path: JsonPath = ("talks", position)
        talk = reader.obj(value, path)
        code = reader.text(talk, path, "code")
        if code is None or not code.strip():
            continue  # a break
        title = one_line(_translated(reader, talk.get("title"), (*path, "title")))
        if title is None:
            raise reader.fail((*path, "title"), "is missing or empty: every talk has a title")
        start, local = _moment(reader, talk, path, "start", zone)
        if "end" in talk:
            minutes = (_moment(reader, talk, path, "end", zone)[0] - start) // dt.timedelta(
                minutes=1
            )
        else:
            duration = talk.get("duration")
            if isinstance(duration, bool) or not isinstance(duration, int):
                raise reader.fail((*path, "duration"), f"is {kind(duration)}, not minutes")
            minutes = duration
        if minutes < 0:
            raise reader.fail((*path, "end"), "is before start")
        date = local.date()
        if local.time() < DAY_CHANGE and date != first_day:
            date -= dt.timedelta(days=1)
        if date < first_day:
            raise reader.fail((*path, "start"), f"is before the event's first day, {first}")
        sessions.append(
            ImportedSession(
                key=code.strip(),
                title=title,
                abstract=plain_text(reader.text(talk, path, "abstract")),
                track=_pick(reader, tracks, talk, path, "track"),
                format=None,
                day=(date - first_day).days + 1,
                start=start,
                duration=minutes,
                room=_pick(reader, rooms, talk, path, "room"),
                speakers=_speakers(reader, speakers, talk, path),
                url=None,
            )
        )
    return sessions


def _moment(
    reader: JsonReader, talk: dict[str, object], path: JsonPath, name: str, zone: ZoneInfo
) -> tuple[dt.datetime, dt.datetime]:
    """`start` or `end`: in `zone`, and as the source wrote it (the event's wall clock)."""
    text = reader.text(talk, path, name, ', such as "2027-02-09T10:15:00-06:00"')
    if text is None:
        raise reader.fail((*path, name), "is missing: a scheduled talk has start and end")
    try:
        moment = parse_moment(text)
        return in_zone(moment, zone), moment
    except ValueError as error:
        raise reader.fail((*path, name), str(error)) from None


def _translated(reader: JsonReader, value: object, path: JsonPath) -> str | None:
    """A name that is text, or translations of it: the English one, else the first."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        texts = {language: reader.text(value, path, language) for language in value}
        return texts.get("en") or next((text for text in texts.values() if text), None)
    raise reader.fail(path, f"is {kind(value)}, where the format has text or translations")


def _names(reader: JsonReader, root: dict[str, object], name: str, key: str) -> dict[str, str]:
    """`rooms`, `tracks` or `speakers` as id (or code) → name."""
    names: dict[str, str] = {}
    for position, value in enumerate(reader.array(root.get(name) or [], (name,))):
        path: JsonPath = (name, position)
        item = reader.obj(value, path)
        ident = reader.ident(item, path, key)
        text = one_line(_translated(reader, item.get("name"), (*path, "name")))
        if ident is None or text is None:
            raise reader.fail(path, f"needs `{key}` and `name`")
        names[ident] = text
    return names


def _pick(
    reader: JsonReader, names: dict[str, str], talk: dict[str, object], path: JsonPath, name: str
) -> str | None:
    """The room or track a talk points at by id; None when it points at none."""
    ident = reader.ident(talk, path, name)
    if ident is None:
        return None
    if ident not in names:
        raise reader.fail((*path, name), f"is {short(ident)}, which is not in `{name}s`")
    return names[ident]


def _speakers(
    reader: JsonReader, speakers: dict[str, str], talk: dict[str, object], path: JsonPath
) -> tuple[str, ...]:
    """The talk's speakers' names, from their codes."""
    names: list[str] = []
    for number, value in enumerate(reader.array(talk.get("speakers") or [], (*path, "speakers"))):
        if not isinstance(value, str) or value not in speakers:
            message = f"is {kind(value)}, not a speaker's code"
            raise reader.fail((*path, "speakers", number), message)
        names.append(speakers[value])
    return tuple(names)
