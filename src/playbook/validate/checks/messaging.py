"""Messaging snippets: what each names, its subject line, and its A/B test's variants."""

from __future__ import annotations

from collections.abc import Sequence

from playbook.document import Document
from playbook.layout import CHANNELS
from playbook.models.messaging import Snippet
from playbook.models.org import Channel
from playbook.problems import FieldPath, Problem, did_you_mean
from playbook.validate import refs
from playbook.validate.context import Context, Seen

Variant = tuple[Document, FieldPath, Snippet]
"""A snippet in an A/B test, with where it is."""


def check_snippets(context: Context) -> None:
    """Snippet ids are unique; each snippet names a known persona, channel, owner, program
    and buying stage, has a subject where its channel needs one, and its A/B test is whole."""
    seen: Seen = {}
    tests: dict[str, list[Variant]] = {}
    channels: dict[str, Channel] = {}
    if loaded_channels := context.organisation.get(CHANNELS):
        channels = {channel.id: channel for channel in loaded_channels.model.channels}
    for loaded in context.snippet_files:
        document = loaded.document
        context.unique(document, loaded.model.snippets, ("snippets",), "snippet id", seen)
        named_for = document.path.stem
        if not _named_after_a_persona(context, document):
            continue
        for index, snippet in enumerate(loaded.model.snippets):
            path: FieldPath = ("snippets", index)
            if context.canonical(snippet.persona) != context.canonical(named_for):
                context.report(
                    document,
                    (*path, "persona"),
                    f"this file holds the snippets for `{named_for}` (it is named after that "
                    f"persona): change `persona` to `{named_for}`, or move this snippet to "
                    f"`messaging/{snippet.persona}.yml`",
                )
            context.ref(refs.PERSONA, document, (*path, "persona"), snippet.persona)
            context.ref(refs.CHANNEL, document, (*path, "channel"), snippet.channel)
            context.ref(refs.ROLE, document, (*path, "owner"), snippet.owner)
            if snippet.program is not None:
                context.ref(refs.PROGRAM, document, (*path, "program"), snippet.program)
            if snippet.stage is not None:
                context.ref(refs.BUYING_STAGE, document, (*path, "stage"), snippet.stage)
            if channel := channels.get(snippet.channel):
                _check_subject(context, document, path, snippet, channel)
            if snippet.variant is not None:
                tests.setdefault(snippet.variant.test, []).append((document, path, snippet))
    for test, variants in tests.items():
        _check_ab_test(context, test, variants)


def _named_after_a_persona(context: Context, document: Document) -> bool:
    """A messaging file holds one persona's snippets and is named after it (or after an id it
    had before: `formerly`); False, with a problem, when its name names no persona."""
    name = document.path.stem
    if name in context.persona_ids or name in context.aliases:
        return True
    guess = did_you_mean(name, [*context.persona_ids, *context.aliases])
    rename = f"rename it to `{guess}.yml`" if guess else "rename it after one"
    context.problems.append(
        Problem.whole_file(
            document.path,
            f"a messaging file is named after the persona whose snippets it holds, and there "
            f"is no persona `{name}`: {rename} (see `personas/`)",
        )
    )
    return False


def _check_subject(
    context: Context, document: Document, path: FieldPath, snippet: Snippet, channel: Channel
) -> None:
    """A subject line where the channel has one, and none where it has not."""
    if channel.subject is not None and snippet.subject is None:
        context.report(
            document,
            path,
            f"snippet `{snippet.id}` runs on {channel.name}, which needs a "
            f"{channel.subject.label.lower()}: add `subject:`",
        )
    if channel.subject is None and snippet.subject is not None:
        context.report(
            document,
            (*path, "subject"),
            f"{channel.name} has no subject line or headline; remove `subject` or move the "
            "text into `body`",
        )
    if snippet.status == "retired":
        return  # never sent again
    hard_limits = [("body", snippet.body, channel.body_limit if channel.body_limit_hard else None)]
    if channel.subject is not None and channel.subject.hard:
        hard_limits.append(("subject", snippet.subject or "", channel.subject.limit))
    for field, text, limit in hard_limits:
        if limit is not None and len(text) > limit:
            context.report(
                document,
                (*path, field),
                f"the {field} is {len(text)} characters, and {channel.name} accepts at most "
                f"{limit} (the platform rejects longer text): shorten it by {len(text) - limit}",
            )


def _check_ab_test(context: Context, test: str, variants: Sequence[Variant]) -> None:
    """At least two variants, on one persona and channel, each with its own label; one winner
    at most."""
    _, _, first = variants[0]
    if len(variants) < 2:
        document, path, _ = variants[0]
        context.report(
            document,
            (*path, "variant", "test"),
            f"A/B test `{test}` has only this variant; add the other variant or remove `variant`",
        )
    labels: dict[str, str] = {}
    for document, path, snippet in variants:
        assert snippet.variant is not None
        if (snippet.persona, snippet.channel) != (first.persona, first.channel):
            context.report(
                document,
                (*path, "variant", "test"),
                f"the variants of A/B test `{test}` must share persona and channel; "
                f"`{first.id}` is {first.persona} on {first.channel}",
            )
        label = snippet.variant.label
        if label in labels:
            context.report(
                document,
                (*path, "variant", "label"),
                f"A/B test `{test}` already has a variant `{label}` (`{labels[label]}`); "
                "give each variant its own label",
            )
        labels.setdefault(label, snippet.id)
    winners = [
        (document, path, s) for document, path, s in variants if s.variant and s.variant.winner
    ]
    for document, path, _ in winners[1:]:
        context.report(
            document,
            (*path, "variant", "winner"),
            f"A/B test `{test}` already has a winner (`{winners[0][2].id}`); one variant wins: "
            "remove `winner: true` from all but one",
        )
