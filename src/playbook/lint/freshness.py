"""Freshness: every persona reviewed within its cadence, and updated after each event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from playbook.dates import long_date
from playbook.history import last_changed
from playbook.index import Index
from playbook.iteration import last_ended
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


@rule(
    "update-after-event",
    about="each persona changed within {persona_update_weeks} weeks after its last program "
    "ended (from git history)",
)
def not_updated_after_event(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Personas whose file has not changed since their last program ended, more than
    `persona_update_weeks` ago; nothing without git history."""
    weeks = playbook.settings.lint.persona_update_weeks
    due = {
        persona_id: ended
        for persona_id in playbook.personas
        if (ended := last_ended(playbook, index, persona_id, today))
        and ended.date + dt.timedelta(weeks=weeks) < today
    }
    dates = last_changed(playbook.data_dir) if due else {}
    for persona_id, ended in due.items():
        persona = playbook.personas[persona_id]
        changed = dates.get(playbook.source("persona", persona_id).path.resolve())
        if changed is None or changed > ended.date:
            continue  # changed since, not committed yet, or no history to tell
        owner = playbook.roles[persona.review.owner].name
        contact = f" ({persona.review.contact})" if persona.review.contact else ""
        yield issue(
            playbook,
            ("persona", persona_id),
            (),
            f"{persona.name} has not changed since {ended.name} ended on "
            f"{long_date(ended.date)} (last changed {long_date(changed)}), more than {weeks} "
            "weeks ago",
            f"{owner}{contact}: update the persona with what the event taught (its results, "
            "interviews, feedback from sales), then `last_reviewed`",
        )
