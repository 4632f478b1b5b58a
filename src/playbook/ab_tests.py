"""What each A/B message test's results say: every variant's rates with their 95% intervals,
and a winner only when the difference on the rate that decides the test is significant.

The leading variant (the highest rate on `decided_by`) wins when a two-proportion z-test finds
it better than every other variant at the 5% level (divided among the comparisons when a test
has more than two variants, so that more variants do not make a winner likelier by chance),
and only when each variant expects enough successes for the test to hold. Otherwise there is no
winner yet, and the result says how many sends per variant would detect the difference seen so
far between the two leading variants (at 80% power), and so how many more to send.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from playbook import stats
from playbook.models.message_tests import METRICS, MessageTest, Metric
from playbook.models.messaging import Snippet
from playbook.models.playbook import Playbook

METRIC_VERBS: dict[Metric, str] = {
    "opens": "opened",
    "clicks": "clicked",
    "registrations": "registered",
    "replies": "replied",
}
"""What the people counted by each metric did, for sentences: "3.8% clicked"."""


@dataclass(frozen=True)
class VariantRates:
    """One variant of a test: its snippet, how many were sent, and each rate reported."""

    snippet: Snippet
    label: str
    sent: int
    rates: Mapping[Metric, stats.Interval]
    """Each reported count as a rate of `sent`, with its 95% interval."""


@dataclass(frozen=True)
class Outcome:
    """What an A/B test's results say."""

    test: str
    name: str
    """The test's name in words (its id made readable, if the results give no name)."""
    program: str
    as_of: dt.date
    """When the counts were exported."""
    decided_by: Metric
    metrics: tuple[Metric, ...]
    """The metrics every variant reports, in funnel order: the columns to show."""
    variants: tuple[VariantRates, ...]
    """In the order of the results file."""
    leader: VariantRates
    runner_up: VariantRates
    comparison: stats.ZTest
    """The leader against the runner-up on `decided_by`."""
    alpha: float
    """The significance level each comparison is held to."""
    winner: VariantRates | None
    needed_per_variant: int | None
    """Sends per variant that would detect the difference between the leader and the
    runner-up; None when their rates are the same."""

    @property
    def more_per_variant(self) -> int | None:
        """How many more sends per variant would detect the difference seen so far (None when
        there is no difference to detect, 0 when enough have been sent)."""
        if self.needed_per_variant is None:
            return None
        sent = min(variant.sent for variant in (self.leader, self.runner_up))
        return max(0, self.needed_per_variant - sent)

    @property
    def needed_about(self) -> int | None:
        """`needed_per_variant` rounded up to two significant digits, for sentences."""
        return None if self.needed_per_variant is None else about(self.needed_per_variant)

    @property
    def more_about(self) -> int | None:
        """`more_per_variant` from the rounded `needed_about`, for sentences."""
        if self.needed_about is None:
            return None
        sent = min(variant.sent for variant in (self.leader, self.runner_up))
        return max(0, self.needed_about - sent)

    def variant_for(self, snippet_id: str) -> VariantRates | None:
        """The variant that sent `snippet_id`, if it is one."""
        return next((v for v in self.variants if v.snippet.id == snippet_id), None)


def outcomes(playbook: Playbook) -> dict[str, Outcome]:
    """Every A/B test with results, by test id."""
    snippets = {snippet.id: snippet for snippet in playbook.snippets}
    results = {}
    for program_id, tests in playbook.message_tests.items():
        for test in tests.tests:
            results[test.test] = outcome(test, program_id, tests.as_of, snippets)
    return results


def outcome(
    test: MessageTest, program: str, as_of: dt.date, snippets: Mapping[str, Snippet]
) -> Outcome:
    """What the counts of `test` say (its snippets looked up in `snippets`)."""
    variants = tuple(
        VariantRates(
            snippet := snippets[counts.snippet],
            snippet.variant.label if snippet.variant else counts.snippet,
            counts.sent,
            {
                metric: stats.wilson(count, counts.sent)
                for metric in METRICS
                if (count := counts.count(metric)) is not None
            },
        )
        for counts in test.variants
    )
    metric = test.decided_by
    ranked = sorted(variants, key=lambda v: v.rates[metric].rate, reverse=True)
    leader, runner_up = ranked[0], ranked[1]
    alpha = stats.ALPHA / (len(variants) - 1)
    tests = [_compare(leader, other, metric) for other in ranked[1:]]
    won = all(z.significant(alpha) and z.z > 0 for z in tests)
    return Outcome(
        test=test.test,
        name=test.name or readable(test.test),
        program=program,
        as_of=as_of,
        decided_by=metric,
        metrics=tuple(m for m in METRICS if all(m in v.rates for v in variants)),
        variants=variants,
        leader=leader,
        runner_up=runner_up,
        comparison=tests[0],
        alpha=alpha,
        winner=leader if won else None,
        needed_per_variant=_needed(leader.rates[metric], runner_up.rates[metric], alpha),
    )


def _compare(one: VariantRates, other: VariantRates, metric: Metric) -> stats.ZTest:
    a, b = one.rates[metric], other.rates[metric]
    return stats.two_proportion_test(a.successes, a.trials, b.successes, b.trials)


def _needed(one: stats.Interval, other: stats.Interval, alpha: float) -> int | None:
    """Sends per variant to detect the difference between two rates, and enough for the test
    to hold (MIN_EXPECTED successes and failures expected per variant)."""
    size = stats.sample_size_per_arm(one.rate, other.rate, alpha=alpha)
    if size is None:
        return None
    mean = (one.rate + other.rate) / 2
    enough = math.ceil(stats.MIN_EXPECTED / min(mean, 1 - mean))
    return max(size, enough)


def about(count: int) -> int:
    """`count` rounded up to two significant digits: 6,415 is about 6,500."""
    if count < 100:
        return count
    step: int = 10 ** (len(str(count)) - 2)
    return -(-count // step) * step


_SEPARATORS = re.compile(r"[-_]+")


def readable(test_id: str) -> str:
    """A test's id as words, for a test whose results give no name: `Exec invite hook`."""
    words = _SEPARATORS.sub(" ", test_id).strip()
    return words[:1].upper() + words[1:]


def p_value_words(p_value: float) -> str:
    """A p-value as people read it: `p = 0.006`, `p = 0.29`, `p < 0.001`."""
    if p_value < 0.001:
        return "p < 0.001"
    return f"p = {p_value:.3f}" if p_value < 0.01 else f"p = {p_value:.2f}"


def _decimals(rate: float) -> int:
    """Decimals to show a rate with: two below 1%, else one."""
    return 2 if 0 < rate < 0.01 else 1


def rate_text(interval: stats.Interval) -> str:
    """A rate as a percentage: `3.8%`, `0.96%` (two decimals below 1%)."""
    return f"{interval.rate * 100:.{_decimals(interval.rate)}f}%"


def interval_text(interval: stats.Interval) -> str:
    """A rate's 95% interval, as precise as the rate: `3.1–4.6%`, `0.64–1.43%`."""
    places = _decimals(interval.rate)
    return f"{interval.low * 100:.{places}f}–{interval.high * 100:.{places}f}%"
