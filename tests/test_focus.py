"""What the content checks visit for a change (tests/focus.py): the personas and programs it
touched when it touched only data/, everything otherwise."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.models.playbook import Playbook
from playbook.pages import urls
from playbook.site import build_site
from tests.conftest import EXAMPLE, valid_playbook
from tests.focus import CHANGED_SINCE, Focus, change, everything, focus, touched_by
from tests.test_results_pages import with_results


@pytest.fixture(scope="module")
def two_programs(tmp_path_factory: pytest.TempPathFactory) -> Playbook:
    """The tool's playbook with last year's program beside the featured one."""
    playbook = valid_playbook(with_results(tmp_path_factory.mktemp("focus") / "data"))
    assert len(playbook.programs) == 2 and playbook.featured_program == "connect-2027"
    return playbook


def resolved(*paths: Path) -> set[Path]:
    return {path.resolve() for path in paths}


def test_a_persona_file_focuses_that_persona_and_the_featured_program(
    two_programs: Playbook,
) -> None:
    data = two_programs.data_dir
    found = touched_by(two_programs, resolved(data / "personas" / "partner.yml"))
    assert found == Focus(("partner",), ("connect-2027",))


def test_a_messaging_file_focuses_the_persona_of_its_snippets(two_programs: Playbook) -> None:
    data = two_programs.data_dir
    found = touched_by(two_programs, resolved(data / "messaging" / "procurement.yml"))
    assert found.personas == ("procurement",)


def test_a_programs_files_focus_that_program_and_the_first_persona(
    two_programs: Playbook,
) -> None:
    data = two_programs.data_dir / "programs" / "connect-2026"
    first = next(iter(two_programs.personas))
    for path in (data / "program.yml", data / "results" / "weekly.yml"):
        assert touched_by(two_programs, resolved(path)) == Focus((first,), ("connect-2026",))
    sessions = next((two_programs.data_dir / "programs" / "connect-2027" / "sessions").iterdir())
    assert touched_by(two_programs, resolved(sessions)).programs == ("connect-2027",)


def test_a_shared_file_focuses_the_first_persona_and_the_featured_program(
    two_programs: Playbook,
) -> None:
    found = touched_by(two_programs, resolved(two_programs.data_dir / "channels.yml"))
    assert found == Focus((next(iter(two_programs.personas)),), ("connect-2027",))
    assert found.persona == found.personas[0] and found.program == "connect-2027"


def test_several_changed_personas_are_all_visited_in_the_playbooks_order(
    two_programs: Playbook,
) -> None:
    personas = two_programs.data_dir / "personas"
    found = touched_by(two_programs, resolved(personas / "procurement.yml", personas / "exec.yml"))
    order = list(two_programs.personas)
    assert found.personas == tuple(sorted(("procurement", "exec"), key=order.index))


def git(project: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args]
    subprocess.run(command, cwd=project, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository holding the tool's playbook in data/ and a file beside it, committed."""
    shutil.copytree(EXAMPLE, tmp_path / "data")
    (tmp_path / "README.md").write_text("A playbook\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "The playbook")
    return tmp_path


def reword(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def test_a_change_to_data_alone_is_told_apart_from_one_elsewhere(
    project: Path, monkeypatch: pytest.MonkeyPatch, example: Playbook
) -> None:
    data = project / "data"
    monkeypatch.delenv(CHANGED_SINCE, raising=False)
    assert change(data) is None

    monkeypatch.setenv(CHANGED_SINCE, "main")
    reword(data / "personas" / "exec.yml")  # not committed: counted all the same
    since = change(data)
    assert since is not None and since.data_only
    assert since.files == frozenset(resolved(data / "personas" / "exec.yml"))
    assert focus(valid_playbook(data), since).personas == ("exec",)

    reword(project / "README.md")
    since = change(data)
    assert since is not None and not since.data_only
    assert focus(example, since) == everything(example)
    assert focus(example, None) == everything(example)


def test_a_revision_git_does_not_know_is_named(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHANGED_SINCE, "no-such-branch")
    with pytest.raises(RuntimeError, match="PLAYBOOK_CHANGED_SINCE=no-such-branch"):
        change(project / "data")


def test_a_persona_change_touches_its_pages_and_those_of_its_folder(
    two_programs: Playbook,
) -> None:
    site = build_site(two_programs.data_dir, dt.date(2026, 11, 23), history=False)
    edited = two_programs.data_dir / "personas" / "partner.yml"
    found = touched_by(two_programs, resolved(edited), site.pages)
    assert found.pages is not None
    assert {urls.persona("partner"), urls.personas()} <= found.pages
    assert urls.persona("exec") not in found.pages
    assert urls.sessions("connect-2027") not in found.pages
    key = [urls.persona("partner"), urls.sessions("connect-2027"), urls.raci(), urls.health()]
    assert found.pages_of(key) == [urls.persona("partner"), urls.health()]


def test_a_change_no_page_is_drawn_from_visits_every_key_page() -> None:
    moved = frozenset({urls.downloads(), urls.health()})  # what any change moves
    found = Focus(("exec",), ("connect-2027",), moved)
    key = [urls.persona("exec"), urls.raci()]
    assert found.pages_of(key) == key and found.visits(urls.timeline("connect-2027"))
    assert Focus(("exec",), ()).pages_of(key) == key  # no pages named: every page
    touched = Focus(("exec",), ("connect-2027",), moved | {urls.persona("exec")})
    assert not touched.visits(urls.timeline("connect-2027"))
