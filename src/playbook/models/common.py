"""Building blocks shared by every data kind: the base model and the constrained text types.

Each type carries its rule twice, on purpose: a validator with a message a content lead can act
on, and a JSON Schema hint so their editor flags the same mistake while they type.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError


class Model(BaseModel):
    """Base of every data model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
ID_MAX_LENGTH = 60

# Characters that make text look different from what it is, or that end a line or a document
# where no one sees it, each with what we call it: control characters other than newline and tab,
# zero-width characters and byte order marks, bidirectional marks and overrides, the line and
# paragraph separators, and Unicode's non-characters.
_REFUSED = {
    "[\x00-\x08\x0b-\x1f\x7f-\x9f]": "the invisible control character",
    "[\u200b\u200c\u200d\u2060\ufeff]": "the invisible character",
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]": "the invisible direction mark",
    "[\u2028\u2029]": "the invisible line break",
    "[\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]": "the non-character",
}
_KINDS = [(re.compile(pattern), name) for pattern, name in _REFUSED.items()]
_INVISIBLE = re.compile("|".join(_REFUSED))
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")

LINE_MAX_LENGTH = 500
"""The most characters a one-line field (a name, a title, a call to action) may hold."""
TEXT_MAX_LENGTH = 20_000
"""The most characters a field of running text (a snippet's body, an abstract) may hold."""


def _check_visible(value: str) -> None:
    # Most text is ASCII, where only control characters can hide: the quick test first.
    found = (_ASCII_CONTROL if value.isascii() else _INVISIBLE).search(value)
    if found:
        char = found.group()
        what = next(name for pattern, name in _KINDS if pattern.match(char))
        raise PydanticCustomError(
            "invisible_character",
            "contains {what} U+{code}; delete it (retype the text around it)",
            {"what": what, "code": f"{ord(char):04X}"},
        )


def _check_length(value: str, limit: int) -> None:
    if len(value) > limit:
        raise PydanticCustomError(
            "too_long",
            "is {length} characters long, over the {limit} this field may hold; shorten it",
            {"length": f"{len(value):,}", "limit": f"{limit:,}"},
        )


def _id(value: str) -> str:
    _check_visible(value)
    if len(value) > ID_MAX_LENGTH:
        raise PydanticCustomError(
            "id_too_long", "is longer than {limit} characters; shorten it", {"limit": ID_MAX_LENGTH}
        )
    if not _ID_RE.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = f"; for example `{suggestion}`" if suggestion and _ID_RE.match(suggestion) else ""
        raise PydanticCustomError(
            "id_format",
            "`{value}` is not a valid id: use lowercase letters, digits and single hyphens{hint}",
            {"value": value, "hint": hint},
        )
    return value


def _line(value: str) -> str:
    _check_length(value, LINE_MAX_LENGTH)
    _check_visible(value)
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "is empty: write a value or remove the line")
    if "\n" in value:
        raise PydanticCustomError(
            "multi_line", "must fit on one line; join the lines or shorten the text"
        )
    return value


def _text(value: str) -> str:
    _check_length(value, TEXT_MAX_LENGTH)
    _check_visible(value)
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "is empty: write a value or remove the line")
    return value


# Starts only where a number starts, so a long run of digits is read once, not once per digit.
_PERCENT_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")


def _target(value: str) -> str:
    value = _line(value)
    for match in _PERCENT_RE.finditer(value):
        if float(match.group(1)) > 100:
            raise PydanticCustomError(
                "percent_range",
                "{percent} is not a percentage between 0% and 100%",
                {"percent": match.group(0)},
            )
    return value


_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _url(value: str) -> str:
    value = _line(value)
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    compact = re.sub(r"[\s\x00-\x1f]+", "", value)
    if compact.startswith("//"):
        raise PydanticCustomError(
            "url_scheme", "links must start with https:// (or be relative to the site)"
        )
    scheme = _SCHEME_RE.match(compact)
    if scheme and scheme.group(1).lower() not in ("https", "mailto"):
        raise PydanticCustomError(
            "url_scheme",
            "`{scheme}:` links are not allowed; use an https:// or mailto: link",
            {"scheme": scheme.group(1).lower()},
        )
    return value


_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _clock_time(value: str) -> str:
    if not _TIME_RE.match(value):
        raise PydanticCustomError(
            "clock_time",
            '`{value}` is not a time of day; write it as HH:MM, e.g. "09:30"',
            {"value": value},
        )
    return value


def _time_zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise PydanticCustomError(
            "time_zone",
            "`{value}` is not a time zone name; use an IANA name such as Europe/Berlin",
            {"value": value},
        ) from None
    return value


EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)


def _date(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "date_range",
            "{value} is outside the years {first} to {last}; check the year",
            {"value": value.isoformat(), "first": EARLIEST.year, "last": LATEST.year},
        )
    return value


def _schema(**schema: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", **schema})


Id = Annotated[str, AfterValidator(_id), _schema(pattern=ID_PATTERN, maxLength=ID_MAX_LENGTH)]
"""An identifier other files refer to: lowercase letters, digits and hyphens."""

Line = Annotated[
    str,
    AfterValidator(_line),
    _schema(minLength=1, maxLength=LINE_MAX_LENGTH, pattern=r"^[^\n]+$"),
]
"""A single line of text."""

Text = Annotated[str, AfterValidator(_text), _schema(minLength=1, maxLength=TEXT_MAX_LENGTH)]
"""Text that may run over several lines."""

Target = Annotated[str, AfterValidator(_target), _schema(minLength=1, maxLength=LINE_MAX_LENGTH)]
"""A target such as `75%`, `> 2.5%`, `8+` or `4.5/5`; percentages must lie in 0..100."""

Url = Annotated[str, AfterValidator(_url), _schema(pattern=r"^(https://|mailto:|[^:]*$)")]
"""A link: https://, mailto: or relative to the site."""

ClockTime = Annotated[str, AfterValidator(_clock_time), _schema(pattern=_TIME_RE.pattern)]
"""A time of day, HH:MM, quoted in YAML."""

TimeZone = Annotated[str, AfterValidator(_time_zone), _schema()]
"""An IANA time zone name."""

Date = Annotated[
    dt.date,
    AfterValidator(_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
"""A calendar date, YYYY-MM-DD, between 2000 and 2100."""

Week = Annotated[int, Field(ge=-52, le=52)]
"""Weeks relative to the event: -12 is twelve weeks before it, 0 the event week, 4 after it."""

Percent = Annotated[float, Field(ge=0, le=100)]
"""A percentage, 0 to 100."""

GithubHandle = Annotated[
    str,
    AfterValidator(_line),
    Field(pattern=r"^@?[A-Za-z0-9](-?[A-Za-z0-9])*(/[A-Za-z0-9._-]+)?$"),
]
"""A GitHub user or team, as used in CODEOWNERS: `@jane-doe` or `@org/team`."""
