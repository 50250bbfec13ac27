"""Which relayed rows count as published when some of a batch failed."""

from __future__ import annotations

from types import SimpleNamespace

from eventing.kafka_publisher import PublishError
from eventing.outbox import _confirmed_in_key_order

FAILED = PublishError("broker said no", retriable=True)


def rows(*keys: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(seq=seq, message_key=key) for seq, key in enumerate(keys, start=1)]


def test_all_confirmed_rows_are_published():
    batch = rows("a", "b", "a")

    assert _confirmed_in_key_order(batch, {1: None, 2: None, 3: None}) == [1, 2, 3]


def test_a_failed_row_holds_back_the_later_rows_of_its_key_only():
    batch = rows("a", "b", "a", "b")

    published = _confirmed_in_key_order(batch, {1: FAILED, 2: None, 3: None, 4: None})

    assert published == [2, 4]
