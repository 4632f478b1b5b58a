"""`playbook import`: the agenda from the event platform into a program's session files.

Each format is imported into a copy of the tool's playbook; then a changed export is imported
again over sessions a content lead has mapped, which must keep every persona and call to action.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from playbook.validate import validate
from tests.conftest import ROOT, mkdocs_build
from tests.test_build import project_copy

AGENDA = ROOT / "tests" / "fixtures" / "agenda"
PROGRAM = "connect-2027"
SESSIONIZE = "agenda:\n  sessionize:\n    track: Track\n    format: Session format\n"


def run(data: Path, source: Path | str, *extra: str) -> int:
    return main(["import", str(source), "--program", PROGRAM, "--data", str(data), *extra])


def sessions_in(data: Path) -> dict[str, dict[str, object]]:
    """Every session of the program by id, as written."""
    found = {}
    for path in sorted((data / "programs" / PROGRAM / "sessions").glob("*.yml")):
        for session in yaml.safe_load(path.read_text())["sessions"]:
            found[session["id"]] = session
    return found


def by_key(data: Path) -> dict[str, dict[str, object]]:
    return {
        str(s["source"]["key"]): s  # type: ignore[index]
        for s in sessions_in(data).values()
        if s.get("source")
    }


def with_sessionize(data: Path) -> None:
    program = data / "programs" / PROGRAM / "program.yml"
    program.write_text(program.read_text() + SESSIONIZE)


@pytest.mark.parametrize(
    ("fixture", "night", "hack"),
    [
        ("schedule.json", "NIGHT1", "HACK24"),
        ("schedule.xml", "NIGHT1", "HACK24"),
        ("sessionize.json", None, None),
        ("pretalx-widget.json", "NIGHT1", None),
    ],
)
def test_each_format_imports_into_a_playbook_that_validates_with_times_in_its_zone(
    data_copy: Path,
    fixture: str,
    night: str | None,
    hack: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if fixture.startswith("sessionize"):
        with_sessionize(data_copy)
    assert run(data_copy, AGENDA / fixture) == 0, capsys.readouterr().err
    assert "added" in capsys.readouterr().out
    playbook, problems = validate(data_copy)
    assert problems == [] and playbook is not None
    imported = [s for s in playbook.sessions[PROGRAM] if s.source is not None]
    assert imported and all(s.personas.primary == [] and s.cta == {} for s in imported)
    starts = {s.source.key: (s.day, s.start, s.date, s.duration) for s in imported}  # type: ignore[union-attr]
    if night:  # listed under day 1, really at 00:30 the next morning, Chicago time
        assert starts[night][:3] == (1, "00:30", dt.date(2027, 2, 10))
    if hack:
        assert starts[hack][3] == 26 * 60
    if fixture == "sessionize.json":  # naive times read in the program's zone
        night_talk = next(s for s in imported if s.start == "00:30")
        assert night_talk.day == 2


def _map_personas(data: Path, session_id: str) -> None:
    """What a content lead does after an import: say whom a new session serves."""
    path = data / "programs" / PROGRAM / "sessions" / "imported.yml"
    text = path.read_text()
    anchor = f"  - id: {session_id}\n"
    mapped = anchor + (
        "    personas:\n      primary: [practitioner]\n"
        "    cta:\n      practitioner: Book a seat  # keep this\n"
    )
    path.write_text(text.replace(anchor, mapped, 1))


@pytest.mark.parametrize(
    ("first", "second", "sessionize"),
    [
        ("schedule.json", "schedule-changed.json", False),
        ("sessionize.json", "sessionize-changed.json", True),
    ],
)
def test_a_re_import_keeps_the_mapping_and_reports_exactly_what_changed(
    data_copy: Path,
    first: str,
    second: str,
    sessionize: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if sessionize:
        with_sessionize(data_copy)
    assert run(data_copy, AGENDA / first) == 0
    capsys.readouterr()
    mapped = list(sessions_in(data_copy))
    for session_id in mapped:
        if sessions_in(data_copy)[session_id].get("source"):
            _map_personas(data_copy, session_id)
    before = by_key(data_copy)

    assert run(data_copy, AGENDA / second) == 0
    out = capsys.readouterr().out
    summary = re.search(r": (.*)\.$", out.strip())
    assert summary
    assert re.fullmatch(
        r"1 added, 1 moved \(Day 1 10:15 → 11:00\), 1 retitled, 1 cancelled; "
        r"1 new session needs personas",
        summary.group(1),
    ), out
    after = by_key(data_copy)
    kept = [key for key in before if key in after]
    for key in kept:  # the playbook's fields survive, word for word
        assert after[key]["personas"] == before[key]["personas"]
        assert after[key]["cta"] == before[key]["cta"]
    cancelled = [key for key, s in after.items() if s.get("cancelled")]
    assert (
        len(cancelled) == 1 and after[cancelled[0]]["personas"] == before[cancelled[0]]["personas"]
    )
    assert (
        "# keep this"
        in (data_copy / "programs" / PROGRAM / "sessions" / "imported.yml").read_text()
    )
    assert validate(data_copy)[1] == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"schedule": {"conference": {"days": [', ":1: "),
        ('{"schedule": {"version": "1"}}', "conference"),
        ('{"schedule": {"conference": {"title": "x", "title": "y", "days": []}}}', "title"),
        ("<?xml version='1.0'?><html><body/></html>", "schedule"),
        (
            '{"schedule": {"conference": {"days": [{"index": 1, "date": "2027-02-09", '
            '"rooms": [] }]}}}',
            "rooms",
        ),
    ],
    ids=["truncated", "no-conference", "duplicated-key", "not-a-schedule", "wrong-type"],
)
def test_a_malformed_export_is_refused_naming_file_and_line_and_nothing_is_written(
    data_copy: Path,
    tmp_path: Path,
    content: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / ("broken.xml" if content.startswith("<") else "broken.json")
    source.write_text(content)
    files = {p: p.read_bytes() for p in data_copy.rglob("*.yml")}
    assert run(data_copy, source) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported" in err and "broken." in err and expected in err, err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yml")} == files


def test_an_unknown_track_is_named_with_a_did_you_mean_and_can_be_mapped(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "schedule.json"
    source.write_text(
        (AGENDA / "schedule.json").read_text().replace('"Partner Day"', '"Partner Days"')
    )
    assert run(data_copy, source) == 1
    err = capsys.readouterr().err
    assert "the platform's track `Partner Days` is none of this program's tracks" in err
    assert "did you mean `partner-day`?" in err and "agenda: tracks:" in err
    program = data_copy / "programs" / PROGRAM / "program.yml"
    program.write_text(program.read_text() + "agenda:\n  tracks:\n    Partner Days: partner-day\n")
    assert run(data_copy, source) == 0


def test_a_dry_run_writes_nothing(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {p: p.read_bytes() for p in data_copy.rglob("*.yml")}
    assert run(data_copy, AGENDA / "schedule.json", "--dry-run") == 0
    assert capsys.readouterr().out.startswith("Would import the agenda of connect-2027: 9 added")
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yml")} == files


@pytest.mark.build
def test_imported_and_cancelled_sessions_show_on_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path / "project")
    data = project / "data"
    assert run(data, AGENDA / "schedule.json") == 0
    assert run(data, AGENDA / "schedule-changed.json") == 0
    result = mkdocs_build(project, project / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    program = project / "site" / "programs" / PROGRAM
    pages = sorted(page for page in program.rglob("*.html") if page.name != "agenda.html")
    sessions = html.unescape("".join(page.read_text() for page in pages))
    assert sessions.count('class="pb-badge pb-cancelled"') == 1
    assert (program / "agenda.html").read_text().count('class="pb-badge pb-cancelled"') == 1
    assert "On the event platform" in sessions
    assert "Day 1, 00:30 (10 Feb)" in sessions  # after midnight, on the day it is listed under


def test_a_track_mapping_must_name_a_track_of_the_program(data_copy: Path) -> None:
    program = data_copy / "programs" / PROGRAM / "program.yml"
    program.write_text(program.read_text() + "agenda:\n  tracks:\n    Partner Days: partner-dya\n")
    _, problems = validate(data_copy)
    assert any(
        "agenda.tracks.Partner Days: there is no track `partner-dya`; did you mean `partner-day`?"
        in problem.format(data_copy)
        for problem in problems
    ), problems
