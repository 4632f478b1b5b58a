"""Property-based: the example's files, mutated the way hands and tools break YAML.

Whatever the mutation, `validate` never raises (it reports problems), and a mutant it accepts
builds: every page renders, and a strict MkDocs build passes. A few examples run in the suite;
the scheduled "newest" workflow runs many more (`HYPOTHESIS_PROFILE=long`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from playbook.problems import Problem
from playbook.site import build_site, rendered_pages
from playbook.validate import validate
from tests.conftest import EXAMPLE, ROOT, mkdocs_build
from tests.test_build import project_copy

settings.register_profile(
    "suite", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

FILES = sorted(path.relative_to(EXAMPLE).as_posix() for path in EXAMPLE.rglob("*.yml"))
ODD = [
    "\u2028", "\u2029", "\u0085", "\ufffe", "\u202e", "\u200f", "\u00a0", "\u0301",
    "\t", "\x00", "\x1b", "😀", "“", "”", "---", "#", ": ", "- ", "{{ 7*7 }}", "<script>",
    "&", "*a", "&a", "!!python/name:os.system", "\\", "'", '"', "%", "::error::",
]  # fmt: skip
# Text that is valid in a value and means something somewhere else (Markdown, HTML, Jinja, CI).
HOSTILE_TEXT = [
    "😀", "“quoted”", "{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>", "&amp;", "# h",
    "%0A", "::error::x", "\u0301", "[x](javascript:alert(1))", "**bold**", "![i](https://e.x/i)",
    "| a |", "--- ", "<!-- c -->", "`code`", "\\", "@mention", "=cmd|' /C calc'!A0",
]  # fmt: skip
SCALARS = ["[1, 2]", "{a: 1}", "123", "true", "null", "2026-02-30", '""', "''", "~", "1:30"]


def _lines(text: str) -> list[str]:
    return text.split("\n")


Mutation = Callable[[bytes], bytes]


KINDS = ["flip", "delete", "duplicate", "swap", "unicode", "indent", "dedent"]


@st.composite
def mutations(
    draw: st.DrawFn, kinds: list[str] = KINDS, odd_text: list[str] = ODD
) -> tuple[str, Mutation]:
    """A file of the example and one way to break it."""
    name = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(kinds))
    where = draw(st.integers(min_value=0, max_value=10**6))
    odd = draw(st.sampled_from(odd_text))
    scalar = draw(st.sampled_from(SCALARS))
    byte = draw(st.integers(min_value=0, max_value=255))

    def mutate(raw: bytes) -> bytes:
        if kind == "flip":
            at = where % max(len(raw), 1)
            return raw[:at] + bytes([byte]) + raw[at + 1 :]
        text = raw.decode("utf-8")
        lines = _lines(text)
        at = where % len(lines)
        line = lines[at]
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, line)
        elif kind == "swap" and ":" in line:
            key = line.split(":", 1)[0]
            lines[at] = f"{key}: {scalar}"
        elif kind == "unicode":
            column = where % (len(line) + 1)
            lines[at] = line[:column] + odd + line[column:]
        elif kind == "indent":
            lines[at] = " " * (1 + where % 3) + line
        elif kind == "dedent":
            lines[at] = line[1 + where % 2 :] if line.startswith(" ") else line
        return "\n".join(lines).encode("utf-8")

    return name, mutate


def _mutant(tmp_path: Path, name: str, mutate: Mutation) -> Path:
    data = tmp_path / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(EXAMPLE, data)
    target = data / name
    target.write_bytes(mutate(target.read_bytes()))
    return data


def _check_problems(problems: list[Problem], data: Path) -> None:
    for problem in problems:
        assert problem.file.is_relative_to(data), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message and "Traceback" not in problem.message, problem


@given(mutation=mutations())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_validation_never_raises_and_locates_every_problem(
    tmp_path: Path, mutation: tuple[str, Mutation]
) -> None:
    data = _mutant(tmp_path, *mutation)
    playbook, problems = validate(data)
    assert (playbook is None) == bool(problems)
    _check_problems(problems, data)
    if playbook is not None:  # what validates renders, page by page
        site = build_site(data, dt.date(2026, 11, 23), history=False)
        assert all(text for _, text in rendered_pages(site))


@given(mutation=mutations(kinds=["unicode"], odd_text=HOSTILE_TEXT))
@settings(
    max_examples=2 if settings().max_examples < 100 else 60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@pytest.mark.build
def test_whatever_validates_builds_strictly(tmp_path: Path, mutation: tuple[str, Mutation]) -> None:
    project = tmp_path / "project"
    if not project.exists():
        project_copy(project)
    data = _mutant(project, *mutation)
    playbook, _ = validate(data)
    assume(playbook is not None)  # the test above covers what validation refuses
    result = mkdocs_build(project, project / "site", data)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert ROOT.exists()
