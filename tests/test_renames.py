"""Renaming a persona is one edit: rename its file and keep the old id in `formerly:`.

Old references keep working (lint lists each place to update), the old page leads to the new
one, and `playbook diff` says "renamed". Without `formerly:`, the missing id is one problem that
lists its references, with no advice that contradicts it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.validate import validate
from tests.conftest import EXAMPLE, mkdocs_build, problems_in
from tests.test_build import project_copy
from tests.test_links import broken_links

OLD, NEW = "champion", "business-champion"


def rename(data: Path, *, formerly: bool = True) -> None:
    old = data / "personas" / f"{OLD}.yml"
    text = old.read_text(encoding="utf-8")
    if formerly:
        text = text.replace("\nshort_name:", f"\nformerly: [{OLD}]\nshort_name:", 1)
    (data / "personas" / f"{NEW}.yml").write_text(text, encoding="utf-8")
    old.unlink()


def test_old_references_resolve_to_the_new_id_everywhere(data_copy: Path) -> None:
    rename(data_copy)
    playbook, problems = validate(data_copy)
    assert problems == [] and playbook is not None
    assert OLD not in playbook.personas and NEW in playbook.personas
    for sessions in playbook.sessions.values():
        for session in sessions:
            assert OLD not in session.cta and OLD not in session.angles
            assert OLD not in (*session.personas.primary, *session.personas.secondary)
    assert all(snippet.persona != OLD for snippet in playbook.snippets)
    places = {(ref.source.path.name, ref.old, ref.new) for ref in playbook.former_references}
    assert places and all(old == OLD and new == NEW for _, old, new in places)
    assert ("champion.yml", OLD, NEW) in places  # its messaging file keeps its name


def test_lint_lists_every_place_that_still_names_the_old_id(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rename(data_copy)
    playbook, _ = validate(data_copy)
    assert playbook is not None
    assert main(["lint", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if "[persona-former-id]" in line]
    assert len(warnings) == len(playbook.former_references) > 1
    assert all(f"write `{NEW}` here" in line for line in warnings)


def test_without_formerly_the_missing_id_is_one_problem_listing_its_references(
    data_copy: Path,
) -> None:
    rename(data_copy, formerly=False)
    problems = problems_in(data_copy)
    about = [p for p in problems if f"`{OLD}`" in p]
    missing = [p for p in about if f": there is no persona `{OLD}`" in p]
    assert len(missing) == 1, about
    assert "(also named at " in missing[0]
    assert f"add `formerly: [{OLD}]`" in missing[0]
    assert not [p for p in about if "add it to `personas.secondary`" in p]


@pytest.mark.build
def test_the_old_page_leads_to_the_new_one_and_the_site_builds(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    rename(project / "data")
    result = mkdocs_build(project, project / "site", project / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    old_page = (project / "site" / "personas" / f"{OLD}.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={NEW}.html">' in old_page
    assert broken_links(project / "site") == []


def test_diff_says_renamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "data")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "data")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    rename(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert f"- Renamed `{OLD}` to `{NEW}`" in out
    assert f"- Added `{NEW}`" not in out and f"- Removed `{OLD}`" not in out


def _rename_first(path: Path, new_id: str) -> str:
    """Rename the first item (`  - id: old`) of a sessions or messaging file, keeping its old id."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"(?m)^  - id: (\S+)$", text)
    assert found
    old = found.group(1)
    renamed = f"  - id: {new_id}\n    formerly: [{old}]"
    path.write_text(text[: found.start()] + renamed + text[found.end() :], encoding="utf-8")
    return old


@pytest.mark.build
def test_a_renamed_session_and_snippet_keep_their_old_links_and_diff_says_renamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_copy(tmp_path / "project")
    data = project / "data"

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "data")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    sessions = sorted((data / "programs").glob("*/sessions/*.yml"))[0]
    old_session = _rename_first(sessions, "renamed-session")
    messaging = sorted((data / "messaging").glob("*.yml"))[0]
    old_snippet = _rename_first(messaging, "renamed-snippet")
    assert problems_in(data) == []

    result = mkdocs_build(project, project / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    html = "".join(p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html"))
    assert f'id="session-{old_session}"' in html or f'id="{old_session}"' in html
    assert f'"{old_snippet}"' in html or f'-{old_snippet}"' in html

    monkeypatch.chdir(project)
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert f"- Renamed `{old_session}` to `renamed-session`" in out
    assert f"- Renamed `{old_snippet}` to `renamed-snippet`" in out


def test_a_former_session_id_must_be_free(data_copy: Path) -> None:
    sessions = sorted((data_copy / "programs").glob("*/sessions/*.yml"))[0]
    text = sessions.read_text(encoding="utf-8")
    ids = re.findall(r"(?m)^  - id: (\S+)$", text)
    assert len(ids) > 1
    sessions.write_text(
        text.replace(f"  - id: {ids[0]}\n", f"  - id: {ids[0]}\n    formerly: [{ids[1]}]\n", 1),
        encoding="utf-8",
    )
    problems = problems_in(data_copy)
    assert any(f"`{ids[1]}` is in use by the session `{ids[1]}`" in p for p in problems), problems
