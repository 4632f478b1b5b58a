"""A data file as the loader reads it: plain values, and where in the file each one stands.

Every layer locates its problems through `Document.mark()` and `Document.problem()`: the
loader, the models' errors (`explain`), the checks across files and lint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from playbook.problems import FieldPath, Problem


class Mark(NamedTuple):
    """A position in a file, 1-based."""

    line: int
    column: int


@dataclass
class Document:
    """A YAML file read into plain values, with the position of each value and key."""

    path: Path
    data: Any
    marks: dict[FieldPath, Mark] = field(default_factory=dict)
    key_marks: dict[FieldPath, Mark] = field(default_factory=dict)
    plain: dict[FieldPath, str] = field(default_factory=dict)
    """Raw text of unquoted values that YAML read as a number, boolean, date or null."""
    schema: str | None = None
    """The JSON Schema the file's first line points editors at, if it has that line."""
    unreadable: set[FieldPath] = field(default_factory=set)
    """Values already reported by the reader (an alias, a tag, an impossible date)."""

    def mark(self, path: FieldPath, *, key: bool = False) -> Mark:
        """Where the value at `path` starts, or its key when `key`; else its nearest parent."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.marks:
                return self.marks[prefix]
            if prefix in self.key_marks:
                return self.key_marks[prefix]
        return Mark(1, 1)

    def problem(self, path: FieldPath, message: str, *, key: bool = False) -> Problem:
        """A problem located at `path` in this document."""
        mark = self.mark(path, key=key)
        return Problem(self.path, mark.line, mark.column, ".".join(str(p) for p in path), message)
