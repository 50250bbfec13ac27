"""Retention, with a clock: drafts untouched too long and old delivery-log bodies go; newer
ones, submitted assessments and mails still queued stay."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from flask import Flask
from privacy_helpers import START_BODY, Services
from sqlalchemy import select, update

from assessment.adapters.tables import STATUS_SUBMITTED, assessments, companies
from assessment.privacy.config import PrivacyConfig
from assessment.privacy.retention import apply_retention
from mailing.message import Mail
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from mailing.privacy import ERASED
from mailing.tables import STATUS_SENT, mail_outbox
from notifications.privacy.retention import apply_retention as notifications_retention

NOW = datetime(2027, 6, 1, 12, tzinfo=UTC)
OWNER = MailOwner.company(uuid.uuid4(), uuid.uuid4())
POLICY = PrivacyConfig(draft_retention=timedelta(days=180), mail_body_retention=timedelta(days=30))


def test_assessment_retention_deletes_only_old_drafts_and_old_mail_bodies(
    services: Services, apps: dict[str, Flask]
):
    engine = services.engines["assessment"]
    client = apps["assessment"].test_client()
    ids = [
        uuid.UUID(client.post("/api/v1/assessments", json=START_BODY).json["id"]) for _ in range(3)
    ]
    old_draft, old_submitted, recent_draft = ids
    with engine.begin() as connection:
        for assessment_id, days in ((old_draft, 181), (old_submitted, 400), (recent_draft, 179)):
            connection.execute(
                update(assessments)
                .where(assessments.c.id == assessment_id)
                .values(updated_at=NOW - timedelta(days=days))
            )
        connection.execute(
            update(assessments)
            .where(assessments.c.id == old_submitted)
            .values(status=STATUS_SUBMITTED)
        )
    _age_mails(engine)

    done = apply_retention(engine, POLICY, NOW)

    with engine.connect() as connection:
        left = set(connection.execute(select(assessments.c.id)).scalars())
        company_count = len(connection.execute(select(companies.c.id)).all())
    assert left == {old_submitted, recent_draft}
    assert company_count == 2
    assert done.drafts_deleted == 1
    _assert_only_old_done_mails_blanked(engine)


def test_notifications_retention_blanks_only_old_done_mails(services: Services):
    engine = services.engines["notifications"]
    _age_mails(engine)
    notifications_retention(engine, timedelta(days=30), NOW)
    _assert_only_old_done_mails_blanked(engine)


def _age_mails(engine) -> None:
    with engine.begin() as connection:
        connection.execute(mail_outbox.delete())
        for key, days, status in (
            ("old-sent", 31, STATUS_SENT),
            ("old-queued", 31, "queued"),
            ("new-sent", 29, STATUS_SENT),
        ):
            mail = Mail(key, "someone@example.org", "Betreff", "Text mit Namen")
            queue_mail(connection, mail, NOW - timedelta(days=days), owner=OWNER)
            connection.execute(
                update(mail_outbox).where(mail_outbox.c.dedupe_key == key).values(status=status)
            )


def _assert_only_old_done_mails_blanked(engine) -> None:
    with engine.connect() as connection:
        rows = {row.dedupe_key: row for row in connection.execute(select(mail_outbox))}
    assert rows["old-sent"].recipient == ERASED
    assert rows["old-sent"].text_body == ""
    assert rows["old-sent"].status == STATUS_SENT  # the log row stays
    assert rows["old-queued"].text_body == "Text mit Namen"
    assert rows["new-sent"].text_body == "Text mit Namen"
