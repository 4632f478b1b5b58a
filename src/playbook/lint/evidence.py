"""Evidence: jobs backed by quoted sources; no persona resting on assumptions alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

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
