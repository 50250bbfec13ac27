"""round_half_up's float shortcut gives exactly what the decimal reference gives."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import pytest

from assessment.domain.item_scores import round_half_up, round_half_up_decimal


def _mismatches(values: Iterable[float], digits: int) -> list[tuple[float, float, float]]:
    """(value, fast, reference) wherever they differ, the sign of zero included."""
    found = []
    for value in values:
        fast, reference = round_half_up(value, digits), round_half_up_decimal(value, digits)
        if fast != reference or math.copysign(1, fast) != math.copysign(1, reference):
            found.append((value, fast, reference))
    return found


def _near(value: float, steps: int = 3) -> list[float]:
    """The value and its neighbouring floats, a few ulps either way."""
    below, above = [value], [value]
    for _ in range(steps):
        below.append(math.nextafter(below[-1], -math.inf))
        above.append(math.nextafter(above[-1], math.inf))
    return below + above[1:]


@pytest.mark.parametrize("digits", [0, 1, 2, 3])
def test_every_thousandth_up_to_100(digits: int) -> None:
    values = [k / 1000 for k in range(100_001)]
    assert _mismatches(values, digits) == []
    assert _mismatches([-v for v in values[::7]], digits) == []


@pytest.mark.parametrize("digits", [0, 1, 2, 3])
def test_ties_and_their_neighbouring_floats(digits: int) -> None:
    # Every tie of the digit below (x.x5 for one digit), and the floats right next to it.
    step = 10.0**-digits
    ties = [(k + 0.5) * step for k in range(0, 100 * 10**digits, 7)]
    assert _mismatches([near for tie in ties for near in _near(tie)], digits) == []


@pytest.mark.parametrize("digits", [0, 1, 2, 3, 4, 6])
def test_random_floats(digits: int) -> None:
    rng = random.Random(digits)  # noqa: S311 - reproducible test data, not a secret
    values = [rng.uniform(-1, 101) for _ in range(50_000)]
    values += [rng.uniform(0, 1) * rng.choice([1, 100, 1e6, 1e9, 1e12]) for _ in range(20_000)]
    # Means of weighted scores, the values the scoring actually rounds.
    values += [
        math.fsum(rng.choice((0, 25, 33.333333333333336, 50, 66.66666666666667, 70)) * w
                  for w in (0.35, 0.25, 0.2, 0.1, 0.1))
        for _ in range(20_000)
    ]  # fmt: skip
    assert _mismatches(values, digits) == []


def test_zero_and_the_limits() -> None:
    values = [0.0, -0.0, 5e-324, -5e-324, 0.04, -0.04, 0.05, -0.05, 999_999.95, 1e9, 1e18]
    for digits in (0, 1, 2, 3):
        assert _mismatches(values, digits) == []
