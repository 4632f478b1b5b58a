"""Calendar dates from weeks relative to the event: T-12 is twelve weeks before its first day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from playbook.models.program import Event, Milestone, Phase, Session, Timeline


def week_start(event: Event, week: int) -> dt.date:
    """The first day of `week`: T-12 is 84 days before the event starts."""
    return event.start_date + dt.timedelta(weeks=week)


def phase_span(event: Event, phase: Phase) -> tuple[dt.date, dt.date]:
    """A phase's first and last day: from the start of its first week to the end of its last."""
    return week_start(event, phase.start_week), week_start(
        event, phase.end_week + 1
    ) - dt.timedelta(days=1)


def session_date(event: Event, session: Session) -> dt.date | None:
    """The calendar date of a session: its own `date`, else its day of the event; None without
    a day."""
    if session.date is not None:
        return session.date
    if session.day is None:
        return None
    return event.start_date + dt.timedelta(days=session.day - 1)


def long_date(value: dt.date) -> str:
    """`Tue 9 Feb 2027`."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def short_date(value: dt.date) -> str:
    """`9 Feb`."""
    return f"{value.day} {value:%b}"


def zone_label(event: Event) -> str:
    """The event's time zone as people say it: `Chicago time (CST, UTC−6)`, at its start."""
    zone = ZoneInfo(event.time_zone)
    start = dt.datetime.combine(event.start_date, dt.time(12), tzinfo=zone)
    place = event.time_zone.rsplit("/", 1)[-1].replace("_", " ")
    offset = start.utcoffset() or dt.timedelta()
    hours, minutes = divmod(abs(int(offset.total_seconds())) // 60, 60)
    sign = "−" if offset < dt.timedelta() else "+"
    utc = f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "") if offset else "UTC"
    abbreviation = start.tzname() or ""
    if abbreviation == "UTC":
        return "UTC"
    named = abbreviation and not abbreviation.startswith(("+", "-"))
    return f"{place} time ({abbreviation}, {utc})" if named else f"{place} time ({utc})"


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


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def impossible_date(raw: str) -> str | None:
    """The message for text shaped like a date that no calendar has (`2027-02-31`), else None.

    One message whether the date was quoted or not, so the advice never goes round in circles.
    """
    shape = _ISO_DATE.match(raw.strip())
    if shape is None:
        return None
    year, month, day = (int(part) for part in shape.groups())
    if not 1 <= month <= 12:
        why = f"there is no month {month}"
    elif not 1 <= day <= calendar.monthrange(year, month)[1]:
        days = calendar.monthrange(year, month)[1]
        why = f"{calendar.month_name[month]} {year} has {days} days"
    else:
        return None
    return f"`{raw.strip()}` is not a real date: {why}; fix the date (YYYY-MM-DD)"
