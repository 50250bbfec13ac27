"""Queueing a mail: a row written in the caller's transaction, sent after that commits."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mailing.message import Mail
from mailing.tables import STATUS_QUEUED, mail_outbox

_INSERT_FOR_DIALECT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def queue_mail(target: Connection | Session, mail: Mail, now: datetime) -> bool:
    """Record the mail for the sender; False if a mail with its dedupe_key was queued before
    (a redelivered event queues one mail). Commit is the caller's."""
    bind = target.get_bind() if isinstance(target, Session) else target
    insert = _INSERT_FOR_DIALECT[bind.dialect.name]
    statement = (
        insert(mail_outbox)
        .values(
            id=uuid.uuid4(),
            dedupe_key=mail.dedupe_key,
            recipient=mail.to,
            reply_to=mail.reply_to,
            subject=mail.subject,
            text_body=mail.text,
            html_body=mail.html,
            status=STATUS_QUEUED,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(mail_outbox.c.id)
    )
    return target.execute(statement).first() is not None
