"""Results validated like all data: the checks across files, golden style.

tests/fixtures/results/invalid holds a `results:` block for the tool's program.yml and a
results folder with one mistake of each kind; `invalid.expected` is every message validation
gives for them (`pytest --update-goldens` rewrites it after a deliberate change). The messages
of one file against its model are golden files in tests/golden/files (`*.weekly-results.yml`,
`*.satisfaction.yml`, `*.session-fills.yml`, `export-mapping.program.yml`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from playbook.cli import main
from tests.conftest import ROOT, problems_in

FIXTURES = ROOT / "tests" / "fixtures" / "results"
INVALID = FIXTURES / "invalid"
PROGRAM = "connect-2027"


def with_results(data: Path, results: Path, settings: Path) -> Path:
    """`data` with `settings` appended to the program's program.yml and `results` as its
    results folder."""
    program = data / "programs" / PROGRAM / "program.yml"
    program.write_text(program.read_text(encoding="utf-8") + settings.read_text(encoding="utf-8"))
    shutil.copytree(results, data / "programs" / PROGRAM / "results")
    return data


def test_every_mistake_in_results_is_reported_with_its_file_line_and_field(
    data_copy: Path, request: pytest.FixtureRequest
) -> None:
    with_results(data_copy, INVALID / "results", INVALID / "program-results.yml")
    actual = "".join(f"{line}\n" for line in problems_in(data_copy))
    expected = FIXTURES / "invalid.expected"
    if request.config.getoption("--update-goldens"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_valid_results_validate_and_a_former_persona_id_in_them_is_resolved(
    data_copy: Path, edit: object, capsys: pytest.CaptureFixture[str]
) -> None:
    results = data_copy / "programs" / PROGRAM / "results"
    results.mkdir()
    (results / "weekly.yml").write_text(
        "snapshots:\n"
        "  - date: 2026-11-30\n"
        "    personas:\n"
        "      exec: {invited: 100, registered: 20}\n"
        "      business-champion: {registered: 5}\n"
        "    channels:\n"
        "      Email: {registrations: 20, spend: 1000}\n"
    )
    champion = data_copy / "personas" / "champion.yml"
    champion.write_text(champion.read_text() + "formerly:\n  - business-champion\n")
    assert main(["validate", str(data_copy)]) == 0, capsys.readouterr().out


def test_a_file_in_the_results_folder_with_another_name_is_pointed_at_the_right_one(
    data_copy: Path,
) -> None:
    results = data_copy / "programs" / PROGRAM / "results"
    results.mkdir()
    (results / "weekley.yml").write_text("snapshots: []\n")
    (problem,) = problems_in(data_copy)
    assert problem.startswith(f"programs/{PROGRAM}/results/weekley.yml:1:1: is not a place")
    assert f"did you mean `programs/{PROGRAM}/results/weekly.yml`?" in problem
