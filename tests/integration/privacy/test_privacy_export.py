"""The company's export with what it has (its resume token): the assessment service's data —
consent records with text version and time among it — and signed links to the reporting and
notifications parts; the assessment service's own part behind such a link (the admin's export
at the desk, test_privacy_desk_export.py); the company's erasure request over the API."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import Flask
from privacy_helpers import (
    BOOKING_LINK_SECRET,
    START_BODY,
    Services,
    add_failed_report,
    take_outbox,
)
from testkit.web import bearer

from privacy.export import EXPORT_PATH, export_url
from servicekit.booking_links import BookingLinks
from servicekit.signed_tokens import SigningKeys


def test_export_keeps_consents_and_links_the_other_services_parts(
    services: Services, apps: dict[str, Flask]
):
    client = apps["assessment"].test_client()
    started = client.post("/api/v1/assessments", json=START_BODY).json
    path = f"/api/v1/assessments/{started['id']}/export"

    assert client.get(path).status_code == 401
    exported = client.get(path, headers=bearer(started["token"]))

    assert exported.status_code == 200
    assert exported.headers["Cache-Control"] == "no-store"
    document = exported.json
    [assessment] = document["data"]["assessments"]
    assert assessment["consent_text_version"]
    assert datetime.fromisoformat(assessment["consented_at"]) <= datetime.now(UTC)
    assert assessment["consent_benchmarking"] is True
    assert "token_hash" not in assessment
    assert document["data"]["company"]["name"] == START_BODY["company"]["name"]
    [mail] = document["data"]["mails"]
    assert started["token"] in mail["text_body"]  # the resume mail, with its body

    company_id = uuid.UUID(document["company_id"])
    add_failed_report(services.engines["reporting"], uuid.UUID(started["id"]), company_id)
    for service in ("reporting", "notifications"):
        link = urlsplit(document["other_services"][service])
        assert link.netloc == f"{service}.test"
        part = apps[service].test_client().get(link.path)
        assert part.status_code == 200, part.data
        assert part.json["company_id"] == str(company_id)
    reporting = (
        apps["reporting"].test_client().get(urlsplit(document["other_services"]["reporting"]).path)
    )
    assert [r["failure"] for r in reporting.json["data"]["reports"]] == ["render timeout"]


def test_export_links_are_signed_and_expire(apps: dict[str, Flask]):
    client = apps["notifications"].test_client()
    company_id = uuid.uuid4()
    expired = export_url(
        "", SigningKeys(BOOKING_LINK_SECRET), company_id, datetime.now(UTC) - timedelta(days=1)
    )
    forged = export_url("", SigningKeys("another-secret"), company_id, datetime.now(UTC))

    assert client.get(expired).status_code == 410
    assert client.get(forged).status_code == 403


def test_the_assessment_service_serves_its_part_behind_a_signed_link(apps: dict[str, Flask]):
    """The link the desk hands an admin: the same data as the company's own export, refused
    when not genuine (403), expired (410) or withdrawn by the company (403)."""
    client = apps["assessment"].test_client()
    started = client.post("/api/v1/assessments", json=START_BODY).json
    exported = client.get(
        f"/api/v1/assessments/{started['id']}/export", headers=bearer(started["token"])
    ).json
    company_id = uuid.UUID(exported["company_id"])
    now = datetime.now(UTC)
    link = export_url("", SigningKeys(BOOKING_LINK_SECRET), company_id, now - timedelta(minutes=5))

    part = client.get(link)

    assert part.status_code == 200
    assert part.headers["Cache-Control"] == "no-store"
    assert part.json == {
        "service": "assessment",
        "company_id": str(company_id),
        "data": exported["data"],
    }
    # A genuine token for another purpose (a booking link), an altered one, an expired one.
    booking = BookingLinks("", SigningKeys(BOOKING_LINK_SECRET)).url(company_id, now)
    other_purpose = f"{EXPORT_PATH}/{booking.removeprefix('/book/')}"
    tampered = link[:-1] + ("B" if link.endswith("A") else "A")
    expired = export_url("", SigningKeys(BOOKING_LINK_SECRET), company_id, now - timedelta(hours=2))
    assert client.get(other_purpose).status_code == 403
    assert client.get(tampered).status_code == 403
    assert client.get(expired).status_code == 410

    # The company withdraws its links (ending its resume link): this one goes with them.
    ended = client.delete(
        f"/api/v1/assessments/{started['id']}/token", headers=bearer(started["token"])
    )
    assert ended.status_code == 204
    withdrawn = client.get(link)
    assert withdrawn.status_code == 403
    assert "withdrawn" in withdrawn.json["detail"]


def test_erasure_request_needs_the_token_and_a_confirmation_and_is_sent_once(
    services: Services, apps: dict[str, Flask]
):
    client = apps["assessment"].test_client()
    started = client.post("/api/v1/assessments", json=START_BODY).json
    path = f"/api/v1/assessments/{started['id']}/erasure"
    take_outbox(services.engines["assessment"])

    assert client.post(path, json={"confirm": True}).status_code == 401
    assert client.post(path, json={}, headers=bearer(started["token"])).status_code == 422
    first = client.post(path, json={"confirm": True}, headers=bearer(started["token"]))
    second = client.post(path, json={"confirm": True}, headers=bearer(started["token"]))

    assert first.status_code == second.status_code == 202
    assert first.json["erasure_id"] == second.json["erasure_id"]
    [event] = take_outbox(services.engines["assessment"])
    assert event.event_type == "erasure.requested"
    assert event.data["assessment_ids"] == [uuid.UUID(started["id"])]
    assert event.data["requested_by"] == "company"


def test_erasure_from_the_privacy_page_needs_the_confirmation(
    services: Services, apps: dict[str, Flask]
):
    client = apps["assessment"].test_client()
    started = client.post("/api/v1/assessments", json=START_BODY).json
    client.get(urlsplit(started["resume_url"]).path)
    page = client.get(f"/a/{started['id']}/privacy")
    assert page.status_code == 200
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    take_outbox(services.engines["assessment"])

    refused = client.post(f"/a/{started['id']}/privacy/erasure", data={"csrf_token": csrf})
    without_csrf = client.post(f"/a/{started['id']}/privacy/erasure", data={"confirm": "yes"})
    assert (refused.status_code, without_csrf.status_code) == (422, 400)
    assert take_outbox(services.engines["assessment"]) == []

    done = client.post(
        f"/a/{started['id']}/privacy/erasure", data={"confirm": "yes", "csrf_token": csrf}
    )
    assert done.status_code == 200
    assert [e.event_type for e in take_outbox(services.engines["assessment"])] == [
        "erasure.requested"
    ]
    assert client.get(f"/a/{started['id']}/privacy").status_code == 404  # forgotten here
