"""What keeps editing safe: current schemas and CODEOWNERS, and a pre-commit hook that checks."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from tests.conftest import ROOT


def test_the_committed_schemas_are_current() -> None:
    assert main(["schema", "--check", "--out", str(ROOT / "schemas")]) == 0


def test_the_committed_codeowners_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["codeowners", "--check"]) == 0
    text = (ROOT / ".github" / "CODEOWNERS").read_text()
    assert "/data/personas/exec.yml @lumora/pmm-team\n" in text
    assert "/data/messaging/partner.yml @lumora/alliances\n" in text


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
