"""Charts drawn at build time as inline SVG: no script, no request, and they print."""

from __future__ import annotations

import datetime as dt
from html import escape

from markupsafe import Markup

from playbook.dates import phase_span, week_label, week_start
from playbook.models.program import Event, Timeline

_LABEL_WIDTH = 250
_WEEK_WIDTH = 40
_ROW_HEIGHT = 30
_AXIS_HEIGHT = 34


def gantt(event: Event, timeline: Timeline, today: dt.date) -> Markup:
    """A Gantt chart of the timeline's phases, one bar per phase, with milestones and today."""
    first = min([p.start_week for p in timeline.phases] + [m.week for m in timeline.milestones])
    last = max([p.end_week for p in timeline.phases] + [m.week for m in timeline.milestones])
    weeks = last - first + 1
    width = _LABEL_WIDTH + weeks * _WEEK_WIDTH + 10
    rows = len(timeline.phases) + 1
    height = _AXIS_HEIGHT + rows * _ROW_HEIGHT + 10

    def x(week: float) -> float:
        return _LABEL_WIDTH + (week - first) * _WEEK_WIDTH

    parts = [
        f'<svg class="pb-gantt" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="gantt-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="gantt-title">Timeline: phases by week relative to the event</title>',
    ]
    for week in range(first, last + 1):
        left = x(week)
        label = escape(week_label(week))
        event_week = " pb-event-week" if week == 0 else ""
        parts.append(
            f'<rect class="pb-week{event_week}" x="{left:.0f}" y="{_AXIS_HEIGHT}" '
            f'width="{_WEEK_WIDTH}" height="{rows * _ROW_HEIGHT}"/>'
            f'<text class="pb-axis" x="{left + _WEEK_WIDTH / 2:.0f}" y="14">{label}</text>'
            f'<text class="pb-axis pb-date" x="{left + _WEEK_WIDTH / 2:.0f}" y="28">'
            f"{week_start(event, week):%d %b}</text>"
        )
    for row, phase in enumerate(timeline.phases):
        top = _AXIS_HEIGHT + row * _ROW_HEIGHT
        start, end = phase_span(event, phase)
        tooltip = escape(f"{phase.name}: {start:%d %b %Y} to {end:%d %b %Y}")
        parts.append(
            f'<text class="pb-label" x="{_LABEL_WIDTH - 8}" y="{top + 19}">'
            f"{escape(_shorten(phase.name))}</text>"
            f'<rect class="pb-bar" x="{x(phase.start_week) + 2:.0f}" y="{top + 6}" '
            f'width="{(phase.end_week - phase.start_week + 1) * _WEEK_WIDTH - 4:.0f}" '
            f'height="{_ROW_HEIGHT - 12}" rx="4"><title>{tooltip}</title></rect>'
        )
    top = _AXIS_HEIGHT + len(timeline.phases) * _ROW_HEIGHT
    parts.append(f'<text class="pb-label" x="{_LABEL_WIDTH - 8}" y="{top + 19}">Milestones</text>')
    for milestone in timeline.milestones:
        centre = x(milestone.week) + _WEEK_WIDTH / 2
        tooltip = escape(f"{milestone.name}: {week_start(event, milestone.week):%d %b %Y}")
        parts.append(
            f'<path class="pb-milestone" d="M{centre:.0f} {top + 7} l8 8 l-8 8 l-8 -8 z">'
            f"<title>{tooltip}</title></path>"
        )
    today_week = (today - event.start_date).days / 7
    if first <= today_week < last + 1:
        left = x(today_week)
        parts.append(
            f'<line class="pb-today" x1="{left:.0f}" x2="{left:.0f}" y1="{_AXIS_HEIGHT - 2}" '
            f'y2="{height - 6}"><title>Today, {today:%d %b %Y}</title></line>'
        )
    parts.append("</svg>")
    # The chart scrolls sideways on narrow screens: focusable, so a keyboard can scroll it too.
    # Search leaves it out: its labels repeat the tables beside it, run together.
    return Markup(
        '<div class="pb-gantt-wrap" tabindex="0" role="region" aria-label="Timeline chart" '
        "data-search-exclude>"
        f"{''.join(parts)}</div>"
    )


def _shorten(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
