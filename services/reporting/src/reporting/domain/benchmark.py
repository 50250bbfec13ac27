"""Which peers a company is compared with, and their median readiness per dimension.

Peers are other assessments whose companies consented to anonymised benchmarking. The
cohort (same size band and main segment) is the fair comparison, but a median of a handful
of firms says little and could reveal one of them, so it needs MIN_PEERS members; below
that the report falls back to the regional median, and below that shows no comparison.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MIN_PEERS = 10

# One peer's readiness scores by dimension; None where it answered nothing in a dimension.
PeerScores = Mapping[str, float | None]


@dataclass(frozen=True)
class Benchmark:
    basis: str  # "cohort", "region" or "none"
    members: int
    medians: Mapping[str, float] = field(default_factory=dict)


def choose_benchmark(
    cohort: Sequence[PeerScores], region: Sequence[PeerScores], dimensions: Sequence[str]
) -> Benchmark:
    """The cohort's medians when it is large enough, else the region's, else none."""
    for basis, peers in (("cohort", cohort), ("region", region)):
        if len(peers) >= MIN_PEERS:
            return Benchmark(basis, len(peers), _medians(peers, dimensions))
    return Benchmark("none", len(region))


def _medians(peers: Sequence[PeerScores], dimensions: Sequence[str]) -> dict[str, float]:
    medians = {}
    for dimension in dimensions:
        scores = [score for peer in peers if (score := peer.get(dimension)) is not None]
        if scores:
            medians[dimension] = round(statistics.median(scores), 1)
    return medians
