"""JSON read with the line of every value, refusing what Python's `json` lets pass: a key
given twice in one object (it silently keeps the last), NaN and Infinity, half a surrogate pair.

`JsonReader` then takes a document apart with types checked: every wrong or missing value is an
`AgendaError` naming the source, the line and the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from playbook.agenda.common import AgendaError, short
from playbook.problems import field_name

JsonPath = tuple[str | int, ...]
MAX_DEPTH = 64
"""Objects and lists nested deeper than this are refused: no schedule needs a quarter of it."""

_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonSyntaxError(Exception):
    """Text that is not JSON, at `offset`, inside the value at `path`."""

    def __init__(self, offset: int, path: JsonPath, message: str) -> None:
        super().__init__(offset, path, message)
        self.offset = offset
        self.path = path
        self.message = message


def line_at(text: str, offset: int) -> int:
    """The 1-based line of `offset` in `text`."""
    return text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class JsonDocument:
    """A JSON value and where each of its values starts in the text."""

    text: str
    value: object
    offsets: dict[JsonPath, int] = field(repr=False)

    def line(self, path: JsonPath) -> int:
        """The line of the value at `path`, or of its nearest parent when it is missing."""
        while path not in self.offsets and path:
            path = path[:-1]
        return line_at(self.text, self.offsets.get(path, 0))


def parse_json(text: str) -> JsonDocument:
    """`text` as JSON, or JsonSyntaxError at the first thing wrong."""
    parser = _Parser(text)
    if not text.strip():
        raise JsonSyntaxError(0, (), "is empty")
    value, end = parser.value(0, (), 0)
    end = _SPACE.match(text, end).end()  # type: ignore[union-attr]
    if end < len(text):
        raise JsonSyntaxError(end, (), "has more after the JSON value ends")
    return JsonDocument(text, value, parser.offsets)


class _Parser:
    """A recursive-descent JSON parser recording each value's offset by its path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[JsonPath, int] = {}

    def skip(self, at: int) -> int:
        """The offset of the first character from `at` that is not white space."""
        return _SPACE.match(self.text, at).end()  # type: ignore[union-attr]

    def wanted(self, at: int, path: JsonPath, what: str) -> JsonSyntaxError:
        """The error for finding something else (or the end of the file) where `what` belongs."""
        if at >= len(self.text):
            return JsonSyntaxError(at, path, f"the file ends where {what} belongs: it is cut short")
        return JsonSyntaxError(at, path, f"expected {what}, found {short(self.text[at])}")

    def value(self, at: int, path: JsonPath, depth: int) -> tuple[object, int]:
        """The value at `at` (after white space) and the offset after it."""
        text = self.text
        at = self.skip(at)
        self.offsets[path] = at
        char = text[at : at + 1]
        if char in ("{", "["):
            if depth >= MAX_DEPTH:
                raise JsonSyntaxError(at, path, f"is nested more than {MAX_DEPTH} deep")
            return (self.parse_object if char == "{" else self.parse_array)(at, path, depth + 1)
        if char == '"':
            return self.string(at, path)
        for word, constant in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, at):
                return constant, at + len(word)
        number = _NUMBER.match(text, at)
        if number is None:
            raise self.wanted(at, path, "a value")
        digits = number.group()
        try:
            return (float(digits) if any(c in digits for c in ".eE") else int(digits)), number.end()
        except ValueError:
            raise JsonSyntaxError(at, path, "has a number too long to read") from None

    def string(self, at: int, path: JsonPath) -> tuple[str, int]:
        """The string whose opening quote is at `at`, and the offset after its closing one."""
        try:
            value, end = json.decoder.scanstring(self.text, at + 1, True)  # type: ignore[attr-defined]
        except json.JSONDecodeError as error:
            if error.msg.startswith("Unterminated"):
                raise self.wanted(len(self.text), path, "a string's closing quote") from None
            raise JsonSyntaxError(error.pos, path, f"{error.msg.lower()} in a string") from None
        if _SURROGATE.search(value):
            raise JsonSyntaxError(at, path, "has half of a UTF-16 surrogate pair in a string")
        return value, end

    def parse_object(self, at: int, path: JsonPath, depth: int) -> tuple[dict[str, object], int]:
        """The object whose `{` is at `at`; a key it gives twice is an error."""
        text = self.text
        result: dict[str, object] = {}
        keys: dict[str, int] = {}
        at = self.skip(at + 1)
        if text[at : at + 1] == "}":
            return result, at + 1
        while True:
            if text[at : at + 1] != '"':
                raise self.wanted(at, path, "a key in double quotes")
            key_at = at
            key, at = self.string(at, path)
            if key in keys:
                raise JsonSyntaxError(
                    key_at,
                    (*path, key),
                    f"is given twice in one object (first on line {line_at(text, keys[key])}): "
                    "JSON readers keep only one of them, so which is meant is unclear",
                )
            keys[key] = key_at
            at = self.skip(at)
            if text[at : at + 1] != ":":
                raise self.wanted(at, (*path, key), "`:` after the key")
            result[key], at = self.value(at + 1, (*path, key), depth)
            at = self.skip(at)
            if text[at : at + 1] == "}":
                return result, at + 1
            if text[at : at + 1] != ",":
                raise self.wanted(at, path, "`,` or `}`")
            at = self.skip(at + 1)

    def parse_array(self, at: int, path: JsonPath, depth: int) -> tuple[list[object], int]:
        """The list whose `[` is at `at`."""
        text = self.text
        result: list[object] = []
        at = self.skip(at + 1)
        if text[at : at + 1] == "]":
            return result, at + 1
        while True:
            value, at = self.value(at, (*path, len(result)), depth)
            result.append(value)
            at = self.skip(at)
            if text[at : at + 1] == "]":
                return result, at + 1
            if text[at : at + 1] != ",":
                raise self.wanted(at, path, "`,` or `]`")
            at += 1


