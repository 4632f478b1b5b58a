"""A program's A/B message test results: `data/programs/<program-id>/results/message-tests.yml`.

The marketing-automation platform reports, for each variant of a test, how many messages went
out and how many were opened, clicked, led to a registration or got a reply. Only these counts
are kept: never a recipient.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from playbook.models.common import Date, Id, Line, Model

Metric = Literal["opens", "clicks", "registrations", "replies"]
METRICS: tuple[Metric, ...] = ("opens", "clicks", "registrations", "replies")
"""The counts a variant may report, in funnel order (replies stand beside the funnel)."""


class VariantCounts(Model):
    """What one variant (one snippet) of a test achieved."""

    snippet: Id = Field(description="The snippet sent as this variant (its id).")
    sent: int = Field(ge=0, description="Messages delivered.")
    opens: int | None = Field(None, ge=0, description="Messages opened; at most `sent`.")
    clicks: int | None = Field(
        None, ge=0, description="Messages whose link was clicked; at most `opens`."
    )
    registrations: int | None = Field(
        None, ge=0, description="Registrations from those clicks; at most `clicks`."
    )
    replies: int | None = Field(None, ge=0, description="Replies; at most `sent`.")

    def count(self, metric: Metric) -> int | None:
        """The count of `metric`, if reported."""
        value: int | None = getattr(self, metric)
        return value


class MessageTest(Model):
    """One A/B test's results: its variants side by side."""

    test: Id = Field(
        description="The test's id: the `variant: test:` its snippets share in messaging/."
    )
    name: Line | None = Field(
        None,
        description='What it tests, in words, e.g. "Exec invitation: peers or due diligence". '
        "Pages show it instead of the id.",
    )
    decided_by: Metric = Field(
        description="The rate that picks the winner, fixed before the test: opens, clicks, "
        "registrations or replies (each per message sent)."
    )
    variants: list[VariantCounts] = Field(
        min_length=2, description="Each variant's counts: at least two."
    )


class MessageTests(Model):
    """The results of a program's A/B message tests, as exported from the platform."""

    as_of: Date = Field(description="When the counts were exported (YYYY-MM-DD).")
    tests: list[MessageTest]
