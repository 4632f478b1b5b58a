"""The A/B test statistics against published values."""

from __future__ import annotations

import pytest

from playbook.stats import sample_size_per_arm, two_proportion_test, wilson


def test_the_two_proportion_test_matches_a_textbook_case() -> None:
    # HyperStat Online (David M. Lane), "Tests of Differences between Proportions": 73 of 85
    # children in an early-intervention group graduated against 43 of 82 in the control
    # group; the pooled standard error is 0.0713 and "z = 4.69, p < 0.001" (two-tailed
    # probability below 0.0001).
    test = two_proportion_test(73, 85, 43, 82)
    assert test.z == pytest.approx(4.69, abs=0.005)
    assert test.p_value < 0.0001
    assert test.valid
    assert test.significant()


def test_the_test_is_two_sided_and_symmetric() -> None:
    one = two_proportion_test(73, 85, 43, 82)
    other = two_proportion_test(43, 82, 73, 85)
    assert other.z == pytest.approx(-one.z)
    assert other.p_value == pytest.approx(one.p_value)


def test_a_small_difference_on_a_large_sample_is_not_significant() -> None:
    # 1.0% against 1.56% replies on 900 messages each: p ≈ 0.29.
    test = two_proportion_test(9, 900, 14, 900)
    assert test.valid
    assert test.p_value == pytest.approx(0.294, abs=0.001)
    assert not test.significant()


def test_a_tiny_sample_never_makes_a_winner() -> None:
    # 3 of 5 against 0 of 5: the normal approximation gives p ≈ 0.04, but the pooled rate
    # expects 1.5 successes per arm, far from the 5 the approximation needs.
    test = two_proportion_test(3, 5, 0, 5)
    assert test.p_value < 0.05
    assert not test.valid
    assert not test.significant()
    assert not two_proportion_test(1, 1, 0, 1).significant()
    assert not two_proportion_test(0, 0, 0, 10).significant()


def test_identical_arms_show_no_difference() -> None:
    for counts in ((0, 100, 0, 100), (100, 100, 100, 100), (10, 100, 20, 200)):
        test = two_proportion_test(*counts)
        assert test.z == 0
        assert test.p_value == 1


def test_the_sample_size_matches_a_published_example() -> None:
    # JMP 13.2 documentation, DOE > Sample Size and Power > Two Sample Proportions: proportions
    # 0.08 and 0.06, alpha 0.05, two-sided, power 0.8 "shows sample sizes of 2554" per group.
    assert sample_size_per_arm(0.08, 0.06) == 2554
    assert sample_size_per_arm(0.06, 0.08) == 2554
    # Larger differences need fewer trials; more power needs more.
    assert sample_size_per_arm(0.10, 0.06) < 2554 < sample_size_per_arm(0.08, 0.06, power=0.9)


def test_equal_rates_need_no_sample_and_rates_must_be_proportions() -> None:
    assert sample_size_per_arm(0.05, 0.05) is None
    with pytest.raises(ValueError):
        sample_size_per_arm(1.5, 0.5)


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # Newcombe (1998), "Two-sided confidence intervals for the single proportion:
        # comparison of seven methods", Statistics in Medicine 17:857-872, Table II, method 3
        # (Wilson score interval without continuity correction).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_the_wilson_interval_matches_newcombe(
    successes: int, trials: int, low: float, high: float
) -> None:
    interval = wilson(successes, trials)
    assert interval.low == pytest.approx(low, abs=0.00005)
    assert interval.high == pytest.approx(high, abs=0.00005)
    assert interval.rate == successes / trials


def test_the_wilson_interval_stays_inside_zero_and_one() -> None:
    assert wilson(0, 5).low == 0
    assert wilson(5, 5).high == 1
    assert wilson(0, 0).low == 0 and wilson(0, 0).high == 1
    with pytest.raises(ValueError):
        wilson(6, 5)
