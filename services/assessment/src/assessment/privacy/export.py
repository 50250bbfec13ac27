"""The assessment service's part of a company's export, with the links to the other parts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from assessment.adapters.tables import assessments, companies, erasure_requests, follow_ups
from assessment.config import AssessmentConfig
from assessment.privacy.config import PrivacyConfig
from mailing.owner import mails_to_company
from mailing.privacy import mails_as_json
from privacy.export import as_json, export_url

# The hash of the resume token opens nothing, but it is a credential, not the company's data.
_NOT_EXPORTED = {"token_hash"}


def company_data(connection: Connection, company_id: uuid.UUID) -> dict[str, Any]:
    """Everything this service holds about the company, its consents with their text version
    and time among the assessments' fields. What the company's own export holds, and what
    this service's signed export link (the admin's, at the desk) answers."""
    company = connection.execute(select(companies).where(companies.c.id == company_id)).first()
    rows = connection.execute(
        select(*(c for c in assessments.c if c.name not in _NOT_EXPORTED))
        .where(assessments.c.company_id == company_id)
        .order_by(assessments.c.created_at)
    ).all()
    ids = [row.id for row in rows]
    return {
        # None once the company is erased: a link minted before that finds nothing here.
        "company": None if company is None else dict(company._mapping),
        "assessments": [dict(row._mapping) for row in rows],
        "follow_ups": _rows(connection, follow_ups, follow_ups.c.assessment_id.in_(ids)),
        "mails": mails_as_json(connection, mails_to_company(company_id)),
        "erasure_requests": _rows(
            connection, erasure_requests, erasure_requests.c.company_id == company_id
        ),
    }


def company_export(
    connection: Connection,
    company_id: uuid.UUID,
    config: AssessmentConfig,
    privacy: PrivacyConfig,
    now: datetime,
) -> dict[str, Any]:
    """The company's export with its resume token: this service's data, and where to fetch
    the rest."""
    keys = config.booking_links.keys
    return as_json(
        {
            "service": "assessment",
            "company_id": company_id,
            "exported_at": now,
            "data": company_data(connection, company_id),
            # Signed, short-lived links: the other services' parts, for the same company.
            "other_services": {
                "reporting": export_url(privacy.reporting_base_url, keys, company_id, now),
                "notifications": export_url(config.booking_links.base_url, keys, company_id, now),
            },
        }
    )


def _rows(connection: Connection, table: Any, where: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(select(table).where(where))]
