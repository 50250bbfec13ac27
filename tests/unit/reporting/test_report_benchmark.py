"""Which peers a report compares with: cohort, region, or none."""

from __future__ import annotations

from reporting.domain.benchmark import MIN_PEERS, choose_benchmark

DIMENSIONS = ("strategy", "finance")


def peers(count: int, strategy: float) -> list[dict[str, float | None]]:
    return [{"strategy": strategy + index, "finance": None} for index in range(count)]


def test_a_cohort_of_ten_is_compared_with_by_its_median():
    benchmark = choose_benchmark(peers(MIN_PEERS, 40), peers(30, 10), DIMENSIONS)

    assert (benchmark.basis, benchmark.members) == ("cohort", 10)
    assert benchmark.medians == {"strategy": 44.5}  # nobody answered finance: no median


def test_a_smaller_cohort_falls_back_to_the_regional_median():
    benchmark = choose_benchmark(peers(MIN_PEERS - 1, 40), peers(11, 10), DIMENSIONS)

    assert (benchmark.basis, benchmark.members, benchmark.medians) == (
        "region",
        11,
        {"strategy": 15},
    )


def test_too_few_assessments_anywhere_give_no_comparison():
    benchmark = choose_benchmark(peers(2, 40), peers(MIN_PEERS - 1, 10), DIMENSIONS)

    assert (benchmark.basis, benchmark.medians) == ("none", {})
