"""A generated report with its file, for tests of any service that need a genuine download."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from reporting.adapters.tables import STATUS_GENERATED, reports
from reporting.entrypoints.dependencies import EXTENSION
from servicekit.web import ENGINE_EXTENSION

MINIMAL_PDF = b"%PDF-1.7\n%%EOF\n"


def add_generated_report(app: Flask) -> uuid.UUID:
    """Store a tiny PDF in the app's report storage and its `reports` row; return its id."""
    report_id = uuid.uuid4()
    file_key = f"{report_id}.pdf"
    path = Path(app.extensions[EXTENSION].files.path(file_key))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(MINIMAL_PDF)
    with app.extensions[ENGINE_EXTENSION].begin() as connection:
        connection.execute(
            reports.insert().values(
                id=report_id,
                assessment_id=uuid.uuid4(),
                company_id=uuid.uuid4(),
                status=STATUS_GENERATED,
                language="de",
                file_key=file_key,
                attempts=1,
                created_at=datetime.now(UTC),
            )
        )
    return report_id
