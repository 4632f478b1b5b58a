"""What a YAML file's raw text says before YAML reads it: the mistakes a parser would misread.

Each check returns problems located by line and column; `playbook.load` runs them first and
refuses the file when they find anything, since what YAML would make of it is not what was meant:
- characters YAML refuses, and Unicode's non-characters, named by code point;
- non-breaking and other unusual spaces where YAML needs an ordinary one (in the indentation,
  after a list's `-` or a key's `:`): they come with text copied from Word or a web page;
- and, asked only of a file the parser refused, nesting deeper than MAX_DEPTH in brackets.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from playbook.problems import Problem

MAX_DEPTH = 24
TOO_DEEP = (
    f"is nested more than {MAX_DEPTH} levels deep; playbook files never need that many "
    "levels: check the indentation and the brackets"
)
REPORTED = 5
"""Characters reported one by one per file; the rest are counted in one more problem."""

# Characters YAML refuses in a file, and Unicode's non-characters: C0 controls but tab and line
# breaks, DEL, C1 controls (NEL too: YAML would read it as a line break nobody sees), U+FDD0 to
# U+FDEF, and the last two code points of every plane.
_FORBIDDEN = re.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)

_FORBIDDEN_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""The same, for text that is all ASCII (most files): a far cheaper search."""

_ODD_SPACE = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# An odd space in the indentation, right after a list item's `-`, or right after a key's `:`.
_MISPLACED_SPACE = re.compile(
    rf"^[ ]*(?P<indent>{_ODD_SPACE})"
    rf"|^[ ]*-(?P<dash>{_ODD_SPACE})"
    rf"|^[ ]*(?:-[ ]+)?[A-Za-z_][\w-]*:(?P<colon>{_ODD_SPACE})",
    re.MULTILINE,
)

# What could open or close a flow collection, skipping quoted text and comments: a quote or `#`
# counts only where YAML would read it so (at a line's start or after a space or an indicator).
_FLOW = re.compile(
    r"""(?:^|(?<=[\s\[{,:]))(?:"(?:[^"\\]|\\.)*"?|'[^']*(?:''[^']*)*'?)"""
    r"""|(?:^|(?<=\s))\#[^\n]*|[\[\]{}]""",
    re.MULTILINE,
)


def position(text: str, offset: int) -> tuple[int, int]:
    """The line and column (1-based) of the character at `offset` in `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _at(path: Path, text: str, offset: int, message: str) -> Problem:
    line, column = position(text, offset)
    return Problem(path, line, column, "", message)


def forbidden_characters(path: Path, text: str) -> list[Problem]:
    """A problem for each raw control character or non-character in `text`, named by code point."""
    problems = []
    found = list((_FORBIDDEN_ASCII if text.isascii() else _FORBIDDEN).finditer(text))
    for match in found[:REPORTED]:
        char = match.group()
        kind = "control character" if unicodedata.category(char) == "Cc" else "non-character"
        problems.append(
            _at(
                path,
                text,
                match.start(),
                f"contains the invisible {kind} U+{ord(char):04X}, which playbook files may not "
                "hold; delete it (retype the text around it)",
            )
        )
    if len(found) > REPORTED:
        more = len(found) - REPORTED
        problems.append(
            _at(
                path,
                text,
                found[REPORTED].start(),
                f"contains {more} more invisible characters like these from here on; delete them",
            )
        )
    return problems


def misplaced_spaces(path: Path, text: str) -> list[Problem]:
    """A problem for each non-breaking or other unusual space where YAML needs a plain one."""
    if text.isascii():
        return []  # every odd space lies outside ASCII
    problems = []
    found = list(_MISPLACED_SPACE.finditer(text))
    for match in found[:REPORTED]:
        where = match.lastgroup or "indent"
        offset = match.start(where)
        char = text[offset]
        name = "a non-breaking space" if char == "\u00a0" else "an unusual space"
        place = {
            "indent": "in the indentation",
            "dash": "after the `-` of a list item",
            "colon": "after the `:` of a key",
        }[where]
        problems.append(
            _at(
                path,
                text,
                offset,
                f"{name} (U+{ord(char):04X}) stands {place}, where YAML needs an ordinary space "
                "(text copied from Word or a web page brings them): delete it and type a space",
            )
        )
    if len(found) > REPORTED:
        more = len(found) - REPORTED
        problems.append(
            _at(path, text, found[REPORTED].start(), f"has {more} more spaces like these")
        )
    return problems


def too_deep(path: Path, text: str) -> Problem | None:
    """The problem where `text` opens a flow collection nested deeper than MAX_DEPTH, if it does.

    Asked only of a file the parser refused: a parser may stop at its own depth limit (libyaml
    0.2.6 stops at 1,000 levels) before the reader counts to ours. Block nesting needs no such
    count: the parser hands the reader those levels one by one.
    """
    depth = 0
    for token in _FLOW.finditer(text):
        char = token.group()[0]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _at(path, text, token.start(), TOO_DEEP)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None
