"""Differentiation: no two personas so alike they should be one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from playbook.index import Index
from playbook.lint.registry import Family, Issue, issue
from playbook.models.persona import Persona
from playbook.models.playbook import Playbook

rule = Family("differentiation")

_WORD = re.compile(r"[a-z][a-z0-9'-]+")
_COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "we",
        "what",
        "when",
        "with",
        "without",
        "your",
    ]
)


def _words(persona: Persona) -> set[str]:
    """The telling words of a persona's goals and pain points."""
    text = " ".join([*persona.goals, *persona.pain_points]).lower()
    return {word for word in _WORD.findall(text) if word not in _COMMON}


@rule(
    "persona-overlap",
    about="no two personas share {overlap_percent:g}% or more of their goals and pain points",
    checklist="differentiated",
)
def overlap(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Pairs of personas whose goals and pain points share too many words, on the later one."""
    threshold = playbook.settings.lint.overlap_percent
    personas = list(playbook.personas.items())
    words = {persona_id: _words(persona) for persona_id, persona in personas}
    for position, (first, _) in enumerate(personas):
        for second, _ in personas[position + 1 :]:
            union = words[first] | words[second]
            if not union:
                continue
            shared = 100 * len(words[first] & words[second]) / len(union)
            if shared >= threshold:
                yield issue(
                    playbook,
                    ("persona", second),
                    ("goals",),
                    f"`{second}` and `{first}` share {shared:.0f}% of their goals and pain points",
                    "a persona is worth keeping only if it differs: merge them, or sharpen what "
                    "sets them apart",
                )
