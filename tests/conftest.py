"""Shared fixtures: the example playbook, and copies of it to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from playbook.models.playbook import Playbook
from playbook.problems import Problem
from playbook.validate import validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the expected output of golden-file tests from what the code produces now",
    )


@pytest.fixture(scope="session")
def example() -> Playbook:
    """The example playbook, validated once per test run."""
    playbook, problems = validate(EXAMPLE)
    assert not problems, "\n".join(problem.format(ROOT) for problem in problems)
    assert playbook is not None
    return playbook


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the example data to change; validate it with `problems_in`."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLE, target)
    return target


Edit = Callable[[str, str, str], None]


@pytest.fixture
def edit(data_copy: Path) -> Edit:
    """Replace the first `old` with `new` in a file of the data copy (so line numbers stay put)."""

    def replace(relative: str, old: str, new: str) -> None:
        path = data_copy / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return replace


def problems_in(data_dir: Path) -> list[str]:
    """The problems `validate` reports for `data_dir`, formatted with paths relative to it."""
    playbook, problems = validate(data_dir)
    assert (playbook is None) == bool(problems)
    return [problem.format(data_dir) for problem in problems]


def formatted(problems: list[Problem], base: Path) -> list[str]:
    return [problem.format(base) for problem in problems]
