"""100 companies book one slot at the same moment, over real HTTP against the threaded
server and the real database: exactly one 201, 99 answers 409, no 5xx, one meeting, one
`meeting.booked`."""

from __future__ import annotations

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from notifications_booking_helpers import (
    add_advisor,
    add_company,
    bearer,
    meeting_rows,
    outbox_events,
    token_for,
)
from sqlalchemy import Engine

from notifications.booking.service import BookingService

ATTEMPTS = 100


def _request(
    base_url: str, method: str, path: str, token: str, body: dict | None = None
) -> tuple[int, dict]:
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        headers = bearer(token) | {"Content-Type": "application/json"}
        connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


@pytest.mark.parametrize("check_first", [True, False], ids=["as-served", "database-only"])
def test_of_100_concurrent_bookings_of_one_slot_exactly_one_wins(
    booking_server: str, engine: Engine, monkeypatch: pytest.MonkeyPatch, check_first: bool
):
    """`database-only` switches off the check before the insert, so every attempt reaches
    the insert: the partial unique index alone must keep the slot to one meeting."""
    if not check_first:
        monkeypatch.setattr(BookingService, "_check_free", lambda *args, **kwargs: None)
    advisor_id = add_advisor(engine)
    tokens = [token_for(add_company(engine, advisor_id=advisor_id)) for _ in range(ATTEMPTS)]
    _, slots = _request(booking_server, "GET", "/api/v1/slots", tokens[0])
    slot = {"advisor_id": slots[0]["advisor_id"], "start": slots[0]["start"]}
    start_together = threading.Barrier(ATTEMPTS)

    def attempt(token: str) -> tuple[int, dict]:
        start_together.wait()
        return _request(booking_server, "POST", "/api/v1/meetings", token, slot)

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        answers = list(pool.map(attempt, tokens))

    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * (ATTEMPTS - 1)
    details = {body["detail"] for status, body in answers if status == 409}
    assert details == {"This time has just been booked by someone else; please choose another."}
    [meeting] = meeting_rows(engine)
    assert meeting.status == "booked"
    assert len(outbox_events(engine, "meeting.booked")) == 1
