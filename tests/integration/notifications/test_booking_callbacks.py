"""Call-back requests when nobody has a free date: asked for on the booking page and over
the API, one open request per company, the admins mailed without company data, the open
requests in the desk for admins only and marked done there; exported and erased with the
company."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from notifications_booking_helpers import add_advisor, add_company, mail_rows, token_for
from notifications_desk_helpers import account, advisor_id_of, log_in
from notifications_event_helpers import add_advisor as add_advisor_without_hours
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session
from testkit.web import bearer, csrf_token

from notifications.adapters.tables import callback_requests
from notifications.privacy.erasure import erase_company
from notifications.privacy.export import company_data
from privacy.erasure_ledger import ErasureRequest

PHONE = "+49 951 123456"


@pytest.fixture
def full(engine: Engine) -> dict[str, Any]:
    """A company whose advisor (like everyone) has no free hours, and an admin."""
    admin = account(engine, "Clara Admin", role="admin")
    advisor_id = add_advisor_without_hours(engine, "Neu Ohne Zeiten", ("bamberg_land",))
    assessment_id = add_company(engine, advisor_id=advisor_id)
    return {"admin": admin, "assessment_id": assessment_id, "token": token_for(assessment_id)}


def _requests(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return connection.execute(select(callback_requests)).all()


def _ask(client: FlaskClient, token: str, csrf: str | None = None, **fields: str):
    data = {
        "csrf_token": csrf or csrf_token(client, f"/book/{token}"),
        "phone": "",
        "preferred_time": "",
    }
    return client.post(f"/book/{token}/callback", data=data | fields)


def _open_rows(page: str) -> int:
    return page.count(">Erledigt</button>")


def test_the_call_back_flow_from_the_booking_page_to_done_in_the_desk(
    booking_client: FlaskClient, desk_client: FlaskClient, engine: Engine, full: dict[str, Any]
):
    token = full["token"]
    page = booking_client.get(f"/book/{token}").text
    assert "In den nächsten vier Wochen ist leider kein Termin frei" in page
    assert "Rückruf erbitten" in page
    assert "bei erika.muster@example.com" in page

    refused = _ask(booking_client, token, phone="call me", preferred_time="vormittags")
    assert refused.status_code == 422
    assert "mindestens 6 Ziffern" in refused.text
    assert 'value="call me"' in refused.text  # what was typed stays
    assert 'aria-invalid="true"' in refused.text
    no_csrf = booking_client.post(f"/book/{token}/callback", data={"phone": PHONE})
    assert no_csrf.status_code == 400
    assert _requests(engine) == []

    csrf = csrf_token(booking_client, f"/book/{token}")
    asked = _ask(booking_client, token, csrf, phone=PHONE, preferred_time="vormittags")
    assert asked.status_code == 303
    assert asked.headers["Location"] == f"/book/{token}"
    again = _ask(booking_client, token, csrf, phone="0951 999999")  # a second click
    assert again.status_code == 303

    [request] = _requests(engine)
    assert (request.phone, request.preferred_time, request.done_at) == (PHONE, "vormittags", None)
    page = booking_client.get(f"/book/{token}").text
    day = request.requested_at.astimezone(UTC).date()
    assert re.search(r"Ihre Rückrufbitte vom \w+, \d+\. \w+ \d{4} ist bei uns eingegangen", page)
    assert str(day.year) in page
    assert 'name="phone"' not in page
    # The admin is told where to look, and nothing about the company.
    [mail] = mail_rows(engine)
    assert mail.recipient == full["admin"]
    assert mail.subject == "Rückrufbitte: ein Unternehmen fand keinen freien Termin"
    assert "http://notifications.test/desk/callbacks" in mail.text_body
    assert "Muster" not in mail.text_body
    assert "erika" not in mail.text_body

    advisor = account(engine, "Otto Berater", districts=("hof",))
    log_in(desk_client, advisor)
    assert desk_client.get("/desk/callbacks").status_code == 403
    desk_client.post("/desk/logout", data={"csrf_token": csrf_token(desk_client, "/desk/")})

    log_in(desk_client, full["admin"])
    desk = desk_client.get("/desk/callbacks").text
    assert _open_rows(desk) == 1
    for shown in ("Muster Präzision GmbH", "Erika Muster", "erika.muster@example.com", PHONE):
        assert shown in desk
    assert "vormittags" in desk
    assert "Neu Ohne Zeiten" in desk
    done_path = f"/desk/callbacks/{request.id}/done"
    assert desk_client.post(done_path).status_code == 400  # no CSRF token
    done = desk_client.post(done_path, data={"csrf_token": csrf_token(desk_client, "/desk/")})
    assert done.status_code == 302
    desk = desk_client.get("/desk/callbacks").text
    assert "Rückrufbitte als erledigt markiert." in desk
    assert _open_rows(desk) == 0
    assert "Keine offenen Rückrufbitten." in desk
    [request] = _requests(engine)
    assert request.done_by == advisor_id_of(engine, full["admin"])
    assert request.done_at is not None
    token_again = csrf_token(desk_client, "/desk/")
    assert desk_client.post(done_path, data={"csrf_token": token_again}).status_code == 404
    nope = desk_client.post("/desk/callbacks/nope/done", data={"csrf_token": token_again})
    assert nope.status_code == 404

    # Once called, the company may ask again.
    assert 'name="phone"' in booking_client.get(f"/book/{token}").text
    assert _ask(booking_client, token).status_code == 303
    assert [r.done_at is None for r in _requests(engine)].count(True) == 1


def test_the_page_speaks_english_to_an_english_company(booking_client: FlaskClient, engine: Engine):
    advisor_id = add_advisor_without_hours(engine, "Neu Ohne Zeiten", ("bamberg_land",))
    token = token_for(add_company(engine, advisor_id=advisor_id, language="en"))

    page = booking_client.get(f"/book/{token}").text
    assert "Unfortunately no date is free in the next four weeks" in page
    assert "Phone number (optional)" in page

    refused = _ask(booking_client, token, preferred_time="x" * 201)
    assert refused.status_code == 422
    assert "one line of at most 200 characters" in refused.text
    _ask(booking_client, token)
    assert (
        "We have received your request for a call back" in booking_client.get(f"/book/{token}").text
    )


def test_the_api_makes_one_open_request_and_refuses_bad_input_clearly(
    booking_client: FlaskClient, engine: Engine, full: dict[str, Any]
):
    headers = bearer(full["token"])

    first = booking_client.post("/api/v1/callback-requests", json={}, headers=headers)
    assert first.status_code == 201
    assert first.json["status"] == "open"
    assert (first.json["phone"], first.json["preferred_time"]) == (None, None)
    repeated = booking_client.post(
        "/api/v1/callback-requests", json={"phone": PHONE}, headers=headers
    )
    assert repeated.status_code == 200
    assert repeated.json == first.json  # the open request, as it was made
    assert len(_requests(engine)) == 1

    for body, field in (
        ({"phone": "123"}, "phone"),
        ({"preferred_time": "morgens\nBcc: x"}, "preferred_time"),
        ({"status": "done"}, "status"),
        ({"phone": 49951}, "phone"),
    ):
        refused = booking_client.post("/api/v1/callback-requests", json=body, headers=headers)
        assert refused.status_code == 422, body
        assert refused.content_type == "application/problem+json"
        assert list(refused.json["errors"]) == [field]
    assert booking_client.post("/api/v1/callback-requests", json={}).status_code == 401


def test_a_company_asks_for_at_most_ten_call_backs_a_day(
    booking_client: FlaskClient, engine: Engine, full: dict[str, Any]
):
    headers = bearer(full["token"])
    for _ in range(10):
        asked = booking_client.post("/api/v1/callback-requests", json={}, headers=headers)
        assert asked.status_code == 201
        with engine.begin() as connection:  # an admin marks it done: the company may ask again
            connection.execute(update(callback_requests).values(done_at=datetime.now(UTC)))

    refused = booking_client.post("/api/v1/callback-requests", json={}, headers=headers)
    page = _ask(booking_client, full["token"])

    assert refused.status_code == 429
    assert refused.content_type == "application/problem+json"
    assert 24 * 3600 - 60 <= int(refused.headers["Retry-After"]) <= 24 * 3600
    assert page.status_code == 429
    assert 24 * 3600 - 60 <= int(page.headers["Retry-After"]) <= 24 * 3600
    assert "kamen in kurzer Zeit zu viele Anfragen" in page.text  # the company's language
    assert len(_requests(engine)) == 10
    assert len(mail_rows(engine)) == 10  # one admin, one mail per request


def test_no_call_back_while_dates_are_free_or_a_meeting_is_booked(
    booking_client: FlaskClient, engine: Engine
):
    token = token_for(add_company(engine, advisor_id=add_advisor(engine)))
    headers = bearer(token)

    free = booking_client.post("/api/v1/callback-requests", json={}, headers=headers)
    assert free.status_code == 409
    assert free.json["detail"] == "Free dates are offered; please book one of them."
    page = booking_client.get(f"/book/{token}").text
    assert 'name="phone"' not in page  # the page offers the dates instead

    slot = booking_client.get("/api/v1/slots", headers=headers).json[0]
    booking_client.post(
        "/api/v1/meetings",
        json={"advisor_id": slot["advisor_id"], "start": slot["start"]},
        headers=headers,
    )
    booked = booking_client.post("/api/v1/callback-requests", json={}, headers=headers)
    assert booked.status_code == 409
    assert "meeting booked" in booked.json["detail"]
    assert _requests(engine) == []


def test_the_openapi_document_describes_the_call_back_request(booking_client: FlaskClient):
    document = booking_client.get("/openapi.json").json
    operation = document["paths"]["/api/v1/callback-requests"]["post"]
    assert sorted(operation["responses"]) == sorted(
        ["200", "201", "400", "401", "403", "404", "409", "410", "413", "415", "422", "429"]
    )
    assert set(document["components"]["schemas"]["CallbackRequestBody"]["properties"]) == {
        "phone",
        "preferred_time",
    }


def test_the_request_is_exported_and_erased_with_the_company(
    booking_client: FlaskClient, engine: Engine, full: dict[str, Any]
):
    booking_client.post(
        "/api/v1/callback-requests", json={"phone": PHONE}, headers=bearer(full["token"])
    )
    [request] = _requests(engine)

    with engine.connect() as connection:
        exported = company_data(connection, request.company_id)
    assert [row["phone"] for row in exported["callback_requests"]] == [PHONE]

    erasure = ErasureRequest(
        uuid.uuid4(), request.company_id, (full["assessment_id"],), "company", datetime.now(UTC)
    )
    with Session(engine) as session, session.begin():
        erase_company(session, erasure)
    assert _requests(engine) == []
