"""Starting a check is anonymous and mails the address given: the starts are limited per
client address (generous: a workshop of companies behind one address all get through) and
per recipient mailbox (strict: that is what stops mail bombing), in the database."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from assessment_pages_helpers import start_through_pages
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select
from testkit.web import bearer

from eventing.tables import request_limits
from mailing.tables import mail_outbox
from servicekit.request_limits import LimitReached, RequestLimits
from servicekit.settings import Rate

DAY = 24 * 3600
HOUR = 3600
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _mails(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(mail_outbox.c.recipient)).scalars())


def _body(start_body: dict[str, Any], number: int, email: str | None = None) -> dict[str, Any]:
    body = copy.deepcopy(start_body)
    body["company"]["name"] = f"Zulieferer {number} GmbH"
    body["contact"]["email"] = email or f"einkauf{number}@zulieferer{number}.example"
    return body


def test_a_loop_of_1000_starts_mails_one_recipient_at_most_ten_times(
    client: FlaskClient, engine: Engine, start_body: dict[str, Any]
):
    began = time.monotonic()
    # Tags and capitals reach the same mailbox, so they count as it.
    answers = [
        client.post("/api/v1/assessments", json=_body(start_body, n, f"Opfer+{n}@firma.example"))
        for n in range(1000)
    ]
    elapsed = time.monotonic() - began

    statuses = [response.status_code for response in answers]
    assert statuses == [201] * 10 + [429] * 990
    assert len(_mails(engine)) == 10
    refused = answers[10]
    assert refused.content_type == "application/problem+json"
    assert refused.json["status"] == 429
    assert refused.json["title"] == "Too Many Requests"
    # The recipient's day started with the first start: the wait is what is left of it.
    waits = [int(response.headers["Retry-After"]) for response in answers[10:]]
    assert DAY - elapsed - 1 <= waits[-1] <= waits[0] <= DAY


def test_forty_companies_behind_one_address_all_finish_the_check(
    client: FlaskClient, engine: Engine, start_body: dict[str, Any], complete_answers: dict
):
    for number in range(40):
        started = client.post("/api/v1/assessments", json=_body(start_body, number))
        assert started.status_code == 201, started.json
        headers = bearer(started.json["token"])
        path = f"/api/v1/assessments/{started.json['id']}"
        saved = client.put(f"{path}/answers", json={"answers": complete_answers}, headers=headers)
        assert saved.status_code == 200
        assert client.post(f"{path}/submit", headers=headers).status_code == 200

    assert len(_mails(engine)) == 40


def test_the_sixty_first_start_from_one_address_within_the_hour_waits(
    client: FlaskClient, engine: Engine, start_body: dict[str, Any]
):
    began = time.monotonic()
    for number in range(60):
        started = client.post("/api/v1/assessments", json=_body(start_body, number))
        assert started.status_code == 201
    elapsed = time.monotonic() - began

    refused = client.post("/api/v1/assessments", json=_body(start_body, 60))

    assert refused.status_code == 429
    assert HOUR - elapsed - 1 <= int(refused.headers["Retry-After"]) <= HOUR
    assert len(_mails(engine)) == 60
    # Another client (another company's network) is not held up by this one.
    other = client.post(
        "/api/v1/assessments",
        json=_body(start_body, 61),
        environ_base={"REMOTE_ADDR": "198.51.100.20"},
    )
    assert other.status_code == 201


@pytest.mark.parametrize(
    ("language", "title"), [("de", "Zu viele Anfragen"), ("en", "Too many requests")]
)
def test_the_start_page_answers_429_in_the_readers_language(
    app_with: Callable[..., Flask], engine: Engine, language: str, title: str
):
    client = app_with(LIMIT_PER_RECIPIENT="1/24h").test_client()
    assert start_through_pages(client, lang=language).status_code == 303

    refused = start_through_pages(client, lang=language)

    assert refused.status_code == 429
    assert DAY - 60 <= int(refused.headers["Retry-After"]) <= DAY
    assert f"<h1>{title}</h1>" in refused.get_data(as_text=True)
    assert len(_mails(engine)) == 1


# -- the limiter itself, on a clock of its own --------------------------------------------


@pytest.fixture
def limits(migrated: str, engine: Engine) -> RequestLimits:
    return RequestLimits(
        engine, request_limits, Rate(2, timedelta(hours=1)), Rate(3, timedelta(hours=24))
    )


def test_a_refusal_names_the_wait_until_the_window_ends_and_counts_nothing(
    limits: RequestLimits,
):
    limits.take("start", "client-1", "anna@x.example", T0)
    limits.take("start", "client-1", "bernd@x.example", T0 + timedelta(minutes=10))

    with pytest.raises(LimitReached) as per_client:
        limits.take("start", "client-1", "carla@x.example", T0 + timedelta(minutes=30))
    limits.take("start", "client-2", "anna@x.example", T0 + timedelta(minutes=40))
    limits.take("start", "client-3", "anna@x.example", T0 + timedelta(minutes=50))
    with pytest.raises(LimitReached) as per_recipient:
        limits.take("start", "client-4", "anna@x.example", T0 + timedelta(hours=2))

    assert per_client.value.retry_after == 30 * 60
    assert per_recipient.value.retry_after == 22 * HOUR
    # Neither refusal counted: client-4 and carla still have their whole allowance.
    limits.take("start", "client-4", "carla@x.example", T0 + timedelta(hours=2))
    limits.take("start", "client-4", "carla@x.example", T0 + timedelta(hours=2))
    # The client's hour is over: a new one begins.
    limits.take("start", "client-1", "dora@x.example", T0 + timedelta(hours=1))
    # Each action counts apart.
    limits.take("callback", "client-1", "anna@x.example", T0 + timedelta(hours=2))


def test_rows_of_ended_windows_are_deleted_when_a_new_one_opens(
    limits: RequestLimits, engine: Engine
):
    for number in range(5):
        limits.take("start", f"client-{number}", f"r{number}@x.example", T0)

    limits.take("start", "client-9", "r9@x.example", T0 + timedelta(hours=25))

    with engine.connect() as connection:
        rows = connection.execute(select(func.count()).select_from(request_limits)).scalar_one()
    assert rows == 2  # client-9 and r9: the ten of T0 ended and went


def test_concurrent_requests_cannot_both_take_the_last_place(limits: RequestLimits):
    def take(number: int) -> bool:
        try:
            limits.take("start", f"client-{number}", "anna@x.example", T0)
        except LimitReached:
            return False
        return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        granted = list(pool.map(take, range(24)))

    assert granted.count(True) == 3
