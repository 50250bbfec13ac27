"""Concurrent bookings over real HTTP against the threaded server and the real database:
many clients released at one instant, each on its own connection, and the exact outcome
asserted: who wins, what every loser is told (409, never 5xx), what was written.

Every race runs twice: `as-served`, and `database-only` with the checks before the write
switched off, so every attempt reaches the write and the database's constraints alone
(unique indexes, the exclusion constraint or SQLite's overlap triggers) must decide."""

from __future__ import annotations

import os
import time as time_module
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from notifications_booking_helpers import (
    add_advisor,
    add_company,
    add_meeting,
    meeting_rows,
    outbox_events,
    token_for,
)
from race_helpers import all_at_once, request_json
from sqlalchemy import Engine, insert, text
from testkit.web import bearer

from notifications.adapters.tables import weekly_availability
from notifications.services.meeting_changes import MeetingChanges

CLIENTS = 50
SLOT_TAKEN = "This time has just been booked by someone else; please choose another."
ALREADY_BOOKED = (
    "You have booked a meeting already; reschedule or cancel it to choose another time."
)


@pytest.fixture(params=["as-served", "database-only"])
def checks_first(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.param == "database-only":
        monkeypatch.setattr(MeetingChanges, "check_free", lambda *args, **kwargs: None)


def _call(
    base_url: str, method: str, path: str, token: str, body: dict | None = None
) -> tuple[int, dict[str, Any]]:
    return request_json(base_url, method, path, bearer(token), body)


def _slots(base_url: str, token: str) -> list[dict[str, str]]:
    status, slots = _call(base_url, "GET", "/api/v1/slots", token)
    assert status == 200, slots
    return [{"advisor_id": slot["advisor_id"], "start": slot["start"]} for slot in slots]


def _book(
    base_url: str, token: str, slot: dict[str, str], idempotency_key: str | None = None
) -> tuple[int, dict]:
    headers = bearer(token) | (
        {} if idempotency_key is None else {"Idempotency-Key": idempotency_key}
    )
    return request_json(base_url, "POST", "/api/v1/meetings", headers, slot)


def _statuses(answers: list[tuple[int, dict]]) -> list[int]:
    return sorted(status for status, _ in answers)


def _details(answers: list[tuple[int, dict]]) -> set[str]:
    return {body["detail"] for status, body in answers if status == 409}


@pytest.mark.usefixtures("checks_first")
def test_of_100_concurrent_bookings_of_one_slot_exactly_one_wins(
    booking_server: str, engine: Engine
):
    advisor_id = add_advisor(engine)
    tokens = [token_for(add_company(engine, advisor_id=advisor_id)) for _ in range(100)]
    slot = _slots(booking_server, tokens[0])[0]

    answers = all_at_once(
        [lambda token=token: _book(booking_server, token, slot) for token in tokens]
    )

    assert _statuses(answers) == [201] + [409] * 99
    assert _details(answers) == {SLOT_TAKEN}
    [meeting] = meeting_rows(engine)
    assert meeting.status == "booked"
    assert len(outbox_events(engine, "meeting.booked")) == 1


@pytest.mark.usefixtures("checks_first")
def test_one_company_booking_many_slots_at_once_gets_one_meeting(
    booking_server: str, engine: Engine
):
    advisor_id = add_advisor(engine)
    token = token_for(add_company(engine, advisor_id=advisor_id))
    slots = _slots(booking_server, token)[:CLIENTS]

    answers = all_at_once([lambda slot=slot: _book(booking_server, token, slot) for slot in slots])

    assert _statuses(answers) == [201] + [409] * (CLIENTS - 1)
    assert _details(answers) == {ALREADY_BOOKED}
    [meeting] = meeting_rows(engine)
    [(_, won)] = [answer for answer in answers if answer[0] == 201]
    assert (str(meeting.id), meeting.status) == (won["id"], "booked")
    assert len(outbox_events(engine, "meeting.booked")) == 1


@pytest.mark.usefixtures("checks_first")
def test_concurrent_repeats_with_one_idempotency_key_all_get_the_one_meeting(
    booking_server: str, engine: Engine
):
    token = token_for(add_company(engine, advisor_id=add_advisor(engine)))
    slot = _slots(booking_server, token)[0]

    answers = all_at_once(
        [lambda: _book(booking_server, token, slot, idempotency_key="k-1")] * CLIENTS
    )

    assert _statuses(answers) == [201] * CLIENTS
    [meeting] = meeting_rows(engine)
    assert {body["id"] for _, body in answers} == {str(meeting.id)}
    assert len(outbox_events(engine, "meeting.booked")) == 1


@pytest.mark.usefixtures("checks_first")
def test_moving_meetings_onto_a_slot_others_are_booking_leaves_it_one_meeting(
    booking_server: str, engine: Engine
):
    """Half the clients move their company's meeting to the target slot, the other half
    book it for theirs: one of them gets it, whichever kind, and nothing else changes."""
    advisor_id = add_advisor(engine)
    tokens = [token_for(add_company(engine, advisor_id=advisor_id)) for _ in range(CLIENTS)]
    movers, bookers = tokens[: CLIENTS // 2], tokens[CLIENTS // 2 :]
    target, *elsewhere = _slots(booking_server, tokens[0])
    before = {}
    for token, slot in zip(movers, elsewhere, strict=False):
        status, meeting = _book(booking_server, token, slot)
        assert status == 201, meeting
        before[meeting["id"]] = slot["start"]

    def move(token: str, meeting_id: str) -> tuple[int, dict]:
        path = f"/api/v1/meetings/{meeting_id}/reschedule"
        return _call(booking_server, "POST", path, token, {"start": target["start"]})

    answers = all_at_once(
        [lambda t=t, m=m: move(t, m) for t, m in zip(movers, before, strict=True)]
        + [lambda t=t: _book(booking_server, t, target) for t in bookers]
    )

    [(won_status, won)] = [answer for answer in answers if answer[0] != 409]
    assert won_status in (200, 201)  # moved or booked
    assert _details(answers) == {SLOT_TAKEN}
    active = {str(row.id): row for row in meeting_rows(engine) if row.status == "booked"}
    target_start = datetime.fromisoformat(target["start"])
    assert [id_ for id_, row in active.items() if row.starts_at == target_start] == [won["id"]]
    moved = won_status == 200
    assert len(outbox_events(engine, "meeting.rescheduled")) == int(moved)
    assert len(outbox_events(engine, "meeting.booked")) == len(movers) + int(not moved)
    unmoved = {id_: datetime.fromisoformat(start) for id_, start in before.items()}
    unmoved.pop(won["id"], None)
    assert {id_: (active[id_].starts_at, active[id_].sequence) for id_ in unmoved} == {
        id_: (start, 0) for id_, start in unmoved.items()
    }


@pytest.mark.usefixtures("checks_first")
def test_meetings_of_one_advisor_overlapping_at_different_starts_one_wins(
    booking_server: str, engine: Engine
):
    """Windows that overlap (one each minute past the hour) offer 60-minute slots a minute
    apart; every client books a different one of 50 such overlapping slots."""
    advisor_id = add_advisor(engine, meeting_minutes=60)
    _add_windows_starting_minutes_later(engine, advisor_id, CLIENTS)
    tokens = [token_for(add_company(engine, advisor_id=advisor_id)) for _ in range(CLIENTS)]
    starts = _overlapping_starts(_slots(booking_server, tokens[0]), CLIENTS)

    answers = all_at_once(
        [
            lambda token=token, start=start: _book(
                booking_server, token, {"advisor_id": str(advisor_id), "start": start}
            )
            for token, start in zip(tokens, starts, strict=True)
        ]
    )

    assert _statuses(answers) == [201] + [409] * (CLIENTS - 1)
    assert _details(answers) == {SLOT_TAKEN}
    [meeting] = meeting_rows(engine)
    assert meeting.status == "booked"
    assert len(outbox_events(engine, "meeting.booked")) == 1


# Only PostgreSQL: SQLite has one writer at a time, so no two writers can deadlock.
@pytest.mark.parametrize(
    "database_url", ["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [], indirect=True
)
def test_a_booking_aborted_as_a_deadlock_is_written_again(booking_server: str, engine: Engine):
    """PostgreSQL checks the exclusion constraint after adding the index entry, so two
    overlapping writes can each wait for the other. Made to happen here: another transaction
    holds a meeting overlapping the slot, the booking waits for it, then that transaction
    writes a second meeting overlapping the booking's. PostgreSQL aborts the booking (it
    waited first, so its deadlock check runs first); the other transaction rolls back, and
    the booking, written again, gets the slot."""
    advisor_id = add_advisor(engine)
    token = token_for(add_company(engine, advisor_id=advisor_id))
    slot = _slots(booking_server, token)[1]
    starts_at = datetime.fromisoformat(slot["start"])
    others = [add_company(engine, advisor_id=advisor_id) for _ in range(2)]
    with engine.connect() as other, ThreadPoolExecutor(max_workers=1) as pool:
        other.execute(
            text("SET LOCAL deadlock_timeout = '10s'")
        )  # so the booking is the one aborted
        pid = other.execute(text("SELECT pg_backend_pid()")).scalar_one()
        add_meeting(other, others[0], advisor_id, starts_at + timedelta(minutes=30))
        booking = pool.submit(_book, booking_server, token, slot)
        _wait_until_blocked_by(engine, pid)
        add_meeting(other, others[1], advisor_id, starts_at - timedelta(minutes=50))
        other.rollback()
        status, meeting = booking.result(timeout=60)

    assert status == 201, meeting
    assert [str(row.id) for row in meeting_rows(engine)] == [meeting["id"]]


def _wait_until_blocked_by(engine: Engine, pid: int) -> None:
    query = text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))")
    deadline = time_module.monotonic() + 30
    with engine.connect() as connection:
        while not connection.execute(query, {"pid": pid}).scalar_one():
            assert time_module.monotonic() < deadline, "the booking never waited"
            time_module.sleep(0.05)
            connection.rollback()


def _add_windows_starting_minutes_later(engine: Engine, advisor_id: uuid.UUID, count: int) -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(weekly_availability),
            [
                {
                    "id": uuid.uuid4(),
                    "advisor_id": advisor_id,
                    "weekday": weekday,
                    "starts": time(0, minute),
                    "ends": time(23, 0),
                }
                for weekday in range(7)
                for minute in range(1, count)
            ],
        )


def _overlapping_starts(slots: list[dict[str, str]], count: int) -> list[str]:
    """`count` offered starts a minute apart (all within one meeting's length)."""
    offered = {datetime.fromisoformat(slot["start"]): slot["start"] for slot in slots}
    first = min(
        start
        for start in offered
        if all(start + timedelta(minutes=i) in offered for i in range(count))
    )
    return [offered[first + timedelta(minutes=i)] for i in range(count)]
