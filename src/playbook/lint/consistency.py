"""Consistency: the workshop fits its time box, snippets fit their channels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from playbook.index import Index
from playbook.lint.registry import Family, Issue, issue
from playbook.models.playbook import Playbook

rule = Family("consistency")


@rule(
    "workshop-length",
    about="the workshop agenda adds up to {workshop_minutes[0]}–{workshop_minutes[1]} minutes",
)
def workshop_length(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """A workshop agenda shorter or longer than `workshop_minutes`."""
    if playbook.templates is None:
        return
    low, high = playbook.settings.lint.workshop_minutes
    total = sum(item.minutes for item in playbook.templates.workshop_agenda)
    if not low <= total <= high:
        yield Issue(
            "workshop",
            playbook.source("templates").problem(
                ("workshop_agenda",), f"the workshop agenda adds up to {total} minutes"
            ),
            f"plan {low}–{high} minutes",
        )


@rule("snippet-length", about="snippets fit their channel's recommended lengths")
def snippet_length(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Snippet bodies and subjects longer than their channel recommends (over a hard limit,
    which the platform enforces, validation refuses them)."""
    for snippet in playbook.snippets:
        measure = index.measure(snippet)
        rules = playbook.channels[snippet.channel]
        channel = rules.name
        soft_subject = rules.subject is None or not rules.subject.hard
        long_body = measure.body_limit is not None and measure.body_length > measure.body_limit
        if long_body and not rules.body_limit_hard:
            yield issue(
                playbook,
                ("snippet", snippet.id),
                ("body",),
                f"the body is {measure.body_length} characters; {channel} recommends at "
                f"most {measure.body_limit}",
                "shorten it",
            )
        if (
            soft_subject
            and measure.subject_limit is not None
            and measure.subject_length is not None
            and measure.subject_length > measure.subject_limit
        ):
            yield issue(
                playbook,
                ("snippet", snippet.id),
                ("subject",),
                f"the subject is {measure.subject_length} characters; {channel} recommends "
                f"at most {measure.subject_limit}",
                "shorten it",
            )


@rule("persona-former-id", about="references name each persona by its id now, not a former one")
def former_ids(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Each place that names a persona by a former id (its `formerly:`): it still works, but
    should say the id the persona has now."""
    for reference in playbook.former_references:
        yield Issue(
            reference.new,
            reference.source.problem(
                (), f"`{reference.old}` is what `{reference.new}` was called before its rename"
            ),
            f"write `{reference.new}` here",
        )
