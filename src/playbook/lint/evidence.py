"""Evidence: jobs backed by quoted sources; no persona resting on assumptions alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from playbook.ab_tests import p_value_words
from playbook.index import Index
from playbook.lint.registry import Family, Issue, issue
from playbook.models.playbook import Playbook

rule = Family("evidence")


@rule(
    "jtbd-evidence",
    about="each job is backed by {quotes_per_job} quotes with sources",
    checklist="based-on-data",
)
def job_evidence(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Jobs with fewer quotes than `quotes_per_job`."""
    needed = playbook.settings.lint.quotes_per_job
    for persona_id, persona in playbook.personas.items():
        for position, job in enumerate(persona.jtbd):
            if len(job.evidence) < needed:
                yield issue(
                    playbook,
                    ("persona", persona_id),
                    ("jtbd", position, "evidence"),
                    f"job {position + 1} of {persona.name} has {len(job.evidence)} of the "
                    f"{needed} quotes it needs",
                    "add interview quotes with their source",
                )


@rule("assumption-based", about="each persona cites sources", checklist="based-on-data")
def assumption_based(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Personas with no quoted job and no record of being based on data."""
    for persona_id, persona in playbook.personas.items():
        quoted = any(job.evidence for job in persona.jtbd)
        checked = any(entry.check == "based-on-data" for entry in persona.review.checklist)
        if not quoted and not checked:
            yield issue(
                playbook,
                ("persona", persona_id),
                ("jtbd",),
                f"{persona.name} cites no source for anything it says: it is assumption-based",
                "ground it in interviews or data: add evidence to its jobs",
            )


@rule(
    "winner-not-significant",
    about="a snippet marked the winner of its A/B test won it significantly (p < 0.05)",
)
def unproven_winners(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Snippets marked `winner: true` whose test has no results, no significant difference
    yet, or another variant ahead."""
    for snippet in playbook.snippets:
        if snippet.variant is None or not snippet.variant.winner:
            continue
        test = snippet.variant.test
        outcome = index.test_outcome(test)
        name = index.test_name(test)
        owner = playbook.roles[snippet.owner].name
        if outcome is None:
            message = f"`{snippet.id}` is marked the winner of “{name}”, which has no results"
            hint = (
                f"{owner}: add the test's counts to its program's results/message-tests.yml, "
                "or remove `winner: true`"
            )
        elif outcome.winner is None:
            shown = outcome.variant_for(snippet.id)
            lead = "leads" if shown is outcome.leader else "does not lead"
            message = (
                f"`{snippet.id}` is marked the winner of “{name}”; it {lead} on "
                f"{outcome.decided_by}, but no variant has won yet "
                f"({p_value_words(outcome.comparison.p_value)})"
            )
            more = outcome.more_about
            hint = f"{owner}: remove `winner: true` until a variant wins" + (
                f"; about {more:,} more sends per variant would detect the difference seen"
                if more
                else ""
            )
        elif outcome.winner.snippet.id != snippet.id:
            message = (
                f"`{snippet.id}` is marked the winner of “{name}”, and variant "
                f"{outcome.winner.label} (`{outcome.winner.snippet.id}`) won it on "
                f"{outcome.decided_by}"
            )
            hint = f"{owner}: move `winner: true` to `{outcome.winner.snippet.id}`"
        else:
            continue
        yield issue(playbook, ("snippet", snippet.id), ("variant", "winner"), message, hint)
