"""`playbook diff`: what a change does, compared with a git revision."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.cli import main
from tests.conftest import EXAMPLE


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the example data."""
    shutil.copytree(EXAMPLE, tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", "data")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    return tmp_path


def change(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_diff_reports_a_field_change_an_added_session_and_a_removed_snippet(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = repo / "data"
    change(data / "personas/exec.yml", "  - Packed calendars\n", "  - Board meetings\n")
    change(data / "personas/exec.yml", "priority: primary", "priority: secondary")
    (data / "programs/connect-2027/sessions/extra.yml").write_text(
        "sessions:\n  - id: ai-readiness\n    title: AI Readiness Clinic\n    track: labs\n"
        "    format: clinic\n    personas:\n      primary: [practitioner]\n"
        "    cta:\n      practitioner: Book a readiness review\n"
    )
    snippets = data / "messaging/exec.yml"
    text = snippets.read_text(encoding="utf-8")
    start = text.index("  - id: exec-linkedin-inmail")
    end = text.index("  - id:", start + 1)
    snippets.write_text(text[:start] + text[end:], encoding="utf-8")
    monkeypatch.chdir(repo)

    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out

    assert "- Changed `exec` (Executive Decision-Maker):" in out
    assert "`priority`: “primary” → “secondary”" in out
    assert "`barriers`: added “Board meetings”; removed “Packed calendars”" in out
    assert "**Sessions**\n- Added `ai-readiness` (AI Readiness Clinic)" in out
    assert "- Removed `exec-linkedin-inmail`" in out
    pages = out[out.index("**Pages**") :]
    assert "`personas/exec.md`" in pages and "`programs/connect-2027/sessions.md`" in pages
    assert "`messaging/exec.md`" in pages
    assert "`guides/" not in pages


def test_no_change(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert main(["diff", "main"]) == 0
    assert "No change to the playbook's data or pages." in capsys.readouterr().out


def test_an_unknown_revision(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert main(["diff", "no-such-branch"]) == 2
    assert "cannot read `no-such-branch`" in capsys.readouterr().err


def test_data_that_did_not_exist_at_the_base_counts_as_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("x\n")
    git(tmp_path, "add", "README.md")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "first")
    shutil.copytree(EXAMPLE, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "- Added `exec` (Executive Decision-Maker)" in out
