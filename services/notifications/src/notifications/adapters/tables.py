"""The notifications service's own tables (outbox, inbox, erasure ledger, link cut-offs and
mail outbox come from the libs).

Advisors and their availability are what bookings are made against; `company_assessments`
is this service's read model of the scored assessments (what the advisor desk lists and
routing decides on), named in the words of its ruleset's `vocabularies`; `meetings` are
the bookings; `callback_requests` are companies that
found no free date and asked to be called.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Time,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint

from notifications.domain.meetings import MEETING_BOOKED, MEETING_CANCELLED
from servicekit.db import UTCDateTime

metadata = MetaData()

ROLE_ADVISOR, ROLE_ADMIN = "advisor", "admin"

advisors = Table(
    "advisors",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("email", String(320), nullable=False, unique=True),
    Column("role", String(10), nullable=False),
    # argon2 hash; None until the advisor has a login (e.g. seeded demo advisors).
    Column("password_hash", String(200)),
    # District ids and topic ids (questionnaire dimension ids) this advisor covers.
    Column("districts", JSON, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("meeting_minutes", Integer, nullable=False),
    Column("buffer_minutes", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    # Routing's tie-break: among equally suited advisors, the least recently assigned.
    Column("last_assigned_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(f"role IN ('{ROLE_ADVISOR}', '{ROLE_ADMIN}')", name="ck_advisors_role"),
    CheckConstraint("meeting_minutes BETWEEN 15 AND 240", name="ck_advisors_meeting_minutes"),
    CheckConstraint("buffer_minutes BETWEEN 0 AND 120", name="ck_advisors_buffer_minutes"),
)

# The advisor's usual week, in the advisor's own time zone (wall-clock times: a 09:00
# start stays 09:00 across the daylight-saving switches).
weekly_availability = Table(
    "weekly_availability",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("advisor_id", Uuid, ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False),
    Column("weekday", Integer, nullable=False),  # 0 = Monday, as date.weekday()
    Column("starts", Time, nullable=False),
    Column("ends", Time, nullable=False),
    CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_weekly_availability_weekday"),
    CheckConstraint("ends > starts", name="ck_weekly_availability_order"),
)
Index("ix_weekly_availability_advisor_id", weekly_availability.c.advisor_id)

# A day that differs from the usual week: a holiday or absence (no times: not available
# at all) or other hours that day (these replace the weekly hours of that date).
availability_overrides = Table(
    "availability_overrides",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("advisor_id", Uuid, ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("starts", Time),
    Column("ends", Time),
    Column("note", String(200)),
    CheckConstraint(
        "(starts IS NULL AND ends IS NULL) OR (starts IS NOT NULL AND ends > starts)",
        name="ck_availability_overrides_times",
    ),
)
Index(
    "ix_availability_overrides_advisor_day",
    availability_overrides.c.advisor_id,
    availability_overrides.c.day,
)

# What this service knows of a scored assessment, from `assessment.scored` and
# `report.generated`: enough for routing, the advisor desk, the mails and the booking page.
company_assessments = Table(
    "company_assessments",
    metadata,
    Column("assessment_id", Uuid, primary_key=True),
    Column("company_id", Uuid, nullable=False),
    Column("company_name", String(200), nullable=False),
    Column("district", String(64), nullable=False),
    Column("employees", String(64), nullable=False),
    Column("main_segment", String(64)),
    Column("contact_name", String(200), nullable=False),
    Column("contact_email", String(320), nullable=False),
    Column("language", String(2), nullable=False),
    Column("advisor_sharing", Boolean, nullable=False),
    Column("assessment_class", String(1), nullable=False),
    Column("exposure", Float, nullable=False),
    Column("exposure_level", String(32), nullable=False),
    Column("readiness", Float, nullable=False),
    Column("readiness_level", String(32), nullable=False),
    Column("priority", Float, nullable=False),
    Column("priority_label", String(32), nullable=False),
    # [{"dimension", "score", "level", "text"}], as in the event.
    Column("top_gaps", JSON, nullable=False),
    # [{"item_id", "question", "answer"}] of the context items, as in the event; null when
    # the event carries none (producers before ruleset 2026.2).
    Column("context_answers", JSON),
    Column("scored_at", UTCDateTime, nullable=False),
    # Names its ids in `vocabularies`; null for assessments recorded before it was kept.
    Column("ruleset_version", String(50)),
    Column("advisor_id", Uuid, ForeignKey("advisors.id")),
    Column("assigned_at", UTCDateTime),
    Column("report_url", String(2000)),
    Column("report_generated_at", UTCDateTime),
)
Index(
    "ix_company_assessments_advisor_priority",
    company_assessments.c.advisor_id,
    company_assessments.c.priority,
)

# The words of each ruleset, as `ruleset.published` and `assessment.scored` carry them.
vocabularies = Table(
    "vocabularies",
    metadata,
    Column("ruleset_version", String(50), primary_key=True),
    Column("vocabulary", JSON, nullable=False),
)

# Each ruleset's funding programmes with their review dates, as `ruleset.published` carries
# them: what the admins' list of facts due for a check reads.
funding_reviews = Table(
    "funding_reviews",
    metadata,
    Column("ruleset_version", String(50), primary_key=True),
    Column("programme_id", String(100), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("ends_on", Date),
    Column("verified_on", Date, nullable=False),
    Column("review_by", Date, nullable=False),
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("assessment_id", Uuid, ForeignKey("company_assessments.assessment_id"), nullable=False),
    Column("advisor_id", Uuid, ForeignKey("advisors.id"), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("status", String(10), nullable=False),
    # Grows with every change; it is the ICS SEQUENCE and the events' `sequence`.
    Column("sequence", Integer, nullable=False),
    # A repeated POST with the same Idempotency-Key returns this meeting.
    Column("idempotency_key", String(200), unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("cancelled_at", UTCDateTime),
    Column("cancelled_by", String(10)),
    CheckConstraint(
        f"status IN ('{MEETING_BOOKED}', '{MEETING_CANCELLED}')", name="ck_meetings_status"
    ),
    CheckConstraint("ends_at > starts_at", name="ck_meetings_order"),
)
_ACTIVE = text(f"status = '{MEETING_BOOKED}'")
# The database, not a check-then-insert, keeps an advisor's active meetings apart: of two
# concurrent bookings (or moves) onto overlapping times, the second write fails and is
# answered 409. PostgreSQL checks this exclusion constraint; on SQLite, triggers of the same
# name do (migration notifications_0005).
meetings.append_constraint(
    ExcludeConstraint(
        (meetings.c.advisor_id, "="),
        (func.tstzrange(meetings.c.starts_at, meetings.c.ends_at), "&&"),
        name="ex_meetings_active_advisor_time",
        using="gist",
        where=_ACTIVE,
    ).ddl_if(dialect="postgresql")
)
# A company holds one active meeting at a time; a change of time is a reschedule.
Index(
    "uq_meetings_active_assessment",
    meetings.c.assessment_id,
    unique=True,
    sqlite_where=_ACTIVE,
    postgresql_where=_ACTIVE,
)
Index("ix_meetings_advisor_starts_at", meetings.c.advisor_id, meetings.c.starts_at)

# A `report.generated` that arrived before its `assessment.scored` (the two come on
# different topics, so their order is not guaranteed): kept here until the scored event
# brings the company and its contact, then its mails are queued and the row goes.
reports_awaiting_assessment = Table(
    "reports_awaiting_assessment",
    metadata,
    Column("assessment_id", Uuid, primary_key=True),
    Column("report_id", Uuid, nullable=False),
    Column("download_url", String(2000), nullable=False),
    Column("generated_at", UTCDateTime, nullable=False),
)

# A company that found no free date asks to be called; the admins see the open requests in
# the desk and mark them done. Contact name and address are the read model's; phone and
# preferred time are what the company typed (both optional).
callback_requests = Table(
    "callback_requests",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("assessment_id", Uuid, ForeignKey("company_assessments.assessment_id"), nullable=False),
    Column("company_id", Uuid, nullable=False),
    Column("phone", String(40)),
    Column("preferred_time", String(200)),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("done_at", UTCDateTime),
    Column("done_by", Uuid, ForeignKey("advisors.id")),
)
_OPEN = text("done_at IS NULL")
# One open request per company: asking again (a second click, another tab, the API and the
# page) finds the open one instead of making the admins call twice.
Index(
    "uq_callback_requests_open_company",
    callback_requests.c.company_id,
    unique=True,
    sqlite_where=_OPEN,
    postgresql_where=_OPEN,
)
