"""The owners of the mails queued before mails had one (mailing_0003 adds the columns).

A meeting mail's key names the meeting and whether it went to the company or the advisor;
the meeting names its assessment and advisor. A report mail's key names the report and, for
the advisor's, the advisor; the report is found through the download link the read model
keeps (the newest report of each assessment only). A mail whose owner cannot be derived
keeps none: it is in no export and no advisor's log, and retention blanks it in time.

Revision ID: notifications_0003
Revises: notifications_0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import re
import uuid

import sqlalchemy as sa
from alembic import op

from mailing.migrations import fill_owners, forget_owners
from mailing.owner import MailOwner

revision = "notifications_0003"
down_revision = "notifications_0002"
branch_labels = None
depends_on = "mailing_0003"

_assessments = sa.table(
    "company_assessments",
    sa.column("assessment_id", sa.Uuid()),
    sa.column("company_id", sa.Uuid()),
    sa.column("report_url", sa.String()),
)
_meetings = sa.table(
    "meetings",
    sa.column("id", sa.Uuid()),
    sa.column("assessment_id", sa.Uuid()),
    sa.column("advisor_id", sa.Uuid()),
)
_UUID = "[0-9a-f-]{36}"
_REPORT_IN_URL = re.compile(rf"/reports/({_UUID})\.pdf")
_MEETING_KEY = re.compile(rf"^meeting:({_UUID}):\d+:[a-z]+:(company|advisor)$")
_REPORT_KEY = re.compile(rf"^report-ready:({_UUID}):(?:company|advisor:({_UUID}))$")


def upgrade() -> None:
    db = op.get_bind()
    companies, reports = {}, {}
    for row in db.execute(sa.select(_assessments)):
        companies[row.assessment_id] = row.company_id
        if found := _REPORT_IN_URL.search(row.report_url or ""):
            reports[uuid.UUID(found[1])] = row.assessment_id
    meetings = {row.id: row for row in db.execute(sa.select(_meetings))}

    def owner_of(dedupe_key: str) -> MailOwner | None:
        assessment_id = advisor_id = None
        if found := _MEETING_KEY.match(dedupe_key):
            meeting = meetings.get(uuid.UUID(found[1]))
            if meeting is not None:
                assessment_id = meeting.assessment_id
                advisor_id = meeting.advisor_id if found[2] == "advisor" else None
        elif found := _REPORT_KEY.match(dedupe_key):
            assessment_id = reports.get(uuid.UUID(found[1]))
            advisor_id = uuid.UUID(found[2]) if found[2] else None
        company_id = companies.get(assessment_id)
        if company_id is None:
            # The advisor's mail stays the advisor's even when its company is unknown.
            return None if advisor_id is None else MailOwner(None, None, advisor_id)
        return MailOwner(company_id, assessment_id, advisor_id)

    fill_owners(db, owner_of)


def downgrade() -> None:
    forget_owners(op.get_bind())
