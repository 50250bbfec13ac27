"""Personal data in the mail outbox: exporting a person's mails, erasing them, expiring old ones.

A mail row is also the delivery log. Erasing or expiring a mail keeps the row — its id,
dedupe key (which names only ids and a kind), status, attempts and times, so the log still
shows that a mail went out and a redelivered event still finds its key and queues nothing —
and blanks everything that names or reaches a person: recipient, reply-to, subject, bodies,
attachments and the last error (a server's answer may quote the address). A mail still
queued is withdrawn, so the sender never tries the blanked row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, select, update
from sqlalchemy.orm import Session

from mailing.tables import STATUS_QUEUED, STATUS_WITHDRAWN, mail_outbox
from servicekit.db import changed_rows

ERASED = "[erased]"


def mails_as_json(db: Connection | Session, which: ColumnElement[bool]) -> list[dict[str, Any]]:
    """The mails `which` selects, every column, for an export."""
    rows = db.execute(select(mail_outbox).where(which).order_by(mail_outbox.c.created_at))
    return [dict(row._mapping) for row in rows]


def erase_mails(db: Connection | Session, which: ColumnElement[bool]) -> int:
    """Blank the personal data of the mails `which` selects; returns how many were blanked."""
    result = db.execute(
        update(mail_outbox)
        # Blanked rows are left alone: a periodic run does not rewrite the whole log.
        .where(which, mail_outbox.c.recipient != ERASED)
        .values(
            recipient=ERASED,
            reply_to=None,
            subject=ERASED,
            text_body="",
            html_body=None,
            attachments=None,
            last_error=None,
            status=case(
                (mail_outbox.c.status == STATUS_QUEUED, STATUS_WITHDRAWN),
                else_=mail_outbox.c.status,
            ),
        )
    )
    return changed_rows(result)


def expire_mail_bodies(db: Connection | Session, older_than: datetime) -> int:
    """Blank mails created before `older_than` that are done (sent, failed or withdrawn);
    a mail still queued is still needed and keeps its content until it is done."""
    return erase_mails(
        db, and_(mail_outbox.c.created_at < older_than, mail_outbox.c.status != STATUS_QUEUED)
    )
