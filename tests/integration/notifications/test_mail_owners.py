"""Issue #15, as the attacker did it: a contact address is whatever a company types in, so
export, erasure and the delivery log find mails by their owner, never by address.

The cluster: advisor Anna has the victim, which booked a meeting; advisor Bert has the
attacker, who gave the victim's contact address, and a company that gave Anna's address as
its contact. Every company got its report mail, every advisor the summary.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from notifications_booking_helpers import add_advisor, add_company, token_for
from sqlalchemy import Engine, insert, inspect, select
from sqlalchemy.orm import Session
from testkit.web import bearer

from mailing.privacy import ERASED
from mailing.tables import mail_outbox
from mailing.testing import back_to_mails_without_owners
from notifications.adapters import desk_queries
from notifications.adapters.advisor_store import DeskUser
from notifications.adapters.company_assessments import find
from notifications.adapters.mail_links import MailLinks
from notifications.adapters.report_mails import Report
from notifications.adapters.tables import advisors, meetings
from notifications.entrypoints.cli import processes
from notifications.privacy.erasure import erase_company
from notifications.services.send_report_mails import deliver_report
from privacy.erasure_ledger import ErasureRequest
from privacy.export import export_url
from servicekit.signed_tokens import SigningKeys

SHARED = "einkauf@opfer.example"  # the victim's contact, typed in by the attacker too


@pytest.fixture
def cluster(
    migrated: str, engine: Engine, booking_client: FlaskClient, mail_links: MailLinks
) -> dict[str, Any]:
    anna, bert = add_advisor(engine, name="Anna Alt"), add_advisor(engine, name="Bert Bau")
    with engine.connect() as connection:
        anna_email = connection.execute(
            select(advisors.c.email).where(advisors.c.id == anna)
        ).scalar_one()
    victim = add_company(engine, name="Opfer GmbH", advisor_id=anna, contact_email=SHARED)
    attacker = add_company(engine, name="Angreifer KG", advisor_id=bert, contact_email=SHARED)
    posing = add_company(engine, name="Maske AG", advisor_id=bert, contact_email=anna_email)
    for assessment_id in (victim, attacker, posing):
        _report_mails(engine, mail_links, assessment_id)
    token = token_for(victim)
    slot = booking_client.get("/api/v1/slots", headers=bearer(token)).get_json()[30]
    body = {"advisor_id": slot["advisor_id"], "start": slot["start"]}
    booked = booking_client.post("/api/v1/meetings", json=body, headers=bearer(token))
    assert booked.status_code == 201
    assert len(_mails(engine)) == 10
    return {
        "anna": anna,
        "anna_email": anna_email,
        "bert": bert,
        "victim": victim,
        "attacker": attacker,
        "posing": posing,
    }


def _report_mails(engine: Engine, links: MailLinks, assessment_id: uuid.UUID) -> None:
    report_id = uuid.uuid4()
    report = Report(report_id, f"http://reporting.test/reports/{report_id}.pdf?token=t", _now())
    with Session(engine) as session, session.begin():
        deliver_report(session, links, find(session, assessment_id), report)


def _now() -> datetime:
    return datetime.now(UTC)


def _mails(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        rows = connection.execute(select(mail_outbox).order_by(mail_outbox.c.dedupe_key))
        return [row._mapping for row in rows]


def _company_id(engine: Engine, assessment_id: uuid.UUID) -> uuid.UUID:
    with engine.connect() as connection:
        return find(connection, assessment_id)["company_id"]


def _kinds(mails: Iterable[Any]) -> list[str]:
    """What the mails are, by their dedupe keys without ids."""
    return sorted(_kind(mail["dedupe_key"]) for mail in mails)


def _kind(dedupe_key: str) -> str:
    """`report-ready:company`, `meeting:booked:advisor`, ..."""
    return ":".join(part for part in dedupe_key.split(":") if not _is_id(part))


def _is_id(part: str) -> bool:
    try:
        uuid.UUID(part)
    except ValueError:
        return part.isdigit()
    return True


def _export(client: FlaskClient, engine: Engine, assessment_id: uuid.UUID) -> list[dict]:
    link = export_url(
        "", SigningKeys("booking-test-secret"), _company_id(engine, assessment_id), _now()
    )
    response = client.get(link)
    assert response.status_code == 200
    return response.json["data"]["mails"]


def test_an_export_holds_the_mails_sent_to_the_company_and_none_of_its_address_twins(
    cluster: dict, booking_client: FlaskClient, engine: Engine
):
    attacker = _export(booking_client, engine, cluster["attacker"])
    posing = _export(booking_client, engine, cluster["posing"])
    victim = _export(booking_client, engine, cluster["victim"])

    # Only its own report mail: not the victim's booking and report links at the same
    # address, not Anna's summaries of other companies at the address Maske AG gave.
    assert _kinds(attacker) == ["report-ready:company"]
    assert _kinds(posing) == ["report-ready:company"]
    assert _kinds(victim) == [
        "meeting:booked:company",
        "meeting:reminder:company",
        "report-ready:company",
    ]
    assert {mail["owner_company_id"] for mail in attacker} == {
        str(_company_id(engine, cluster["attacker"]))
    }


def test_erasing_a_company_leaves_its_address_twins_and_the_advisors_mails_alone(
    cluster: dict, engine: Engine
):
    erased_companies = {name: _company_id(engine, cluster[name]) for name in ("attacker", "posing")}
    for name, company_id in erased_companies.items():
        request = ErasureRequest(uuid.uuid4(), company_id, (cluster[name],), "company", _now())
        with Session(engine) as session, session.begin():
            erase_company(session, request)

    mails = _mails(engine)
    erased = [mail for mail in mails if mail["recipient"] == ERASED]
    # Each company's report mail and Bert's summary of it; nothing of the victim or Anna.
    assert _kinds(erased) == ["report-ready:advisor"] * 2 + ["report-ready:company"] * 2
    assert {mail["owner_company_id"] for mail in erased} == set(erased_companies.values())
    kept = [mail for mail in mails if mail["recipient"] != ERASED]
    assert sorted(mail["recipient"] for mail in kept) == sorted(
        [SHARED] * 3 + [cluster["anna_email"]] * 3
    )
    # The victim's meeting stands, and so do its reminders.
    reminders = [mail["status"] for mail in kept if ":reminder:" in mail["dedupe_key"]]
    assert reminders == ["queued", "queued"]
    with engine.connect() as connection:
        assert connection.execute(select(meetings.c.status)).scalars().all() == ["booked"]


def test_an_advisors_delivery_log_shows_their_mails_and_their_companies_only(
    cluster: dict, engine: Engine
):
    def log(advisor_id: uuid.UUID) -> list[Any]:
        user = DeskUser(advisor_id, "", "", "advisor")
        with engine.connect() as connection:
            return [row._mapping for row in desk_queries.delivery_log(connection, user)]

    anna, bert = log(cluster["anna"]), log(cluster["bert"])

    # Anna: her summary, booking and reminder, and the victim's three mails; not the report
    # mail of Bert's company that gave her address.
    assert _kinds(anna) == [
        "meeting:booked:advisor",
        "meeting:booked:company",
        "meeting:reminder:advisor",
        "meeting:reminder:company",
        "report-ready:advisor",
        "report-ready:company",
    ]
    assert {mail["owner_assessment_id"] for mail in anna} == {cluster["victim"]}
    # Bert: his two summaries and his two companies' report mails, none of Anna's mails.
    assert _kinds(bert) == ["report-ready:advisor"] * 2 + ["report-ready:company"] * 2
    assert {mail["owner_assessment_id"] for mail in bert} == {
        cluster["attacker"],
        cluster["posing"],
    }
    assert [mail["owner_advisor_id"] for mail in bert].count(cluster["anna"]) == 0


def test_a_contact_address_the_mail_layer_refuses_is_a_failed_mail_not_a_500(
    migrated: str, engine: Engine, booking_client: FlaskClient
):
    advisor = add_advisor(engine)
    # A non-ASCII local part: valid for the start's check, no mail header can carry it.
    assessment_id = add_company(engine, advisor_id=advisor, contact_email="jörg@example.org")
    token = token_for(assessment_id)
    slot = booking_client.get("/api/v1/slots", headers=bearer(token)).get_json()[30]
    body = {"advisor_id": slot["advisor_id"], "start": slot["start"]}

    booked = booking_client.post("/api/v1/meetings", json=body, headers=bearer(token))

    assert booked.status_code == 201
    by_kind = {_kind(mail["dedupe_key"]): mail for mail in _mails(engine)}
    assert sorted(by_kind) == [
        "meeting:booked:advisor",
        "meeting:booked:company",
        "meeting:reminder:advisor",
        "meeting:reminder:company",
    ]
    for kind in ("meeting:booked:company", "meeting:reminder:company"):
        assert by_kind[kind]["status"] == "failed"
        assert by_kind[kind]["attempts"] == 0
        assert by_kind[kind]["last_error"].startswith("not written: to must be plain ASCII")
        assert by_kind[kind]["recipient"] == "jörg@example.org"
    # The advisor is told, without the Reply-To no header can carry.
    advisor_mail = by_kind["meeting:booked:advisor"]
    assert (advisor_mail["status"], advisor_mail["reply_to"]) == ("queued", None)


def test_the_migration_gives_older_mails_the_owners_their_keys_name(
    cluster: dict, migrated: str, engine: Engine
):
    owners = _owners(engine)
    back_to_mails_without_owners(migrated, processes.version_locations)
    assert "owner_company_id" not in {c["name"] for c in inspect(engine).get_columns("mail_outbox")}
    with engine.begin() as connection:  # what a mail without an owner cannot be traced by
        connection.execute(insert(mail_outbox).values(**_mail_of_no_known_kind()))

    processes.migrate()

    assert _owners(engine) == owners | {"unknown:1": (None, None, None)}


def _owners(engine: Engine) -> dict[str, tuple]:
    return {
        mail["dedupe_key"]: (
            mail["owner_company_id"],
            mail["owner_assessment_id"],
            mail["owner_advisor_id"],
        )
        for mail in _mails(engine)
    }


def _mail_of_no_known_kind() -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "dedupe_key": "unknown:1",
        "recipient": SHARED,
        "subject": "Betreff",
        "text_body": "Text",
        "status": "sent",
        "attempts": 1,
        "next_attempt_at": _now(),
        "created_at": _now(),
    }
