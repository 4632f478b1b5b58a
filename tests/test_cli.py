"""The `playbook` command as a content lead and CI run it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.layout import KINDS
from tests.conftest import EXAMPLE

PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")


def test_validate_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "is a valid playbook: 5 personas" in out


def test_validate_reports_every_problem_in_one_run(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    persona = data_copy / "personas" / "exec.yml"
    persona.write_text(persona.read_text().replace("pain_points:", "pain_point:", 1))
    (data_copy / "personas" / "Champion.yml").write_text("name: x\n")
    (data_copy / "messaging" / "broken.yml").write_text("snippets:\n\t- id: x\n")
    monkeypatch.chdir(data_copy.parent)

    assert main(["validate", "data"]) == 1

    lines = capsys.readouterr().out.splitlines()
    problems = [PROBLEM_LINE.match(line) for line in lines if PROBLEM_LINE.match(line)]
    paths = {match["path"] for match in problems if match}
    assert paths == {
        "data/personas/exec.yml",
        "data/personas/Champion.yml",
        "data/messaging/broken.yml",
    }
    assert any("did you mean `pain_points`?" in line for line in lines)
    # The misspelt key is one problem: its "did you mean" covers the missing `pain_points`.
    assert lines[-1].startswith("3 problems in 3 files.")


def test_validate_a_folder_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/folder"]) == 1
    assert "is not a folder" in capsys.readouterr().out


def test_the_installed_command_runs_and_never_shows_a_traceback(tmp_path: Path) -> None:
    command = shutil.which("playbook", path=str(Path(sys.executable).parent))
    assert command, "the `playbook` console script is not installed"
    bad = tmp_path / "data"
    bad.mkdir()
    (bad / "playbook.yml").write_bytes(b"title: \xff\n")
    result = subprocess.run([command, "validate", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "is not UTF-8 text" in result.stdout


def test_schema_writes_one_file_per_kind_and_check_finds_stale_ones(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        kind.schema_file for kind in KINDS
    )
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "persona.schema.json").write_text("{}\n")
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 1


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "validate" in capsys.readouterr().out