def kind(value: object) -> str:
    """What a JSON value is, for a message: `a number (30)`, `a list`, `null`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"a number ({short(value)})"
    if isinstance(value, str):
        return f"text ({short(value)})"
    return "a list" if isinstance(value, list) else "an object"


class JsonReader:
    """Takes a JsonDocument apart: each accessor checks the type it returns, and every problem
    is an AgendaError at the value's line."""

    def __init__(self, source: str, document: JsonDocument) -> None:
        self.source = source
        self.document = document

    def fail(self, path: JsonPath, message: str) -> AgendaError:
        """An AgendaError about the value at `path`."""
        return AgendaError(self.source, self.document.line(path), field_name(path), message)

    def failer(self, path: JsonPath) -> Callable[[str, str], AgendaError]:
        """`fail` for the fields of the object at `path`."""
        return lambda name, message: self.fail((*path, name), message)

    def obj(self, value: object, path: JsonPath, what: str = "") -> dict[str, object]:
        """`value` when it is an object."""
        if not isinstance(value, dict):
            raise self.fail(path, f"is {kind(value)}, where the format has an object{what}")
        return value

    def array(self, value: object, path: JsonPath, what: str = "") -> list[object]:
        """`value` when it is a list."""
        if not isinstance(value, list):
            raise self.fail(path, f"is {kind(value)}, where the format has a list{what}")
        return value

    def member(self, parent: dict[str, object], path: JsonPath, key: str) -> object:
        """`parent[key]`, which must be there and not null."""
        if parent.get(key) is None:
            missing = "is missing" if key not in parent else "is null"
            raise self.fail((*path, key), f"{missing}: the format needs it here")
        return parent[key]

    def text(
        self, parent: dict[str, object], path: JsonPath, key: str, hint: str = ""
    ) -> str | None:
        """`parent[key]` when it is text, None when it is null or missing."""
        value = parent.get(key)
        if value is None or isinstance(value, str):
            return value
        raise self.fail((*path, key), f"is {kind(value)}, where the format has text{hint}")

    def ident(self, parent: dict[str, object], path: JsonPath, key: str) -> str | None:
        """An id, which may be text or a whole number; None when it is null or missing."""
        value = parent.get(key)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise self.fail((*path, key), f"is {kind(value)}, where the format has an id")

    def flag(self, parent: dict[str, object], path: JsonPath, key: str) -> bool:
        """`parent[key]` when it is true or false; false when it is null or missing."""
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        raise self.fail((*path, key), f"is {kind(value)}, where the format has true or false")
