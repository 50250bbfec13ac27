"""The advisor's company page shows every context item of the assessment (target fields,
works council, hard-to-fill positions, customers' ESG data requests, interest in the
cluster's offers …) as `assessment.scored` carries them, recorded by the consumer's service."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from notifications_desk_helpers import account, log_in
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from testkit.events import scored_event

from eventing.envelope import Envelope
from notifications.adapters.mail_links import MailLinks
from notifications.services.record_scored_assessment import record_scored_assessment

CONTEXT = [
    {
        "item_id": "strategy.target_fields",
        "question": "In welchen Zielfeldern wollen Sie in den nächsten Jahren wachsen oder neu "
        "einsteigen?",
        "answer": "Medizintechnik",
    },
    {
        "item_id": "strategy.cluster_offers",
        "question": "Welche Angebote des Clusters interessieren Sie?",
        "answer": "nicht beantwortet",
    },
    {
        "item_id": "workforce.codetermination",
        "question": "Gibt es in Ihrem Betrieb einen Betriebsrat oder gilt ein Tarifvertrag?",
        "answer": "Betriebsrat, Tarifvertrag (Flächen- oder Haustarif)",
    },
]


def _recorded(engine: Engine, mail_links: MailLinks, event: Envelope) -> Any:
    with Session(engine) as session, session.begin():
        record_scored_assessment(mail_links, session, event)
    return event.data["assessment_id"]


def _context_section(page: str) -> list[tuple[str, str]] | None:
    match = re.search(r"<h2>Angaben für das Gespräch</h2>\s*<dl[^>]*>(.*?)</dl>", page, re.S)
    if match is None:
        return None
    return re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", match.group(1))


def test_the_company_page_lists_every_context_item_in_the_events_order(
    engine: Engine, mail_links: MailLinks, desk_client: FlaskClient
) -> None:
    admin = account(engine, "Ada Admin", role="admin")
    assessment_id = _recorded(
        engine,
        mail_links,
        scored_event(consents={"advisor_sharing": False}, context_answers=CONTEXT),
    )
    log_in(desk_client, admin)

    page = desk_client.get(f"/desk/companies/{assessment_id}").get_data(as_text=True)

    assert _context_section(page) == [
        (
            "In welchen Zielfeldern wollen Sie in den nächsten Jahren wachsen oder neu einsteigen?",
            "Medizintechnik",
        ),
        ("Welche Angebote des Clusters interessieren Sie?", "nicht beantwortet"),
        (
            "Gibt es in Ihrem Betrieb einen Betriebsrat oder gilt ein Tarifvertrag?",
            "Betriebsrat, Tarifvertrag (Flächen- oder Haustarif)",
        ),
    ]


def test_an_assessment_from_before_the_context_items_has_no_such_section(
    engine: Engine, mail_links: MailLinks, desk_client: FlaskClient
) -> None:
    admin = account(engine, "Ada Admin", role="admin")
    event = scored_event(consents={"advisor_sharing": False})
    event.data.pop("context_answers", None)  # a producer older than the field
    assessment_id = _recorded(engine, mail_links, event)
    log_in(desk_client, admin)

    page = desk_client.get(f"/desk/companies/{assessment_id}").get_data(as_text=True)

    assert "Angaben für das Gespräch" not in page
    assert "Größte Lücken" in page
