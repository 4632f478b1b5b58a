"""What changed between two versions of one thing (a persona, a session, a snippet), in words.

`describe` walks two models field by field and says each change as a reviewer would: "added a
quote to job 2: “…” (CIO, insurance)", "changed the call to action for Practitioner: Register
~~now~~ **today**". Text that changed is shown as a word-level diff, whole where it changed and
with a few words of context around, so a change is never cut down to two sides that read alike.
Every value from the data passes through the escaping function of the output's context (a
`Style`): `markdown_text` for a job summary (`MARKDOWN`, the default), where removed words are
~~struck~~ and added ones **bold**; a page passes its own (`render.escape`, with HTML marks).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from playbook.problems import markdown_text


@dataclass(frozen=True)
class Style:
    """How a description is written: the escaping of values from the data, and the marks
    around words a change removed and added (given escaped text)."""

    text: Callable[[object], str]
    removed: Callable[[str], str]
    added: Callable[[str], str]


MARKDOWN = Style(markdown_text, lambda words: f"~~{words}~~", lambda words: f"**{words}**")
"""For a pull request's job summary (GitHub-flavoured Markdown)."""

CONTEXT_WORDS = 4
"""Unchanged words shown on each side of a change in a word-level diff."""

# Field names as reviewers say them, singular (one item of a list field) where it differs.
_WORDS = {
    "jtbd": ("jobs to be done", "job"),
    "evidence": ("evidence", "quote"),
    "cta": ("call to action", "call to action"),
    "angles": ("angle", "angle"),
    "pain_points": ("pain points", "pain point"),
    "goals": ("goals", "goal"),
    "barriers": ("barriers", "barrier"),
    "titles": ("titles", "title"),
    "industries": ("industries", "industry"),
    "objections": ("objections", "objection"),
    "channels": ("channels", "channel"),
    "success_metrics": ("success metrics", "success metric"),
    "so_that": ("“so that”", "“so that”"),
    "short_name": ("short name", "short name"),
}


def _plural(name: str) -> str:
    return _WORDS.get(name, (name.replace("_", " "), ""))[0]


def _singular(name: str) -> str:
    word = _WORDS.get(name, ("", ""))[1]
    if word:
        return word
    plain = name.replace("_", " ")
    return plain[:-1] if plain.endswith("s") and not plain.endswith("ss") else plain


def describe(
    old: BaseModel, new: BaseModel, names: Mapping[str, str], style: Style = MARKDOWN
) -> list[str]:
    """Each change from `old` to `new` in words; `names` turns ids used as keys (personas)
    into names."""
    return list(_model(old, new, [], names, style))


def _model(
    old: BaseModel, new: BaseModel, where: list[str], names: Mapping[str, str], style: Style
) -> Iterator[str]:
    for name, info in type(new).model_fields.items():
        before, after = getattr(old, name), getattr(new, name)
        if info.exclude or before == after:
            continue
        yield from _value(before, after, name, where, names, style)


def _value(
    before: Any, after: Any, name: str, where: list[str], names: Mapping[str, str], style: Style
) -> Iterator[str]:
    if isinstance(before, BaseModel) and type(before) is type(after):
        yield from _model(before, after, [*where, _plural(name)], names, style)
    elif isinstance(before, list) and isinstance(after, list):
        yield from _list(before, after, name, where, names, style)
    elif isinstance(before, dict) and isinstance(after, dict):
        yield from _mapping(before, after, name, where, names, style)
    elif isinstance(before, str) and isinstance(after, str):
        yield f"changed {_the(where, _plural(name))}: {word_diff(before, after, style)}"
    else:
        change = f"{shown(before, style)} → {shown(after, style)}"
        yield f"changed {_the(where, _plural(name))}: {change}"


