"""Sessionize's "All Data" JSON (`/api/v2/{id}/view/All`): `sessions` point by id at `speakers`,
`rooms` and the items of `categories`. Its times carry no offset: they are the venue's wall-clock
times, read in the program's time zone. Which category holds the track and which the format
differs per event, so a `SessionizeMapping` names them by title.

Service sessions (breaks, lunch) and sessions not on the schedule yet are left out. Sessionize
lists its agenda by calendar date, so a session's day is the place of its date among the dates
that have sessions: a talk at 00:30 is on the next date's day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from playbook.agenda.common import (
    ImportedSession,
    SessionizeMapping,
    in_zone,
    one_line,
    parse_moment,
    plain_text,
    short,
)
from playbook.agenda.json_text import JsonPath, JsonReader, kind
from playbook.problems import did_you_mean, one_of


def read_sessionize(
    reader: JsonReader, zone: ZoneInfo, mapping: SessionizeMapping
) -> list[ImportedSession]:
    """Every scheduled session of a Sessionize "All Data" export."""
    root = reader.obj(reader.document.value, ())
    sessions = reader.array(reader.member(root, (), "sessions"), ("sessions",))
    speakers = _names(reader, root, "speakers")
    rooms = _names(reader, root, "rooms")
    track = _category(reader, root, mapping.track)
    format_ = _category(reader, root, mapping.format)
    read: list[tuple[ImportedSession, dt.date]] = []
    for position, value in enumerate(sessions):
        path: JsonPath = ("sessions", position)
        session = reader.obj(value, path)
        if reader.flag(session, path, "isServiceSession"):
            continue
        starts = reader.text(session, path, "startsAt", ', such as "2027-02-09T10:15:00"')
        if starts is None:
            continue  # accepted, not scheduled yet
        key = reader.ident(session, path, "id")
        if key is None or not key.strip():
            raise reader.fail((*path, "id"), "is missing: every session has an id")
        title = one_line(reader.text(session, path, "title"))
        if title is None:
            raise reader.fail((*path, "title"), "is missing or empty: every session has a title")
        start = _moment(reader, session, path, "startsAt", zone)
        end = _moment(reader, session, path, "endsAt", zone)
        minutes = (end - start) // dt.timedelta(minutes=1)
        if minutes < 0:
            raise reader.fail((*path, "endsAt"), "is before startsAt")
        items = _ids(reader, session, path, "categoryItems")
        imported = ImportedSession(
            key=key.strip(),
            title=title,
            abstract=plain_text(reader.text(session, path, "description")),
            track=next((track[item] for item in items if item in track), None),
            format=next((format_[item] for item in items if item in format_), None),
            day=0,
            start=start,
            duration=minutes,
            room=_lookup(reader, rooms, session, path, "roomId", "rooms"),
            speakers=_speakers(reader, speakers, session, path),
            url=None,
        )
        read.append((imported, start.date()))
    dates = sorted({date for _, date in read})
    return [replace(session, day=dates.index(date) + 1) for session, date in read]


def _moment(
    reader: JsonReader, session: dict[str, object], path: JsonPath, name: str, zone: ZoneInfo
) -> dt.datetime:
    """`startsAt` or `endsAt`, wall-clock times in `zone` (or at their offset, if they have one)."""
    text = reader.text(session, path, name, ', such as "2027-02-09T10:15:00"')
    if text is None:
        raise reader.fail((*path, name), "is missing: a scheduled session has startsAt and endsAt")
    try:
        return in_zone(parse_moment(text), zone)
    except ValueError as error:
        raise reader.fail((*path, name), str(error)) from None


def _names(reader: JsonReader, root: dict[str, object], name: str) -> dict[str, str]:
    """The `speakers` or `rooms` list as id → name (`fullName`, or first and last name)."""
    names: dict[str, str] = {}
    for position, value in enumerate(reader.array(root.get(name, []), (name,))):
        path: JsonPath = (name, position)
        item = reader.obj(value, path)
        ident = reader.ident(item, path, "id")
        full = reader.text(item, path, "fullName") or reader.text(item, path, "name")
        if full is None:
            parts = (reader.text(item, path, "firstName"), reader.text(item, path, "lastName"))
            full = " ".join(part for part in parts if part)
        text = one_line(full)
        if ident is None or text is None:
            message = "needs an id and a name (or fullName, or firstName and lastName)"
            raise reader.fail(path, message)
        names[ident] = text
    return names


def _category(reader: JsonReader, root: dict[str, object], title: str | None) -> dict[str, str]:
    """The items of the category titled `title`, id → name (none when `title` is None)."""
    if title is None:
        return {}
    titles: list[str] = []
    for position, value in enumerate(reader.array(root.get("categories", []), ("categories",))):
        path: JsonPath = ("categories", position)
        category = reader.obj(value, path)
        found = reader.text(category, path, "title") or ""
        titles.append(found)
        if found.strip().casefold() != title.strip().casefold():
            continue
        items: dict[str, str] = {}
        for number, item in enumerate(reader.array(category.get("items", []), (*path, "items"))):
            item_path = (*path, "items", number)
            entry = reader.obj(item, item_path)
            ident = reader.ident(entry, item_path, "id")
            name = one_line(reader.text(entry, item_path, "name"))
            if ident is None or name is None:
                raise reader.fail(item_path, "needs an id and a name")
            items[ident] = name
        return items
    guess = did_you_mean(title, titles)
    raise reader.fail(
        ("categories",),
        f"has no category titled {short(title)}, which the mapping names"
        + (f": did you mean {short(guess)}?" if guess else "")
        + (f" The categories are {one_of(titles)}." if titles else " There are none."),
    )


def _ids(reader: JsonReader, session: dict[str, object], path: JsonPath, name: str) -> list[str]:
    """A list of ids (`categoryItems`, `speakers`), each as text."""
    ids: list[str] = []
    for number, value in enumerate(reader.array(session.get(name) or [], (*path, name))):
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            ids.append(str(value))
        else:
            message = f"is {kind(value)}, where the format has an id"
            raise reader.fail((*path, name, number), message)
    return ids


def _lookup(
    reader: JsonReader,
    names: dict[str, str],
    session: dict[str, object],
    path: JsonPath,
    name: str,
    where: str,
) -> str | None:
    """The name `session[name]` points at in `names` (the list `where`); None for no id."""
    ident = reader.ident(session, path, name)
    if ident is None:
        return None
    if ident not in names:
        raise reader.fail((*path, name), f"is {short(ident)}, which is not in `{where}`")
    return names[ident]


def _speakers(
    reader: JsonReader, speakers: dict[str, str], session: dict[str, object], path: JsonPath
) -> tuple[str, ...]:
    """The session's speakers' names, in its order; the list holds ids or {id, name} objects."""
    names: list[str] = []
    listed = reader.array(session.get("speakers") or [], (*path, "speakers"))
    for number, value in enumerate(listed):
        item_path = (*path, "speakers", number)
        if isinstance(value, dict):
            name = one_line(reader.text(value, item_path, "name"))
            if name is None:
                raise reader.fail(item_path, "has no name")
            names.append(name)
        elif isinstance(value, str) and value in speakers:
            names.append(speakers[value])
        else:
            raise reader.fail(item_path, f"is {kind(value)}, which is not a speaker's id")
    return tuple(names)
