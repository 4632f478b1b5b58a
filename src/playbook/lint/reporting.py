"""Reporting: results recorded as each program's reporting cadence asks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from playbook.dates import week_label, weeks_label
from playbook.index import Index
from playbook.lint.registry import Family, Issue, issue
from playbook.models.playbook import Playbook
from playbook.reporting import (
    RESULTS_FOLDER,
    overdue_weeks,
    registration_weeks,
    reporters,
    reports_registrations,
)

rule = Family("reporting")


@rule(
    "results-overdue",
    about="each past week of a program's weekly reporting has its registrations recorded",
)
def overdue_results(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Weeks of a weekly rhythm that reports registrations (`reporting:`), passed with no
    registrations in the program's results; nothing for a program without a results folder."""
    for program_id, program in playbook.programs.items():
        rhythms = [
            (number, reporting)
            for number, reporting in enumerate(program.reporting)
            if reports_registrations(reporting)
        ]
        recorded = registration_weeks(playbook, program_id) if rhythms else None
        if recorded is None:
            continue
        for number, reporting in rhythms:
            missing = overdue_weeks(program, reporting, recorded, today)
            if not missing:
                continue
            roles = " and ".join(
                playbook.roles[role].name for role in reporters(playbook, reporting)
            )
            those, apostrophe = ("that week", "'s") if len(missing) == 1 else ("those weeks", "'")
            yield issue(
                playbook,
                ("program", program_id),
                ("reporting", number),
                f"{program.name} has no registrations recorded for "
                f"{', '.join(week_label(week) for week in missing)}: the weekly report for "
                f"{those} is overdue (reported weekly "
                f"{weeks_label(reporting.from_week, reporting.to_week)})",
                f"{roles or 'whoever reports'}: add {those}{apostrophe} registrations to "
                f"programs/{program_id}/{RESULTS_FOLDER}/",
            )
