"""Issue #15 in the assessment service, as the attacker did it: start an assessment with
another company's contact address, then export or erase it. The mails are found by their
owner, so neither touches the other company's resume mail; older mails get the owner their
dedupe keys name when the service migrates."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from privacy_helpers import START_BODY, Services, take_outbox
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from testkit.web import bearer

from assessment.entrypoints.cli import processes
from assessment.privacy.erasure import erase_company, erasure_completed
from eventing.schemas.privacy import ERASING_SERVICES
from mailing.privacy import ERASED
from mailing.tables import mail_outbox
from mailing.testing import back_to_mails_without_owners
from privacy.erasure_ledger import ErasureRequest, completed_event

ATTACKER_BODY = START_BODY | {"company": START_BODY["company"] | {"name": "Angreifer KG"}}
VICTIM_EMAIL = START_BODY["contact"]["email"]


@pytest.fixture
def twins(services: Services, apps: dict[str, Flask]) -> dict[str, Any]:
    """The victim's assessment, and the attacker's started with the victim's address."""
    client = apps["assessment"].test_client()
    victim = client.post("/api/v1/assessments", json=START_BODY).json
    attacker = client.post("/api/v1/assessments", json=ATTACKER_BODY).json
    return {"client": client, "victim": victim, "attacker": attacker}


def _export(client: FlaskClient, started: dict[str, str]) -> dict[str, Any]:
    path = f"/api/v1/assessments/{started['id']}/export"
    return client.get(path, headers=bearer(started["token"])).json


def _erase(services: Services, client: FlaskClient, started: dict[str, str]) -> None:
    """The company's erasure as the assessment service carries it out: its own copies,
    then the confirmation once every service has reported."""
    path = f"/api/v1/assessments/{started['id']}/erasure"
    response = client.post(path, json={"confirm": True}, headers=bearer(started["token"]))
    assert response.status_code == 202
    events = take_outbox(services.engines["assessment"])
    [requested] = [e for e in events if e.event_type == "erasure.requested"]
    request = ErasureRequest.from_event(requested)
    with Session(services.engines["assessment"]) as session, session.begin():
        erase_company(session, request)
        for service in ERASING_SERVICES:
            done = completed_event(service, request, requested, datetime.now(UTC))
            erasure_completed(session, done)


def _mails(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        rows = connection.execute(select(mail_outbox).order_by(mail_outbox.c.created_at))
        return [row._mapping for row in rows]


def test_an_export_holds_the_companys_own_mail_not_its_address_twins(twins: dict):
    exported = _export(twins["client"], twins["attacker"])

    [mail] = exported["data"]["mails"]
    assert mail["dedupe_key"] == f"assessment-resume:{twins['attacker']['id']}"
    assert twins["attacker"]["token"] in mail["text_body"]
    assert twins["victim"]["token"] not in str(exported)


def test_erasing_a_company_leaves_the_mails_of_its_address_twin_alone(
    twins: dict, services: Services
):
    attacker_company = _export(twins["client"], twins["attacker"])["company_id"]

    _erase(services, twins["client"], twins["attacker"])

    mails = _mails(services.engines["assessment"])
    assert [(m["dedupe_key"].split(":")[0], m["recipient"], m["status"]) for m in mails] == [
        ("assessment-resume", VICTIM_EMAIL, "queued"),
        ("assessment-resume", ERASED, "withdrawn"),
        ("erasure-confirmation", VICTIM_EMAIL, "queued"),
    ]
    assert [str(m["owner_company_id"]) for m in mails[1:]] == [attacker_company] * 2
    [victims_mail] = _export(twins["client"], twins["victim"])["data"]["mails"]
    assert twins["victim"]["token"] in victims_mail["text_body"]


def test_the_migration_gives_older_mails_the_owners_their_keys_name(
    twins: dict, services: Services, service_urls: dict[str, str]
):
    client, victim = twins["client"], twins["victim"]
    # A new resume link (its mail keyed by the token), and an erasure's confirmation.
    renewed = client.delete(
        f"/api/v1/assessments/{victim['id']}/token", headers=bearer(victim["token"])
    )
    assert renewed.status_code == 204
    _erase(services, client, twins["attacker"])
    engine = services.engines["assessment"]
    owners = _owners(engine)
    assert len(owners) == 4

    back_to_mails_without_owners(service_urls["assessment"], processes.version_locations)
    processes.migrate()

    # The erased assessment's mail (blanked) names an assessment that is gone: no owner.
    erased = f"assessment-resume:{twins['attacker']['id']}"
    assert _owners(engine) == owners | {erased: (None, None)}


def _owners(engine: Engine) -> dict[str, tuple]:
    return {
        m["dedupe_key"]: (m["owner_company_id"], m["owner_assessment_id"]) for m in _mails(engine)
    }
