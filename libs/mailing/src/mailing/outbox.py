"""Queueing a mail: a row written in the caller's transaction, sent after that commits
(and not before its `not_before`); withdrawing one that has not gone out yet."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, update
from sqlalchemy.orm import Session

from mailing.message import (
    MAX_ADDRESS_LENGTH,
    MAX_SUBJECT_LENGTH,
    Attachment,
    Mail,
    Unsendable,
)
from mailing.owner import MailOwner
from mailing.tables import STATUS_FAILED, STATUS_QUEUED, STATUS_WITHDRAWN, mail_outbox
from servicekit.db import changed_rows, dialect_insert


def queue_mail(
    target: Connection | Session, mail: Mail | Unsendable, now: datetime, *, owner: MailOwner
) -> bool:
    """Record the mail for the sender, with its owner (whom export, erasure and the delivery
    log find it by); an Unsendable one as failed with its reason. False if a mail with its
    dedupe_key was queued before (a redelivered event queues one mail). Commit is the
    caller's."""
    statement = (
        dialect_insert(target, mail_outbox)
        .values(
            id=uuid.uuid4(),
            dedupe_key=mail.dedupe_key,
            created_at=now,
            attempts=0,
            **_content(mail, now),
            **owner.columns(),
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(mail_outbox.c.id)
    )
    return target.execute(statement).first() is not None


def _content(mail: Mail | Unsendable, now: datetime) -> dict[str, Any]:
    if isinstance(mail, Unsendable):
        # Never sent, so never a header: kept (cut to the columns' size) for the log to
        # show which address was refused.
        return {
            "recipient": mail.to[:MAX_ADDRESS_LENGTH],
            "subject": mail.subject[:MAX_SUBJECT_LENGTH],
            "text_body": "",
            "status": STATUS_FAILED,
            "last_error": f"not written: {mail.reason}"[:2000],
            "next_attempt_at": now,
        }
    return {
        "recipient": mail.to,
        "reply_to": mail.reply_to,
        "subject": mail.subject,
        "text_body": mail.text,
        "html_body": mail.html,
        "attachments": _stored_attachments(mail.attachments),
        "status": STATUS_QUEUED,
        "next_attempt_at": max(now, mail.not_before or now),
    }


def withdraw_mail(target: Connection | Session, dedupe_key: str) -> bool:
    """Take back a mail that is still queued (a reminder for a meeting that was cancelled or
    moved); False if there is none or it has gone out already. Commit is the caller's."""
    result = target.execute(
        update(mail_outbox)
        .where(mail_outbox.c.dedupe_key == dedupe_key, mail_outbox.c.status == STATUS_QUEUED)
        .values(status=STATUS_WITHDRAWN)
    )
    return changed_rows(result) == 1


def _stored_attachments(attachments: tuple[Attachment, ...]) -> list[dict[str, str]] | None:
    if not attachments:
        return None
    return [
        {
            "filename": attachment.filename,
            "content_type": attachment.content_type,
            "data": base64.b64encode(attachment.data).decode("ascii"),
        }
        for attachment in attachments
    ]


def stored_attachments_to_mail(stored: list[dict[str, str]] | None) -> tuple[Attachment, ...]:
    """The attachments of a mail_outbox row, as queue_mail stored them."""
    return tuple(
        Attachment(item["filename"], item["content_type"], base64.b64decode(item["data"]))
        for item in stored or ()
    )
