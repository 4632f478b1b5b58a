"""The reporting cadence: weekly registrations due once their week has passed, and who reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from playbook.index import Index
from playbook.lint import lint
from playbook.lint import reporting as rules
from playbook.models.playbook import Playbook
from playbook.models.program import Reporting
from playbook.reporting import overdue_weeks, registration_weeks, reporters, reports_registrations
from tests.conftest import valid_playbook
from tests.test_lint import edit
from tests.test_results_pages import with_results

PROGRAM = "connect-2027"  # 9–10 Feb 2027: T-8 runs 15–21 Dec 2026, T-1 2–8 Feb 2027


def weekly(playbook: Playbook) -> Reporting:
    rhythm = playbook.programs[PROGRAM].reporting[0]
    assert reports_registrations(rhythm)
    return rhythm


def test_a_week_is_due_once_it_has_passed(example: Playbook) -> None:
    program = example.programs[PROGRAM]
    rhythm = weekly(example)
    none: frozenset[int] = frozenset()
    assert overdue_weeks(program, rhythm, none, dt.date(2026, 12, 21)) == []  # T-8's last day
    assert overdue_weeks(program, rhythm, none, dt.date(2026, 12, 22)) == [-8]
    assert overdue_weeks(program, rhythm, frozenset({-8}), dt.date(2026, 12, 29)) == [-7]
    assert overdue_weeks(program, rhythm, frozenset({-7}), dt.date(2027, 3, 1)) == [
        -8,
        -6,
        -5,
        -4,
        -3,
        -2,
        -1,
    ]


def test_only_weekly_rhythms_that_report_registrations_count(example: Playbook) -> None:
    daily, monthly = example.programs[PROGRAM].reporting[1:]
    assert not reports_registrations(daily)
    assert not reports_registrations(monthly)
    assert not reports_registrations(weekly(example).model_copy(update={"metrics": ["CAC"]}))


def test_the_reporter_is_the_owner_else_whom_the_raci_makes_responsible(
    example: Playbook,
) -> None:
    rhythm = weekly(example)
    assert reporters(example, rhythm) == ["analytics"]
    unowned = rhythm.model_copy(update={"owner": None})
    # roles.yml: "Data implementation (tagging, dashboards, reporting)" is Demand Gen's and
    # Analytics'.
    assert reporters(example, unowned) == ["demand-gen-ops", "analytics"]


def test_without_a_results_folder_nothing_is_expected(data_copy: Path) -> None:
    playbook = valid_playbook(data_copy)
    assert registration_weeks(playbook, PROGRAM) is None
    (data_copy / "programs" / PROGRAM / "results").mkdir()
    assert registration_weeks(playbook, PROGRAM) == frozenset()


@pytest.mark.parametrize("owner", ["analytics", None])
def test_the_finding_names_the_weeks_and_the_role_that_reports(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, owner: str | None
) -> None:
    if owner is None:
        edit(data_copy, f"programs/{PROGRAM}/program.yml", "    owner: analytics\n", "")
    playbook = valid_playbook(data_copy)
    # The results record T-8 and T-6 (the interface the results files answer).
    monkeypatch.setattr(rules, "registration_weeks", lambda _p, _id: frozenset({-8, -6}))
    today = dt.date(2027, 1, 12)  # T-5 (5 to 11 January) has just passed
    found = [f for f in lint(playbook, Index(playbook), today) if f.rule == "results-overdue"]
    assert len(found) == 1
    assert found[0].subject == PROGRAM
    assert found[0].problem.field == "reporting.0"
    assert found[0].problem.message == (
        "Lumora Connect 2027 has no registrations recorded for T−7, T−5: the weekly report for "
        "those weeks is overdue (reported weekly T−8 to T−1)"
    )
    who = "Analytics" if owner else "Demand Gen / Marketing Ops and Analytics"
    assert found[0].hint == (
        f"{who}: add those weeks' registrations to programs/{PROGRAM}/results/"
    )


def test_registrations_count_for_the_week_their_snapshot_is_dated_in(tmp_path: Path) -> None:
    # The results fixture: an event on Tue 10 Feb 2026, weekly registrations dated every Monday
    # from 24 Nov 2025 (in T-12) to 9 Feb 2026 (the day before the event: T-1).
    playbook = valid_playbook(with_results(tmp_path / "data"))
    assert playbook.programs["connect-2026"].event.start_date == dt.date(2026, 2, 10)
    assert registration_weeks(playbook, "connect-2026") == frozenset(range(-12, 0))
