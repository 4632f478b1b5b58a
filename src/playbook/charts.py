"""Charts drawn at build time as HTML and CSS: no script, no request, and they print.

The timeline is a CSS grid (its look is docs/stylesheets/timeline.css): a label column, then one
column per week. Every phase and every milestone has a row of its own, so each name is written
in full, as text at the page's body size that wraps in its column, and no two labels can
overlap, however many milestones share a week. The grid sits in a box that scrolls sideways
when the page is narrower than the weeks need; the label column stays in view (sticky), and a
shadow with an arrow at the box's right edge shows there is more.

The chart says nothing the tables under it do not (weeks, dates, phases, milestones): it is
hidden from screen readers, and its box is named after those tables.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from playbook.dates import week_start
from playbook.models.program import Event, Milestone, Phase, Timeline

_HEADER_ROWS = 3
"""Months, weeks, and the day each week starts."""


@dataclass(frozen=True)
class _Layout:
    """Where things go: week `first` is grid column 2 (column 1 holds the labels)."""

    first: int
    last: int
    rows: int
    """The grid's rows, headers included."""

    def column(self, week: int) -> int:
        return week - self.first + 2

    @property
    def weeks(self) -> range:
        return range(self.first, self.last + 1)


def gantt(event: Event, timeline: Timeline, today: dt.date) -> Markup:
    """The timeline as a chart: a row per phase (its bar from first to last week) and per
    milestone (a diamond in its week), under a header of months, weeks and dates, with the
    event week shaded and a line at `today` when it falls in the chart's weeks."""
    milestones = sorted(timeline.milestones, key=lambda milestone: milestone.week)
    weeks = [p.start_week for p in timeline.phases] + [p.end_week for p in timeline.phases]
    weeks += [milestone.week for milestone in milestones] + [0]  # the event week always shows
    rows = _HEADER_ROWS + len(timeline.phases) + (len(milestones) + 1 if milestones else 0)
    layout = _Layout(min(weeks), max(weeks), rows)
    at = (today - event.start_date).days / 7
    now = at if layout.first <= at < layout.last + 1 else None
    cells = [
        *_backdrop(layout, now),
        *_header(layout, event),
        *_phase_rows(layout, timeline.phases),
        *_milestone_rows(layout, milestones, _HEADER_ROWS + len(timeline.phases) + 1),
    ]
    grid = "\n".join(cells)
    # Search leaves the chart out (the tables below say the same in words). A <section>, not a
    # <div>: Material's indexer ends an exclusion at the first closing tag of the same name.
    return Markup(
        '<section class="pb-timeline" data-search-exclude>\n'
        '<div class="pb-tl-scroll" tabindex="0" role="region" aria-label="Timeline chart: '
        'the same as the Phases and Milestones tables below">\n'
        f'<div class="pb-tl-grid" aria-hidden="true" style="--pb-tl-weeks:{len(layout.weeks)}">\n'
        f"{grid}\n</div>\n"
        '<div class="pb-tl-cue" aria-hidden="true">→</div>\n'
        '<div class="pb-tl-cover" aria-hidden="true"></div>\n'
        "</div>\n"
        f"{_legend(today=now is not None)}\n"
        "</section>"
    )


def _cell(
    classes: str,
    row: int,
    column: int,
    text: str = "",
    *,
    rows: int = 1,
    columns: int = 1,
    style: str = "",
) -> str:
    area = f"grid-area:{row}/{column}/{row + rows}/{column + columns}"
    return f'<div class="{classes}" style="{area}{style}">{escape(text)}</div>'


def _backdrop(layout: _Layout, now: float | None) -> Iterator[str]:
    """Row lines, a stripe per week (the event week shaded), and the line at today, `now`
    weeks from the event (`-11.5`) if the chart shows that week."""
    for row in range(_HEADER_ROWS + 1, layout.rows + 1):
        yield _cell("pb-tl-row", row, 1, columns=len(layout.weeks) + 1)
    for week in layout.weeks:
        classes = "pb-tl-week pb-tl-event" if week == 0 else "pb-tl-week"
        yield _cell(classes, 1, layout.column(week), rows=layout.rows)
    if now is not None:
        week = math.floor(now)
        yield _cell(
            "pb-tl-today",
            _HEADER_ROWS + 1,
            layout.column(week),
            rows=layout.rows - _HEADER_ROWS,
            style=f";margin-left:{(now - week) * 100:.1f}%",
        )


def _header(layout: _Layout, event: Event) -> Iterator[str]:
    """Months (the years in the corner), weeks counted from T, and the day each week starts."""
    starts = [week_start(event, week) for week in layout.weeks]
    first, last = starts[0].year, starts[-1].year
    yield _cell("pb-tl-label pb-tl-head", 1, 1, f"{first}–{last}" if first != last else str(last))
    yield _cell("pb-tl-label pb-tl-head", 2, 1, "Week")
    yield _cell("pb-tl-label pb-tl-head", 3, 1, "Starts")
    column = 2
    for _, group in itertools.groupby(starts, key=lambda day: (day.year, day.month)):
        days = list(group)
        yield _cell("pb-tl-month", 1, column, f"{days[0]:%b}", columns=len(days))
        column += len(days)
    for week, start in zip(layout.weeks, starts, strict=True):
        event_week = " pb-tl-event-head" if week == 0 else ""
        yield _cell(f"pb-tl-axis{event_week}", 2, layout.column(week), axis_label(week))
        yield _cell(f"pb-tl-axis pb-tl-day{event_week}", 3, layout.column(week), str(start.day))


def axis_label(week: int) -> str:
    """A week on the chart's axis: `T` for the event week, else its distance from it (`−12`,
    `+4`); the corner says they are weeks."""
    return "T" if week == 0 else f"{week:+d}".replace("-", "−")


def _phase_rows(layout: _Layout, phases: list[Phase]) -> Iterator[str]:
    """A row per phase, in the timeline's order: its name, and a bar over its weeks."""
    for row, phase in enumerate(phases, start=_HEADER_ROWS + 1):
        yield _cell("pb-tl-label pb-tl-phase", row, 1, phase.name)
        span = phase.end_week - phase.start_week + 1
        yield _cell("pb-tl-bar", row, layout.column(phase.start_week), columns=span)


def _milestone_rows(layout: _Layout, milestones: list[Milestone], heading: int) -> Iterator[str]:
    """A heading row, then one row per milestone, in week order: those of one week stack."""
    if not milestones:
        return
    yield _cell("pb-tl-label pb-tl-group", heading, 1, "Milestones")
    for row, milestone in enumerate(milestones, start=heading + 1):
        yield _cell("pb-tl-label pb-tl-milestone-label", row, 1, milestone.name)
        yield _cell("pb-tl-milestone", row, layout.column(milestone.week))


def _legend(*, today: bool) -> str:
    """What the marks mean; today's line only when the chart shows it."""
    keys = [("pb-tl-bar-swatch", "phase"), ("pb-tl-milestone-swatch", "milestone")]
    keys += [("pb-tl-event-swatch", "event week (T)")]
    keys += [("pb-tl-today-swatch", "today")] if today else []
    return (
        '<p class="pb-tl-legend">'
        + "".join(
            f'<span class="pb-tl-key"><span class="pb-tl-swatch {swatch}" aria-hidden="true">'
            f"</span>{words}</span>"
            for swatch, words in keys
        )
        + "</p>"
    )
