"""YAML mistakes in words a content lead can act on, at the line where the mistake is.

Two sources: the problems PyYAML raises (`syntax_problem`), translated through a table of its
phrases with a look at the lines around to tell which mistake it was; and values YAML reads
without complaint but not as meant (`plain_value_problem`): a list item or key indented so that
it joins the value above, or text wrapped in curly quotes, which YAML keeps as part of the text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import yaml

from playbook.problems import Problem


class _Advice(NamedTuple):
    """What to tell people when PyYAML's problem text contains `problem`."""

    problem: str
    message: str
    """Our message; `{context_line}` and `{char}` are filled in."""
    at_context: bool = False
    """Report it where the construct began (an opening quote or bracket), not where it broke."""


# PyYAML's problems, by a phrase of its own text, and what we tell people about each. The first
# that matches wins; `_reading` looks at the lines first for the mistakes these phrases hide.
_ADVICE = (
    _Advice(
        "tab character",
        "a tab is used for indentation here; YAML indents with spaces only: "
        "replace the tab with spaces",
    ),
    _Advice(
        "mapping values are not allowed",
        'this unquoted value contains ": ", which YAML reads as the start of a new key; '
        "put the whole value in double quotes",
    ),
    _Advice(
        "could not find expected ':'",
        "line {context_line} is not a `key: value` pair; add the missing colon after the key, "
        "or indent the line under the key above it",
        at_context=True,
    ),
    _Advice(
        "did not find expected key",
        "this line is indented differently from the lines above it; line it up with the "
        "other keys at its level",
    ),
    _Advice(
        "expected '-' indicator",
        "this line breaks a list: start it with `- ` like the items above, or indent it "
        "less to end the list",
    ),
    _Advice(
        "expected ',' or ']'",
        "the list opened with `[` on line {context_line} is never closed with `]`",
    ),
    _Advice(
        "expected ',' or '}'",
        "the mapping opened with `{{` on line {context_line} is never closed with `}}`",
    ),
    _Advice(
        "unknown escape character",
        "a backslash inside double quotes starts an escape sequence; use single quotes, "
        "or write two backslashes",
    ),
)

_CURLY = {"“": "”", "‘": "’", "„": "“", "«": "»", "”": "”"}
CURLY_OPENINGS = tuple(_CURLY)
"""The curly quotes a value may open with (`plain_value_problem` checks what they close with)."""
_CURLY_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+:\s+)?(?P<quote>[“‘„«”])")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[\w-]+:(?:\s|$)")
_KEY_WITH_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+\S")

CURLY_QUOTES = (
    "curly quotes (“…”) are not quotes to YAML, which keeps them as part of the text: to quote "
    'the value, use straight quotes ("…"); to keep the curly quotes as text, put the whole '
    "value in straight quotes ('“…”')"
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where a line's key starts: after the indentation and a list item's `- `, if any."""
    start = re.match(r"^ *(?:- +)?", line)
    return start.end() if start else 0


def _previous(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above `index` that holds something."""
    for above in range(index - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            return above
    return None


def _reading(lines: list[str], index: int, problem: str) -> tuple[int, str] | None:
    """The mistake on line `index` that PyYAML's `problem` does not name, with the column."""
    line = lines[index] if index < len(lines) else ""
    if quote := _CURLY_VALUE.match(line):
        return quote.start("quote"), CURLY_QUOTES
    above = _previous(lines, index)
    if above is None:
        return None
    previous = lines[above]
    here, there = _indent(line), _indent(previous)
    list_item_above = previous.lstrip().startswith("- ")
    if "could not find expected ':'" in problem and list_item_above and here == there:
        return here, (
            f"this line is in a list: start it with `- ` like the item above it (line {above + 1})"
        )
    over_indented = (
        _key_column(line) > _key_column(previous)
        and _KEY_LINE.match(line)
        and _KEY_WITH_VALUE.match(previous)
    )
    if "mapping values are not allowed" in problem and over_indented:
        return here, (
            f"this key is indented more than the key above it (line {above + 1}), which "
            "already has a value: line them up"
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        parent = next(
            (i for i in range(index - 1, -1, -1) if lines[i].strip() and _indent(lines[i]) < here),
            None,
        )
        if parent is not None and there > here:
            spaces = f"{here} space{'s' if here != 1 else ''}"
            if line.lstrip().startswith("- "):
                what, fix = "list item", "line its `-` up with the items above"
            else:
                what, fix = "line", "line it up with one of them"
            return here, (
                f"this {what} is indented {spaces}: the lines above it are indented {there} "
                f"(line {above + 1}) and the key they belong to {_indent(lines[parent])} "
                f"(line {parent + 1}); {fix}"
            )
    return None


def syntax_problem(path: Path, text: str, error: yaml.YAMLError) -> Problem:
    """The problem PyYAML found, in words a content lead can act on, where it is."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line, mark.column) if mark else (0, 0)
    context = getattr(error, "context_mark", None)
    context_line = context.line + 1 if context else line + 1
    problem = str(getattr(error, "problem", None) or "")
    lines = text.split("\n")
    char = lines[line][column] if line < len(lines) and column < len(lines[line]) else ""

    if char == "\t":
        problem = "tab character"  # PyYAML says so in several ways, libyaml in others
    if "unexpected end of stream" in problem and "quoted scalar" in str(error):
        message = f"the quote opened on line {context_line} is never closed; add the closing quote"
        line, column = (context.line, context.column) if context else (line, column)
        return Problem(path, line + 1, column + 1, "", message)
    if "cannot start any token" in problem and char:
        message = f"a value cannot start with `{char}`; put the whole value in double quotes"
        return Problem(path, line + 1, column + 1, "", message)
    where = context.line if "could not find expected ':'" in problem and context else line
    if reading := _reading(lines, where, problem):
        return Problem(path, where + 1, reading[0] + 1, "", reading[1])
    for advice in _ADVICE:
        if advice.problem in problem:
            if advice.at_context and context:
                line, column = context.line, context.column
            message = advice.message.format(context_line=context_line, char=char)
            return Problem(path, line + 1, column + 1, "", message)
    detail = problem or str(error).split("\n")[0]
    return Problem(path, line + 1, column + 1, "", f"is not valid YAML here: {detail}")


def plain_value_problem(
    lines: list[str], start: tuple[int, int], end_line: int, value: str
) -> tuple[int, int, str] | None:
    """What is wrong with an unquoted value YAML read without complaint: (line, column,
    message), 1-based, or None. `start` is where the value starts (0-based line and column)."""
    if len(value) > 1 and value[0] in _CURLY and value[-1] == _CURLY[value[0]]:
        return start[0] + 1, start[1] + 1, CURLY_QUOTES
    for index in range(start[0] + 1, min(end_line, len(lines) - 1) + 1):
        line = lines[index]
        column = _indent(line) + 1
        if line.lstrip().startswith("- "):
            return (
                index + 1,
                column,
                (
                    "this list item is indented differently from the items above it, so YAML "
                    f"read it as more of the text on line {start[0] + 1}: line its `-` up "
                    "with theirs"
                ),
            )
        if _KEY_LINE.match(line):
            return (
                index + 1,
                column,
                (
                    "this key is indented so that YAML read it as more of the text on line "
                    f"{start[0] + 1}: line it up with the keys above"
                ),
            )
    return None
