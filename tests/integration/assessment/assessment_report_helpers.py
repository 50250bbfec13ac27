"""Helpers of the tests that follow one assessment from the JSON API to its PDF report (a
module of its own: every test folder has a conftest)."""

from __future__ import annotations

import html
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from sqlalchemy import Engine, select
from testkit.web import bearer

from eventing.codec import decode
from eventing.tables import outbox
from reporting.adapters.document_html import JinjaDocumentHtml
from reporting.adapters.render_process import RenderProcess
from reporting.domain.benchmark import Benchmark
from reporting.services.generate_report import report_request


def scored_event_of(client: FlaskClient, engine: Engine, body: dict[str, Any], answers: Any):
    started = client.post("/api/v1/assessments", json=body).json
    auth = bearer(started["token"])
    url = f"/api/v1/assessments/{started['id']}"
    assert client.put(f"{url}/answers", json={"answers": answers}, headers=auth).status_code == 200
    assert client.post(f"{url}/submit", headers=auth).status_code == 200
    with engine.connect() as connection:
        [row] = connection.execute(
            select(outbox.c.payload).where(outbox.c.event_type == "assessment.scored")
        ).all()
    return started, decode(row.payload.encode()).data


def page_text(client: FlaskClient, started: dict[str, str]) -> str:
    client.get(urlsplit(started["resume_url"]).path)  # opens the browser session
    page = client.get(f"/a/{started['id']}/result")
    assert page.status_code == 200
    return " ".join(html.unescape(page.get_data(as_text=True)).split())


def pdf_text(data: dict[str, Any], tmp_path: Path) -> str:
    request = report_request(data, Benchmark("none", 0), "http://book.test/b")
    pdf = RenderProcess(60).render(JinjaDocumentHtml().render(request))
    (tmp_path / "report.pdf").write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())
