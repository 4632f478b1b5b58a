"""Problems found in the data, and how they are written out for people and for CI."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located at a file, line and column (1-based)."""

    file: Path
    line: int
    column: int
    field: str
    message: str

    @classmethod
    def whole_file(cls, path: Path, message: str) -> Problem:
        """A problem with the file (or folder) at `path` as a whole: it is missing, misplaced,
        unreadable or empty. It is located at the file's start, with no field."""
        return cls(path, 1, 1, "", message)

    def location(self, relative_to: Path | None = None) -> str:
        """`path:line:column`, the path relative to `relative_to`."""
        return f"{display_path(self.file, relative_to)}:{self.line}:{self.column}"

    def format(self, relative_to: Path | None = None) -> str:
        """`path:line:column: field.path: message`, the path relative to `relative_to`: one
        line of a terminal or a CI log, whatever the data in it."""
        location = self.location(relative_to)
        if self.field:
            return log_line(f"{location}: {self.field}: {self.message}")
        return log_line(f"{location}: {self.message}")

    @property
    def title(self) -> str:
        """What an annotation is titled: the field, or `playbook` for a whole file."""
        return self.field or "playbook"

    def github(self, relative_to: Path | None = None) -> str:
        """A GitHub Actions workflow command that annotates the problem's line in the PR."""
        return workflow_command(
            "error",
            display_path(self.file, relative_to),
            self.line,
            self.column,
            self.title,
            self.message,
        )


AnnotationLevel = Literal["error", "warning", "notice"]


def workflow_command(
    level: AnnotationLevel, file: str, line: int, column: int, title: str, message: str
) -> str:
    """`::level file=…,line=…,col=…,title=…::message`: a GitHub Actions annotation of a line.

    The one place annotations are written: the properties and the message are escaped as the
    workflow-command syntax asks, so a `:`, `,`, `%` or line break in them survives intact.
    """
    properties = {"file": file, "line": str(line), "col": str(column), "title": title}
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{level} {joined}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    # CR and LF as GitHub decodes them; other line breaks (which some readers of a log split
    # on) as spaces, like log_line.
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.translate(_LINE_BREAKS)


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_LINE_BREAKS = {ord(char): " " for char in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def log_line(text: str) -> str:
    """`text` as one line of a terminal or CI log: every kind of line break becomes a space, so
    nothing in it can start a line of its own, which GitHub would read as a workflow command
    (`::error …`, `::add-mask::`, `::stop-commands::`)."""
    return text.translate(_LINE_BREAKS)


def summary_table(problems: Sequence[Problem], relative_to: Path | None = None) -> str:
    """Every problem as a Markdown table, for a CI job summary."""
    lines = [
        f"### {summary(problems)}",
        "",
        "| File | Line | Field | Problem |",
        "| --- | ---: | --- | --- |",
    ]
    for problem in problems:
        cells = [
            display_path(problem.file, relative_to),
            str(problem.line),
            problem.field,
            problem.message,
        ]
        lines.append("| " + " | ".join(_table_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _table_cell(value: str) -> str:
    return markdown_text(value)


# What can start Markdown somewhere inside a line: emphasis, code, links and images, HTML and
# entities, table cells, strikethrough, math, and the autolinks of schemes and addresses. What
# only acts at the start of a line (`#`, `-`, `+`, `1.`) cannot: a value never starts one.
_MARKDOWN_SPECIAL = "\\`*_[]<>&|~!:@$"
_MARKDOWN_ESCAPES = {ord(char): f"&#{ord(char)};" for char in _MARKDOWN_SPECIAL} | {
    ord(char): " " for char in "\n\r\t\u0085\u2028\u2029"
}
_WWW = re.compile(r"(?i)(?<=www)\.")


def markdown_text(value: object) -> str:
    """`value` as inert text inside a line of GitHub-flavoured Markdown (a job summary's
    sentence or table cell).

    The characters that open Markdown inside a line become numeric character references and
    line breaks become spaces, so no value makes a link, an image, a table cell, HTML, a
    mention or an autolink (`https&#58;//`, `www&#46;`); GitHub shows the characters themselves.
    """
    return _WWW.sub("&#46;", str(value).translate(_MARKDOWN_ESCAPES))


def display_path(path: Path, relative_to: Path | None = None) -> str:
    """`path` relative to `relative_to` (default: the working directory) when it lies inside."""
    # abspath, not resolve: a symbolic link is shown as itself, not as what it points to.
    base = Path(os.path.abspath(relative_to or Path.cwd()))  # noqa: PTH100
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()  # noqa: PTH100
    except ValueError:
        return path.as_posix()


def field_name(path: FieldPath) -> str:
    """A field path as people read it: `jtbd.0.when`."""
    return ".".join(str(part) for part in path)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, if one is close enough to be a likely typo."""
    options = list(choices)
    lowered = {choice.lower(): choice for choice in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def one_of(choices: Sequence[str], limit: int = 12) -> str:
    """`a`, `b` or `c`: a short list of choices for a message."""
    quoted = [f"`{choice}`" for choice in choices[:limit]]
    if len(choices) > limit:
        quoted.append(f"… ({len(choices) - limit} more)")
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def counted(number: int, noun: str) -> str:
    """`1 session`, `2 sessions`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary(problems: Sequence[Problem]) -> str:
    """A closing line: how many problems in how many files."""
    files = len({problem.file for problem in problems})
    return f"{counted(len(problems), 'problem')} in {counted(files, 'file')}"
