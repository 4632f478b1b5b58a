"""Every kind of cross reference, declared once, and the one way a reference is resolved.

A reference is a value in one place that must be the id of something defined in another: a
session's `track` names one of its program's tracks, a snippet's `owner` names a role. A `Ref`
says what is named and where those are defined, for the message when the value names nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from playbook.document import Document
from playbook.problems import FieldPath, Problem, did_you_mean, one_of

BUYING_STAGE_FIELD = "buying-stage"
"""The tagging field whose values a snippet's `stage` must be one of."""
SOURCE_CHANNEL_FIELD = "source-channel"
"""The tagging field whose values name the channels in a program's results."""


@dataclass(frozen=True)
class Ref:
    """A kind of reference: what it names (`role`) and where those are defined (`roles.yml`)."""

    what: str
    where: str

    def problem(
        self, document: Document, path: FieldPath, value: str, known: Collection[str] | None
    ) -> Problem | None:
        """The problem with `value` at `path`, unless it is one of `known`.

        `known` is None when the file that defines them is missing or broken: that file is
        reported on its own, so its references are not checked against a guess.
        """
        if known is None or value in known:
            return None
        suggestion = did_you_mean(value, known)
        if suggestion:
            hint = f"did you mean `{suggestion}`?"
        elif known:
            hint = f"the {self.what}s in {self.where} are {one_of(sorted(known))}"
        else:
            hint = f"{self.where} defines none yet"
        return document.problem(path, f"there is no {self.what} `{value}`; {hint}")


# Defined across the playbook: the context knows their ids (see `Context.known`).
PERSONA = Ref("persona", "personas/")
PROGRAM = Ref("program", "programs/")
ROLE = Ref("role", "roles.yml")
CLUSTER = Ref("cluster", "clusters.yml")
CHANNEL = Ref("channel", "channels.yml")
BUYING_STAGE = Ref("buying stage", f"the tagging schema's `{BUYING_STAGE_FIELD}` field")
SOURCE_CHANNEL = Ref("source channel", f"the tagging schema's `{SOURCE_CHANNEL_FIELD}` field")
TAG_FIELD = Ref("tagging field", "tagging.yml")

# Defined next to the reference: the check gives their ids.
RACI_ROLE = Ref("role", "roles")
"""A role in roles.yml's own RACI matrix."""
TRACK = Ref("track", "the program's `tracks`")
FUNNEL_STAGE = Ref("funnel stage", "this file's `stages`")
SESSION = Ref("session", "this program's sessions/")
PERSONA_FIELD = Ref("persona field", "the persona model")
