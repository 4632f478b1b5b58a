"""`playbook diff`: what a change does, compared with a git revision."""

from __future__ import annotations

import re
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
    assert "changed the priority: ~~primary~~ **secondary**" in out
    assert re.search(r"changed barrier \d+: ~~Packed calendars~~ \*\*Board meetings\*\*", out)
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


def _diff_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["diff", "main"]) == 0
    return [line.strip() for line in capsys.readouterr().out.splitlines()]


def test_diff_says_a_quote_was_added_to_a_job_with_its_words_and_source(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    persona = repo / "data/personas/champion.yml"
    text = persona.read_text(encoding="utf-8")
    jobs = text.index("\njtbd:")
    second_job = text.index("\n  - when:", text.index("\n  - when:", jobs) + 1)
    evidence = text.index("    evidence:\n", second_job) + len("    evidence:\n")
    quote = '      - quote: "We need proof | [it](https://x) works"\n        source: CFO, retail\n'
    persona.write_text(text[:evidence] + quote + text[evidence:], encoding="utf-8")
    monkeypatch.chdir(repo)
    lines = _diff_lines(repo, capsys)
    assert (
        "- added a quote to job 2: “quote&#58; We need proof &#124; &#91;it&#93;(https&#58;//x) "
        "works · source&#58; CFO, retail”" in lines
    ), lines


def test_diff_shows_a_changed_call_to_action_word_by_word(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = repo / "data/programs/connect-2027/sessions/labs.yml"
    text = sessions.read_text(encoding="utf-8")
    start = text.index("    cta:\n", text.index("  - id:"))
    line_start = text.index("\n", start + 1) + 1
    line_end = text.index("\n", line_start)
    key, old = text[line_start:line_end].strip().split(": ", 1)
    new = old.strip('"') + " before Friday"
    sessions.write_text(text[:line_start] + f"      {key}: {new}" + text[line_end:], "utf-8")
    monkeypatch.chdir(repo)
    lines = _diff_lines(repo, capsys)
    changed = [line for line in lines if line.startswith("- changed the call to action for")]
    assert len(changed) == 1, lines
    assert changed[0].endswith("**before Friday**"), changed
