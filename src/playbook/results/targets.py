"""A KPI's target as numbers, and a result's mark against it: ahead, on target or behind.

Targets are written for people: `70%`, `> 2.5%`, `8–10%`, `8+`, `> 4.3/5`, `100`, `$3M`,
`< 120`. A plain number, `>` or `+` means "at least"; `<` means "at most"; a range means between
its ends. A target in words (`Tracked`, `Up on last year`) has no numbers and gets no mark.

A result within 5% of its target (relative; 1% for a score out of 5, where a tenth of a point
matters) is on target; further on the good side it is ahead, on the other behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Mark = Literal["ahead", "on", "behind"]

TOLERANCE = 0.05
"""How far from its target (relative) a result still counts as on target."""

_NUMBER = r"[$€£]?\s*(\d[\d,]*(?:\.\d+)?)\s*([kKmMbB](?![a-zA-Z]))?"
_TARGET = re.compile(
    rf"^(?P<cmp>[<>])?\s*{_NUMBER}(?:\s*(?:–|—|-|to)\s*{_NUMBER})?\s*(?P<unit>%|/\s*5|\+)?$"
)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9}
_WORDS = {"≥": ">", ">=": ">", "at least": ">", "≤": "<", "<=": "<", "at most": "<"}


@dataclass(frozen=True)
class Goal:
    """A target as numbers: at least `low`, at most `high` (either may be open)."""

    low: float | None
    high: float | None

    @property
    def lower_is_better(self) -> bool:
        """Whether the target is a ceiling (`< 120`)."""
        return self.low is None

    @property
    def reference(self) -> float:
        """The number a result is set against: the floor, else the ceiling."""
        value = self.low if self.low is not None else self.high
        assert value is not None
        return value

    def variance(self, value: float) -> float:
        """How far `value` lies from the target: 0 inside a range, else to the nearest end."""
        if self.low is not None and value < self.low:
            return value - self.low
        if self.high is not None and value > self.high:
            return value - self.high
        if self.low is not None and self.high is None:
            return value - self.low
        if self.high is not None and self.low is None:
            return value - self.high
        return 0.0

    def mark(self, value: float, tolerance: float = TOLERANCE) -> Mark:
        """Ahead, on target or behind, with `tolerance` (relative) either side of it."""
        if self.low is not None and value < self.low - abs(self.low) * tolerance:
            return "behind"
        if self.high is not None and value > self.high + abs(self.high) * tolerance:
            return "behind" if self.low is None else "ahead"
        if self.high is None and self.low is not None:
            return "ahead" if value > self.low + abs(self.low) * tolerance else "on"
        if self.low is None and self.high is not None:
            return "ahead" if value < self.high - abs(self.high) * tolerance else "on"
        return "on"


def goal(text: str | None) -> Goal | None:
    """The numbers in a target's text, or None for a target in words."""
    if text is None:
        return None
    plain = text.strip().lower()
    for words, sign in _WORDS.items():
        if plain.startswith(words):
            plain = sign + plain[len(words) :]
    match = _TARGET.match(plain.strip())
    if match is None:
        return None
    low = _number(match.group(2), match.group(3))
    high = _number(match.group(4), match.group(5)) if match.group(4) else None
    if high is not None:
        return Goal(min(low, high), max(low, high))
    if match.group("cmp") == "<":
        return Goal(None, low)
    return Goal(low, None)


def _number(digits: str, scale: str | None) -> float:
    return float(digits.replace(",", "")) * (_SCALE[scale.lower()] if scale else 1)


def mark_text(mark: Mark | None) -> str:
    """How a mark reads: a sign and a word, never colour alone."""
    return {"ahead": "▲\u00a0ahead", "on": "●\u00a0on target", "behind": "▼\u00a0behind", None: ""}[
        mark
    ]
