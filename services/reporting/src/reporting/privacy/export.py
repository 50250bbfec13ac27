"""The reporting service's part of a company's export: its reports (metadata; the PDF is
behind the report's own link) and benchmark entries."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, select

from reporting.adapters.tables import benchmark_scores, reports


def company_data(connection: Connection, company_id: uuid.UUID) -> dict[str, Any]:
    report_rows = connection.execute(
        select(reports).where(reports.c.company_id == company_id).order_by(reports.c.created_at)
    ).all()
    ids = [row.assessment_id for row in report_rows]
    benchmark = connection.execute(
        select(benchmark_scores).where(benchmark_scores.c.assessment_id.in_(ids))
    ).all()
    return {
        "reports": [dict(row._mapping) for row in report_rows],
        "benchmark_scores": [dict(row._mapping) for row in benchmark],
    }
