"""Shape: how many jobs, sections and primary personas; no demographics standing alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from playbook.index import Index
from playbook.lint.registry import Family, Issue, issue
from playbook.models.playbook import Playbook

rule = Family("shape")


@rule(
    "jtbd-count",
    about="each persona has {min_jobs}–{max_jobs} jobs to be done",
    checklist="based-on-data",
)
def job_count(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Personas with too few or too many jobs to be done."""
    settings = playbook.settings.lint
    for persona_id, persona in playbook.personas.items():
        count = len(persona.jtbd)
        if not settings.min_jobs <= count <= settings.max_jobs:
            yield issue(
                playbook,
                ("persona", persona_id),
                ("jtbd",),
                f"{persona.name} has {count} jobs to be done",
                f"write {settings.min_jobs}–{settings.max_jobs}, as When / I want to / so I can",
            )


@rule(
    "template-counts",
    about="sections hold what the one-pager template asks",
    checklist="actionable",
)
def template_counts(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """One-pager sections with fewer or more entries than the template asks for."""
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
                yield issue(
                    playbook,
                    ("persona", persona_id),
                    (section.field,),
                    f"{section.label} has {len(value)} entries",
                    f"the one-pager template asks for {low}–{high}",
                )


@rule(
    "primary-personas",
    about="no more than {max_primary_personas} primary personas",
    checklist="prioritized",
)
def primary_personas(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """The primary personas past the limit, in file order."""
    limit = playbook.settings.lint.max_primary_personas
    primary = [pid for pid, p in playbook.personas.items() if p.priority == "primary"]
    if len(primary) > limit:
        for persona_id in primary[limit:]:
            yield issue(
                playbook,
                ("persona", persona_id),
                ("priority",),
                f"{len(primary)} personas are primary, more than {limit}",
                "focus: make the lower-ranked ones secondary, or merge similar ones",
            )


@rule(
    "demographics-only",
    about="demographics come with goals and pain points",
    severity="error",
    checklist="actionable",
)
def demographics_only(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Personas described by demographics without goals or pain points."""
    for persona_id, persona in playbook.personas.items():
        if persona.demographics is not None and not (persona.goals and persona.pain_points):
            yield issue(
                playbook,
                ("persona", persona_id),
                ("demographics",),
                f"{persona.name} has demographics but no goals or pain points",
                "demographics alone say nothing actionable: add goals and pain points",
            )
