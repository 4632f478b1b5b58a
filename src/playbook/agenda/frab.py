"""The frab/pretalx schedule, as c3voc's schema describes it: `schedule.conference.days[]`, each
day's `rooms` an object from room name to its events. `frab_session` reads one event, from this
JSON or from the XML (`frab_xml`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from playbook.agenda.common import (
    DATE_ONLY,
    AgendaError,
    ImportedSession,
    https_url,
    in_zone,
    one_line,
    parse_date,
    parse_duration,
    parse_moment,
    plain_text,
    short,
    talk_code,
)
from playbook.agenda.json_text import JsonPath, JsonReader, kind

TEXT_FIELDS: tuple[str, ...] = ("code", "guid", "slug", "date", "start", "duration", "room")
TEXT_FIELDS += ("url", "title", "track", "type", "abstract", "description")
"""The event's fields read as text (`id` and `persons` are read apart)."""
_HINTS = {
    "duration": ', such as "00:30"',
    "date": ', such as "2027-02-09T10:15:00-06:00"',
    "start": ', such as "10:15"',
}


@dataclass(frozen=True)
class FrabEvent:
    """One event of a frab/pretalx schedule, its fields as text, from JSON or XML."""

    fields: Mapping[str, str | None]
    ident: str | None
    persons: tuple[str, ...]
    day: int
    day_date: dt.date | None
    day_start: dt.datetime | None
    room: str | None
    fail: Callable[[str, str], AgendaError]
    """An AgendaError about one of the event's fields, at its line."""


def frab_session(event: FrabEvent, zone: ZoneInfo) -> ImportedSession:
    """The session an event of a frab/pretalx schedule describes."""
    fields = event.fields
    title = one_line(fields.get("title"))
    if title is None:
        raise event.fail("title", "is missing or empty: every event has a title")
    duration = fields.get("duration")
    if duration is None:
        raise event.fail("duration", 'is missing: every event has one, such as "00:30"')
    try:
        minutes = parse_duration(duration)
    except ValueError as error:
        raise event.fail("duration", str(error)) from None
    return ImportedSession(
        key=_key(event),
        title=title,
        abstract=plain_text(fields.get("abstract")) or plain_text(fields.get("description")),
        track=one_line(fields.get("track")),
        format=one_line(fields.get("type")),
        day=event.day,
        start=_start(event, zone),
        duration=minutes,
        room=one_line(fields.get("room")) or one_line(event.room),
        speakers=event.persons,
        url=https_url(fields.get("url")),
    )


def _key(event: FrabEvent) -> str:
    """pretalx's code, or the code in the talk's url (old pretalx exports carry no `code`), else
    the guid, else the id. The slug holds the title, so that a retitled talk would look new: it
    is the last resort."""
    fields = event.fields
    for candidate in (
        fields.get("code"),
        talk_code(fields.get("url")),
        fields.get("guid"),
        event.ident,
        fields.get("slug"),
    ):
        if candidate is not None and candidate.strip():
            return candidate.strip()
    raise event.fail("guid", "is missing, and so are code, id and slug: nothing names the event")


def _start(event: FrabEvent, zone: ZoneInfo) -> dt.datetime:
    """The event's real start: its `date` (with its offset); or, in exports without one, its
    `start` on the day's date, after midnight when that is before the day's start."""
    date = (event.fields.get("date") or "").strip()
    try:
        if date and not DATE_ONLY.fullmatch(date):
            return in_zone(parse_moment(date), zone)
        day = parse_date(date) if date else event.day_date
    except ValueError as error:
        raise event.fail("date", str(error)) from None
    if day is None:
        raise event.fail("date", "is missing, and the day has no date to read `start` on")
    clock = event.fields.get("start")
    if clock is None:
        raise event.fail("start", 'is missing: every event has one, such as "10:15"')
    try:
        time = dt.time.fromisoformat(clock.strip()).replace(tzinfo=None)
        start = in_zone(dt.datetime.combine(day, time), zone)
        if event.day_start is not None and start < event.day_start:
            start = in_zone(dt.datetime.combine(day + dt.timedelta(days=1), time), zone)
    except (ValueError, OverflowError):
        message = f'{short(clock)} is not a time of day such as "10:15"'
        raise event.fail("start", message) from None
    return start


def read_frab_json(reader: JsonReader, zone: ZoneInfo) -> list[ImportedSession]:
    """Every event of a frab/pretalx `schedule.json`."""
    root = reader.obj(reader.document.value, ())
    schedule = reader.obj(reader.member(root, (), "schedule"), ("schedule",))
    path: JsonPath = ("schedule", "conference")
    if "conference" not in schedule:
        raise reader.fail(path, "is missing: a schedule has its days under `conference`")
    conference = reader.obj(schedule["conference"], path)
    days = reader.array(reader.member(conference, path, "days"), (*path, "days"))
    sessions: list[ImportedSession] = []
    for position, value in enumerate(days):
        day_path = (*path, "days", position)
        day = reader.obj(value, day_path)
        index, day_date, day_start = _day(reader, day, day_path, position, zone)
        rooms_path = (*day_path, "rooms")
        rooms = reader.obj(
            reader.member(day, day_path, "rooms"), rooms_path, " from room name to its events"
        )
        for room, events in rooms.items():
            room_path = (*rooms_path, room)
            for number, item in enumerate(reader.array(events, room_path, " of events")):
                event_path = (*room_path, number)
                event = reader.obj(item, event_path)
                fields = {
                    name: reader.text(event, event_path, name, _HINTS.get(name, ""))
                    for name in TEXT_FIELDS
                }
                persons = _persons(reader, event, event_path)
                ident = reader.ident(event, event_path, "id")
                fail = reader.failer(event_path)
                frab = FrabEvent(fields, ident, persons, index, day_date, day_start, room, fail)
                sessions.append(frab_session(frab, zone))
    return sessions


def _day(
    reader: JsonReader, day: dict[str, object], path: JsonPath, position: int, zone: ZoneInfo
) -> tuple[int, dt.date | None, dt.datetime | None]:
    """A day's index (1-based; its place in the list when it has none), date and start."""
    index = day.get("index", position + 1)
    if isinstance(index, bool) or not isinstance(index, int) or index < 1:
        raise reader.fail((*path, "index"), f"is {kind(index)}, where the format has 1, 2, …")
    date = reader.text(day, path, "date", _HINTS["date"])
    start = reader.text(day, path, "day_start", _HINTS["date"])
    try:
        day_date = parse_date(date) if date else None
    except ValueError as error:
        raise reader.fail((*path, "date"), str(error)) from None
    try:
        day_start = in_zone(parse_moment(start), zone) if start else None
    except ValueError as error:
        raise reader.fail((*path, "day_start"), str(error)) from None
    return index, day_date, day_start


def _persons(reader: JsonReader, event: dict[str, object], path: JsonPath) -> tuple[str, ...]:
    """The names of an event's persons: pretalx's `name`, frab's `public_name`."""
    names: list[str] = []
    persons = event.get("persons")
    if persons is None:
        return ()
    for number, item in enumerate(reader.array(persons, (*path, "persons"))):
        person_path = (*path, "persons", number)
        if isinstance(item, str):
            name: str | None = item
        else:
            person = reader.obj(item, person_path, " with a name")
            name = reader.text(person, person_path, "name") or reader.text(
                person, person_path, "public_name"
            )
        name = one_line(name)
        if name is None:
            raise reader.fail(person_path, "has no name (`name` or `public_name`)")
        names.append(name)
    return tuple(names)
