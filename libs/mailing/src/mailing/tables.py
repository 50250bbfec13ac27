"""The mail outbox table, added to a service's own database by the `mailing` migrations.

A row is a mail and its delivery log: queued until sent (or failed for good, or withdrawn),
with the attempts made and the last error. Sent rows stay as the record of what went out.
Each row names its owner (`mailing.owner.MailOwner`), which export, erasure and the delivery
log select by: an address is whatever someone typed in, so it proves nothing.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, Integer, MetaData, String, Table, Text, Uuid

from servicekit.db import UTCDateTime

STATUS_QUEUED = "queued"
STATUS_SENT = "sent"
STATUS_FAILED = "failed"
STATUS_WITHDRAWN = "withdrawn"  # taken back before it went out (a cancelled meeting's reminder)

metadata = MetaData()

mail_outbox = Table(
    "mail_outbox",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("dedupe_key", String(200), nullable=False, unique=True),
    Column("recipient", String(320), nullable=False),
    Column("reply_to", String(320)),
    Column("subject", String(250), nullable=False),
    Column("text_body", Text, nullable=False),
    Column("html_body", Text),
    # [{"filename", "content_type", "data": base64}]; None without attachments.
    Column("attachments", JSON),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("owner_company_id", Uuid),
    Column("owner_assessment_id", Uuid),
    Column("owner_advisor_id", Uuid),
    # The sender's question: which queued mails are due, earliest first.
    Index("ix_mail_outbox_status_next_attempt_at", "status", "next_attempt_at"),
    # A company's export and erasure, an advisor's delivery log.
    Index("ix_mail_outbox_owner_company_id", "owner_company_id"),
    Index("ix_mail_outbox_owner_assessment_id", "owner_assessment_id"),
    Index("ix_mail_outbox_owner_advisor_id", "owner_advisor_id"),
)
