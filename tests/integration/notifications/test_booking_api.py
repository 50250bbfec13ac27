"""The booking API over the real app and database: slots, book, idempotent repeats, taken
slots, bad input, moving and cancelling, each with its event and mails in the outbox."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from notifications_booking_helpers import (
    add_advisor,
    add_company,
    mail_rows,
    meeting_rows,
    outbox_events,
    token_for,
)
from sqlalchemy import Engine
from testkit.web import bearer


@pytest.fixture
def company(booking_client: FlaskClient, engine: Engine) -> dict[str, Any]:
    """A company with an assigned advisor, its token and its free slots."""
    advisor_id = add_advisor(engine)
    assessment_id = add_company(engine, advisor_id=advisor_id)
    token = token_for(assessment_id)
    slots = booking_client.get("/api/v1/slots", headers=bearer(token)).get_json()
    return {"id": assessment_id, "advisor_id": advisor_id, "token": token, "slots": slots}


def _book(client: FlaskClient, token: str, slot: dict[str, Any], **headers: str) -> Any:
    body = {"advisor_id": slot["advisor_id"], "start": slot["start"]}
    return client.post("/api/v1/meetings", json=body, headers=bearer(token) | headers)


def test_slots_are_the_advisors_next_four_weeks_with_offsets(company: dict[str, Any]):
    slots = company["slots"]
    now = datetime.now(UTC)

    assert len(slots) > 100
    starts = [datetime.fromisoformat(slot["start"]) for slot in slots]
    assert all(start.utcoffset() in (timedelta(hours=1), timedelta(hours=2)) for start in starts)
    assert min(starts) >= now + timedelta(hours=12)
    assert max(starts) <= now + timedelta(weeks=4)
    assert starts == sorted(starts)
    assert {slot["advisor_id"] for slot in slots} == {str(company["advisor_id"])}
    first = slots[0]
    end = datetime.fromisoformat(first["end"])
    assert end - datetime.fromisoformat(first["start"]) == timedelta(hours=1)


def test_booking_answers_201_with_the_meeting_and_writes_its_event_and_mails(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    slot = company["slots"][30]  # more than a day ahead: reminders are queued too
    response = _book(booking_client, company["token"], slot)

    assert response.status_code == 201
    meeting = response.get_json()
    assert response.headers["Location"] == f"/api/v1/meetings/{meeting['id']}"
    assert meeting["status"] == "booked"
    assert meeting["sequence"] == 0
    assert meeting["timezone"] == "Europe/Berlin"
    assert datetime.fromisoformat(meeting["start"]) == datetime.fromisoformat(slot["start"])
    assert meeting["advisor_name"] == "Anna Berger"
    assert meeting["ics_url"] == (
        f"http://notifications.test/book/{company['token']}/meetings/{meeting['id']}.ics"
    )

    [event] = outbox_events(engine, "meeting.booked")
    assert event["key"] == str(company["id"])
    assert event["correlation_id"] == str(company["id"])
    assert event["data"]["meeting_id"] == meeting["id"]
    assert event["data"]["sequence"] == 0
    assert event["data"]["timezone"] == "Europe/Berlin"
    keys = sorted(row.dedupe_key for row in mail_rows(engine))
    assert keys == sorted(
        f"meeting:{meeting['id']}:0:{kind}:{recipient}"
        for kind in ("booked", "reminder")
        for recipient in ("company", "advisor")
    )
    reminders = [row for row in mail_rows(engine) if ":reminder:" in row.dedupe_key]
    starts = datetime.fromisoformat(slot["start"])
    assert {row.next_attempt_at for row in reminders} == {starts - timedelta(hours=24)}

    again = _book(booking_client, company["token"], company["slots"][40])
    assert again.status_code == 409
    assert "already" in again.get_json()["detail"]


def test_a_repeat_with_the_same_idempotency_key_returns_the_first_booking(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    slot = company["slots"][30]
    first = _book(booking_client, company["token"], slot, **{"Idempotency-Key": "try-1"})
    repeat = _book(booking_client, company["token"], slot, **{"Idempotency-Key": "try-1"})

    assert (first.status_code, repeat.status_code) == (201, 201)
    assert repeat.get_json() == first.get_json()
    assert len(meeting_rows(engine)) == 1
    assert len(outbox_events(engine, "meeting.booked")) == 1
    assert len(mail_rows(engine)) == 4

    other = _book(
        booking_client, company["token"], company["slots"][31], **{"Idempotency-Key": "try-1"}
    )
    assert other.status_code == 422
    assert "Idempotency-Key" in other.get_json()["detail"]


def test_a_slot_another_company_holds_answers_409_with_a_clear_message(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    slot = company["slots"][0]
    neighbour = token_for(add_company(engine, name="Nachbar AG", advisor_id=company["advisor_id"]))
    assert _book(booking_client, neighbour, slot).status_code == 201

    response = _book(booking_client, company["token"], slot)

    assert response.status_code == 409
    assert response.content_type == "application/problem+json"
    assert response.get_json()["detail"] == (
        "This time has just been booked by someone else; please choose another."
    )
    slots = booking_client.get("/api/v1/slots", headers=bearer(company["token"])).get_json()
    assert slot["start"] not in [offered["start"] for offered in slots]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"advisor_id": "ADVISOR", "start": "2026-12-03T10:00:00"}, "start"),  # no offset
        ({"advisor_id": "ADVISOR"}, "start"),
        ({"advisor_id": "nope", "start": "START"}, "advisor_id"),
        ({"advisor_id": "ADVISOR", "start": "START", "status": "cancelled"}, "status"),
    ],
)
def test_bad_input_answers_422_naming_the_field(
    booking_client: FlaskClient, company: dict[str, Any], body: dict[str, Any], field: str
):
    values = {"ADVISOR": str(company["advisor_id"]), "START": company["slots"][0]["start"]}
    body = {key: values.get(value, value) for key, value in body.items()}

    response = booking_client.post("/api/v1/meetings", json=body, headers=bearer(company["token"]))

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_time_that_is_no_slot_or_an_advisor_not_offered_answers_422(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    slot = company["slots"][0]
    off_grid = dict(
        slot, start=(datetime.fromisoformat(slot["start"]) + timedelta(minutes=7)).isoformat()
    )
    other_advisor = dict(slot, advisor_id=str(add_advisor(engine, name="Jonas Keller")))

    for wrong in (off_grid, other_advisor):
        response = _book(booking_client, company["token"], wrong)
        assert response.status_code == 422, response.get_json()
    assert meeting_rows(engine) == []


@pytest.mark.parametrize("start", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+14:00"])
def test_instants_at_the_ends_of_time_are_refused_not_a_500(
    booking_client: FlaskClient, company: dict[str, Any], start: str
):
    body = {"advisor_id": str(company["advisor_id"]), "start": start}
    response = booking_client.post("/api/v1/meetings", json=body, headers=bearer(company["token"]))

    assert response.status_code == 422


def test_not_json_and_broken_json_are_refused(booking_client: FlaskClient, company: dict[str, Any]):
    headers = bearer(company["token"])
    as_form = booking_client.post("/api/v1/meetings", data={"a": "b"}, headers=headers)
    broken = booking_client.post(
        "/api/v1/meetings", data="{", content_type="application/json", headers=headers
    )
    assert (as_form.status_code, broken.status_code) == (415, 400)


def test_tokens_missing_wrong_expired_or_not_yet_known(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    expired = token_for(company["id"], valid_for=-timedelta(days=1))
    forged = token_for(company["id"])[:-3] + "abc"
    unknown = token_for(uuid.uuid4())

    def status(headers: dict[str, str]) -> tuple[int, str]:
        response = booking_client.get("/api/v1/slots", headers=headers)
        return response.status_code, response.get_json()["detail"]

    assert status({})[0] == 401
    assert status({"Authorization": "Basic abc"})[0] == 401
    assert status(bearer(forged))[0] == 403
    assert status(bearer(expired))[0] == 410
    code, detail = status(bearer(unknown))
    assert code == 404
    assert "still being prepared" in detail


def test_cancel_writes_its_event_withdraws_the_reminders_and_mails_both_sides(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    meeting = _book(booking_client, company["token"], company["slots"][30]).get_json()
    url = f"/api/v1/meetings/{meeting['id']}"

    response = booking_client.delete(url, headers=bearer(company["token"]))

    assert response.status_code == 200
    cancelled = response.get_json()
    assert (cancelled["status"], cancelled["sequence"]) == ("cancelled", 1)
    [event] = outbox_events(engine, "meeting.cancelled")
    assert event["data"]["cancelled_by"] == "company"
    assert event["data"]["sequence"] == 1
    statuses = {row.dedupe_key.split(":", 2)[2]: row.status for row in mail_rows(engine)}
    assert statuses == {
        "0:booked:company": "queued",
        "0:booked:advisor": "queued",
        "0:reminder:company": "withdrawn",
        "0:reminder:advisor": "withdrawn",
        "1:cancelled:company": "queued",
        "1:cancelled:advisor": "queued",
    }
    # Cancelling again changes nothing and mails nobody.
    assert booking_client.delete(url, headers=bearer(company["token"])).status_code == 200
    assert len(mail_rows(engine)) == 6
    # The slot is free again.
    slots = booking_client.get("/api/v1/slots", headers=bearer(company["token"])).get_json()
    assert meeting["start"] in [slot["start"] for slot in slots]


def test_reschedule_moves_the_meeting_and_its_reminders(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    meeting = _book(booking_client, company["token"], company["slots"][30]).get_json()
    target = company["slots"][60]

    response = booking_client.post(
        f"/api/v1/meetings/{meeting['id']}/reschedule",
        json={"start": target["start"]},
        headers=bearer(company["token"]),
    )

    assert response.status_code == 200
    moved = response.get_json()
    assert (moved["id"], moved["sequence"], moved["start"]) == (meeting["id"], 1, target["start"])
    [event] = outbox_events(engine, "meeting.rescheduled")
    assert datetime.fromisoformat(event["data"]["previous_starts_at"]) == datetime.fromisoformat(
        meeting["start"]
    )
    statuses = {row.dedupe_key.split(":", 2)[2]: row.status for row in mail_rows(engine)}
    assert statuses["0:reminder:company"] == "withdrawn"
    assert statuses["1:reminder:company"] == "queued"
    assert statuses["1:rescheduled:advisor"] == "queued"


def test_another_companys_meeting_is_not_found(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    meeting = _book(booking_client, company["token"], company["slots"][0]).get_json()
    stranger = token_for(add_company(engine, name="Fremd GmbH", advisor_id=company["advisor_id"]))

    for method, path in (
        ("get", f"/api/v1/meetings/{meeting['id']}"),
        ("delete", f"/api/v1/meetings/{meeting['id']}"),
        ("delete", "/api/v1/meetings/not-an-id"),
    ):
        response = getattr(booking_client, method)(path, headers=bearer(stranger))
        assert response.status_code == 404
    assert meeting_rows(engine)[0].status == "booked"


def test_the_openapi_document_describes_the_booking_api(booking_client: FlaskClient):
    document = booking_client.get("/openapi.json").get_json()

    assert set(document["paths"]) >= {
        "/api/v1/slots",
        "/api/v1/meetings",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/meetings/{meeting_id}/reschedule",
    }
    booking = document["paths"]["/api/v1/meetings"]["post"]
    assert {"201", "409", "422", "401", "403", "410"} <= set(booking["responses"])
    assert document["components"]["securitySchemes"]["bookingToken"]["scheme"] == "bearer"


def test_metrics_count_the_meetings_by_status(booking_client: FlaskClient, company: dict[str, Any]):
    booked = _book(booking_client, company["token"], company["slots"][0]).get_json()
    _book(booking_client, company["token"], company["slots"][1])  # 409: one at a time
    booking_client.delete(f"/api/v1/meetings/{booked['id']}", headers=bearer(company["token"]))
    _book(booking_client, company["token"], company["slots"][2])

    metrics = booking_client.get("/metrics").get_data(as_text=True)

    assert 'wegweiser_meetings{status="booked"} 1.0' in metrics
    assert 'wegweiser_meetings{status="cancelled"} 1.0' in metrics
    assert "wegweiser_meetings_upcoming 1.0" in metrics


def test_a_company_changes_its_booking_at_most_ten_times_a_day(
    booking_client: FlaskClient, engine: Engine, company: dict[str, Any]
):
    """Each change mails the contact and the advisor, and the link is all it takes: a
    script looping book and cancel gets ten changes through, then 429 for the day."""
    headers = bearer(company["token"])
    statuses = []
    for _ in range(100):
        booked = _book(booking_client, company["token"], company["slots"][0])
        statuses.append(booked.status_code)
        if booked.status_code == 201:
            cancelled = booking_client.delete(booked.headers["Location"], headers=headers)
            statuses.append(cancelled.status_code)
            mails_after_ten = _sent(engine)

    assert statuses == [201, 200] * 5 + [429] * 95
    assert _sent(engine) == mails_after_ten == 20  # both sides, ten changes
    refused = _book(booking_client, company["token"], company["slots"][0])
    assert refused.content_type == "application/problem+json"
    assert 24 * 3600 - 60 <= int(refused.headers["Retry-After"]) <= 24 * 3600
    assert [row.status for row in meeting_rows(engine)] == ["cancelled"] * 5


def _sent(engine: Engine) -> int:
    # A reminder (queued when the slot is more than a day ahead) is withdrawn by the cancel.
    return sum(row.status != "withdrawn" for row in mail_rows(engine))
