"""The result page tells what happened since: the PDF to download, the booked meeting."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from test_assessment_follow_ups import about
from testkit.web import bearer

from assessment.services import track_follow_ups


def submit_by_api(client: FlaskClient, started: dict[str, str], answers: dict) -> None:
    base, headers = f"/api/v1/assessments/{started['id']}", bearer(started["token"])
    assert (
        client.put(f"{base}/answers", json={"answers": answers}, headers=headers).status_code == 200
    )
    assert client.post(f"{base}/submit", headers=headers).status_code == 200


def result_page(client: FlaskClient, started: dict[str, str]) -> str:
    opened = client.get(f"/resume/{started['id']}/{started['token']}")
    assert opened.status_code == 303
    return client.get(f"/a/{started['id']}/result").get_data(as_text=True)


def test_the_result_page_offers_the_pdf_and_shows_the_meeting_in_local_time(
    client: FlaskClient, started: dict[str, str], complete_answers: dict[str, Any], engine: Engine
):
    submit_by_api(client, started, complete_answers)
    assert "Ihr Bericht wird erstellt." in result_page(client, started)
    generated = about("report.generated.v1.machining", started["id"], pages=16)
    booked = about("meeting.booked", started["id"])  # 2026-03-24 08:00 UTC, winter time

    with sessionmaker(engine).begin() as session:
        track_follow_ups.report_generated(session, generated)
        track_follow_ups.meeting_booked(session, booked)
    text = result_page(client, started)

    assert "Bericht herunterladen" in text
    assert 'href="https://wegweiser.example/reporting/reports/' in text
    assert "(16 Seiten)" in text
    assert "Ihr Transformationsgespräch ist gebucht: 24.03.2026 um 09:00 Uhr" in text
    assert "Transformationsgespräch buchen" not in text  # booked: no second booking offered
