"""The persona research's quality rules, checked against a valid playbook.

Persona programs fail when personas rest on assumptions, are too many or too alike, go stale,
are never updated with what an event taught, or are ignored by the programming and the
messaging. Each rule catches one of those, with a finding that names the file, the line and
what to do. The rules are declared once each, in one module per family (`coverage`, `shape`,
`evidence`, `freshness`, `reporting`, `differentiation`, `consistency`), with the `@rule`
decorator of `registry`. Thresholds come from `playbook.yml` (`lint:`), and a finding can be
waived there with a written reason (`checker`).
"""

from __future__ import annotations

from playbook.lint.checker import RULE_IDS, RULES, WAIVERS, lint, rules_bearing_on, rules_in
from playbook.lint.registry import FAMILIES, SEVERITY_ORDER, Finding, Issue, Rule, Severity

__all__ = [
    "FAMILIES",
    "RULES",
    "RULE_IDS",
    "SEVERITY_ORDER",
    "WAIVERS",
    "Finding",
    "Issue",
    "Rule",
    "Severity",
    "lint",
    "rules_bearing_on",
    "rules_in",
]
