"""The frab/pretalx schedule XML (c3voc's `schedule.xml.xsd`): `<schedule><conference>` then
`<day index date start end><room name><event guid id>`, each event's fields as child elements.

Read with the standard library's expat, safely: a document type declaration is refused, and with
it every entity but XML's own five, so neither an external file nor an entity expansion is ever
read; each element keeps the line it starts on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from xml.parsers import expat
from zoneinfo import ZoneInfo

from playbook.agenda.common import (
    AgendaError,
    ImportedSession,
    in_zone,
    one_line,
    parse_date,
    parse_moment,
    short,
)
from playbook.agenda.frab import TEXT_FIELDS, FrabEvent, frab_session

_EVENT = "schedule.day.room.event"


@dataclass
class Element:
    """An XML element: its tag, attributes, the line it starts on, children and own text."""

    tag: str
    attributes: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's own text (not its children's)."""
        return "".join(self.parts)

    def first(self, tag: str) -> Element | None:
        """The first child named `tag`."""
        return next((child for child in self.children if child.tag == tag), None)

    def every(self, tag: str) -> list[Element]:
        """The children named `tag`."""
        return [child for child in self.children if child.tag == tag]


class _Refused(Exception):
    """XML the reader will not read, at `line`."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(line, message)
        self.line = line
        self.message = message


def parse_xml(source: str, data: bytes) -> Element:
    """The root element of `data`, or an AgendaError at the line of what is wrong."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    roots: list[Element] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = Element(tag, attributes, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].parts.append(data)

    def refuse(*_: object) -> int:
        raise _Refused(
            parser.CurrentLineNumber,
            "has a document type declaration (<!DOCTYPE …>), which a schedule never needs and "
            "which could define entities or read other files: it is refused",
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except _Refused as error:
        raise AgendaError(source, error.line, "", error.message) from None
    except expat.ExpatError as error:
        message = expat.ErrorString(error.code) or "is not well-formed"
        if error.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]:
            message += ": the file is empty or cut short"
        inside = ".".join(element.tag for element in stack)
        raise AgendaError(
            source, error.lineno, inside, f"is not well-formed XML: {message}"
        ) from None
    return roots[0]


def read_frab_xml(source: str, data: bytes, zone: ZoneInfo) -> list[ImportedSession]:
    """Every event of a frab/pretalx `schedule.xml`."""
    root = parse_xml(source, data)
    if root.tag != "schedule":
        raise AgendaError(
            source,
            root.line,
            root.tag,
            f"this XML is not a frab/pretalx schedule: its root element is <{root.tag}>, "
            "where a schedule has <schedule>",
        )
    if root.first("conference") is None:
        raise AgendaError(
            source, root.line, "schedule.conference", "is missing: a schedule has <conference>"
        )
    sessions: list[ImportedSession] = []
    for position, day in enumerate(root.every("day")):
        index, day_date, day_start = _day(source, day, position, zone)
        for room in day.every("room"):
            for event in room.every("event"):
                sessions.append(
                    frab_session(_event(source, event, index, day_date, day_start, room), zone)
                )
    return sessions


def _day(
    source: str, day: Element, position: int, zone: ZoneInfo
) -> tuple[int, dt.date | None, dt.datetime | None]:
    """A <day>'s index (its place among the days when it has none), date and start."""

    def fail(name: str, message: str) -> AgendaError:
        return AgendaError(source, day.line, f"schedule.day.{name}", message)

    index = day.attributes.get("index", str(position + 1)).strip()
    if not index.isascii() or not index.isdigit() or int(index) < 1:
        raise fail("index", f"{short(index)} is not a day number such as 1")
    try:
        date = day.attributes.get("date")
        day_date = parse_date(date) if date else None
    except ValueError as error:
        raise fail("date", str(error)) from None
    try:
        start = day.attributes.get("start")
        day_start = in_zone(parse_moment(start), zone) if start else None
    except ValueError as error:
        raise fail("start", str(error)) from None
    return int(index), day_date, day_start


def _event(
    source: str,
    event: Element,
    index: int,
    day_date: dt.date | None,
    day_start: dt.datetime | None,
    room: Element,
) -> FrabEvent:
    """An <event>'s fields, from its attributes (guid, id, code) and child elements."""
    fields: dict[str, str | None] = {}
    for name in TEXT_FIELDS:
        child = event.first(name)
        fields[name] = child.text if child is not None else event.attributes.get(name)
    persons = event.first("persons")
    people = persons.every("person") if persons is not None else []
    names = [one_line(person.text) for person in people]

    def fail(name: str, message: str) -> AgendaError:
        child = event.first(name)
        line = child.line if child is not None else event.line
        return AgendaError(source, line, f"{_EVENT}.{name}", message)

    return FrabEvent(
        fields=fields,
        ident=event.attributes.get("id"),
        persons=tuple(name for name in names if name),
        day=index,
        day_date=day_date,
        day_start=day_start,
        room=room.attributes.get("name"),
        fail=fail,
    )
