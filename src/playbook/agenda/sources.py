"""Read an event platform's agenda from its export, whichever of the formats it is in.

`read_agenda` tells the format from the content (or takes it from `format`), reads every session
with its platform key, its real start in the program's time zone and its day as the platform
lists it, and refuses a malformed source with an `AgendaError` that names the file and, for
JSON and XML, the line and the field: never a traceback, and never half an agenda.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from playbook.agenda.common import (
    FORMATS,
    Agenda,
    AgendaError,
    ImportedSession,
    SessionizeMapping,
    parse_duration,
)
from playbook.agenda.frab import read_frab_json
from playbook.agenda.frab_xml import read_frab_xml
from playbook.agenda.json_text import (
    JsonDocument,
    JsonReader,
    JsonSyntaxError,
    line_at,
    parse_json,
)
from playbook.agenda.pretalx_widget import read_pretalx_widget
from playbook.agenda.sessionize import read_sessionize
from playbook.problems import field_name, one_of

__all__ = [
    "FORMATS",
    "MAX_SOURCE_BYTES",
    "Agenda",
    "AgendaError",
    "ImportedSession",
    "SessionizeMapping",
    "parse_duration",
    "read_agenda",
]

MAX_SOURCE_BYTES = 50_000_000
"""A larger source is refused: the agenda of a large conference is a few megabytes."""


def read_agenda(
    source: Path,
    *,
    format: str | None = None,
    time_zone: str,
    sessionize: SessionizeMapping | None = None,
) -> Agenda:
    """The agenda in the file `source`, in `format` (one of FORMATS; told from the content when
    None). `time_zone`, an IANA name, is the program's: every start is given in it, and
    Sessionize's times, which carry no offset, are read in it. `sessionize` names the categories
    that hold a Sessionize event's track and format."""
    name = str(source)
    if format is not None and format not in FORMATS:
        raise AgendaError(name, None, "format", f"is {format!r}: the formats are {one_of(FORMATS)}")
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        message = f"{time_zone!r} is not an IANA time zone"
        raise AgendaError(name, None, "time_zone", message) from None
    try:
        with source.open("rb") as file:
            data = file.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        raise AgendaError(name, None, "", f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_SOURCE_BYTES:
        limit = MAX_SOURCE_BYTES // 1_000_000
        raise AgendaError(name, None, "", f"is over {limit} MB: it cannot be an agenda export")
    if format == "frab-xml" or (format is None and _is_xml(name, data)):
        return Agenda("frab-xml", _keyed(read_frab_xml(name, data, zone)))
    reader = JsonReader(name, _json(name, data))
    detected = format or _json_format(reader)
    if detected == "frab-json":
        sessions = read_frab_json(reader, zone)
    elif detected == "sessionize":
        sessions = read_sessionize(reader, zone, sessionize or SessionizeMapping())
    else:
        sessions = read_pretalx_widget(reader, zone)
    return Agenda(detected, _keyed(sessions))


def _is_xml(source: str, data: bytes) -> bool:
    """Whether `data` is XML (else JSON); an AgendaError when it is neither."""
    text = data.removeprefix(b"\xef\xbb\xbf")
    start = text.lstrip(b" \t\r\n")[:1]
    if start in (b"<", b"{", b"["):
        return start == b"<"
    if not start:
        raise AgendaError(source, 1, "", "is empty")
    line = text.count(b"\n", 0, len(text) - len(text.lstrip(b" \t\r\n"))) + 1
    message = "is neither JSON nor XML, so none of the formats an agenda is read from"
    raise AgendaError(source, line, "", f"{message}: {one_of(FORMATS)}")


def _json(source: str, data: bytes) -> JsonDocument:
    """`data` parsed as JSON text, or an AgendaError at the line of what is wrong."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise AgendaError(source, line, "", "is not UTF-8 text") from None
    try:
        return parse_json(text)
    except JsonSyntaxError as error:
        line = line_at(text, error.offset)
        raise AgendaError(source, line, field_name(error.path), error.message) from None


def _json_format(reader: JsonReader) -> str:
    """Which JSON format the document is, from its top-level keys."""
    root = reader.document.value
    if isinstance(root, dict):
        if "schedule" in root:
            return "frab-json"
        if "sessions" in root:
            return "sessionize"
        if "talks" in root:
            return "pretalx-widget"
        if "conference" in root:
            raise reader.fail(
                ("schedule",),
                "is missing: this has `conference` at the top, where a frab/pretalx "
                "schedule.json has it under `schedule`",
            )
    if isinstance(root, list):
        raise reader.fail(
            (),
            "is a list: Sessionize's Sessions, Speakers and Schedule Grid views are; "
            'export the "All Data" view (an object with sessions, speakers, rooms, categories)',
        )
    raise reader.fail(
        (),
        "is JSON, but none of the agenda formats: a frab/pretalx schedule.json has `schedule`, "
        "Sessionize's All Data `sessions`, pretalx's widget data `talks`",
    )


def _keyed(sessions: list[ImportedSession]) -> tuple[ImportedSession, ...]:
    """The sessions by day, start, room and key; a key the platform gives to several slots (a
    talk scheduled twice) is `KEY#2`, `KEY#3` from the second slot on."""
    ordered = sorted(sessions, key=lambda s: (s.day, s.start, s.room or "", s.key))
    seen: Counter[str] = Counter()
    keyed: list[ImportedSession] = []
    for session in ordered:
        seen[session.key] += 1
        count = seen[session.key]
        keyed.append(session if count == 1 else replace(session, key=f"{session.key}#{count}"))
    return tuple(keyed)
