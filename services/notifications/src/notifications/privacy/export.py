"""The notifications service's part of a company's export: the read model's rows, meetings,
call-back requests, reports waiting for their assessment, and the mails sent (with their
bodies)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, select

from mailing.owner import mails_to_company
from mailing.privacy import mails_as_json
from notifications.adapters.tables import (
    callback_requests,
    company_assessments,
    meetings,
    reports_awaiting_assessment,
)
from notifications.privacy.company_data import find_copies


def company_data(connection: Connection, company_id: uuid.UUID) -> dict[str, Any]:
    copies = find_copies(connection, company_id)
    ids = copies.assessment_ids

    def rows(table: Any) -> list[dict[str, Any]]:
        found = connection.execute(select(table).where(table.c.assessment_id.in_(ids)))
        return [dict(row._mapping) for row in found]

    return {
        "company_assessments": rows(company_assessments),
        "meetings": rows(meetings),
        "callback_requests": rows(callback_requests),
        "reports_awaiting_assessment": rows(reports_awaiting_assessment),
        # Those sent to the company; an advisor's mails about it are the advisor's.
        "mails": mails_as_json(connection, mails_to_company(company_id)),
    }
