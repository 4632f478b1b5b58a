"""The persona research's quality rules, checked against a valid playbook.

Persona programs fail when personas rest on assumptions, are too many or too alike, go stale,
or are ignored by the programming and the messaging. Each rule here catches one of those, with
a finding that names the file, the line and what to do. Thresholds come from `playbook.yml`
(`lint:`), and a finding can be waived there with a written reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from playbook.index import Index
from playbook.models.persona import Persona
from playbook.models.playbook import Playbook
from playbook.problems import FieldPath, Problem, did_you_mean

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


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
        return (
            f"{location}: {self.severity} [{self.rule}]{field} {self.problem.message}; "
            f"{self.hint}{waived}"
        )

    def github(self) -> str:
        """A GitHub Actions annotation: error, warning or notice."""
        level = {"error": "error", "warning": "warning", "info": "notice"}[self.severity]
        annotation = replace(self.problem, message=f"{self.problem.message}; {self.hint}")
        command = annotation.github()
        return f"::{level} " + command.removeprefix("::error ").replace(
            "title=", f"title={self.rule} ", 1
        )


@dataclass(frozen=True)
class Rule:
    """A quality rule: its id, what it checks, and the reference behind it."""

    id: str
    about: str
    check: Callable[[Playbook, Index, dt.date], Iterator[Finding]]


def _finding(
    playbook: Playbook,
    key: tuple[str, ...],
    field: FieldPath,
    rule: str,
    message: str,
    hint: str,
    severity: Severity = "warning",
) -> Finding:
    return Finding(severity, rule, key[-1], playbook.source(*key).problem(field, message), hint)


# Coverage --------------------------------------------------------------------------------------


def _sessions_serve_personas(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for sessions in playbook.sessions.values():
        for session in sessions:
            if not session.personas.primary and not session.personas.secondary:
                yield _finding(
                    playbook,
                    ("session", session.id),
                    ("personas",),
                    "session-personas",
                    f"session `{session.id}` serves no persona",
                    "map it to the personas it is for, or drop it from the agenda",
                )


def _sessions_serve_clusters(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for sessions in playbook.sessions.values():
        for session in sessions:
            if not session.clusters:
                yield _finding(
                    playbook,
                    ("session", session.id),
                    ("clusters",),
                    "session-clusters",
                    f"session `{session.id}` serves no JTBD cluster",
                    "tie every agenda item to at least one job, or remove it",
                )


def _personas_are_served(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for persona_id in playbook.personas:
        if not index.services(persona_id):
            yield _finding(
                playbook,
                ("persona", persona_id),
                (),
                "persona-sessions",
                f"no session serves `{persona_id}`",
                "map sessions to this persona, or reconsider targeting it",
            )


def _clusters_are_served(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for position, cluster_id in enumerate(playbook.clusters):
        if not index.sessions_for_cluster(cluster_id):
            yield Finding(
                "warning",
                "cluster-sessions",
                cluster_id,
                playbook.source("clusters").problem(
                    ("clusters", position), f"no session serves the cluster `{cluster_id}`"
                ),
                "put a session on the agenda for this job",
            )


def _snippets_on_channels(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for persona_id, persona in playbook.personas.items():
        covered = {snippet.channel for snippet in index.snippets(persona_id)}
        seen: set[str] = set()
        for position, tactic in enumerate(persona.channels):
            if tactic.channel in covered or tactic.channel in seen:
                continue
            seen.add(tactic.channel)
            channel = playbook.channels[tactic.channel].name
            yield _finding(
                playbook,
                ("persona", persona_id),
                ("channels", position, "channel"),
                "persona-snippets",
                f"`{persona_id}` is reached by {channel}, but has no snippet for it",
                f"add one: `playbook new snippet {persona_id} {tactic.channel}`",
            )


def _kpi_targets(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for program_id, kpis in playbook.kpis.items():
        for persona_id in index.program_personas(program_id):
            targeted = {t.stage.id for t in index.targets(program_id, persona_id) if t.target}
            missing = [stage.name for stage in kpis.stages if stage.id not in targeted]
            if missing:
                yield Finding(
                    "warning",
                    "persona-kpis",
                    persona_id,
                    playbook.source("kpis", program_id).problem(
                        ("kpis",),
                        f"`{persona_id}` has no KPI target at {program_id} for: "
                        + ", ".join(missing),
                    ),
                    "give each funnel stage a target for this persona (`target` or `by_persona`)",
                )


def _success_metric_targets(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for persona_id, persona in playbook.personas.items():
        for position, metric in enumerate(persona.success_metrics):
            if metric.target is None:
                yield _finding(
                    playbook,
                    ("persona", persona_id),
                    ("success_metrics", position),
                    "success-metric-target",
                    f"the success metric “{metric.metric}” has no target",
                    'add `target:`, e.g. "75%"',
                )


# Shape -----------------------------------------------------------------------------------------


def _job_count(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    settings = playbook.settings.lint
    for persona_id, persona in playbook.personas.items():
        count = len(persona.jtbd)
        if not settings.min_jobs <= count <= settings.max_jobs:
            yield _finding(
                playbook,
                ("persona", persona_id),
                ("jtbd",),
                "jtbd-count",
                f"`{persona_id}` has {count} jobs to be done",
                f"write {settings.min_jobs}–{settings.max_jobs}, as When / I want to / so I can",
            )


def _template_counts(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    if playbook.templates is None:
        return
    for persona_id, persona in playbook.personas.items():
        for section in playbook.templates.one_pager:
            value = getattr(persona, section.field, None)
            if not isinstance(value, list) or (section.min is None and section.max is None):
                continue
            low = section.min if section.min is not None else 0
            high = section.max if section.max is not None else len(value)
            if not low <= len(value) <= high:
                yield _finding(
                    playbook,
                    ("persona", persona_id),
                    (section.field,),
                    "template-counts",
                    f"{section.label} has {len(value)} entries",
                    f"the one-pager template asks for {low}–{high}",
                )


def _primary_personas(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    limit = playbook.settings.lint.max_primary_personas
    primary = [pid for pid, p in playbook.personas.items() if p.priority == "primary"]
    if len(primary) > limit:
        for persona_id in primary[limit:]:
            yield _finding(
                playbook,
                ("persona", persona_id),
                ("priority",),
                "primary-personas",
                f"{len(primary)} personas are primary, more than {limit}",
                "focus: make the lower-ranked ones secondary, or merge similar ones",
            )


def _demographics_only(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for persona_id, persona in playbook.personas.items():
        if persona.demographics is not None and not (persona.goals and persona.pain_points):
            yield _finding(
                playbook,
                ("persona", persona_id),
                ("demographics",),
                "demographics-only",
                f"`{persona_id}` has demographics but no goals or pain points",
                "demographics alone say nothing actionable: add goals and pain points",
                severity="error",
            )


# Evidence --------------------------------------------------------------------------------------


def _job_evidence(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    needed = playbook.settings.lint.quotes_per_job
    for persona_id, persona in playbook.personas.items():
        for position, job in enumerate(persona.jtbd):
            if len(job.evidence) < needed:
                yield _finding(
                    playbook,
                    ("persona", persona_id),
                    ("jtbd", position, "evidence"),
                    "jtbd-evidence",
                    f"job {position + 1} of `{persona_id}` has {len(job.evidence)} of the "
                    f"{needed} quotes it needs",
                    "add interview quotes with their source",
                )


def _assumption_based(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for persona_id, persona in playbook.personas.items():
        quoted = any(job.evidence for job in persona.jtbd)
        checked = any(entry.check == "based-on-data" for entry in persona.review.checklist)
        if not quoted and not checked:
            yield _finding(
                playbook,
                ("persona", persona_id),
                ("jtbd",),
                "assumption-based",
                f"`{persona_id}` cites no source for anything it says: it is assumption-based",
                "ground it in interviews or data: add evidence to its jobs",
            )


# Freshness and differentiation -----------------------------------------------------------------


def _stale_reviews(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for persona_id, persona in playbook.personas.items():
        if persona.review_due < today:
            owner = playbook.roles[persona.review.owner].name
            contact = f" ({persona.review.contact})" if persona.review.contact else ""
            yield _finding(
                playbook,
                ("persona", persona_id),
                ("review", "last_reviewed"),
                "stale-review",
                f"`{persona_id}` was last reviewed {persona.review.last_reviewed}; its "
                f"{persona.review.cadence} review was due {persona.review_due}",
                f"{owner}{contact}: review it and update `last_reviewed`",
            )


_WORD = re.compile(r"[a-z][a-z0-9'-]+")
_COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "we",
        "what",
        "when",
        "with",
        "without",
        "your",
    ]
)


def _words(persona: Persona) -> set[str]:
    text = " ".join([*persona.goals, *persona.pain_points]).lower()
    return {word for word in _WORD.findall(text) if word not in _COMMON}


def _overlap(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    threshold = playbook.settings.lint.overlap_percent
    personas = list(playbook.personas.items())
    words = {persona_id: _words(persona) for persona_id, persona in personas}
    for position, (first, _) in enumerate(personas):
        for second, _ in personas[position + 1 :]:
            union = words[first] | words[second]
            if not union:
                continue
            shared = 100 * len(words[first] & words[second]) / len(union)
            if shared >= threshold:
                yield _finding(
                    playbook,
                    ("persona", second),
                    ("goals",),
                    "persona-overlap",
                    f"`{second}` and `{first}` share {shared:.0f}% of their goals and pain points",
                    "a persona is worth keeping only if it differs: merge them, or sharpen what "
                    "sets them apart",
                )


# Consistency -----------------------------------------------------------------------------------


def _workshop_length(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    if playbook.templates is None:
        return
    low, high = playbook.settings.lint.workshop_minutes
    total = sum(item.minutes for item in playbook.templates.workshop_agenda)
    if not low <= total <= high:
        yield Finding(
            "warning",
            "workshop-length",
            "workshop",
            playbook.source("templates").problem(
                ("workshop_agenda",), f"the workshop agenda adds up to {total} minutes"
            ),
            f"plan {low}–{high} minutes",
        )


def _snippet_length(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Finding]:
    for snippet in playbook.snippets:
        measure = index.measure(snippet)
        channel = playbook.channels[snippet.channel].name
        if measure.body_limit is not None and measure.body_length > measure.body_limit:
            yield _finding(
                playbook,
                ("snippet", snippet.id),
                ("body",),
                "snippet-length",
                f"the body is {measure.body_length} characters; {channel} allows "
                f"{measure.body_limit}",
                "shorten it",
            )
        if (
            measure.subject_limit is not None
            and measure.subject_length is not None
            and measure.subject_length > measure.subject_limit
        ):
            yield _finding(
                playbook,
                ("snippet", snippet.id),
                ("subject",),
                "snippet-length",
                f"the subject is {measure.subject_length} characters; {channel} allows "
                f"{measure.subject_limit}",
                "shorten it",
            )


RULES: tuple[Rule, ...] = (
    Rule("session-personas", "every session serves a persona", _sessions_serve_personas),
    Rule("session-clusters", "every session serves a JTBD cluster", _sessions_serve_clusters),
    Rule("persona-sessions", "every persona is served by a session", _personas_are_served),
    Rule("cluster-sessions", "every JTBD cluster is served by a session", _clusters_are_served),
    Rule("persona-snippets", "every persona has snippets on its channels", _snippets_on_channels),
    Rule("persona-kpis", "every persona has a KPI target per funnel stage", _kpi_targets),
    Rule("success-metric-target", "every success metric has a target", _success_metric_targets),
    Rule("jtbd-count", "each persona has 2–3 jobs to be done", _job_count),
    Rule("template-counts", "sections hold what the one-pager template asks", _template_counts),
    Rule("primary-personas", "no more than 5 primary personas", _primary_personas),
    Rule("demographics-only", "demographics come with goals and pain points", _demographics_only),
    Rule("jtbd-evidence", "each job is backed by 3 quotes with sources", _job_evidence),
    Rule("assumption-based", "each persona cites sources", _assumption_based),
    Rule("stale-review", "each persona was reviewed within its cadence", _stale_reviews),
    Rule("persona-overlap", "no two personas share most goals and pain points", _overlap),
    Rule("workshop-length", "the workshop agenda adds up to 60–90 minutes", _workshop_length),
    Rule("snippet-length", "snippets fit their channel's limits", _snippet_length),
)
RULE_IDS = tuple(rule.id for rule in RULES)

CHECK_RULES: dict[str, tuple[str, ...]] = {
    "based-on-data": ("jtbd-evidence", "assumption-based", "jtbd-count"),
    "validated-with-sales": (),
    "validated-with-cs": (),
    "sized": (),
    "differentiated": ("persona-overlap",),
    "actionable": (
        "persona-sessions",
        "persona-snippets",
        "persona-kpis",
        "success-metric-target",
        "template-counts",
        "demographics-only",
    ),
    "prioritized": ("primary-personas",),
    "reviewed-with-product": (),
}
"""The rules whose findings bear on each step of the persona validation checklist."""
COVERAGE_RULES = (
    "session-personas",
    "session-clusters",
    "persona-sessions",
    "cluster-sessions",
    "persona-snippets",
    "persona-kpis",
    "success-metric-target",
)


def lint(playbook: Playbook, index: Index, today: dt.date) -> list[Finding]:
    """Every finding of every rule, waivers applied, errors first."""
    findings = [finding for rule in RULES for finding in rule.check(playbook, index, today)]
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
                    "waivers",
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
                    "waivers",
                    waiver.subject,
                    settings.problem(
                        ("lint", "waivers", number),
                        f"this waiver of `{waiver.rule}` for `{waiver.subject}` matches nothing",
                    ),
                    "remove it",
                )
            )
    return result
