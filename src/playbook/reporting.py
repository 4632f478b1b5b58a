"""The reporting cadence: which weekly results are due, which are overdue, and who reports them.

A program's `reporting:` says what is reported when (the reference: registrations weekly from
T-8 to T-1). Once a week of a weekly rhythm that reports registrations has passed, its
registrations are due. What has been recorded comes from one small interface,
`registration_weeks`, which the program's results files answer.
"""

from __future__ import annotations

import datetime as dt

from playbook.dates import week_start
from playbook.models.playbook import Playbook
from playbook.models.program import Program, Reporting

RESULTS_FOLDER = "results"
"""A program's results live in `programs/<program-id>/results/`."""


def registration_weeks(playbook: Playbook, program_id: str) -> frozenset[int] | None:
    """The weeks (relative to the event: T-8 is -8) for which the program's weekly results
    (`results/weekly.yml`) record registrations: a snapshot dated in a week counts for it.
    None when the program has no results folder yet, so that nothing is expected of a program
    that does not report results in the playbook."""
    folder = playbook.data_dir / "programs" / program_id / RESULTS_FOLDER
    if not folder.is_dir():
        return None
    results = playbook.results.get(program_id)
    if results is None:
        return frozenset()
    start = playbook.programs[program_id].event.start_date
    return frozenset(
        (snapshot.date - start).days // 7
        for snapshot in results.weekly
        if any(counts.registered is not None for counts in snapshot.personas.values())
    )


def reports_registrations(reporting: Reporting) -> bool:
    """Whether a reporting rhythm is weekly and reports registrations."""
    return reporting.cadence == "weekly" and any(
        "registration" in metric.lower() for metric in reporting.metrics
    )


def overdue_weeks(
    program: Program, reporting: Reporting, recorded: frozenset[int], today: dt.date
) -> list[int]:
    """The weeks of `reporting` that have passed by `today` with no results in `recorded`."""
    return [
        week
        for week in range(reporting.from_week, reporting.to_week + 1)
        if week_start(program.event, week + 1) <= today and week not in recorded
    ]


def reporters(playbook: Playbook, reporting: Reporting) -> list[str]:
    """The roles that report: the rhythm's `owner`, else those the RACI makes responsible for
    reporting (an activity that mentions it), else those accountable for it; role ids."""
    if reporting.owner is not None:
        return [reporting.owner]
    rows = [row for row in playbook.raci if "report" in row.activity.lower()]
    responsible = list(dict.fromkeys(role for row in rows for role in row.responsible))
    return responsible or list(dict.fromkeys(row.accountable for row in rows))
