"""Persona iteration: what changed in each persona since its last program ended, from git."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.index import Index
from playbook.iteration import PersonaChanges, persona_changes
from playbook.lint import lint
from playbook.scaffold import new_persona
from playbook.site import build_site, render_page
from tests.conftest import EXAMPLE, valid_playbook
from tests.test_history import commit
from tests.test_lint import edit, move_event

TODAY = dt.date(2026, 11, 23)
"""Connect 2027, moved to 1–2 September 2026 in these tests, ended twelve weeks before."""
EXEC = "personas/exec.yml"
GOAL = "  - Benchmark peers and gather board-ready insights\n"


def init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose playbook's program ended on 2 September 2026: the personas as they
    were committed in August, then the exec persona reworded and given a goal in October."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    move_event(data, "2026-09-01", "2026-09-02")
    init(tmp_path)
    commit(tmp_path, "before the event", "2026-08-01")
    edit(data, EXEC, GOAL, GOAL + "  - Leave with a <b>plan</b>\n")
    edit(data, EXEC, "see\n  audited ROI", "see\n  independently audited ROI")
    commit(tmp_path, "what the event taught", "2026-10-01")
    return data


def changes_in(data: Path, today: dt.date = TODAY) -> dict[str, PersonaChanges]:
    playbook = valid_playbook(data)
    return persona_changes(playbook, Index(playbook), today)


def test_the_changes_are_those_since_the_version_the_event_ended_with(repo: Path) -> None:
    changes = changes_in(repo)
    exec_changes = changes["exec"]
    assert exec_changes.state == "changed"
    assert exec_changes.ended is not None
    assert (exec_changes.ended.name, exec_changes.ended.date) == (
        "Lumora Connect 2027",
        dt.date(2026, 9, 2),
    )
    assert exec_changes.since == dt.date(2026, 8, 1)
    assert list(exec_changes.changes) == [
        "added a goal: “Leave with a &#60;b&#62;plan&#60;/b&#62;”",
        "changed the value proposition: … 12&#43; reference customers, see "
        "<ins>independently</ins> audited ROI, and pressure&#45;test …",
    ]
    assert changes["champion"].state == "unchanged"


def test_the_one_pager_lists_them_with_data_escaped(repo: Path) -> None:
    site = build_site(repo, TODAY)
    pages = {page.path: page for page in site.pages}
    exec_page = render_page(site, pages["personas/exec.md"])
    section = exec_page[exec_page.index("## Since the last event") :]
    assert section.startswith("## Since the last event { #since-last-event }\n\nWhat changed since")
    assert "Lumora Connect 2027 ended on Wed 2 Sep 2026" in section
    assert "compared with the version of Sat 1 Aug 2026" in section
    assert "\n- added a goal: “Leave with a &#60;b&#62;plan&#60;/b&#62;”\n" in section
    assert "<ins>independently</ins>" in section
    assert section.index("</div>") > section.index("<ins>")  # inside the screen-only part
    champion = render_page(site, pages["personas/champion.md"])
    assert "Nothing has changed in this persona since Lumora Connect 2027 ended" in champion


def test_lint_flags_personas_not_updated_four_weeks_after_the_event(repo: Path) -> None:
    playbook = valid_playbook(repo)

    def flagged(today: dt.date) -> set[str]:
        found = lint(playbook, Index(playbook), today)
        return {f.subject for f in found if f.rule == "update-after-event"}

    assert flagged(TODAY) == {"champion", "partner", "practitioner", "procurement"}
    assert flagged(dt.date(2026, 9, 30)) == set()  # four weeks after the end: not yet due
    finding = next(
        f
        for f in lint(playbook, Index(playbook), TODAY)
        if f.subject == "champion" and f.rule == "update-after-event"
    )
    assert "since Lumora Connect 2027 ended on Wed 2 Sep 2026 (last changed Sat 1 Aug 2026)" in (
        finding.problem.message
    )
    assert finding.hint.startswith("Product Marketing (Priya Raman): update the persona")


def test_a_persona_written_after_the_event_is_all_new(repo: Path) -> None:
    new_persona(repo, "data-leader", TODAY)
    audience = "  - persona: data-leader\n    focus:\n      - Executive Track\n"
    edit(repo, "programs/connect-2027/program.yml", "audiences:\n", "audiences:\n" + audience)
    assert changes_in(repo)["data-leader"].state == "new"


def test_a_renamed_persona_is_compared_with_its_file_under_its_former_name(repo: Path) -> None:
    text = (repo / EXEC).read_text(encoding="utf-8")
    (repo / "personas/chief.yml").write_text(
        text.replace("\nshort_name:", "\nformerly: [exec]\nshort_name:", 1), encoding="utf-8"
    )
    (repo / EXEC).unlink()
    (repo / "messaging/exec.yml").rename(repo / "messaging/chief.yml")
    changes = changes_in(repo)["chief"]
    assert changes.state == "changed"
    assert changes.since == dt.date(2026, 8, 1)
    assert "added a goal: “Leave with a &#60;b&#62;plan&#60;/b&#62;”" in changes.changes


def test_an_old_version_that_no_longer_reads_as_a_persona_is_said_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    move_event(data, "2026-09-01", "2026-09-02")
    edit(data, EXEC, "value_proposition:", "value_promise:")  # the format of an older release
    init(tmp_path)
    commit(tmp_path, "old format", "2026-08-01")
    edit(data, EXEC, "value_promise:", "value_proposition:")
    changes = changes_in(data)["exec"]
    assert (changes.state, changes.since) == ("unreadable", dt.date(2026, 8, 1))
    site = build_site(data, TODAY)
    page = next(p for p in site.pages if p.path == "personas/exec.md")
    assert "no longer reads as a persona" in render_page(site, page)


def test_without_git_the_page_says_it_cannot_tell_and_nothing_fails(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)  # a downloaded copy: no repository around it
    move_event(data, "2026-09-01", "2026-09-02")
    assert changes_in(data)["exec"].state == "unknown"
    site = build_site(data, TODAY)
    page = next(p for p in site.pages if p.path == "personas/exec.md")
    markdown = render_page(site, page)
    assert "Lumora Connect 2027 ended on Wed 2 Sep 2026. This copy of the playbook carries no" in (
        markdown
    )
    playbook = valid_playbook(data)
    assert not [f for f in lint(playbook, Index(playbook), TODAY) if f.rule == "update-after-event"]


def test_a_shallow_clone_cannot_tell_either(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.parent}", str(clone)],
        check=True,
        capture_output=True,
    )
    assert changes_in(clone / "data")["exec"].state == "unknown"


def test_before_any_program_ends_there_is_nothing_to_compare() -> None:
    changes = changes_in(EXAMPLE)  # Connect 2027 is in February 2027
    assert {c.state for c in changes.values()} == {"none-ended"}
    site = build_site(EXAMPLE, TODAY, history=False)
    page = next(p for p in site.pages if p.path == "personas/exec.md")
    assert "No program for this persona has ended yet." in render_page(site, page)
