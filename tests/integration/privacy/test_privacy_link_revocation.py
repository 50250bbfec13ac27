"""The company's links are revocable: ending the resume link (API or privacy page) withdraws
every booking, download and export link issued before it, in every service that checks one;
links issued afterwards work, and the result page gets a new download link.

The consumers' handlers are called directly with the events the services put into their
outboxes (the broker's part is covered by the saga test); each is the real handler with its
inbox, so a redelivered or replayed event is handled as in production.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from privacy_helpers import (
    BOOKING_LINK_SECRET,
    RESUME_LINKS,
    Services,
    again,
    submit_assessment,
    take_outbox,
)
from sqlalchemy import Engine, insert, select
from testkit.web import bearer

from assessment.entrypoints.consumer import consumer_spec as assessment_consumer
from assessment.services.track_follow_ups import follow_up_status
from eventing.envelope import Envelope, new_envelope
from eventing.inbox import Outcome
from eventing.tables import link_cutoffs
from eventing.worker import ConsumerSpec
from mailing.tables import mail_outbox
from notifications.adapters.company_assessments import find
from notifications.adapters.mail_links import MailLinks
from notifications.entrypoints.consumer import consumer_spec as notifications_consumer
from privacy.export import export_url
from privacy.link_cutoffs import revoked_event
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.tables import STATUS_GENERATED, reports
from reporting.config import ReportingConfig
from reporting.entrypoints.consumer import consumer_spec as reporting_consumer
from reporting.entrypoints.dependencies import EXTENSION as REPORTING
from reporting.services.generate_report import generated_data, report_id_for
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys

REVOKED = ("company.links_revoked", 1)
_RESUME_TOKEN = re.compile(r"/resume/[0-9a-f-]{36}/([A-Za-z0-9_-]+)")


@dataclasses.dataclass(frozen=True)
class Company:
    assessment_id: uuid.UUID
    company_id: uuid.UUID
    token: str
    report_id: uuid.UUID


@pytest.fixture
def consumers(services: Services) -> dict[str, ConsumerSpec]:
    reporting_settings = ServiceSettings.from_env(
        "reporting",
        {
            "REPORTING_DATABASE_URL": "sqlite://",
            "SECRET_KEY": "test-secret",
            "PUBLIC_BASE_URL_REPORTING": "http://reporting.test",
        },
    )
    return {
        "assessment": assessment_consumer(services.engines["assessment"], RESUME_LINKS),
        "reporting": reporting_consumer(
            services.engines["reporting"],
            reporting_settings,
            ReportingConfig(
                BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)),
                storage_dir=services.storage_dir,
            ),
        ),
        "notifications": notifications_consumer(
            services.engines["notifications"],
            MailLinks(
                BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)),
                "http://assessment.test",
            ),
        ),
    }


@pytest.fixture
def company(
    services: Services, apps: dict[str, Flask], consumers: dict[str, ConsumerSpec]
) -> Company:
    """A submitted assessment, known to notifications (read model) and reporting (a PDF)."""
    started, scored = submit_assessment(services, apps["assessment"])
    assert handle(consumers["notifications"], scored) is Outcome.PROCESSED
    assessment_id, company_id = scored.data["assessment_id"], scored.data["company_id"]
    report_id = report_id_for(assessment_id)
    generated = _stored_report(services, apps, scored, report_id)
    for service in ("notifications", "assessment"):
        assert handle(consumers[service], generated) is Outcome.PROCESSED
    return Company(assessment_id, company_id, started["token"], report_id)


def _stored_report(
    services: Services, apps: dict[str, Flask], scored: Envelope, report_id: uuid.UUID
) -> Envelope:
    """The report as the reporting worker leaves it, and its `report.generated`; rendering
    a PDF is not what these tests are about."""
    pdf = services.storage_dir / "revocation" / "report.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.7 test")
    now = datetime.now(UTC)
    row = {
        "id": report_id,
        "assessment_id": scored.data["assessment_id"],
        "company_id": scored.data["company_id"],
        "status": STATUS_GENERATED,
        "language": "de",
        "file_key": str(Path("revocation") / "report.pdf"),
        "sha256": "0" * 64,
        "pages": 4,
        "attempts": 1,
        "created_at": now - timedelta(minutes=10),
    }
    with services.engines["reporting"].begin() as connection:
        connection.execute(insert(reports).values(row))
    links = apps["reporting"].extensions[REPORTING].links
    data = generated_data(links, row, now - timedelta(minutes=10))
    return new_envelope(
        "report.generated", 1, data, producer="reporting", correlation_id=str(row["assessment_id"])
    )


def handle(spec: ConsumerSpec, event: Envelope) -> Outcome:
    return spec.handlers[(event.event_type, event.version)](event)


def links_issued_at(apps: dict[str, Flask], company: Company, issued_at: datetime) -> dict:
    """Every kind of link the company is sent, as paths of the service that checks it."""
    downloads: DownloadLinks = apps["reporting"].extensions[REPORTING].links
    booking = BookingLinks("", SigningKeys(BOOKING_LINK_SECRET)).url(
        company.assessment_id, issued_at
    )
    return {
        "booking page": ("notifications", booking),
        "booking API": ("notifications", "/api/v1/slots", booking.rsplit("/", 1)[1]),
        "download": (
            "reporting",
            downloads.url(company.report_id, issued_at).removeprefix(downloads.public_base_url),
        ),
        **{
            f"export ({service})": (
                service,
                export_url("", SigningKeys(BOOKING_LINK_SECRET), company.company_id, issued_at),
            )
            for service in ("assessment", "reporting", "notifications")
        },
    }


def opened(apps: dict[str, Flask], link: tuple) -> tuple[int, str]:
    service, path, *bearer_token = link
    headers = bearer(bearer_token[0]) if bearer_token else {}
    response = apps[service].test_client().get(path, headers=headers)
    text = response.get_data(as_text=True)
    response.close()
    return response.status_code, text


def mailed(engine: Engine) -> list[str]:
    """The text of every mail the service queued."""
    with engine.connect() as connection:
        return list(connection.execute(select(mail_outbox.c.text_body)).scalars())


def mailed_resume_tokens(engine: Engine) -> list[str]:
    return [token for body in mailed(engine) for token in _RESUME_TOKEN.findall(body or "")]


def test_ending_the_resume_link_withdraws_every_link_issued_before_it(
    services: Services,
    apps: dict[str, Flask],
    consumers: dict[str, ConsumerSpec],
    company: Company,
):
    old = links_issued_at(apps, company, datetime.now(UTC) - timedelta(minutes=5))
    assert {name: opened(apps, link)[0] for name, link in old.items()} == dict.fromkeys(old, 200)

    ended = (
        apps["assessment"]
        .test_client()
        .delete(f"/api/v1/assessments/{company.assessment_id}/token", headers=bearer(company.token))
    )
    assert ended.status_code == 204
    [revoked] = take_outbox(services.engines["assessment"])
    assert revoked.event_type == "company.links_revoked"
    assert revoked.data["company_id"] == company.company_id
    assert revoked.data["assessment_ids"] == [company.assessment_id]
    assert revoked.data["revoked_by"] == "company"
    for service in ("reporting", "notifications"):
        assert handle(consumers[service], revoked) is Outcome.PROCESSED

    answers = {name: opened(apps, link) for name, link in old.items()}
    assert {name: status for name, (status, _) in answers.items()} == dict.fromkeys(old, 403)
    assert "Dieser Link wurde zurückgezogen" in answers["booking page"][1]
    exports = [f"export ({service})" for service in ("assessment", "reporting", "notifications")]
    for name in ("booking API", "download", *exports):
        assert "withdrawn" in answers[name][1], name

    # Links issued from now on work: the booking link the result page shows, the new
    # download link reporting published, the export links of the new resume link's export.
    new = links_issued_at(apps, company, datetime.now(UTC))
    assert opened(apps, new["booking page"])[0] == opened(apps, new["booking API"])[0] == 200
    [renewed] = take_outbox(services.engines["reporting"])
    assert renewed.event_type == "report.generated"
    assert renewed.data["report_id"] == company.report_id
    assert renewed.causation_id == str(revoked.event_id)
    download = urlsplit(renewed.data["download_url"])
    assert opened(apps, ("reporting", f"{download.path}?{download.query}"))[0] == 200
    # The result page and the desk show the new download link; nobody is mailed again.
    mails = len(mailed(services.engines["notifications"]))
    assert mails >= 1  # the company's report mail, on the first report.generated
    for service in ("notifications", "assessment"):
        assert handle(consumers[service], renewed) is Outcome.PROCESSED
    assert len(mailed(services.engines["notifications"])) == mails
    with services.engines["notifications"].connect() as connection:
        assert find(connection, company.assessment_id)["report_url"] == download.geturl()
    with services.engines["assessment"].connect() as connection:
        status = follow_up_status(connection, company.assessment_id)
    assert status["report"]["download_url"] == download.geturl()
    [_, new_token] = mailed_resume_tokens(services.engines["assessment"])
    export = (
        apps["assessment"]
        .test_client()
        .get(f"/api/v1/assessments/{company.assessment_id}/export", headers=bearer(new_token))
    )
    assert export.status_code == 200
    for service, url in export.json["other_services"].items():
        assert opened(apps, (service, urlsplit(url).path))[0] == 200, service


def test_the_privacy_page_withdraws_every_link_and_signs_the_browser_out(
    services: Services,
    apps: dict[str, Flask],
    company: Company,
):
    client = apps["assessment"].test_client()
    client.get(f"/resume/{company.assessment_id}/{company.token}")
    page = client.get(f"/a/{company.assessment_id}/privacy")
    assert "Alle Links zurückziehen" in page.text
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    path = f"/a/{company.assessment_id}/privacy/links"

    assert client.post(path).status_code == 400  # no CSRF token: refused before the view
    assert take_outbox(services.engines["assessment"]) == []
    done = client.post(path, data={"csrf_token": csrf})

    assert done.status_code == 200
    assert "Links zurückgezogen" in done.text
    assert [e.event_type for e in take_outbox(services.engines["assessment"])] == [
        "company.links_revoked"
    ]
    # This browser held the old resume link: it opens nothing any more; the new one is mailed.
    assert client.get(f"/a/{company.assessment_id}/privacy").status_code == 404
    assert len(mailed_resume_tokens(services.engines["assessment"])) == 2


@pytest.mark.parametrize("service", ["reporting", "notifications"])
def test_a_redelivered_or_older_revocation_never_moves_the_cut_off_back(
    services: Services,
    apps: dict[str, Flask],
    consumers: dict[str, ConsumerSpec],
    company: Company,
    service: str,
):
    now = datetime.now(UTC)
    newer = revoked_event("notifications", company.company_id, [], "admin", now)
    older = revoked_event(
        "notifications", company.company_id, [], "admin", now - timedelta(hours=1)
    )
    spec = consumers[service]
    link = links_issued_at(apps, company, now - timedelta(minutes=30))[f"export ({service})"]

    assert handle(spec, newer) is Outcome.PROCESSED
    take_outbox(services.engines[service])
    assert handle(spec, newer) is Outcome.DUPLICATE  # the inbox
    assert handle(spec, again(newer)) is Outcome.PROCESSED  # a replay: a new event id
    assert handle(spec, older) is Outcome.PROCESSED  # late

    # Still refused: the older revocation would have let this link through again.
    assert opened(apps, link)[0] == 403
    with services.engines[service].connect() as connection:
        stored = connection.execute(select(link_cutoffs.c.links_valid_from)).scalar_one()
    assert stored == now
    assert take_outbox(services.engines[service]) == []  # nothing published again


def test_an_admins_revocation_ends_the_resume_link_once(
    services: Services,
    apps: dict[str, Flask],
    consumers: dict[str, ConsumerSpec],
    company: Company,
):
    """Taken at the desk: the assessment service ends the resume link too and mails a new
    one, since whoever holds a leaked resume link could mint new links on the result page."""
    revoked = revoked_event(
        "notifications", company.company_id, [company.assessment_id], "admin", datetime.now(UTC)
    )
    result = f"/api/v1/assessments/{company.assessment_id}/result"
    client = apps["assessment"].test_client()

    assert handle(consumers["assessment"], revoked) is Outcome.PROCESSED
    assert client.get(result, headers=bearer(company.token)).status_code == 404
    [_, new_token] = mailed_resume_tokens(services.engines["assessment"])
    assert client.get(result, headers=bearer(new_token)).status_code == 200

    # A replay (new event id, same revocation) mails nothing and keeps the new link working.
    assert handle(consumers["assessment"], again(revoked)) is Outcome.PROCESSED
    assert len(mailed_resume_tokens(services.engines["assessment"])) == 2
    assert client.get(result, headers=bearer(new_token)).status_code == 200
