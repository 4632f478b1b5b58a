"""The benchmark's synthetic playbooks: valid by construction, and the same every time."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from benchmarks.synthetic import AUDIENCE, SIZES, Size, synthesize

from playbook.validate import validate
from tests.conftest import EXAMPLE, ROOT

SMALL = Size("small", personas=8, programs=2, sessions=40, snippets=50)
UNEVEN = Size("uneven", personas=7, programs=3, sessions=31, snippets=23)
"""Counts that do not divide evenly."""


@pytest.mark.parametrize("size", [SMALL, UNEVEN], ids=lambda size: size.name)
def test_a_synthetic_playbook_is_valid_and_has_the_shape_asked_for(
    tmp_path: Path, size: Size
) -> None:
    playbook, problems = validate(synthesize(EXAMPLE, tmp_path / "data", size))
    assert problems == []
    assert playbook is not None
    assert len(playbook.personas) == size.personas
    assert len(playbook.programs) == size.programs
    assert playbook.featured_program in playbook.programs
    for program_id, program in playbook.programs.items():
        # Every program is the same size, and aimed at the same number of personas.
        assert len(playbook.sessions[program_id]) == size.sessions // size.programs
        assert len(program.audiences) == min(AUDIENCE, size.personas)
        assert program_id in playbook.timelines and program_id in playbook.kpis
    assert len(playbook.snippets) == size.snippets
    shares = Counter(snippet.persona for snippet in playbook.snippets)
    assert set(shares) <= set(playbook.personas)
    assert max(shares.values()) - min(shares.values()) <= 1  # shared out evenly


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yml")}


def test_the_same_size_gives_the_same_files(tmp_path: Path) -> None:
    first = _files(synthesize(EXAMPLE, tmp_path / "a", SMALL))
    assert sum(path.startswith("personas/") for path in first) == SMALL.personas
    assert first == _files(synthesize(EXAMPLE, tmp_path / "b", SMALL))


def test_the_readme_describes_the_benchmark_sizes_it_builds() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, size in SIZES.items():
        described = (
            f"- **{name}**: {size.personas} personas, {size.programs} programs, "
            f"{size.sessions:,} sessions, {size.snippets:,} snippets"
        )
        assert described in readme, described
    assert re.findall(r"^- \*\*(\w+)\*\*: ", readme, re.MULTILINE) == ["S", *SIZES]
