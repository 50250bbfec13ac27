"""`GET /reports/<id>.pdf?token=...`: the right link opens the PDF, others never do."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from report_helpers import BOOKING_LINK_SECRET, PUBLIC_URL, SECRET
from sqlalchemy import select
from testkit.events import scored_event
from testkit.web import BROWSER

from eventing.codec import decode
from eventing.tables import outbox
from reporting.adapters.download_links import DownloadLinks
from reporting.config import ReportingConfig
from reporting.services.generate_report import ReportGeneration, report_id_for
from reporting.testing import MINIMAL_PDF, add_generated_report
from reporting.web import create_app
from servicekit.app_clock import pin_clock
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys
from servicekit.web import ENGINE_EXTENSION


@pytest.fixture
def client(migrated: str, tmp_path: Path) -> Iterator[FlaskClient]:
    settings = ServiceSettings.from_env(
        "reporting",
        {
            "REPORTING_DATABASE_URL": migrated,
            "PUBLIC_BASE_URL_REPORTING": PUBLIC_URL,
            "SECRET_KEY": SECRET,
        },
    )
    app: Flask = create_app(
        settings,
        ReportingConfig(
            BookingLinks("http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)),
            storage_dir=tmp_path / "reports",
        ),
    )
    yield app.test_client()
    app.extensions[ENGINE_EXTENSION].dispose()


@pytest.fixture
def generated(generation: ReportGeneration, reporting_engine) -> dict:
    """A generated report: its id and the download URL its report.generated event carries."""
    event = scored_event()
    generation.handle(event)
    with reporting_engine.connect() as connection:
        [payload] = connection.execute(select(outbox.c.payload)).scalars()
    data = decode(payload.encode()).data
    assert data["report_id"] == report_id_for(event.data["assessment_id"])
    return data


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_the_link_in_the_event_downloads_the_pdf(client: FlaskClient, generated: dict):
    assert generated["download_url"].startswith(f"{PUBLIC_URL}/reports/")

    with client.get(path_of(generated["download_url"])) as response:
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF-")
        assert "no-store" in response.headers["Cache-Control"]
        assert "Potenzialanalyse-" in response.headers["Content-Disposition"]


def links(lifetime: timedelta = timedelta(days=1), secret: str = SECRET) -> DownloadLinks:
    return DownloadLinks(SigningKeys(secret), PUBLIC_URL, lifetime)


@pytest.mark.parametrize(
    "make_url",
    [
        lambda report_id: f"/reports/{report_id}.pdf",
        lambda report_id: f"/reports/{report_id}.pdf?token=garbage",
        lambda report_id: links(secret="other").url(report_id, datetime.now(UTC)),  # noqa: S106
        lambda report_id: (
            f"/reports/{report_id}.pdf?"
            + urlsplit(links().url(uuid.uuid4(), datetime.now(UTC))).query
        ),
    ],
    ids=["no token", "garbage", "wrong secret", "another report's token"],
)
def test_a_wrong_token_is_forbidden(client: FlaskClient, generated: dict, make_url):
    response = client.get(path_of(make_url(generated["report_id"])))

    assert response.status_code == 403
    assert response.content_type == "application/problem+json"


def test_an_expired_link_is_gone(client: FlaskClient, generated: dict):
    expired = links(lifetime=-timedelta(seconds=1)).url(generated["report_id"], datetime.now(UTC))

    assert client.get(path_of(expired)).status_code == 410


def test_a_link_downloads_until_its_last_second_and_is_gone_after(client: FlaskClient):
    issued = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    report_id = add_generated_report(client.application)
    url = path_of(links(lifetime=timedelta(days=1)).url(report_id, issued))

    pin_clock(client.application, issued + timedelta(days=1) - timedelta(seconds=1))
    with client.get(url) as response:
        assert response.status_code == 200
        assert response.data == MINIMAL_PDF

    pin_clock(client.application, issued + timedelta(days=1) + timedelta(seconds=1))
    expired = client.get(url)
    assert expired.status_code == 410
    assert expired.content_type == "application/problem+json"
    assert expired.json["detail"] == "This link has expired. The result page offers a new one."


def test_a_valid_link_to_a_report_that_does_not_exist_finds_nothing(client: FlaskClient):
    url = links().url(uuid.uuid4(), datetime.now(UTC))

    assert client.get(path_of(url)).status_code == 404


def test_a_report_under_the_default_relative_folder_downloads(
    migrated: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """As under `make run`: REPORTING_STORAGE_DIR unset (var/reports of the working
    directory), which the worker writes into and the web must serve from."""
    monkeypatch.chdir(tmp_path)
    environ = {
        "REPORTING_DATABASE_URL": migrated,
        "PUBLIC_BASE_URL_REPORTING": PUBLIC_URL,
        "SECRET_KEY": SECRET,
        "BOOKING_LINK_SECRET": BOOKING_LINK_SECRET,
    }
    app = create_app(
        ServiceSettings.from_env("reporting", environ), ReportingConfig.from_env(environ)
    )
    try:
        report_id = add_generated_report(app)
        assert (tmp_path / "var/reports" / f"{report_id}.pdf").is_file()

        with app.test_client().get(path_of(links().url(report_id, datetime.now(UTC)))) as answer:
            assert answer.status_code == 200
            assert answer.data == MINIMAL_PDF
    finally:
        app.extensions[ENGINE_EXTENSION].dispose()


def test_an_expired_link_opened_in_a_browser_is_a_page_in_the_readers_language(
    client: FlaskClient,
):
    report_id = add_generated_report(client.application)
    expired = links(lifetime=-timedelta(seconds=1)).url(report_id, datetime.now(UTC))

    response = client.get(
        path_of(expired), headers={"Accept": BROWSER, "Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"}
    )

    assert response.status_code == 410
    assert response.mimetype == "text/html"
    assert response.headers["Content-Language"] == "nl"
    page = response.get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "<h1>Deze link is verlopen</h1>" in page
    assert "Deze link is verlopen. Op uw resultatenpagina vindt u een nieuwe." in page


@pytest.mark.parametrize(
    ("languages", "query", "expected", "heading"),
    [
        ({}, "", "de", "Bericht nicht gefunden"),
        ({"Accept-Language": "en-GB,en;q=0.8"}, "", "en", "Report not found"),
        ({"Accept-Language": "nl"}, "&lang=fr", "nl", "Rapport niet gevonden"),
        ({}, "&lang=fr", "de", "Bericht nicht gefunden"),  # an unknown code: German
    ],
)
def test_an_unknown_report_opened_in_a_browser_is_a_page_too(
    client: FlaskClient, languages: dict, query: str, expected: str, heading: str
):
    url = path_of(links().url(uuid.uuid4(), datetime.now(UTC))) + query

    response = client.get(url, headers={"Accept": BROWSER} | languages)

    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert response.headers["Content-Language"] == expected
    assert f"<h1>{heading}</h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("accept", ["application/json", "*/*", "application/problem+json"])
def test_a_program_keeps_getting_the_problem_in_english(client: FlaskClient, accept: str):
    report_id = add_generated_report(client.application)
    expired = links(lifetime=-timedelta(seconds=1)).url(report_id, datetime.now(UTC))

    response = client.get(path_of(expired), headers={"Accept": accept, "Accept-Language": "nl"})

    assert response.status_code == 410
    assert response.content_type == "application/problem+json"
    assert response.json["detail"] == "This link has expired. The result page offers a new one."
