"""Calendar dates from weeks relative to the event: T-12 is twelve weeks before its first day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from playbook.models.program import Event, Milestone, Phase, Timeline


def week_start(event: Event, week: int) -> dt.date:
    """The first day of `week`: T-12 is 84 days before the event starts."""
    return event.start_date + dt.timedelta(weeks=week)


def phase_span(event: Event, phase: Phase) -> tuple[dt.date, dt.date]:
    """A phase's first and last day: from the start of its first week to the end of its last."""
    return week_start(event, phase.start_week), week_start(
        event, phase.end_week + 1
    ) - dt.timedelta(days=1)


def week_label(week: int) -> str:
    """`T-12`, `T+4`, or `T` for the event week."""
    if week == 0:
        return "T"
    return f"T{week:+d}".replace("-", "−")


def weeks_label(start: int, end: int) -> str:
    """`T-12 to T-10`, or a single week's label."""
    return week_label(start) if start == end else f"{week_label(start)} to {week_label(end)}"


@dataclass(frozen=True)
class Standing:
    """Where a program stands on a given day."""

    today: dt.date
    week: int
    """Weeks from the event: negative before it, 0 in the event week."""
    days_to_event: int
    current_phases: tuple[Phase, ...]
    next_milestone: Milestone | None


def standing(event: Event, timeline: Timeline | None, today: dt.date) -> Standing:
    """Where the program stands on `today`: its week, current phases and next milestone."""
    week = (today - event.start_date).days // 7
    phases: tuple[Phase, ...] = ()
    upcoming: Milestone | None = None
    if timeline is not None:
        phases = tuple(p for p in timeline.phases if p.start_week <= week <= p.end_week)
        upcoming = next(
            (m for m in timeline.milestones if week_start(event, m.week) >= today), None
        )
    return Standing(today, week, (event.start_date - today).days, phases, upcoming)
