"""The playbook's health: lint findings and each persona's validation checklist, as a scorecard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from playbook.lint import Finding, rules_bearing_on, rules_in
from playbook.models.persona import CHECKLIST, CHECKS, ChecklistEntry, Persona
from playbook.models.playbook import Playbook

_COVERAGE = rules_in("coverage")
_FRESHNESS = rules_in("freshness")
_BEARING_ON = {check: rules_bearing_on(check) for check in CHECKS}

Mark = Literal["done", "attention", "missing"]


@dataclass(frozen=True)
class Step:
    """One step of a persona's checklist: whether it was done, and the findings that bear on it."""

    check: str
    name: str
    entry: ChecklistEntry | None
    findings: tuple[Finding, ...]

    @property
    def mark(self) -> Mark:
        """done, attention (done but with open findings) or missing."""
        if self.entry is None:
            return "missing"
        return "attention" if self.findings else "done"


@dataclass(frozen=True)
class Scorecard:
    """A persona's validation checklist, with the lint findings behind each mark."""

    persona: Persona
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]

    @property
    def done(self) -> int:
        """How many steps are done without open findings."""
        return sum(step.mark == "done" for step in self.steps)


@dataclass(frozen=True)
class Health:
    """Everything the health page shows."""

    findings: list[Finding]
    scorecards: list[Scorecard]

    def count(self, severity: str) -> int:
        """How many findings have `severity`."""
        return sum(finding.severity == severity for finding in self.findings)

    @property
    def coverage(self) -> list[Finding]:
        """Open findings about coverage: sessions, clusters, snippets, KPIs."""
        return [f for f in self.findings if f.rule in _COVERAGE and f.severity != "info"]

    @property
    def stale(self) -> list[Finding]:
        """Open findings about personas overdue for review, or for an update after an event."""
        return [f for f in self.findings if f.rule in _FRESHNESS and f.severity != "info"]

    @property
    def checks_done(self) -> int:
        """Checklist steps done without open findings, across all personas."""
        return sum(card.done for card in self.scorecards)

    @property
    def checks_total(self) -> int:
        """Checklist steps across all personas."""
        return len(CHECKS) * len(self.scorecards)


def health(playbook: Playbook, findings: list[Finding]) -> Health:
    """The scorecards of every persona, from their review records and the findings."""
    cards = []
    for persona_id, persona in playbook.personas.items():
        mine = tuple(f for f in findings if f.subject == persona_id and f.severity != "info")
        done: dict[str, ChecklistEntry] = {e.check: e for e in persona.review.checklist}
        steps = tuple(
            Step(
                check,
                CHECKLIST[check],
                done.get(check),
                tuple(f for f in mine if f.rule in _BEARING_ON[check]),
            )
            for check in CHECKS
        )
        cards.append(Scorecard(persona, steps, mine))
    return Health(findings, cards)
