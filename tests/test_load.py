"""The YAML reader: values, their positions, and the files it refuses."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from playbook.load import MAX_DEPTH, MAX_FILE_BYTES, Mark, read, read_bytes

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


def test_deep_nesting_is_refused_quickly() -> None:
    start = time.perf_counter()
    document, problems = read_bytes(HERE, b"[" * 100_000 + b"]" * 100_000)
    assert time.perf_counter() - start < 1
    assert document is None
    assert f"more than {MAX_DEPTH} levels" in problems[0].message


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
