"""Read one YAML file into plain Python values, remembering where every value came from.

The reader walks the parser's events itself rather than letting PyYAML build objects, so that:
- every value and key keeps its line and column, for error messages;
- duplicate keys are errors (PyYAML silently keeps the last one);
- aliases (`*name`) and tags (`!!python/...`) are refused before anything is built, so a file
  cannot multiply itself or name Python code;
- nesting depth and file size are bounded, and nothing recurses;
- the raw text of unquoted values that YAML turned into something other than text (`NO` into
  false, `1:30` into 90) is kept, so validation can say "quote it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from playbook.dates import impossible_date
from playbook.document import Document, Mark
from playbook.problems import FieldPath, Problem
from playbook.yaml_errors import CURLY_OPENINGS, plain_value_problem, syntax_problem
from playbook.yaml_text import (
    MAX_DEPTH,
    TOO_DEEP,
    forbidden_characters,
    misplaced_spaces,
    too_deep,
)

try:
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 2_000_000
ALIASES_REPORTED = 3
"""Aliases reported one by one per file; the rest are counted in one more problem."""

_SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
_TAG = "tag:yaml.org,2002:"
_STR = f"{_TAG}str"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}map", f"{_TAG}seq"}


_IMPLICIT = Resolver.yaml_implicit_resolvers
_ANY_START = _IMPLICIT.get(None, [])


def _resolve(value: str) -> str:
    """The tag YAML gives an unquoted `value`: what PyYAML's resolver says, without its
    per-call overhead (this runs for every unquoted value in every file)."""
    for tag, pattern in _IMPLICIT.get(value[0] if value else "", []) + _ANY_START:
        if pattern.match(value):
            return str(tag)
    return _STR


class _Abort(Exception):
    """Stops reading a file whose structure cannot be trusted any further."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: FieldPath
    is_mapping: bool
    key: str | None = None
    key_mark: Mark | None = None
    skip_value: bool = False
    orphan: bool = False
    """Set for a duplicate key's value: read to the end, then thrown away."""
    seen: dict[str, Mark] = field(default_factory=dict)


def read(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read the YAML file at `path`: the document (None if it cannot be read) and its problems.

    Some problems leave a usable document (a duplicate key, an alias, an impossible date): the
    offending values are left out or set to None and listed in `Document.unreadable`.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem.whole_file(path, f"cannot be read: {error.strerror}")]
    return read_bytes(path, raw)


