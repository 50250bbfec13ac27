"""The admin's export at the desk covers every service: the company's privacy page shows a
signed export link per service (for requests by letter or phone), each opening that
service's part; the company's own advisor does not get the page."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from privacy_helpers import START_BODY, Services, add_failed_report, submit_assessment
from sqlalchemy import Engine, update
from testkit.web import csrf_token

from notifications.adapters import company_assessments
from notifications.adapters.advisor_store import Coverage, create_account
from notifications.adapters.tables import company_assessments as company_table

PASSWORD = "Auskunft per Brief 2026"  # noqa: S105 - a test account
_EXPORT_LINK = re.compile(r'href="(https?://[^"]+/api/v1/privacy/export/[^"]+)"')


def scored_company(services: Services, apps: dict[str, Flask]) -> dict:
    """A submitted assessment, known to notifications (its read model) and reporting (a
    report); returns its `assessment.scored` data."""
    _, scored = submit_assessment(services, apps["assessment"])
    with services.engines["notifications"].begin() as connection:
        company_assessments.record_scored(
            connection, scored.data["assessment_id"], company_assessments.scored_values(scored.data)
        )
    add_failed_report(
        services.engines["reporting"], scored.data["assessment_id"], scored.data["company_id"]
    )
    return scored.data


def desk_login(app: Flask, engine: Engine, role: str) -> tuple[FlaskClient, uuid.UUID]:
    """A desk client logged in to a new account of `role`, and the account's id."""
    email = f"{role}@cluster.example"
    with engine.begin() as connection:
        account_id = create_account(
            connection,
            name=role.title(),
            email=email,
            role=role,
            password=PASSWORD,
            coverage=Coverage((), ()),
            now=datetime.now(UTC),
        )
    client = app.test_client()
    form = {"csrf_token": csrf_token(client, "/desk/login"), "email": email, "password": PASSWORD}
    assert client.post("/desk/login", data=form).status_code == 302
    return client, account_id


def test_the_admin_gets_a_working_export_link_for_every_service(
    services: Services, apps: dict[str, Flask]
):
    company = scored_company(services, apps)
    desk, _ = desk_login(apps["notifications"], services.engines["notifications"], "admin")

    page = desk.get(f"/desk/companies/{company['assessment_id']}/privacy")

    assert page.status_code == 200
    assert "gelten eine Stunde" in page.text
    links = [urlsplit(link) for link in _EXPORT_LINK.findall(page.text)]
    assert [link.netloc for link in links] == [
        "assessment.test",
        "reporting.test",
        "notifications.test",
    ]
    parts = {}
    for link in links:
        service = link.netloc.removesuffix(".test")
        part = apps[service].test_client().get(link.path)
        assert part.status_code == 200, (service, part.data)
        assert part.json["service"] == service
        assert part.json["company_id"] == str(company["company_id"])
        parts[service] = part.json["data"]
    # Each part holds what that service keeps about the company.
    assert parts["assessment"]["company"]["name"] == START_BODY["company"]["name"]
    assert [a["id"] for a in parts["assessment"]["assessments"]] == [str(company["assessment_id"])]
    assert [r["failure"] for r in parts["reporting"]["reports"]] == ["render timeout"]
    [row] = parts["notifications"]["company_assessments"]
    assert row["contact_email"] == START_BODY["contact"]["email"]


def test_the_companys_own_advisor_does_not_get_the_export(
    services: Services, apps: dict[str, Flask]
):
    company = scored_company(services, apps)
    engine = services.engines["notifications"]
    desk, advisor_id = desk_login(apps["notifications"], engine, "advisor")
    with engine.begin() as connection:
        connection.execute(
            update(company_table)
            .where(company_table.c.assessment_id == company["assessment_id"])
            .values(advisor_id=advisor_id, assigned_at=datetime.now(UTC))
        )

    assert desk.get(f"/desk/companies/{company['assessment_id']}").status_code == 200
    page = desk.get(f"/desk/companies/{company['assessment_id']}/privacy")
    assert page.status_code == 403
    assert not _EXPORT_LINK.search(page.text)
