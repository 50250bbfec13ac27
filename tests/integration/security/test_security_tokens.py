"""Company tokens: long enough, stored only as a hash, expiring, revocable, sent with
`Referrer-Policy: no-referrer`, and never written to a log line.

The resume token is random and stored as its sha256: the company ends it with
`DELETE /api/v1/assessments/{id}/token`; it stops at once, and a new link goes to the
contact's mailbox (never into the answer: whoever asks may hold a leaked link).

Booking and download links are HMAC-signed and stateless: each one ends at its expiry (at
most 365 days, 90 by default), all of them at once when the service's secret is rotated
(BOOKING_LINK_SECRET, or the reporting SECRET_KEY), and a download link as soon as its report
is deleted (404). They carry their signed issue time, so a company can revoke all of its
links at once (tests/integration/privacy/test_privacy_link_revocation.py).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from security_helpers import BOOKING_LINKS, SECRET, add_company, engine_of
from sqlalchemy import delete, select, update
from testkit.events import scored_event
from testkit.web import bearer

from assessment.adapters.tables import assessments
from assessment.testing import START_BODY
from devstack.ports import LOOPBACK, free_port, port_accepts, wait_until
from mailing.tables import mail_outbox
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.tables import reports
from reporting.entrypoints.dependencies import EXTENSION as REPORTING
from reporting.testing import add_generated_report
from servicekit.booking_links import BookingLinks
from servicekit.signed_tokens import SigningKeys

_RESUME_LINK = re.compile(r"/resume/[0-9a-f-]{36}/([A-Za-z0-9_-]+)")


def _start(app: Flask) -> dict[str, str]:
    response = app.test_client().post("/api/v1/assessments", json=START_BODY)
    assert response.status_code == 201
    return response.json


def _mailed_tokens(app: Flask) -> list[str]:
    with engine_of(app).connect() as connection:
        bodies = connection.execute(select(mail_outbox.c.text_body)).scalars().all()
    return [token for body in bodies for token in _RESUME_LINK.findall(body)]


def test_the_resume_token_is_long_random_and_stored_only_as_a_hash(assessment_app: Flask):
    started = _start(assessment_app)

    assert len(started["token"]) >= 43  # 256 bits, base64url: at least the 128 required
    with engine_of(assessment_app).connect() as connection:
        row = connection.execute(select(assessments)).one()
    stored = json.dumps([str(value) for value in row], ensure_ascii=False)
    assert started["token"] not in stored
    assert re.fullmatch(r"[0-9a-f]{64}", row.token_hash)


def test_an_expired_resume_token_opens_nothing(assessment_app: Flask):
    started = _start(assessment_app)
    client = assessment_app.test_client()
    with engine_of(assessment_app).begin() as connection:
        connection.execute(
            update(assessments).values(token_expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )

    result = f"/api/v1/assessments/{started['id']}/result"
    assert client.get(result, headers=bearer(started["token"])).status_code == 404
    assert client.get(f"/resume/{started['id']}/{started['token']}").status_code == 404


def test_the_company_ends_its_link_and_gets_a_new_one_by_mail(assessment_app: Flask):
    started = _start(assessment_app)
    client = assessment_app.test_client()
    # A browser that opened the old link keeps it in its session: it must stop working too.
    browser = assessment_app.test_client()
    assert browser.get(f"/resume/{started['id']}/{started['token']}").status_code == 303

    response = client.delete(
        f"/api/v1/assessments/{started['id']}/token", headers=bearer(started["token"])
    )

    assert response.status_code == 204
    assert response.get_data() == b""
    answers = f"/api/v1/assessments/{started['id']}/answers"
    assert (
        client.put(answers, json={"answers": {}}, headers=bearer(started["token"])).status_code
        == 404
    )
    assert client.get(f"/resume/{started['id']}/{started['token']}").status_code == 404
    assert browser.get(f"/a/{started['id']}").status_code == 404
    first, second = _mailed_tokens(assessment_app)
    assert first == started["token"]
    assert second != started["token"]
    assert client.put(answers, json={"answers": {}}, headers=bearer(second)).status_code == 200


def test_ending_a_link_needs_that_link(assessment_app: Flask):
    started = _start(assessment_app)
    other = _start(assessment_app)
    client = assessment_app.test_client()

    wrong = client.delete(
        f"/api/v1/assessments/{started['id']}/token", headers=bearer(other["token"])
    )
    missing = client.delete(f"/api/v1/assessments/{started['id']}/token")

    assert wrong.status_code == 404
    assert missing.status_code == 401
    assert len(_mailed_tokens(assessment_app)) == 2  # the two start mails, nothing more


def _status(client, path: str) -> int:
    response = client.get(path)
    response.close()  # a PDF is sent as a file: close it
    return response.status_code


def test_download_links_expire_end_with_the_report_or_the_secret(reporting_app: Flask):
    report_id = add_generated_report(reporting_app)
    links: DownloadLinks = reporting_app.extensions[REPORTING].links
    client = reporting_app.test_client()
    now = datetime.now(UTC)
    path = links.url(report_id, now).removeprefix(links.public_base_url)
    rotated = dataclasses.replace(links, keys=SigningKeys("the next secret"))
    expired = links.url(report_id, now - links.lifetime - timedelta(seconds=1))

    assert _status(client, path) == 200
    assert _status(client, expired.removeprefix(links.public_base_url)) == 410
    dependencies = reporting_app.extensions[REPORTING]
    reporting_app.extensions[REPORTING] = dataclasses.replace(dependencies, links=rotated)
    assert _status(client, path) == 403
    reporting_app.extensions[REPORTING] = dependencies
    with engine_of(reporting_app).begin() as connection:
        connection.execute(delete(reports))
    assert _status(client, path) == 404


def test_booking_links_expire_and_end_with_the_secret(notifications_app: Flask):
    assessment_id = add_company(engine_of(notifications_app), None, scored_event())
    client = notifications_app.test_client()
    now = datetime.now(UTC)
    base = BOOKING_LINKS.base_url

    valid = BOOKING_LINKS.url(assessment_id, now)
    expired = BOOKING_LINKS.url(assessment_id, now - BOOKING_LINKS.lifetime - timedelta(seconds=1))
    other_secret = BookingLinks(base, SigningKeys("rotated")).url(assessment_id, now)

    assert client.get(valid.removeprefix(base)).status_code == 200
    assert client.get(expired.removeprefix(base)).status_code == 410
    assert client.get(other_secret.removeprefix(base)).status_code == 403


def test_token_pages_send_no_referrer(all_apps: dict[str, Flask]):
    started = _start(all_apps["assessment"])
    report_id = add_generated_report(all_apps["reporting"])
    links: DownloadLinks = all_apps["reporting"].extensions[REPORTING].links
    assessment_id = add_company(engine_of(all_apps["notifications"]), None, scored_event())
    book = BookingLinks("", BOOKING_LINKS.keys).url(assessment_id, datetime.now(UTC))
    pages = {
        "assessment": [
            f"/resume/{started['id']}/{started['token']}",
            f"/resume/{started['id']}?token={started['token']}",
        ],
        "reporting": [links.url(report_id, datetime.now(UTC)).removeprefix(links.public_base_url)],
        "notifications": [book],
    }

    for service, paths in pages.items():
        client = all_apps[service].test_client()
        for path in paths:
            response = client.get(path)
            response.close()
            assert response.status_code < 400, path
            assert response.headers["Referrer-Policy"] == "no-referrer", path


# -- logs of the real web processes ---------------------------------------------------------


def _serve(script: str, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:  # the process writes to its own copy
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name(script))],
            env=os.environ | env | {"WEB_CONCURRENCY": "1", "LOG_LEVEL": "DEBUG"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    if not wait_until(lambda: port_accepts(LOOPBACK, port), 30):
        process.kill()
        pytest.fail(f"{script} did not start: {log.read_text()[-2000:]}")
    return process


def _request(url: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def test_no_token_reaches_the_logs_of_the_real_web_processes(service_database, tmp_path: Path):
    secrets: list[str] = []
    logs: list[Path] = []

    # assessment: start, open the resume link (both forms), use and end the token.
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    log = tmp_path / "assessment.log"
    process = _serve(
        "assessment-web",
        {
            "ASSESSMENT_DATABASE_URL": service_database("assessment"),
            "ASSESSMENT_PORT": str(port),
            "PUBLIC_BASE_URL_ASSESSMENT": base,
            "SECRET_KEY": SECRET,
            "BOOKING_LINK_SECRET": BOOKING_LINKS.keys.current,
        },
        port,
        log,
    )
    try:
        status, body = _request(
            f"{base}/api/v1/assessments",
            "POST",
            {"Content-Type": "application/json"},
            json.dumps(START_BODY).encode(),
        )
        assert status == 201
        started = json.loads(body)
        token, assessment = started["token"], started["id"]
        secrets.append(token)
        auth = {"Authorization": f"Bearer {token}"}
        for url in (
            f"{base}/resume/{assessment}/{token}",
            f"{base}/resume/{assessment}?token={token}",
            f"{base}/resume/{assessment}/{token}x",
        ):
            _request(url)
        assert _request(f"{base}/api/v1/assessments/{assessment}/result", headers=auth)[0] == 409
        assert _request(f"{base}/api/v1/assessments/{assessment}/token", "DELETE", auth)[0] == 204
        assert _request(f"{base}/api/v1/assessments/{assessment}/result", headers=auth)[0] == 404
    finally:
        _stop(process)
    logs.append(log)

    # reporting: a genuine and a forged download link.
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    log = tmp_path / "reporting.log"
    process = _serve(
        "reporting-web",
        {
            "REPORTING_DATABASE_URL": service_database("reporting"),
            "REPORTING_PORT": str(port),
            "PUBLIC_BASE_URL_REPORTING": base,
            "REPORTING_STORAGE_DIR": str(tmp_path / "reports"),
            "SECRET_KEY": SECRET,
            "BOOKING_LINK_SECRET": BOOKING_LINKS.keys.current,
        },
        port,
        log,
    )
    try:
        links = DownloadLinks(SigningKeys(SECRET), base, timedelta(days=1))
        url = links.url(uuid.uuid4(), datetime.now(UTC))
        secrets.append(url.split("token=")[1])
        assert _request(url)[0] == 404
        assert _request(url + "forged")[0] == 403
    finally:
        _stop(process)
    logs.append(log)

    # notifications: the booking page and the booking API.
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    log = tmp_path / "notifications.log"
    database = service_database("notifications")
    process = _serve(
        "notifications-web",
        {
            "NOTIFICATIONS_DATABASE_URL": database,
            "NOTIFICATIONS_PORT": str(port),
            "PUBLIC_BASE_URL_NOTIFICATIONS": base,
            "SECRET_KEY": SECRET,
            "BOOKING_LINK_SECRET": BOOKING_LINKS.keys.current,
        },
        port,
        log,
    )
    try:
        book = BookingLinks(base, BOOKING_LINKS.keys).url(uuid.uuid4(), datetime.now(UTC))
        booking_token = book.rsplit("/", 1)[1]
        secrets.append(booking_token)
        assert _request(book)[0] == 404  # not known yet: the scored event has not come
        _request(f"{base}/api/v1/slots", headers={"Authorization": f"Bearer {booking_token}"})
    finally:
        _stop(process)
    logs.append(log)

    for log in logs:
        lines = log.read_text().splitlines()
        requests = [line for line in lines if '"GET /' in line or '"POST /' in line]
        assert requests, f"no access log lines in {log.name}"
        for line in lines:
            json.loads(line)  # JSON lines, nothing else
            for secret in secrets:
                assert secret not in line, (log.name, line)
