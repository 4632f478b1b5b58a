"""Messaging snippets: files in `data/messaging/`, each a list of snippets."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from playbook.models.common import Id, Line, Model, Text, Url


class Variant(Model):
    """Marks a snippet as one side of an A/B test."""

    test: Id = Field(description="The test's id; every variant of one test shares it.")
    label: Line = Field(description='This variant\'s label, e.g. "A".')
    winner: bool = Field(
        False,
        description="true once the test's results show this variant won; lint warns while the "
        "difference is not significant.",
    )


class SendResults(Model):
    """What a sent snippet achieved."""

    sent: int = Field(ge=0, description="Messages delivered.")
    opens: int | None = Field(None, ge=0)
    clicks: int | None = Field(None, ge=0)
    registrations: int | None = Field(None, ge=0)
    replies: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _counts_fit(self) -> SendResults:
        for name in ("opens", "clicks", "registrations", "replies"):
            count = getattr(self, name)
            if count is not None and count > self.sent:
                raise PydanticCustomError(
                    "count_exceeds_sent",
                    "{name} ({count}) is more than sent ({sent})",
                    {"name": name, "count": count, "sent": self.sent},
                )
        return self


class Snippet(Model):
    """A piece of copy for one persona on one channel."""

    id: Id
    formerly: list[Id] = Field(
        default_factory=list,
        description="The ids this snippet had before it was renamed: links to them still land "
        "here.",
    )
    persona: Id = Field(description="Who it speaks to (a persona id).")
    channel: Id = Field(description="Where it runs (an id in channels.yml).")
    program: Id | None = Field(None, description="The program it promotes, if any.")
    stage: Line | None = Field(
        None, description="Buying stage it is written for (a value of the tagging schema)."
    )
    variant: Variant | None = None
    subject: Line | None = Field(
        None, description="Subject line or headline; required where the channel has one."
    )
    body: Text
    cta: Line = Field(description="The call to action.")
    cta_url: Url | None = Field(None, description="Where the call to action leads.")
    status: Literal["draft", "approved", "live", "retired"]
    owner: Id = Field(description="The role that owns the copy (an id in roles.yml).")
    results: SendResults | None = None


class SnippetFile(Model):
    """A file of messaging snippets."""

    snippets: list[Snippet]
