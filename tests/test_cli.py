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
from playbook.problems import Problem
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


@pytest.mark.parametrize(
    "arguments",
    [["--data", "data"], ["data"], [], ["data", "--data", "data"]],
    ids=["--data", "positional", "default", "both-agreeing"],
)
@pytest.mark.parametrize("command", ["validate", "lint"])
def test_the_data_folder_is_named_with_data_or_as_a_plain_argument(
    command: str,
    arguments: list[str],
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(data_copy.parent)
    assert main([command, *arguments]) == 0
    expected = {"validate": "data is a valid playbook", "lint": "\n0 errors, "}[command]
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_two_different_data_folders_are_refused(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "data", "--data", "elsewhere"])
    assert exit_.value.code == 2
    assert "the data folder is given twice" in capsys.readouterr().err


def test_every_command_reading_data_takes_data(capsys: pytest.CaptureFixture[str]) -> None:
    for command in [
        ["validate"],
        ["lint"],
        ["generate", "out"],
        ["new", "persona", "x"],
        ["diff", "main"],
        ["codeowners"],
    ]:
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "--data DIR" in capsys.readouterr().out, command


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


def test_github_annotations_point_at_the_line_and_the_summary_lists_every_problem(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    persona = data_copy / "personas" / "exec.yml"
    lines = persona.read_text(encoding="utf-8").splitlines(keepends=True)
    typo = next(number for number, line in enumerate(lines, 1) if line.startswith("pain_points:"))
    lines[typo - 1] = "pain_point:\n"
    persona.write_text("".join(lines), encoding="utf-8")
    sessions = data_copy / "programs/connect-2027/sessions/labs.yml"
    text = sessions.read_text(encoding="utf-8")
    sessions.write_text(text.replace('start: "11:15"', "start: 11:15", 1))
    summary_file = data_copy.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    monkeypatch.chdir(data_copy.parent)

    assert main(["validate", "data", "--format", "github"]) == 1

    out = capsys.readouterr().out.splitlines()
    assert (
        f"::error file=data/personas/exec.yml,line={typo},col=1,title=pain_point::"
        "unknown field `pain_point`; did you mean `pain_points`?"
    ) in out
    annotation = next(line for line in out if "labs.yml" in line)
    line = int(re.search(r",line=(\d+),", annotation).group(1))  # type: ignore[union-attr]
    assert sessions.read_text().splitlines()[line - 1].strip().startswith("start: ")
    summary = summary_file.read_text()
    assert summary.startswith("### 2 problems in 2 files\n")
    assert f"| data/personas/exec.yml | {typo} | pain&#95;point | unknown field" in summary


def test_github_annotation_text_is_escaped() -> None:
    problem = Problem(Path("data/x.yml"), 3, 5, "a,b", "100% sure:\nnew line")
    assert (
        problem.github()
        == "::error file=data/x.yml,line=3,col=5,title=a%2Cb::100%25 sure:%0Anew line"
    )
