"""Checking an order promise that holds per key (per aggregate, per recipient), not overall:
Kafka keeps the order within a partition only, so tests compare the sequence of each key
exactly and let the keys interleave freely."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def per_key(pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    """The values of each key in the order given."""
    grouped: dict[K, list[V]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped
