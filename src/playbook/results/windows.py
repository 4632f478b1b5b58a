"""The reporting windows: which dates each results file may hold, around a program's event.

Weekly snapshots run from T-12 to the end of T+4, as the timeline does; daily ones cover the
event week; monthly ones and surveys run from the event to 90 days after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from playbook.dates import week_label, week_start
from playbook.layout import (
    EVENT_DAY_RESULTS,
    MONTHLY_RESULTS,
    SATISFACTION,
    WEEKLY_RESULTS,
    Kind,
)
from playbook.models.program import Event

FIRST_WEEK = -12
LAST_WEEK = 4
DAYS_AFTER = 90


def _day(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


@dataclass(frozen=True)
class Window:
    """The dates a results file may hold, and how to say them."""

    first: dt.date
    last: dt.date
    first_said: str
    last_said: str

    def holds(self, day: dt.date) -> bool:
        """Whether `day` lies inside the window."""
        return self.first <= day <= self.last

    def said(self) -> str:
        """`from T−12 (Tue 17 Nov 2026) to the end of T+4 (Sun 14 Mar 2027)`."""
        return (
            f"from {self.first_said} ({_day(self.first)}) to {self.last_said} ({_day(self.last)})"
        )


def weekly(event: Event) -> Window:
    """T-12 to the end of T+4."""
    last = week_start(event, LAST_WEEK + 1) - dt.timedelta(days=1)
    return Window(
        week_start(event, FIRST_WEEK),
        last,
        week_label(FIRST_WEEK),
        f"the end of {week_label(LAST_WEEK)}",
    )


def event_week(event: Event) -> Window:
    """The event week: its first day to the end of week 0 (or the event's last day)."""
    last = max(event.end_date, week_start(event, 1) - dt.timedelta(days=1))
    return Window(event.start_date, last, "the event's first day", "the end of the event week")


def after_event(event: Event) -> Window:
    """From the event's first day to 90 days after its last."""
    return Window(
        event.start_date,
        event.end_date + dt.timedelta(days=DAYS_AFTER),
        "the event's first day",
        f"{DAYS_AFTER} days after it",
    )


WINDOWS: dict[Kind, Callable[[Event], Window]] = {
    WEEKLY_RESULTS: weekly,
    EVENT_DAY_RESULTS: event_week,
    MONTHLY_RESULTS: after_event,
    SATISFACTION: after_event,
}
"""The window of each dated kind of results file."""


def snapshot_kind(event: Event, day: dt.date) -> Kind:
    """The snapshots file a count taken on `day` belongs in: weekly before the event, daily in
    its week, monthly after."""
    if day < event.start_date:
        return WEEKLY_RESULTS
    if event_week(event).holds(day):
        return EVENT_DAY_RESULTS
    return MONTHLY_RESULTS


def event_week_number(event: Event, day: dt.date) -> int:
    """The week `day` falls in, counted from the event: -11 for T-11."""
    return (day - event.start_date).days // 7
