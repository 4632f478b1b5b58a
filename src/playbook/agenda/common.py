"""What every agenda format reads into, the error it raises, and the readings they share:
durations, times in a zone, plain text and links."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from playbook.problems import log_line

FORMATS = ("frab-json", "frab-xml", "sessionize", "pretalx-widget")
"""The formats `read_agenda` reads, by the names `--format` takes."""


@dataclass(frozen=True)
class ImportedSession:
    """One session of the platform's agenda, as the platform has it."""

    key: str
    """The platform's stable key: pretalx's `code` (or the code in the event's `…/talk/CODE/`
    url), else the `guid`, else the `id` (else, with none of them, the `slug`); Sessionize's
    `id`. A session scheduled twice under one key gets `KEY#2` for its later slot."""
    title: str
    abstract: str | None
    """The abstract, else the description, as plain text."""
    track: str | None
    format: str | None
    """The platform's type or format name (frab's `type`)."""
    day: int
    """1-based: the schedule day the platform lists the session under, even after midnight."""
    start: dt.datetime
    """The real start, aware, in the time zone `read_agenda` was given."""
    duration: int
    """Minutes."""
    room: str | None
    speakers: tuple[str, ...]
    url: str | None
    """The session's page, when it is an https link."""


@dataclass(frozen=True)
class Agenda:
    """Every session of a platform's agenda, by day and start, and the format it came in."""

    format: str
    sessions: tuple[ImportedSession, ...]


@dataclass(frozen=True)
class SessionizeMapping:
    """Which of a Sessionize event's categories hold the track and the format: their titles
    differ per event ("Track", "Session format", "Level", …)."""

    track: str | None = None
    format: str | None = None


class AgendaError(Exception):
    """A source that cannot be read: says file, line (when known), field and what is wrong."""

    def __init__(self, source: str, line: int | None, field: str, message: str) -> None:
        super().__init__(source, line, field, message)
        self.source = source
        self.line = line
        self.field = field
        self.message = message

    def __str__(self) -> str:
        """`source:line: field: message`, on one line whatever the source holds."""
        location = self.source if self.line is None else f"{self.source}:{self.line}"
        parts = [location, self.field, self.message] if self.field else [location, self.message]
        return log_line(": ".join(parts))


_CLOCK = re.compile(r"(?:([0-9]{1,4}):)?([0-9]{1,5}):([0-9]{2})")
_ISO = re.compile(
    r"P(?:([0-9]{1,4})D)?(?:T(?:([0-9]{1,5})H)?(?:([0-9]{1,6})M)?(?:([0-9]{1,7})S)?)?"
)


def parse_duration(text: str) -> int:
    """Minutes in `HH:MM` (hours may pass 24), `D:HH:MM`, or ISO 8601 (`PT30M`, `P1DT2H`).

    Raises ValueError with a message for people when `text` is none of them."""
    value = text.strip().upper()
    clock = _CLOCK.fullmatch(value)
    if clock is not None:
        days, hours, minutes = (int(part or 0) for part in clock.groups())
        if minutes >= 60:
            raise ValueError(f"{short(text)} has {minutes} minutes past the hour; 59 is the most")
        if clock.group(1) is not None and hours >= 24:
            raise ValueError(f"{short(text)} reads as D:HH:MM, and a day has no hour {hours}")
        return (days * 24 + hours) * 60 + minutes
    iso = _ISO.fullmatch(value)
    if iso is not None and value not in ("P", "PT") and not value.endswith("T"):
        days, hours, minutes, seconds = (int(part or 0) for part in iso.groups())
        if seconds % 60:
            raise ValueError(f"{short(text)} is not a whole number of minutes")
        return (days * 24 + hours) * 60 + minutes + seconds // 60
    raise ValueError(
        f"{short(text)} is not a duration: write HH:MM (e.g. 00:30), D:HH:MM (1:02:00) "
        "or ISO 8601 (PT30M, P1DT2H)"
    )


DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date without a time: `2027-02-09`."""


def parse_moment(text: str) -> dt.datetime:
    """A date and time in ISO 8601, with or without its offset (ValueError when it is not)."""
    value = text.strip()
    if DATE_ONLY.fullmatch(value):
        raise ValueError(f"{short(text)} is a date without a time")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{short(text)} is not a date and time such as 2027-02-09T10:15:00-06:00"
        ) from None


def parse_date(text: str) -> dt.date:
    """A calendar date, `YYYY-MM-DD`, or a date and time's date (ValueError when neither)."""
    value = text.strip()
    try:
        if DATE_ONLY.fullmatch(value):
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"{short(text)} is not a date such as 2027-02-09") from None


def in_zone(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """`moment` in `zone`: its offset, when it has one, says which instant it is (whatever zone
    name the source gives); a moment without one is a wall-clock time in `zone`."""
    try:
        if moment.tzinfo is None or moment.utcoffset() is None:
            return moment.replace(tzinfo=zone)
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        raise ValueError(f"{moment.isoformat()} is out of the calendar's range") from None


def short(value: object, limit: int = 60) -> str:
    """`value` quoted for a message, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str | None) -> str | None:
    """`text` with its runs of white space made one space; None when nothing is left."""
    if text is None:
        return None
    return " ".join(text.split()) or None


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre"}
    | {"blockquote", "section", "article"}
)


class _Text(HTMLParser):
    """The text of an HTML fragment, a paragraph to a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str | None) -> str | None:
    """An abstract as plain text: HTML (frab's descriptions) made text, Markdown (pretalx's)
    kept, line endings made `\\n`, the ends stripped; None when nothing is left."""
    if text is None:
        return None
    value = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TAG.search(value):
        parser = _Text()
        parser.feed(value)
        parser.close()
        lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
        value = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return value.strip() or None


def https_url(text: str | None) -> str | None:
    """`text` when it is an https link to a host; None for anything else."""
    if text is None:
        return None
    url = text.strip()
    if not url or any(char.isspace() or not char.isprintable() for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() == "https" and parts.hostname else None


_TALK = re.compile(r"/talk/([A-Za-z0-9]+)/?")


def talk_code(url: str | None) -> str | None:
    """The pretalx code in a talk's link, `…/talk/CODE/`, whatever its scheme."""
    if url is None:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    found = _TALK.search(path)
    return found.group(1) if found is not None and found.end() == len(path) else None
