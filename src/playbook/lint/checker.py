"""Every registered rule run on a playbook, the waivers in playbook.yml applied, sorted."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from playbook.index import Index

# Each family module registers its rules when imported; `registered()` puts them in order.
from playbook.lint import (  # noqa: F401
    consistency,
    coverage,
    differentiation,
    evidence,
    freshness,
    reporting,
    shape,
)
from playbook.lint.registry import SEVERITY_ORDER, Finding, Rule, registered
from playbook.models.persona import Check
from playbook.models.playbook import Playbook
from playbook.problems import did_you_mean

RULES: tuple[Rule, ...] = registered()
"""Every rule, family by family, in the order they run and `playbook lint --rules` lists them."""
RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in RULES)

WAIVERS = "waivers"
"""The rule id of findings about the waivers themselves: unknown rules, waivers matching nothing."""


def rules_in(family: str) -> frozenset[str]:
    """The ids of the rules of `family`, e.g. `coverage`."""
    return frozenset(rule.id for rule in RULES if rule.family == family)


def rules_bearing_on(check: Check) -> frozenset[str]:
    """The ids of the rules whose findings bear on the validation checklist's step `check`."""
    return frozenset(rule.id for rule in RULES if rule.checklist == check)


def lint(playbook: Playbook, index: Index, today: dt.date) -> list[Finding]:
    """Every finding of every rule, waivers applied, errors first."""
    findings = [finding for rule in RULES for finding in rule.findings(playbook, index, today)]
    findings = _apply_waivers(playbook, findings)
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.problem))


def _apply_waivers(playbook: Playbook, findings: list[Finding]) -> list[Finding]:
    waivers = playbook.settings.lint.waivers
    used: set[int] = set()
    result = []
    for finding in findings:
        for number, waiver in enumerate(waivers):
            if waiver.rule == finding.rule and waiver.subject == finding.subject:
                used.add(number)
                finding = replace(finding, severity="info", waived=" ".join(waiver.reason.split()))
                break
        result.append(finding)
    settings = playbook.source("settings")
    for number, waiver in enumerate(waivers):
        if waiver.rule not in RULE_IDS:
            suggestion = did_you_mean(waiver.rule, RULE_IDS)
            hint = f"did you mean `{suggestion}`?" if suggestion else "see `playbook lint --rules`"
            result.append(
                Finding(
                    "error",
                    WAIVERS,
                    waiver.subject,
                    settings.problem(
                        ("lint", "waivers", number, "rule"), f"there is no rule `{waiver.rule}`"
                    ),
                    hint,
                )
            )
        elif number not in used:
            result.append(
                Finding(
                    "info",
                    WAIVERS,
                    waiver.subject,
                    settings.problem(
                        ("lint", "waivers", number),
                        f"this waiver of `{waiver.rule}` for `{waiver.subject}` matches nothing",
                    ),
                    "remove it",
                )
            )
    return result