def _list(
    before: list[Any],
    after: list[Any],
    name: str,
    where: list[str],
    names: Mapping[str, str],
    style: Style,
) -> Iterator[str]:
    singular = _singular(name)
    keys = [[_key(item) for item in items] for items in (before, after)]
    matcher = difflib.SequenceMatcher(a=keys[0], b=keys[1], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and a1 - a0 == b1 - b0:
            for offset in range(a1 - a0):
                item = [*where, f"{singular} {b0 + offset + 1}"]
                yield from _item(before[a0 + offset], after[b0 + offset], item, names, style)
            continue
        for item in before[a0:a1]:
            yield f"removed {_a(singular)}{_from(where)}: {shown(item, style)}"
        for item in after[b0:b1]:
            yield f"added {_a(singular)}{_to(where)}: {shown(item, style)}"


def _key(item: Any) -> str:
    """Something hashable that is equal when items are (models may hold lists)."""
    return item.model_dump_json() if isinstance(item, BaseModel) else repr(item)


def _item(
    before: Any, after: Any, where: list[str], names: Mapping[str, str], style: Style
) -> Iterator[str]:
    what = " of ".join(reversed(where))
    if isinstance(before, BaseModel) and type(before) is type(after):
        yield from _model(before, after, where, names, style)
    elif isinstance(before, str) and isinstance(after, str):
        yield f"changed {what}: {word_diff(before, after, style)}"
    else:
        yield f"changed {what}: {shown(before, style)} → {shown(after, style)}"


def _mapping(
    before: dict[Any, Any],
    after: dict[Any, Any],
    name: str,
    where: list[str],
    names: Mapping[str, str],
    style: Style,
) -> Iterator[str]:
    word = _singular(name)
    for key in [*after, *(key for key in before if key not in after)]:
        who = style.text(names.get(str(key), str(key)))
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None:
            yield f"added {_the(where, word)} for {who}: {shown(new, style)}"
        elif new is None:
            yield f"removed {_the(where, word)} for {who}: {shown(old, style)}"
        elif isinstance(old, str) and isinstance(new, str):
            yield f"changed {_the(where, word)} for {who}: {word_diff(old, new, style)}"
        else:
            change = f"{shown(old, style)} → {shown(new, style)}"
            yield f"changed {_the(where, word)} for {who}: {change}"


def _the(where: Sequence[str], word: str) -> str:
    return " of ".join([f"the {word}", *reversed(where)])


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _to(where: Sequence[str]) -> str:
    return f" to {' of '.join(reversed(where))}" if where else ""


def _from(where: Sequence[str]) -> str:
    return f" from {' of '.join(reversed(where))}" if where else ""


def shown(value: Any, style: Style = MARKDOWN) -> str:
    """A value in full, escaped by `style`: quoted text, a model's fields, or (none)."""
    if value is None or value == [] or value == {}:
        return "(none)"
    if isinstance(value, BaseModel):
        fields = value.model_dump(exclude_defaults=True)
        texts = [f"{key}: {text}" for key, text in fields.items()]
        return f"“{style.text(' · '.join(str(text) for text in texts))}”"
    return f"“{style.text(' '.join(str(value).split()))}”"


def word_diff(before: str, after: str, style: Style = MARKDOWN) -> str:
    """`after` against `before`, word by word: removed and added words marked by `style`
    (~~struck~~ and **bold** in Markdown), a few unchanged words around each change, and …
    where unchanged words are left out."""
    old, new = before.split(), after.split()
    pieces: list[str] = []
    opcodes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    for index, (tag, a0, a1, b0, b1) in enumerate(opcodes):
        if tag == "equal":
            words = old[a0:a1]
            first, last = index == 0, index == len(opcodes) - 1
            keep_head = [] if first else words[:CONTEXT_WORDS]
            keep_tail = [] if last else words[-CONTEXT_WORDS:]
            if len(words) <= len(keep_head) + len(keep_tail) + 1:
                pieces.append(style.text(" ".join(words)))
            else:
                parts = [" ".join(keep_head), "…", " ".join(keep_tail)]
                pieces.append(" ".join(style.text(part) for part in parts if part))
            continue
        if a1 > a0:
            pieces.append(style.removed(style.text(" ".join(old[a0:a1]))))
        if b1 > b0:
            pieces.append(style.added(style.text(" ".join(new[b0:b1]))))
    return " ".join(piece for piece in pieces if piece) or "(spacing only)"
