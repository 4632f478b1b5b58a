"""A persona's talk track: what to say first, gathered from its one-pager's data.

The card at the top of each one-pager (templates/_talk_track.md.jinja) shows it, and offers
it as plain text to copy into an email or a call note (`TalkTrack.text`).
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.index import Index
from playbook.models.messaging import Snippet
from playbook.models.persona import Objection, Persona

TOP_OBJECTIONS = 2
"""How many objections the card shows: the first ones in the persona's file."""


@dataclass(frozen=True)
class TalkTrack:
    """The value proposition, the asks, the top objections with replies and the best snippet."""

    value_proposition: str
    asks: list[str]
    objections: list[Objection]
    snippet: Snippet | None

    def text(self) -> str:
        """The card as plain text, each part under its label."""
        lines = ["Lead with:", _flat(self.value_proposition), "", "Ask them to:"]
        lines += [f"- {ask}" for ask in self.asks]
        if self.objections:
            lines += ["", "If they say:"]
            for objection in self.objections:
                lines.append(f"- “{objection.objection}”")
                lines.append(f"  Reply: {_flat(objection.response or objection.root_cause)}")
        if self.snippet is not None:
            lines += ["", "Send:"]
            if self.snippet.subject:
                lines.append(self.snippet.subject)
            lines.append(self.snippet.body.strip())
        return "\n".join(lines)


def talk_track(persona: Persona, index: Index) -> TalkTrack:
    """The talk track of `persona`."""
    return TalkTrack(
        value_proposition=persona.value_proposition,
        asks=list(persona.offers),
        objections=persona.objections[:TOP_OBJECTIONS],
        snippet=best_snippet(index.snippets(persona.id)),
    )


def best_snippet(snippets: list[Snippet]) -> Snippet | None:
    """The snippet to send first: a live one before an approved one, else in file order;
    never a draft or a retired one."""
    for status in ("live", "approved"):
        for snippet in snippets:
            if snippet.status == status:
                return snippet
    return None


def _flat(text: str) -> str:
    return " ".join(text.split())
