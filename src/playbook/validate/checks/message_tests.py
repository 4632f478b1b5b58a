"""A/B message test results: each names a test and its snippets, with counts that add up."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.document import Document
from playbook.models.message_tests import MessageTest, MessageTests, VariantCounts
from playbook.models.messaging import Snippet
from playbook.problems import FieldPath, did_you_mean, display_path
from playbook.validate.context import Context, Loaded, seen_where


@dataclass(frozen=True)
class _Placed:
    """A snippet with where it is written."""

    snippet: Snippet
    document: Document
    path: FieldPath


_STAGE_BEFORE: dict[str, str] = {
    "opens": "sent",
    "clicks": "opens",
    "registrations": "clicks",
    "replies": "sent",
}
"""The count each count cannot exceed: a message is opened before its link is clicked, and a
registration comes from a click."""


def check_message_tests(context: Context) -> None:
    """Each program's test results name a known A/B test once across the playbook, and
    snippets that are its variants (each once); counts never exceed the stage before them;
    the metric that decides the test is reported for every variant; and a snippet's counts
    are kept here or on the snippet, never both."""
    snippets: dict[str, _Placed] = {}
    renamed: dict[str, str] = {}
    for loaded in context.snippet_files:
        for index, snippet in enumerate(loaded.model.snippets):
            snippets[snippet.id] = _Placed(snippet, loaded.document, ("snippets", index))
            renamed |= dict.fromkeys(snippet.formerly, snippet.id)
    tests = {p.snippet.variant.test for p in snippets.values() if p.snippet.variant}
    seen: dict[str, tuple[Document, FieldPath]] = {}
    for program_id, results in sorted(context.message_tests.items()):
        for number, test in enumerate(results.model.tests):
            path: FieldPath = ("tests", number)
            if _repeated(context, results.document, path, test.test, seen):
                continue
            if test.test not in tests:
                guess = did_you_mean(test.test, tests)
                hint = f"did you mean `{guess}`?" if guess else "check its spelling in messaging/"
                context.report(
                    results.document,
                    (*path, "test"),
                    f"no snippet is a variant of A/B test `{test.test}` "
                    f"(`variant: test:` in messaging/); {hint}",
                )
                continue
            _check_variants(context, results, program_id, path, test, snippets, renamed)


def _repeated(
    context: Context,
    document: Document,
    path: FieldPath,
    test: str,
    seen: dict[str, tuple[Document, FieldPath]],
) -> bool:
    """Whether `test` already has results (reported); else records it in `seen`."""
    if test not in seen:
        seen[test] = (document, (*path, "test"))
        return False
    where = seen_where(*seen[test], document)
    context.report(
        document,
        (*path, "test"),
        f"the results of A/B test `{test}` are already on {where}; keep one entry per test",
    )
    return True


def _check_variants(
    context: Context,
    loaded: Loaded[MessageTests],
    program_id: str,
    path: FieldPath,
    test: MessageTest,
    snippets: dict[str, _Placed],
    renamed: dict[str, str],
) -> None:
    document = loaded.document
    variants = sorted(
        s.id for p in snippets.values() if (s := p.snippet).variant and s.variant.test == test.test
    )
    named: set[str] = set()
    for number, counts in enumerate(test.variants):
        here: FieldPath = (*path, "variants", number)
        placed = snippets.get(counts.snippet)
        if placed is None:
            _unknown_snippet(context, document, here, counts.snippet, variants, renamed)
        elif counts.snippet in named:
            context.report(
                document,
                (*here, "snippet"),
                f"snippet `{counts.snippet}` is already a variant of this test; keep one entry",
            )
        else:
            named.add(counts.snippet)
            _check_snippet(context, document, here, program_id, test.test, placed, variants)
        _check_counts(context, document, here, counts)
        if counts.count(test.decided_by) is None:
            context.report(
                document,
                here,
                f"the test is decided by {test.decided_by} (`decided_by`), and this variant "
                f"reports none: add `{test.decided_by}:`",
            )


def _unknown_snippet(
    context: Context,
    document: Document,
    path: FieldPath,
    snippet_id: str,
    variants: list[str],
    renamed: dict[str, str],
) -> None:
    if snippet_id in renamed:
        message = f"snippet `{snippet_id}` was renamed to `{renamed[snippet_id]}`: write that"
    else:
        guess = did_you_mean(snippet_id, variants)
        hint = f"did you mean `{guess}`?" if guess else f"its variants are {_listed(variants)}"
        message = f"there is no snippet `{snippet_id}`; {hint}"
    context.report(document, (*path, "snippet"), message)


def _check_snippet(
    context: Context,
    document: Document,
    path: FieldPath,
    program_id: str,
    test: str,
    placed: _Placed,
    variants: list[str],
) -> None:
    """The snippet is a variant of `test`, promotes this program if any, and keeps no counts of
    its own."""
    snippet = placed.snippet
    if snippet.variant is None or snippet.variant.test != test:
        where = (
            f"a variant of A/B test `{snippet.variant.test}`, not of `{test}`"
            if snippet.variant
            else "not a variant of any A/B test"
        )
        context.report(
            document,
            (*path, "snippet"),
            f"snippet `{snippet.id}` is {where}: name one of this test's variants "
            f"({_listed(variants)}), or give the snippet `variant: test: {test}`",
        )
        return
    if snippet.program is not None and snippet.program != program_id:
        context.report(
            document,
            (*path, "snippet"),
            f"snippet `{snippet.id}` promotes `{snippet.program}`: move these results to "
            f"programs/{snippet.program}/results/message-tests.yml",
        )
    if snippet.results is not None:
        where = display_path(document.path)
        context.report(
            placed.document,
            (*placed.path, "results"),
            f"the A/B test results of `{snippet.id}` are in {where}: remove `results` here, "
            "so each count is kept in one place",
        )


def _check_counts(
    context: Context, document: Document, path: FieldPath, counts: VariantCounts
) -> None:
    """No count exceeds the stage before it (or `sent`, where that stage is not reported)."""
    for metric, before in _STAGE_BEFORE.items():
        count: int | None = getattr(counts, metric)
        if count is None:
            continue
        stage = before
        while stage != "sent" and getattr(counts, stage) is None:
            stage = _STAGE_BEFORE[stage]
        limit: int = getattr(counts, stage)
        if count > limit:
            context.report(
                document,
                (*path, metric),
                f"{metric} ({count:,}) cannot be more than {stage} ({limit:,}): check the "
                "numbers against the platform's export",
            )


def _listed(ids: list[str]) -> str:
    return ", ".join(f"`{snippet_id}`" for snippet_id in ids) or "none"
