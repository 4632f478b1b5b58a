"""The YAML reader: values, their positions, and the files it refuses."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
import yaml

from playbook.document import Mark
from playbook.load import MAX_FILE_BYTES, read, read_bytes
from playbook.yaml_text import MAX_DEPTH
from playbook.yaml_text import REPORTED as FORBIDDEN_REPORTED

HERE = Path("case.yml")


def test_values_and_their_positions() -> None:
    document, problems = read_bytes(
        HERE,
        b"name: Exec\ngoals:\n  - Cut cost\n  - Reduce risk\n"
        b"review:\n  last_reviewed: 2026-09-01\n",
    )
    assert not problems and document is not None
    assert document.data == {
        "name": "Exec",
        "goals": ["Cut cost", "Reduce risk"],
        "review": {"last_reviewed": dt.date(2026, 9, 1)},
    }
    assert document.mark(("goals", 1)) == Mark(4, 5)
    assert document.mark(("review", "last_reviewed")) == Mark(6, 18)
    assert document.mark(("review", "last_reviewed"), key=True) == Mark(6, 3)
    # A list or mapping is marked at its key; a path that does not exist at its nearest parent.
    assert document.mark(("goals",)) == Mark(2, 1)
    assert document.mark(("review", "owner")) == Mark(5, 1)


def test_plain_values_yaml_changed_keep_their_raw_text() -> None:
    document, _ = read_bytes(HERE, b'a: NO\nb: "NO"\nc: 1:30\nd: text\n')
    assert document is not None
    assert document.data == {"a": False, "b": "NO", "c": 90, "d": "text"}
    assert document.plain == {("a",): "NO", ("c",): "1:30"}


def test_keys_are_always_text() -> None:
    document, _ = read_bytes(HERE, b"on: 1\nno: 2\n2026-01-01: 3\n")
    assert document is not None
    assert document.data == {"on": 1, "no": 2, "2026-01-01": 3}


def test_a_byte_order_mark_is_ignored() -> None:
    document, problems = read_bytes(HERE, "\ufeffname: Exec\n".encode())
    assert not problems and document is not None and document.data == {"name": "Exec"}


def test_the_schema_line_is_remembered() -> None:
    text = b"# yaml-language-server: $schema=../../schemas/persona.schema.json\nname: Exec\n"
    document, _ = read_bytes(HERE, text)
    assert document is not None and document.schema == "../../schemas/persona.schema.json"


def test_a_file_over_the_size_limit_is_refused_without_parsing() -> None:
    document, problems = read_bytes(HERE, b"a: " + b"x" * MAX_FILE_BYTES)
    assert document is None
    assert "over the 2 MB limit" in problems[0].message


def test_the_pyyaml_ci_asked_for_is_the_one_loaded() -> None:
    # .ci/run runs these tests a second time on another PyYAML; make sure it really is that one.
    expected = os.environ.get("PLAYBOOK_EXPECT_PYYAML", yaml.__version__)
    assert yaml.__version__ == expected


@pytest.mark.parametrize(
    "text",
    [
        b"[" * 2_000 + b"]" * 2_000,
        b"[" * 100_000 + b"]" * 100_000,
        b"name: x\njobs: " + b"{a: " * 2_000 + b"1" + b"}" * 2_000 + b"\n",
        b"a: " + b"[" * 100_000,  # never closed, as well
    ],
    ids=["2000-deep", "100000-deep", "mappings", "unclosed"],
)
def test_deep_nesting_gets_our_message_quickly_whatever_the_parsers_own_limit(
    text: bytes,
) -> None:
    # libyaml 0.2.6 (PyYAML 6.0.4) stops at 1,000 levels with a message of its own; 0.2.5
    # (PyYAML 6.0.3) has no limit. Either way the reader's message comes, within a second.
    start = time.perf_counter()
    document, problems = read_bytes(HERE, text)
    assert time.perf_counter() - start < 1
    assert document is None
    assert [problem.message for problem in problems] == [
        f"is nested more than {MAX_DEPTH} levels deep; playbook files never need that many "
        "levels: check the indentation and the brackets"
    ]
    first_line = text.split(b"\n")[0]
    assert problems[0].line == (1 if first_line.count(b"[") > MAX_DEPTH else 2)


def test_deep_block_nesting_is_refused_at_the_line_that_goes_too_deep() -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(40)) + "  " * 40 + "v\n"
    document, problems = read_bytes(HERE, text.encode())
    assert document is None
    assert problems[0].line == MAX_DEPTH + 1
    assert f"more than {MAX_DEPTH} levels" in problems[0].message


def test_brackets_in_text_never_count_as_nesting() -> None:
    # The bracket count is asked only of files the parser refuses; text keeps its brackets.
    brackets = "[" * 100
    text = f'a: |\n  {brackets}\nb: "{brackets}"\nc: x{brackets}\n# {brackets}\n'
    document, problems = read_bytes(HERE, text.encode())
    assert not problems and document is not None
    assert document.data["b"] == brackets


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\x01", "control character U+0001"),
        ("\x0b", "control character U+000B"),
        ("\x1b", "control character U+001B"),
        ("\x7f", "control character U+007F"),
        ("\x85", "control character U+0085"),
        ("\x9f", "control character U+009F"),
        ("\ufdd0", "non-character U+FDD0"),
        ("\ufffe", "non-character U+FFFE"),
        ("\uffff", "non-character U+FFFF"),
        ("\U0001fffe", "non-character U+1FFFE"),
        ("\U0010ffff", "non-character U+10FFFF"),
    ],
)
def test_a_raw_control_character_or_non_character_is_named_where_it_stands(
    char: str, kind: str
) -> None:
    text = f"name: Exec\ngoals:\n  - Cut{char} cost\n"
    document, problems = read_bytes(HERE, text.encode())
    assert document is None
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            3,
            8,
            f"contains the invisible {kind}, which playbook files may not hold; "
            "delete it (retype the text around it)",
        )
    ]


def test_many_control_characters_are_counted_after_the_first_few() -> None:
    text = "".join(f"k{n}: a\x01b\n" for n in range(FORBIDDEN_REPORTED + 3))
    _, problems = read_bytes(HERE, text.encode())
    assert [p.line for p in problems] == [*range(1, FORBIDDEN_REPORTED + 2)]
    assert "3 more invisible characters" in problems[-1].message


def test_tabs_newlines_and_ordinary_unicode_are_not_refused() -> None:
    text = "a: 'x\ty'\r\nb: Zoë — “quoted” 😀\n"
    document, problems = read_bytes(HERE, text.encode())
    assert not problems and document is not None


@pytest.mark.parametrize(
    "error",
    [
        yaml.reader.ReaderError("case.yml", 7, ord("x"), "utf-8", "special characters"),
        yaml.scanner.ScannerError("while scanning", None, "something odd", None),
        yaml.parser.ParserError(None, None, "no marks at all"),
        yaml.composer.ComposerError("while composing", None, "odd", None),
        yaml.YAMLError("a bare error"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_every_error_the_parser_can_raise_becomes_a_problem(
    error: yaml.YAMLError, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: object) -> None:
        raise error

    monkeypatch.setattr("playbook.load._Reader.run", fail)
    document, problems = read_bytes(HERE, b"name: Exec\n")
    assert document is None
    assert len(problems) == 1
    assert problems[0].file == HERE and problems[0].line >= 1
    assert problems[0].message.startswith("is not valid YAML here")


def test_many_aliases_are_refused_without_being_expanded() -> None:
    lines = [b'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 30):
        refs = ", ".join([f"*a{level - 1}"] * 10).encode()
        lines.append(f"a{level}: &a{level} [".encode() + refs + b"]")
    start = time.perf_counter()
    document, problems = read_bytes(HERE, b"\n".join(lines) + b"\n")
    assert time.perf_counter() - start < 1
    assert document is not None
    assert len(problems) == 4  # three named aliases and a count of the rest
    assert "uses 287 more aliases" in problems[-1].message


def test_a_tag_on_a_collection_stops_the_file() -> None:
    document, problems = read_bytes(HERE, b"x: !!python/object/apply:os.system [ls]\ny: 1\n")
    assert document is None
    assert "`!!python/object/apply:os.system`" in problems[0].message


def test_standard_tags_are_allowed() -> None:
    document, problems = read_bytes(HERE, b"a: !!str 2026\n")
    assert not problems and document is not None and document.data == {"a": "2026"}


def test_a_duplicate_keys_value_does_not_replace_the_first() -> None:
    document, problems = read_bytes(HERE, b"a:\n  x: 1\nb: 2\na:\n  y: 2\n")
    assert document is not None
    assert document.data == {"a": {"x": 1}, "b": 2}
    assert document.mark(("a", "x")) == Mark(2, 6)
    assert [problem.line for problem in problems] == [4]


def test_an_unreadable_file(tmp_path: Path) -> None:
    document, problems = read(tmp_path / "missing.yml")
    assert document is None
    assert problems[0].message.startswith("cannot be read")


def test_prose_wrapped_onto_the_next_line_and_inner_curly_quotes_are_allowed() -> None:
    text = (
        "summary: a long sentence that runs\n  on to the next line\n"
        "offers:\n  - “Bring your CFO” pass upgrade\n  - 'fine: quoted'\n"
    )
    document, problems = read_bytes(HERE, text.encode())
    assert not problems and document is not None
    assert document.data["summary"] == "a long sentence that runs on to the next line"
    assert document.data["offers"][0] == "“Bring your CFO” pass upgrade"


def test_curly_quotes_inside_straight_quotes_are_kept_as_text() -> None:
    document, problems = read_bytes(HERE, "quote: '“We need proof”'\n".encode())
    assert not problems and document is not None
    assert document.data["quote"] == "“We need proof”"
