"""The statistics of an A/B test on proportions: pure functions, no data, no dependencies.

- `wilson`: the Wilson score interval of one proportion (Wilson 1927), which stays inside 0..1
  and keeps its coverage on small samples and rates near 0, where the textbook
  p ± z·√(p(1−p)/n) does not;
- `two_proportion_test`: the two-proportion z-test with the pooled proportion under the null
  hypothesis (no difference), two-sided; `valid` says whether the normal approximation holds
  (at least five expected successes and failures in each arm), and a test that is not valid
  never counts as significant;
- `sample_size_per_arm`: how many trials each arm needs to detect a difference between two
  rates with a two-sided test at `alpha` and the given power (the normal-approximation formula
  of Fleiss, Levin and Paik, without continuity correction).

Normal quantiles and probabilities come from `statistics.NormalDist`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

ALPHA = 0.05
"""The significance level: a difference is significant when p < ALPHA (two-sided)."""
POWER = 0.8
"""The chance of detecting a real difference of the size observed, for sample sizes."""
CONFIDENCE = 0.95
"""The confidence level of the intervals shown."""
MIN_EXPECTED = 5
"""The fewest expected successes and failures per arm for the normal approximation to hold."""

_NORMAL = NormalDist()


def z_quantile(probability: float) -> float:
    """The standard normal quantile: z_quantile(0.975) ≈ 1.96."""
    return _NORMAL.inv_cdf(probability)


@dataclass(frozen=True)
class Interval:
    """A proportion with its confidence interval."""

    successes: int
    trials: int
    low: float
    high: float

    @property
    def rate(self) -> float:
        """successes / trials (0 when there are no trials)."""
        return self.successes / self.trials if self.trials else 0.0


def wilson(successes: int, trials: int, confidence: float = CONFIDENCE) -> Interval:
    """The Wilson score interval of `successes` in `trials` (the whole of 0..1 with no trials)."""
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes in {trials} trials")
    if trials == 0:
        return Interval(0, 0, 0.0, 1.0)
    z = z_quantile(1 - (1 - confidence) / 2)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = p + z * z / (2 * trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    low = 0.0 if successes == 0 else max(0.0, (centre - half) / denominator)
    high = 1.0 if successes == trials else min(1.0, (centre + half) / denominator)
    return Interval(successes, trials, low, high)


@dataclass(frozen=True)
class ZTest:
    """A two-proportion z-test of arm 1 against arm 2."""

    z: float
    """Positive when arm 1's rate is the higher."""
    p_value: float
    """Two-sided."""
    valid: bool
    """Whether each arm expects at least MIN_EXPECTED successes and failures under the pooled
    rate, so that the normal approximation (and with it the p-value) can be trusted."""

    def significant(self, alpha: float = ALPHA) -> bool:
        """Whether the difference is significant at `alpha`: never when the test is not valid."""
        return self.valid and self.p_value < alpha


def two_proportion_test(successes_1: int, trials_1: int, successes_2: int, trials_2: int) -> ZTest:
    """The pooled two-proportion z-test of successes_1/trials_1 against successes_2/trials_2."""
    for successes, trials in ((successes_1, trials_1), (successes_2, trials_2)):
        if not 0 <= successes <= trials:
            raise ValueError(f"{successes} successes in {trials} trials")
    if trials_1 == 0 or trials_2 == 0:
        return ZTest(0.0, 1.0, valid=False)
    pooled = (successes_1 + successes_2) / (trials_1 + trials_2)
    variance = pooled * (1 - pooled) * (1 / trials_1 + 1 / trials_2)
    valid = all(
        trials * pooled >= MIN_EXPECTED and trials * (1 - pooled) >= MIN_EXPECTED
        for trials in (trials_1, trials_2)
    )
    if variance == 0:  # both arms all successes, or all failures: no difference at all
        return ZTest(0.0, 1.0, valid)
    z = (successes_1 / trials_1 - successes_2 / trials_2) / math.sqrt(variance)
    return ZTest(z, 2 * _NORMAL.cdf(-abs(z)), valid)


def sample_size_per_arm(
    rate_1: float, rate_2: float, alpha: float = ALPHA, power: float = POWER
) -> int | None:
    """The trials each of two equal arms needs for a two-sided test at `alpha` to detect the
    difference between `rate_1` and `rate_2` with probability `power`; None when the rates are
    equal (no number of trials detects no difference).

    n = (z_{1−α/2}·√(2·p̄·(1−p̄)) + z_{1−β}·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₁ − p₂)², p̄ the mean
    of the two rates, rounded up.
    """
    for rate in (rate_1, rate_2):
        if not 0 <= rate <= 1:
            raise ValueError(f"{rate} is not a proportion")
    if rate_1 == rate_2:
        return None
    mean = (rate_1 + rate_2) / 2
    null_part = z_quantile(1 - alpha / 2) * math.sqrt(2 * mean * (1 - mean))
    alternative_part = z_quantile(power) * math.sqrt(rate_1 * (1 - rate_1) + rate_2 * (1 - rate_2))
    n = (null_part + alternative_part) ** 2 / (rate_1 - rate_2) ** 2
    return math.ceil(n - 1e-9)  # a whole trial more only when the formula asks for it
