"""The results pages' charts, drawn at build time as inline SVG: bars against targets, and
registrations week by week against their pace. Each stands beside a text table with the same
numbers, so the SVG is a picture of the table (role="img" with a title) and the table is what a
screen reader reads."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup


def _shorten(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_BAR_LABEL = 160
_BAR_AREA = 280
_BAR_ROW = 26
_BAR_VALUE = 100


@dataclass(frozen=True)
class Bar:
    """A bar: its label, its value (None: nothing yet) and, if any, a target and a mark."""

    label: str
    value: float | None
    value_text: str
    target: float | None = None
    mark: str | None = None
    """ahead, on or behind: the bar's class; None for a bar with nothing to judge it by."""


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar]) -> Markup:
    """Horizontal bars, one per row, with each row's target as a tick across its bar."""
    top = max([b.value or 0 for b in bars] + [b.target or 0 for b in bars] + [1]) * 1.05
    height = len(bars) * _BAR_ROW + 12
    width = _BAR_LABEL + _BAR_AREA + _BAR_VALUE
    parts = [_svg_open("pb-bars", chart_id, title, width, height)]
    for row, bar in enumerate(bars):
        y = 6 + row * _BAR_ROW
        length = _BAR_AREA * (bar.value or 0) / top
        kind = f" pb-{bar.mark}" if bar.mark else ""
        parts.append(
            f'<text class="pb-label" x="{_BAR_LABEL - 8}" y="{y + 16}">'
            f"{escape(_shorten(bar.label, 26))}</text>"
            f'<rect class="pb-value{kind}" x="{_BAR_LABEL}" y="{y + 4}" '
            f'width="{max(length, 1):.1f}" height="{_BAR_ROW - 8}" rx="2"/>'
            f'<text class="pb-number" x="{_BAR_LABEL + length + 6:.1f}" y="{y + 16}">'
            f"{escape(bar.value_text)}</text>"
        )
        if bar.target is not None:
            x = _BAR_LABEL + _BAR_AREA * bar.target / top
            parts.append(
                f'<line class="pb-target" x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1}" '
                f'y2="{y + _BAR_ROW - 1}"/>'
            )
    parts.append("</svg>")
    return _wrapped(parts)


@dataclass(frozen=True)
class Column:
    """A week's column: its label, the count (None: no snapshot) and the pace line's point."""

    label: str
    value: float | None
    expected: float | None
    mark: str | None = None


_COLUMN_WIDTH = 44
_COLUMN_AREA = 170
_COLUMN_LEFT = 46


def pace_chart(chart_id: str, title: str, columns: Sequence[Column]) -> Markup:
    """A column per week with the count to date, and a line through what the pace expects."""
    top = max([c.value or 0 for c in columns] + [c.expected or 0 for c in columns] + [1]) * 1.1
    width = _COLUMN_LEFT + len(columns) * _COLUMN_WIDTH + 10
    height = _COLUMN_AREA + 40
    base = _COLUMN_AREA + 10

    def y(value: float) -> float:
        return base - _COLUMN_AREA * value / top

    parts = [_svg_open("pb-pace", chart_id, title, width, height)]
    for tick in (0, top / 1.1 / 2, top / 1.1):
        parts.append(
            f'<line class="pb-grid" x1="{_COLUMN_LEFT}" x2="{width - 6}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/><text class="pb-tick" x="{_COLUMN_LEFT - 6}" '
            f'y="{y(tick) + 4:.1f}">{tick:,.0f}</text>'
        )
    line = []
    for index, column in enumerate(columns):
        left = _COLUMN_LEFT + index * _COLUMN_WIDTH
        centre = left + _COLUMN_WIDTH / 2
        if column.value is not None:
            kind = f" pb-{column.mark}" if column.mark else ""
            parts.append(
                f'<rect class="pb-value{kind}" x="{left + 8}" y="{y(column.value):.1f}" '
                f'width="{_COLUMN_WIDTH - 16}" height="{base - y(column.value):.1f}" rx="2"/>'
            )
        if column.expected is not None:
            line.append(f"{centre:.1f},{y(column.expected):.1f}")
        parts.append(
            f'<text class="pb-axis" x="{centre:.1f}" y="{base + 18}">{escape(column.label)}</text>'
        )
    if len(line) > 1:
        parts.append(f'<polyline class="pb-pace-line" points="{" ".join(line)}"/>')
    elif line:
        x_value, y_value = line[0].split(",")
        parts.append(f'<circle class="pb-pace-dot" cx="{x_value}" cy="{y_value}" r="4"/>')
    parts.append("</svg>")
    return _wrapped(parts)


_CHART_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _svg_open(kind: str, chart_id: str, title: str, width: float, height: float) -> str:
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"{chart_id!r} is not an id")
    return (
        f'<svg class="pb-chart-svg {kind}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{chart_id}-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
    )


def _wrapped(parts: list[str]) -> Markup:
    return Markup(f'<figure class="pb-chart-figure">{"".join(parts)}</figure>')
