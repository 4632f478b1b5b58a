"""Personas that are named but do not exist, and personas renamed with `formerly:`.

A reference to a persona that does not exist is one problem for all the places that name it,
with the way out when the persona was renamed: `formerly:` in its new file. A former id may not
be another persona's id, nor two personas' former id.
"""

from __future__ import annotations

from playbook.problems import did_you_mean, display_path
from playbook.validate.context import Context

SHOWN = 5
"""Places listed by name in a missing persona's problem; the rest are counted."""


def check_missing_personas(context: Context) -> None:
    """One problem per persona id that names no persona, listing every place that names it."""
    known = [*context.persona_ids, *context.aliases]
    for value, places in sorted(context.missing.items()):
        ordered = sorted(places, key=lambda place: (place[0].path, place[0].mark(place[1])))
        (document, path), others = ordered[0], ordered[1:]
        elsewhere = [
            f"{display_path(other.path)}:{other.mark(other_path).line}"
            for other, other_path in others[:SHOWN]
        ]
        if len(others) > SHOWN:
            elsewhere.append(f"and {len(others) - SHOWN} more")
        also = f" (also named at {', '.join(elsewhere)})" if elsewhere else ""
        guess = did_you_mean(value, known)
        hints = [f"did you mean `{guess}`?"] if guess else []
        if others or not guess:  # many places name it: more likely a rename than a typo
            hints.append(
                f"if a persona file was renamed from `{value}.yml`, add `formerly: [{value}]` "
                "to it and every reference keeps working"
            )
        context.report(document, path, f"there is no persona `{value}`{also}; {' '.join(hints)}")


def check_former_ids(context: Context) -> None:
    """A former id is not a persona's id now, and belongs to one persona only."""
    claimed: dict[str, str] = {}
    for persona_id, loaded in context.personas.items():
        for index, old in enumerate(loaded.model.formerly):
            here = ("formerly", index)
            if old in context.persona_ids:
                context.report(
                    loaded.document,
                    here,
                    f"`{old}` is the id of `personas/{old}.yml` now; a former id must be free: "
                    "remove it here, or rename that file",
                )
            elif old in claimed:
                context.report(
                    loaded.document,
                    here,
                    f"`{claimed[old]}` was formerly `{old}` too; keep it in one persona's "
                    "`formerly` only",
                )
            else:
                claimed[old] = persona_id


def check_former_session_and_snippet_ids(context: Context) -> None:
    """A session's or snippet's former id is not an id in use, so its old links land on it."""
    sessions = [
        (loaded.document, ("sessions", index), session.id, session.formerly)
        for files in context.session_files.values()
        for loaded in files
        for index, session in enumerate(loaded.model.sessions)
    ]
    snippets = [
        (loaded.document, ("snippets", index), snippet.id, snippet.formerly)
        for loaded in context.snippet_files
        for index, snippet in enumerate(loaded.model.snippets)
    ]
    for what, items in (("session", sessions), ("snippet", snippets)):
        in_use = {item_id for _, _, item_id, _ in items}
        claimed: dict[str, str] = {}
        for document, path, item_id, formerly in items:
            for position, old in enumerate(formerly):
                here = (*path, "formerly", position)
                if old in in_use or old in claimed:
                    holder = claimed.get(old, old)
                    context.report(
                        document,
                        here,
                        f"`{old}` is in use by the {what} `{holder}`; a former id must be free: "
                        "remove it here",
                    )
                else:
                    claimed[old] = item_id
