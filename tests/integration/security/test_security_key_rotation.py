"""Rotating a secret keeps what was signed with the previous one working until it expires.

An operator sets the new secret in SECRET_KEY or BOOKING_LINK_SECRET and moves the old one to
SECRET_KEY_PREVIOUS or BOOKING_LINK_SECRET_PREVIOUS. The services sign with the new secret at
once and still accept the old one: links in mails already sent, PDFs already downloaded and
desk sessions already open go on working. Once the old secret is removed they end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from security_helpers import (
    BOOKING_LINKS,
    NOTIFICATIONS_URL,
    REPORTING_URL,
    SECRET,
    add_account,
    add_company,
    engine_of,
    log_in,
)
from testkit.events import scored_event

from notifications.web import create_app as create_notifications_app
from reporting.adapters.download_links import DownloadLinks
from reporting.config import ReportingConfig
from reporting.entrypoints.dependencies import EXTENSION as REPORTING
from reporting.testing import add_generated_report
from reporting.web import create_app as create_reporting_app
from servicekit.booking_links import BookingLinks
from servicekit.settings import ServiceSettings
from servicekit.web import ENGINE_EXTENSION

NEW_SECRET = "the secret after the rotation"  # noqa: S105 - a test value


def _settings(service: str, database_url: str, public_url: str, **secrets: str) -> ServiceSettings:
    return ServiceSettings.from_env(
        service,
        {
            f"{service.upper()}_DATABASE_URL": database_url,
            f"PUBLIC_BASE_URL_{service.upper()}": public_url,
            **secrets,
        },
    )


def _booking_links(**secrets: str) -> BookingLinks:
    return BookingLinks.from_env(secrets, NOTIFICATIONS_URL)


def test_booking_links_from_before_a_rotation_open_until_the_previous_secret_is_removed(
    service_database: Callable[[str], str],
):
    database = service_database("notifications")
    settings = _settings("notifications", database, NOTIFICATIONS_URL, SECRET_KEY=SECRET)
    during = _booking_links(
        BOOKING_LINK_SECRET=NEW_SECRET, BOOKING_LINK_SECRET_PREVIOUS=BOOKING_LINKS.keys.current
    )
    after = _booking_links(BOOKING_LINK_SECRET=NEW_SECRET)
    apps = [create_notifications_app(settings, links) for links in (during, after)]
    try:
        assessment_id = add_company(engine_of(apps[0]), None, scored_event())
        now = datetime.now(UTC)
        mailed_before = BookingLinks("", BOOKING_LINKS.keys).url(assessment_id, now)
        mailed_since = BookingLinks("", during.keys).url(assessment_id, now)

        opened = {
            (name, link): app.test_client().get(link).status_code
            for name, app in zip(("during", "after"), apps, strict=True)
            for link in (mailed_before, mailed_since)
        }
        assert opened == {
            ("during", mailed_before): 200,
            ("during", mailed_since): 200,
            ("after", mailed_before): 403,
            ("after", mailed_since): 200,
        }
    finally:
        for app in apps:
            app.extensions[ENGINE_EXTENSION].dispose()


def test_download_links_and_desk_sessions_survive_a_rotation_of_the_secret_key(
    service_database: Callable[[str], str], tmp_path
):
    before = {"SECRET_KEY": SECRET}
    during = {"SECRET_KEY": NEW_SECRET, "SECRET_KEY_PREVIOUS": SECRET}
    after = {"SECRET_KEY": NEW_SECRET}

    reporting_database = service_database("reporting")
    config = ReportingConfig(BOOKING_LINKS, storage_dir=tmp_path / "reports")
    reporting = {
        name: create_reporting_app(
            _settings("reporting", reporting_database, REPORTING_URL, **secrets), config
        )
        for name, secrets in (("before", before), ("during", during), ("after", after))
    }
    notifications_database = service_database("notifications")
    desk = {
        name: create_notifications_app(
            _settings("notifications", notifications_database, NOTIFICATIONS_URL, **secrets),
            BOOKING_LINKS,
        )
        for name, secrets in (("before", before), ("during", during), ("after", after))
    }
    try:
        report_id = add_generated_report(reporting["before"])
        links: DownloadLinks = reporting["before"].extensions[REPORTING].links
        downloaded = {}
        for name, app in reporting.items():
            response = app.test_client().get(
                links.url(report_id, datetime.now(UTC)).removeprefix(links.public_base_url)
            )
            response.close()  # a PDF is sent as a file
            downloaded[name] = response.status_code
        assert downloaded == {"before": 200, "during": 200, "after": 403}

        _, email = add_account(engine_of(desk["before"]), "Bea Berater")
        signed_in = desk["before"].test_client()
        log_in(signed_in, email)
        cookie = signed_in.get_cookie("session")
        desk_pages = {}
        for name, app in desk.items():
            client = app.test_client()
            client.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
            desk_pages[name] = client.get("/desk/").status_code
        # 302: back to the login page, the session is no longer recognised.
        assert desk_pages == {"before": 200, "during": 200, "after": 302}
    finally:
        for app in [*reporting.values(), *desk.values()]:
            app.extensions[ENGINE_EXTENSION].dispose()
