"""The assessment service's own tables (the outbox, inbox, erasure ledger and link cut-offs
come from eventing.tables).

A company answers through one assessment; the assessment keeps the profile as it was given
then, so a later change of the company never rewrites a scored result.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
)

from servicekit.db import UTCDateTime

metadata = MetaData()

STATUS_DRAFT = "draft"
STATUS_SUBMITTED = "submitted"

companies = Table(
    "companies",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("company_id", Uuid, ForeignKey("companies.id"), nullable=False),
    Column("employees", String(64), nullable=False),
    Column("revenue_band", String(64)),
    Column("district", String(64), nullable=False),
    Column("contact_name", String(200), nullable=False),
    Column("contact_email", String(254), nullable=False),
    Column("language", String(2), nullable=False),
    Column("consent_processing", Boolean, nullable=False),
    Column("consent_advisor_sharing", Boolean, nullable=False),
    Column("consent_benchmarking", Boolean, nullable=False),
    # Which wording the company agreed to, and when: GDPR asks us to be able to show it.
    Column("consent_text_version", String(50), nullable=False),
    Column("consented_at", UTCDateTime, nullable=False),
    # sha256 of the resume token: a leaked database does not open anyone's assessment.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("token_expires_at", UTCDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("questionnaire_version", String(50), nullable=False),
    Column("ruleset_version", String(50), nullable=False),
    Column("result", JSON),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("submitted_at", UTCDateTime),
    CheckConstraint(
        f"status IN ('{STATUS_DRAFT}', '{STATUS_SUBMITTED}')", name="ck_assessments_status"
    ),
)
Index("ix_assessments_company_id", assessments.c.company_id)

REPORT_PENDING, REPORT_READY, REPORT_FAILED = "pending", "ready", "failed"
MEETING_NONE, MEETING_BOOKED, MEETING_CANCELLED = "none", "booked", "cancelled"

# What happened after the submit, as the other services tell it in their events: shown
# on the result page (PDF ready? meeting booked?).
follow_ups = Table(
    "follow_ups",
    metadata,
    Column("assessment_id", Uuid, ForeignKey("assessments.id"), primary_key=True),
    Column("report_status", String(20), nullable=False),
    Column("report_url", String(2000)),
    Column("report_pages", Integer),
    Column("report_failure", String(500)),
    Column("meeting_status", String(20), nullable=False),
    Column("meeting_id", Uuid),
    Column("meeting_starts_at", UTCDateTime),
    Column("meeting_ends_at", UTCDateTime),
    # The booking's version: an older event arriving late must not undo a newer one.
    Column("meeting_sequence", Integer),
    Column("updated_at", UTCDateTime, nullable=False),
)

# -- privacy (assessment.privacy) -----------------------------------------------------------

# The erasures this service sees through (whoever took the request): it tells the company
# once every service has reported completion. The contact is copied here before the
# assessments go and blanked when the confirmation mail is queued; the mail's own row is
# blanked by the retention job once it has gone out (assessment.privacy.retention).
erasure_requests = Table(
    "erasure_requests",
    metadata,
    Column("erasure_id", Uuid, primary_key=True),
    Column("company_id", Uuid, nullable=False),
    Column("requested_by", String(10), nullable=False),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("contact_name", String(200)),
    Column("contact_email", String(254)),
    Column("language", String(2)),
    Column("confirmed_at", UTCDateTime),  # when the confirmation mail was queued
)
Index("ix_erasure_requests_company_id", erasure_requests.c.company_id)

erasure_completions = Table(
    "erasure_completions",
    metadata,
    Column("erasure_id", Uuid, primary_key=True),
    Column("service", String(20), primary_key=True),
    Column("completed_at", UTCDateTime, nullable=False),
)
