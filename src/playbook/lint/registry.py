"""The lint rules' registry: every rule declared once, by the `@rule` decorator of its family.

A family module makes its decorator with `rule = Family("coverage")` and declares each rule on
the function that checks it:

    @rule("jtbd-count", about="each persona has {min_jobs}–{max_jobs} jobs to be done",
          checklist="based-on-data")
    def job_count(playbook, index, today): ...

The id is written there and nowhere else: the check yields `Issue`s, which the registry turns
into `Finding`s carrying the rule's id and severity. `about` is formatted with the thresholds of
`playbook.yml` (`lint:`), so `playbook lint --rules` states the limits in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from playbook.index import Index
from playbook.models.org import LintSettings
from playbook.models.persona import Check
from playbook.models.playbook import Playbook
from playbook.problems import (
    AnnotationLevel,
    FieldPath,
    Problem,
    display_path,
    log_line,
    workflow_command,
)

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}

FAMILIES = (
    "coverage",
    "shape",
    "evidence",
    "freshness",
    "reporting",
    "differentiation",
    "consistency",
)
"""The rule families, in the order their rules run and are listed."""


@dataclass(frozen=True)
class Finding:
    """A rule's finding about one thing in the playbook."""

    severity: Severity
    rule: str
    subject: str
    """What it is about: a persona, session, snippet or cluster id, or `playbook`."""
    problem: Problem
    hint: str
    waived: str | None = None
    """The written reason, when the finding is waived in playbook.yml."""

    def format(self) -> str:
        """`path:line:column: warning [rule] field: message; hint`."""
        location = self.problem.location()
        field = f" {self.problem.field}:" if self.problem.field else ""
        waived = f" (waived: {self.waived})" if self.waived else ""
        return log_line(
            f"{location}: {self.severity} [{self.rule}]{field} {self.problem.message}; "
            f"{self.hint}{waived}"
        )

    def github(self) -> str:
        """A GitHub Actions annotation: an error, a warning or (when waived) a notice."""
        return workflow_command(
            ANNOTATION_LEVELS[self.severity],
            display_path(self.problem.file),
            self.problem.line,
            self.problem.column,
            f"{self.rule} {self.problem.title}",
            f"{self.problem.message}; {self.hint}",
        )


ANNOTATION_LEVELS: dict[Severity, AnnotationLevel] = {
    "error": "error",
    "warning": "warning",
    "info": "notice",
}


@dataclass(frozen=True)
class Issue:
    """What a rule's check yields: a finding before the registry adds the rule and severity."""

    subject: str
    """What it is about: a persona, session, snippet or cluster id, or `workshop`."""
    problem: Problem
    hint: str


def issue(
    playbook: Playbook, key: tuple[str, ...], field: FieldPath, message: str, hint: str
) -> Issue:
    """An issue about the thing `key` names (its subject, `key`'s last part), at its `field`."""
    return Issue(key[-1], playbook.source(*key).problem(field, message), hint)


RuleCheck = Callable[[Playbook, Index, dt.date], Iterator[Issue]]
"""A rule's check: every issue it sees in a playbook, as of a day."""


@dataclass(frozen=True)
class Rule:
    """A quality rule: its id, family, what it checks and how its findings count."""

    id: str
    family: str
    about: str
    """What it checks, with `{threshold}` fields filled from `playbook.yml` (`lint:`)."""
    check: RuleCheck
    severity: Severity = "warning"
    checklist: Check | None = None
    """The step of the persona validation checklist its findings bear on, if any."""

    def describe(self, settings: LintSettings) -> str:
        """What the rule checks, with the thresholds in `settings`."""
        return self.about.format_map(dict(settings))

    def findings(self, playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
        """The rule's findings on `playbook` as of `today`, before waivers."""
        for seen in self.check(playbook, index, today):
            yield Finding(self.severity, self.id, seen.subject, seen.problem, seen.hint)


_REGISTERED: dict[str, Rule] = {}


class Family:
    """The `@rule(id, about=…)` decorator of one family: `rule = Family("coverage")`."""

    def __init__(self, name: str) -> None:
        if name not in FAMILIES:
            raise ValueError(f"unknown rule family `{name}`: add it to FAMILIES")
        self.name = name

    def __call__(
        self,
        rule_id: str,
        *,
        about: str,
        severity: Severity = "warning",
        checklist: Check | None = None,
    ) -> Callable[[RuleCheck], RuleCheck]:
        """Register the decorated check as the rule `rule_id`, described by `about`."""

        def register(check: RuleCheck) -> RuleCheck:
            declared = Rule(rule_id, self.name, about, check, severity, checklist)
            if rule_id in _REGISTERED:
                raise ValueError(f"the lint rule `{rule_id}` is declared twice")
            declared.describe(LintSettings())  # a misspelt threshold fails here, at import
            _REGISTERED[rule_id] = declared
            return check

        return register


def registered() -> tuple[Rule, ...]:
    """Every rule declared so far, family by family in FAMILIES order, then as declared."""
    return tuple(sorted(_REGISTERED.values(), key=lambda rule: FAMILIES.index(rule.family)))
