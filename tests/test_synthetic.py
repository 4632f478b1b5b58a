"""The benchmark's synthetic playbooks: valid by construction, and the same every time."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import SIZES, Size, synthesize

from playbook.validate import validate
from tests.conftest import EXAMPLE

SMALL = Size("small", personas=8, programs=2, sessions=40, snippets=50)


def test_a_synthetic_playbook_is_valid_and_has_the_size_asked_for(tmp_path: Path) -> None:
    playbook, problems = validate(synthesize(EXAMPLE, tmp_path / "data", SMALL))
    assert problems == []
    assert playbook is not None
    assert len(playbook.personas) == 8
    assert len(playbook.programs) == 2
    assert sum(len(sessions) for sessions in playbook.sessions.values()) == 40
    assert len(playbook.snippets) == 50


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yml")}


def test_the_same_size_gives_the_same_files(tmp_path: Path) -> None:
    first = _files(synthesize(EXAMPLE, tmp_path / "a", SMALL))
    assert len(first) > 20
    assert first == _files(synthesize(EXAMPLE, tmp_path / "b", SMALL))


def test_the_benchmark_sizes_are_the_issues() -> None:
    assert (SIZES["M"].personas, SIZES["M"].programs, SIZES["M"].sessions, SIZES["M"].snippets) == (
        20,
        4,
        600,
        2000,
    )
    assert (SIZES["L"].personas, SIZES["L"].programs, SIZES["L"].sessions, SIZES["L"].snippets) == (
        60,
        12,
        2400,
        8000,
    )
