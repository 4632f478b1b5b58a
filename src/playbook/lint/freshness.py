"""Freshness: every persona reviewed within its cadence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from playbook.dates import long_date
from playbook.index import Index
from playbook.lint.registry import Family, Issue, issue
from playbook.models.playbook import Playbook

rule = Family("freshness")


@rule("stale-review", about="each persona was reviewed within its cadence")
def stale_reviews(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Personas whose review was due before `today`, addressed to their owner."""
    for persona_id, persona in playbook.personas.items():
        if persona.review_due < today:
            owner = playbook.roles[persona.review.owner].name
            contact = f" ({persona.review.contact})" if persona.review.contact else ""
            yield issue(
                playbook,
                ("persona", persona_id),
                ("review", "last_reviewed"),
                f"{persona.name} was last reviewed {long_date(persona.review.last_reviewed)}; its "
                f"{persona.review.cadence} review was due {long_date(persona.review_due)}",
                f"{owner}{contact}: review it and update `last_reviewed`",
            )
