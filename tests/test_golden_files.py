"""Golden files: each bad data file in golden/files, and the messages it must produce.

A case is `<case>.<kind>.yml` (the kind is a data kind, e.g. persona or sessions) with its
expected output in `<case>.expected`. Run `pytest --update-goldens` to rewrite the expected
files after a deliberate change, then read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.cli import main
from playbook.layout import KINDS
from playbook.problems import display_path
from playbook.validate import check_file

CASES = Path(__file__).parent / "golden" / "files"
KIND_BY_NAME = {kind.name: kind for kind in KINDS}


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yml"))


def _output(case: Path) -> str:
    kind = KIND_BY_NAME[case.suffixes[0].lstrip(".")]
    injected = "exec" if kind.name in ("persona", "program") else None
    model, _, problems = check_file(case, kind, injected)
    assert (model is None) == bool(problems)
    return "".join(f"{problem.format(CASES)}\n" for problem in sorted(problems))


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case.name.split(".")[0])
def test_golden(case: Path, request: pytest.FixtureRequest) -> None:
    expected_file = case.with_name(case.name.split(".")[0] + ".expected")
    actual = _output(case)
    if request.config.getoption("--update-goldens"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"no {expected_file.name}; run pytest --update-goldens"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_case_reports_something() -> None:
    for case in _cases():
        assert _output(case), f"{case.name} produced no problems"


def test_no_expected_file_without_its_case() -> None:
    cases = {case.name.split(".")[0] for case in _cases()}
    orphans = [path.name for path in CASES.glob("*.expected") if path.stem not in cases]
    assert not orphans


PLACES = {
    "persona": "personas/{case}.yml",
    "sessions": "programs/connect-2027/sessions/{case}.yml",
    "snippets": "messaging/exec.yml",  # named after its persona
    "clusters": "clusters.yml",
    "icp": "icp.yml",
    "program": "programs/connect-2027/program.yml",
    "weekly-results": "programs/connect-2027/results/weekly.yml",
    "satisfaction": "programs/connect-2027/results/satisfaction.yml",
    "session-fills": "programs/connect-2027/results/session-fills.yml",
}


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case.name.split(".")[0])
def test_the_command_exits_1_and_names_file_line_and_field(
    case: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, kind = case.name.split(".")[:2]
    target = data_copy / PLACES[kind].format(case=name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.read_bytes())

    assert main(["validate", str(data_copy)]) == 1

    out = capsys.readouterr().out
    expected = case.with_name(f"{name}.expected").read_text(encoding="utf-8").splitlines()
    for line in expected:
        # `<case file>:line:col: field: message` becomes `<its place in data>:line:col: …`
        located = line.replace(case.name, display_path(target), 1)
        if kind == "persona":
            located = located.replace("(`exec`)", f"(`{name}`)")
        assert located in out.splitlines()