def read_bytes(path: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Read YAML from `raw`, reporting problems against `path`."""
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        return None, [
            Problem.whole_file(
                path,
                f"is {size}, over the {MAX_FILE_BYTES // 1_000_000} MB limit for one file; "
                "split it into several files",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        return None, [
            Problem(
                path,
                line,
                column,
                "",
                f"is not UTF-8 text (byte 0x{byte:02X} here); save the file with UTF-8 encoding",
            )
        ]
    text = text.removeprefix("\ufeff")
    if misread := forbidden_characters(path, text) or misplaced_spaces(path, text):
        return None, misread
    reader = _Reader(path, text)
    if schema := _SCHEMA_LINE.match(text):
        reader.document.schema = schema.group(1)
    try:
        reader.run()
    except _Abort:
        return None, reader.problems
    except yaml.YAMLError as error:
        # Whatever the parser's own limits, a file nested too deep gets our message.
        problem = too_deep(path, text) or syntax_problem(path, text, error)
        if any(found.line == problem.line for found in reader.problems):
            return None, reader.problems  # the reader already said what is wrong there
        return None, [*reader.problems, problem]
    if not reader.has_document:
        return None, [
            Problem.whole_file(
                path, "is empty; fill it in (see the other files of its kind) or delete it"
            )
        ]
    return reader.document, reader.problems


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = text.split("\n")
        self.document = Document(path, None)
        self.problems: list[Problem] = []
        self.has_document = False
        self._stack: list[_Frame] = []
        self._aliases = 0
        self._unreported_alias: Mark | None = None
        self._constructor = SafeConstructor()

    def run(self) -> None:
        loader = _EventLoader(self.text)
        try:
            while loader.check_event():
                event = loader.get_event()
                assert event is not None  # check_event() said there is one
                self._handle(event)
        finally:
            loader.dispose()
        if self._unreported_alias is not None:
            more = self._aliases - ALIASES_REPORTED
            self._fail(
                self._unreported_alias,
                f"uses {more} more alias{'es' if more != 1 else ''} (`*name`) from here on; "
                "write the values out in full",
            )

    def _fail(self, mark: Mark, message: str, path: FieldPath = ()) -> None:
        field_path = ".".join(str(part) for part in path)
        self.problems.append(Problem(self.path, mark.line, mark.column, field_path, message))

    def _unreadable(self, mark: Mark, message: str) -> None:
        """Report the value about to be placed, and place None instead."""
        path = self._child_path()
        self._fail(mark, message, path)
        self.document.unreadable.add(path)
        self._place(None, mark)

    def _handle(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self._stack.pop()
            return
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1) if start else Mark(1, 1)
        if kind is yaml.ScalarEvent:
            self._scalar(event, mark)  # type: ignore[arg-type]
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._open(event, mark)  # type: ignore[arg-type]
        elif kind is yaml.AliasEvent:
            self._alias(event, mark)  # type: ignore[arg-type]
        elif kind is yaml.DocumentStartEvent:
            if self.has_document:
                self._fail(mark, "holds more than one YAML document (`---`); keep one per file")
                raise _Abort
            self.has_document = True

    def _child_path(self) -> FieldPath:
        if not self._stack:
            return ()
        frame = self._stack[-1]
        if frame.is_mapping:
            return (*frame.path, frame.key or "")
        return (*frame.path, len(frame.container))

    def _expecting_key(self) -> bool:
        return bool(self._stack) and self._stack[-1].is_mapping and self._stack[-1].key is None

    def _place(
        self, value: Any, mark: Mark, raw: str | None = None, path: FieldPath | None = None
    ) -> bool:
        """Put `value` in its parent; False when it is thrown away (a duplicate key's value)."""
        if path is None:
            path = self._child_path()
        kept = True
        if not self._stack:
            self.document.data = value
        else:
            frame = self._stack[-1]
            kept = not (frame.orphan or frame.skip_value)
            if frame.is_mapping:
                if kept:
                    frame.container[frame.key or ""] = value  # type: ignore[call-overload]
                frame.key, frame.skip_value = None, False
            else:
                frame.container.append(value)  # type: ignore[union-attr]
        if kept:
            self.document.marks[path] = mark
            if raw is not None:
                self.document.plain[path] = raw
        return kept

    def _alias(self, event: yaml.AliasEvent, mark: Mark) -> None:
        if self._expecting_key():
            self._fail(mark, "uses an alias as a key; write the key out")
            raise _Abort
        self._aliases += 1
        if self._aliases > ALIASES_REPORTED:
            self._unreported_alias = self._unreported_alias or mark
            self.document.unreadable.add(self._child_path())
            self._place(None, mark)
            return
        self._unreadable(
            mark,
            f"uses the alias `*{event.anchor}`; aliases and anchors are not supported in "
            "playbook files: write the value out in full",
        )

    def _open(self, event: yaml.CollectionStartEvent, mark: Mark) -> None:
        if self._expecting_key():
            self._fail(mark, "uses a list or mapping as a key; keys must be plain text")
            raise _Abort
        if event.tag not in (None, "!") and event.tag not in _COLLECTION_TAGS:
            self._fail(mark, _tag_message(event.tag), self._child_path())
            raise _Abort
        if len(self._stack) >= MAX_DEPTH:
            self._fail(mark, TOO_DEEP)
            raise _Abort
        is_mapping = type(event) is yaml.MappingStartEvent
        container: dict[str, Any] | list[Any] = {} if is_mapping else []
        path = self._child_path()
        # A block list or mapping starts on the line after its key; people look for the key.
        kept = self._place(container, self.document.key_marks.get(path, mark), path=path)
        self._stack.append(_Frame(container, path, is_mapping, orphan=not kept))

    def _scalar(self, event: yaml.ScalarEvent, mark: Mark) -> None:
        if self._expecting_key():
            self._key(event, mark)
            return
        tag = event.tag
        value = event.value
        if not event.style and (misread := self._misread(event)):  # plain: no quotes, no block
            self._fail(Mark(misread[0], misread[1]), misread[2], self._child_path())
        if tag is None or tag == "!":
            tag = _resolve(value) if event.implicit[0] else _STR
        elif tag not in _SCALAR_TAGS:
            self._unreadable(mark, _tag_message(tag))
            return
        if tag == _STR:
            self._place(value, mark)
            return
        try:
            constructed = self._construct(tag, value)
        except (ValueError, ConstructorError) as error:
            self._unreadable(mark, _construct_message(value, tag, error))
            return
        plain = event.implicit[0] and event.tag is None
        self._place(constructed, mark, value if plain else None)

    def _misread(self, event: yaml.ScalarEvent) -> tuple[int, int, str] | None:
        """What YAML read into an unquoted value that was not meant as part of it."""
        start, end = event.start_mark, event.end_mark
        if start is None or end is None:
            return None
        if end.line == start.line and not event.value.startswith(CURLY_OPENINGS):
            return None  # the common case, quickly
        return plain_value_problem(self.lines, (start.line, start.column), end.line, event.value)

    def _construct(self, tag: str, value: str) -> Any:
        """A value of a non-text tag (`_scalar` places text as it is)."""
        name = tag.removeprefix(_TAG)
        if name == "null":
            return None
        method = getattr(self._constructor, f"construct_yaml_{name}")
        return method(yaml.ScalarNode(tag, value))

    def _key(self, event: yaml.ScalarEvent, mark: Mark) -> None:
        frame = self._stack[-1]
        key = event.value
        if event.tag not in (None, "!") and event.tag != f"{_TAG}str":
            self._fail(mark, _tag_message(event.tag), (*frame.path, key))
        if key == "<<" and event.implicit[0]:
            self._fail(mark, "uses a merge key `<<`; write the keys out in full", frame.path)
        first = frame.seen.get(key)
        if frame.orphan:
            pass
        elif first is not None:
            self._fail(
                mark,
                f"`{key}` appears twice in the same mapping (first on line {first.line}); "
                "keep one: merge the two or delete one",
                (*frame.path, key),
            )
            frame.skip_value = True
        else:
            frame.seen[key] = mark
            self.document.key_marks[(*frame.path, key)] = mark
        frame.key = key


def _tag_message(tag: str) -> str:
    shown = tag.replace(_TAG, "!!")
    return (
        f"uses the tag `{shown}`; playbook files hold only text, numbers, dates, lists and "
        "mappings: remove the tag"
    )


def _construct_message(raw: str, tag: str, error: Exception) -> str:
    if tag.endswith("timestamp"):
        return impossible_date(raw) or f"`{raw}` is not a date; write it as YYYY-MM-DD"
    return f"`{raw}` cannot be read ({error}); put it in quotes if it is meant as text"
