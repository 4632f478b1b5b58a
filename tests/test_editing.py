"""What keeps editing safe: current schemas and CODEOWNERS, and a pre-commit hook that checks."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from playbook.codeowners import ENGINEERING_PATHS, codeowners_rule
from tests.conftest import ROOT


def test_the_committed_schemas_are_current() -> None:
    assert main(["schema", "--check", "--out", str(ROOT / "schemas")]) == 0


def last_rule_for(codeowners_text: str, path: str) -> list[str]:
    """The owners GitHub asks to review `path`: the last matching rule's (a simple matcher for
    the patterns we write: `*`, folders ending in `/`, exact files)."""
    owners: list[str] = []
    for line in codeowners_text.splitlines():
        if not line or line.startswith("#"):
            continue
        pattern, *handles = line.split(" ")
        if (
            pattern == "*"
            or path == pattern
            or (pattern.endswith("/") and path.startswith(pattern))
        ):
            owners = handles
    return owners


def test_every_file_has_a_reviewer_and_code_goes_to_engineering(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_copy.parent)
    out = data_copy.parent / "CODEOWNERS"
    settings = data_copy / "playbook.yml"
    settings.write_text(
        settings.read_text().split("owners:")[0]
        + 'owners:\n  playbook: "@org/content"\n  engineering: "@org/eng"\n'
        + "lint:"
        + settings.read_text().split("\nlint:", 1)[1]
    )
    exec_file = data_copy / "personas" / "exec.yml"
    exec_file.write_text(re.sub(r"github: .*", 'github: "@exec-owner"', exec_file.read_text()))
    assert main(["codeowners", "--out", str(out)]) == 0
    text = out.read_text()
    data = "/" + data_copy.name
    assert last_rule_for(text, f"{data}/personas/exec.yml") == ["@exec-owner"]
    assert last_rule_for(text, f"{data}/messaging/exec.yml") == ["@exec-owner"]
    assert last_rule_for(text, f"{data}/programs/x/sessions/y.yml") == ["@org/content"]
    assert last_rule_for(text, f"{data}/playbook.yml") == ["@org/content", "@org/eng"]
    assert last_rule_for(text, "/README.md") == ["@org/content"]
    for path in (
        "/.github/CODEOWNERS",
        "/.github/workflows/check.yml",
        "/src/playbook/x.py",
        "/hooks/a.py",
        "/macros/__init__.py",
        "/mkdocs.yml",
        "/run.py",
        "/.ci/run",
        "/pyproject.toml",
        "/requirements/lock.txt",
        "/docs/index.md",
    ):
        assert last_rule_for(text, path) == ["@org/eng"], path


def test_every_code_and_config_path_in_the_repository_is_engineerings() -> None:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    tracked = {line.split("/")[0] for line in listed.stdout.splitlines()}
    assert "run.py" in tracked and "src" in tracked
    prose = {"README.md", "CONTRIBUTING.md", ".gitignore", "data"}  # the playbook owner's
    code = {path.strip("/").split("/")[0] for path in ENGINEERING_PATHS}
    assert sorted(tracked - prose - code) == [], "add these to ENGINEERING_PATHS (codeowners.py)"


@pytest.mark.parametrize(
    ("path", "owner"),
    [
        ("/data/a b.yml", "@x"),
        ("/data/x.yml\n* @evil", "@x"),
        ("#comment", "@x"),
        ("/data/../.github/", "@x"),
        ("/data/!x.yml", "@x"),
        ("/data/x.yml", "@evil\n* @x"),
        ("/data/x.yml", "@a b"),
    ],
)
def test_a_codeowners_rule_refuses_what_codeowners_would_read_as_syntax(
    path: str, owner: str
) -> None:
    with pytest.raises(ValueError, match=r"CODEOWNERS can hold safely|not a GitHub user"):
        codeowners_rule(path, owner)


def test_codeowners_follows_the_data(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(data_copy.parent)
    out = data_copy.parent / "CODEOWNERS"
    assert main(["codeowners", "--out", str(out)]) == 0
    persona = data_copy / "personas" / "exec.yml"
    persona.write_text(persona.read_text().replace('"@lumora/pmm-team"', '"@new-owner"', 1))
    assert main(["codeowners", "--check", "--out", str(out)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["codeowners", "--out", str(out)]) == 0
    assert "/data/personas/exec.yml @new-owner\n" in out.read_text()


def test_the_pre_commit_hooks_run_playbook_checks_that_pass_on_the_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} >= {"playbook-validate", "playbook-schemas"}
    monkeypatch.chdir(ROOT)
    for hook in hooks:
        words = shlex.split(hook["entry"])
        assert words[:3] == ["python3", "run.py", "playbook"], hook["id"]
        assert main(words[3:]) == 0, hook["id"]


def test_the_editor_is_told_about_the_yaml_extension() -> None:
    assert "redhat.vscode-yaml" in (ROOT / ".vscode" / "extensions.json").read_text()
