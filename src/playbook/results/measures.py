"""What each KPI `measure:` computes from a persona's results, and how its numbers read.

A persona's numbers are its latest counts (each stage's value from the latest snapshot that
has it), its latest survey answers, and the fills of the labs that serve it. Each measure is a
count, a rate or a score worked out from them, or nothing when a number it needs is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from playbook.models.results import Measure, Rating
from playbook.results.targets import TOLERANCE

Unit = Literal["count", "percent", "ratio", "money", "score5", "score"]


@dataclass(frozen=True)
class Numbers:
    """One persona's results at one program, as the measures read them."""

    counts: Mapping[str, float]
    """Each stage's latest value (`registered`, `attended`, …)."""
    rating: Rating | None = None
    """Its answers to the latest survey."""
    labs: tuple[int, int] | None = None
    """People in the labs that serve it, and their seats."""


def _count(stage: str) -> Callable[[Numbers], float | None]:
    return lambda numbers: numbers.counts.get(stage)


def _rate(part: str, whole: str, scale: float = 100) -> Callable[[Numbers], float | None]:
    def rate(numbers: Numbers) -> float | None:
        top, bottom = numbers.counts.get(part), numbers.counts.get(whole)
        if top is None or not bottom:
            return None
        return scale * top / bottom

    return rate


def _labs(numbers: Numbers) -> float | None:
    if numbers.labs is None or not numbers.labs[1]:
        return None
    return 100 * numbers.labs[0] / numbers.labs[1]


def _rating(attribute: str) -> Callable[[Numbers], float | None]:
    def score(numbers: Numbers) -> float | None:
        value = getattr(numbers.rating, attribute) if numbers.rating else None
        return float(value) if value is not None else None

    return score


@dataclass(frozen=True)
class MeasureSpec:
    """A measure: what it is called, its unit, and how it is worked out."""

    id: Measure
    label: str
    unit: Unit
    compute: Callable[[Numbers], float | None]
    shown: bool
    """Whether results show it even when no KPI asks for it."""

    @property
    def tolerance(self) -> float:
        """How close to its target a result is on target (relative): 1% for a score out of 5,
        where a tenth of a point matters, else 5%."""
        return 0.01 if self.unit == "score5" else TOLERANCE

    def value(self, numbers: Numbers) -> float | None:
        return self.compute(numbers)


MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec("registrations", "Registered", "count", _count("registered"), True),
    MeasureSpec(
        "attendance-rate",
        "Attended, of registered",
        "percent",
        _rate("attended", "registered"),
        True,
    ),
    MeasureSpec(
        "sessions-per-attendee",
        "Sessions per attendee",
        "ratio",
        _rate("sessions_attended", "attended", 1),
        True,
    ),
    MeasureSpec("meetings", "Meetings", "count", _count("meetings"), True),
    MeasureSpec(
        "meetings-per-attendee",
        "Meetings per attendee",
        "ratio",
        _rate("meetings", "attended", 1),
        False,
    ),
    MeasureSpec("lab-utilization", "Lab seats filled", "percent", _labs, False),
    MeasureSpec("opportunities", "Opportunities", "count", _count("opportunities"), True),
    MeasureSpec(
        "acceleration-rate",
        "Opportunities accelerated",
        "percent",
        _rate("accelerated", "opportunities"),
        False,
    ),
    MeasureSpec("pipeline", "Pipeline influenced", "money", _count("pipeline"), True),
    MeasureSpec(
        "adoption-rate", "Adopted, of attended", "percent", _rate("adopted", "attended"), True
    ),
    MeasureSpec("csat", "CSAT", "score5", _rating("csat"), True),
    MeasureSpec("nps", "NPS", "score", _rating("nps"), True),
    MeasureSpec("recommend-rate", "Would recommend", "percent", _rating("recommend_percent"), True),
)
"""Every measure, in funnel order: registration, attendance, engagement, outcome, satisfaction."""


def number_text(value: float, unit: Unit, currency: str = "") -> str:
    """A value as a reader reads it: `1,234`, `71.6%`, `1.8`, `USD 3,400,000`, `4.4/5`."""
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "ratio":
        return f"{value:.1f}"
    if unit == "money":
        return f"{currency} {_money(value)}".strip()
    if unit == "score5":
        return f"{value:.1f}/5"
    if unit == "score":
        return f"{value:.0f}"
    return f"{value:,.0f}"


def variance_text(value: float, unit: Unit, currency: str = "") -> str:
    """A difference, signed: `+12`, `−1.6 pts`, `+0.3`, `−USD 200,000`."""
    sign = "+" if value >= 0 else "−"
    size = abs(value)
    if unit == "percent":
        return f"{sign}{size:.1f} pts"
    if unit == "money":
        return f"{sign}{currency} {_money(size)}".replace(f"{sign} ", sign)
    if unit in ("ratio", "score5"):
        return f"{sign}{size:.1f}"
    return f"{sign}{size:,.0f}"


def _money(value: float) -> str:
    """`3.4M`, `250k`, `9,500`: an amount as a table shows it."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.2f}".rstrip("0").rstrip(".") + "M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.1f}".rstrip("0").rstrip(".") + "k"
    return f"{value:,.0f}"
