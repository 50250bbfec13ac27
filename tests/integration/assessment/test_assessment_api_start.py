"""POST /api/v1/assessments: a company starts with its profile, contact and consents."""

from __future__ import annotations

import hashlib
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from assessment.adapters.tables import assessments, companies


def test_starting_answers_201_with_an_id_a_token_and_a_resume_link(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 201
    created = response.json
    assert len(created["token"]) >= 43  # 32 random bytes, base64url
    assert created["resume_url"].startswith(f"http://testserver/resume/{created['id']}")
    with engine.connect() as connection:
        row = connection.execute(select(assessments)).one()
        company = connection.execute(select(companies)).one()
    assert str(row.id) == created["id"]
    assert row.status == "draft"
    assert row.answers == {}
    assert (row.employees, row.revenue_band, row.district) == ("50_249", "10m_50m", "bamberg_land")
    assert (row.consent_processing, row.consent_advisor_sharing) == (True, True)
    assert row.consent_text_version == row.questionnaire_version == "2026.2"
    assert row.token_expires_at > row.created_at
    assert company.name == "Muster Präzisionsteile GmbH"


def test_the_token_is_stored_only_as_its_hash(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    token = client.post("/api/v1/assessments", json=start_body).json["token"]

    with engine.connect() as connection:
        row = connection.execute(select(assessments)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in row}


def test_two_starts_get_different_tokens(client: FlaskClient, start_body: dict[str, Any]):
    first = client.post("/api/v1/assessments", json=start_body).json
    second = client.post("/api/v1/assessments", json=start_body).json

    assert first["token"] != second["token"]
    assert first["id"] != second["id"]


def test_without_consent_to_processing_nothing_is_started(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    start_body["consents"]["processing"] = False

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert "processing" in response.json["errors"]["consents"]
    with engine.connect() as connection:
        assert connection.execute(select(assessments)).all() == []


def test_fields_that_are_not_in_the_schema_are_refused(
    client: FlaskClient, start_body: dict[str, Any]
):
    start_body["status"] = "submitted"
    start_body["company"]["id"] = "00000000-0000-0000-0000-000000000000"

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 422
    assert "status" in response.json["errors"]
    assert "id" in response.json["errors"]["company"]


def test_bad_profile_values_are_named_field_by_field(
    client: FlaskClient, start_body: dict[str, Any]
):
    start_body["language"] = "fr"
    start_body["company"]["employees"] = "lots"
    start_body["contact"]["email"] = "not-an-email"
    start_body["consents"]["benchmarking"] = "yes"

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 422
    errors = response.json["errors"]
    assert set(errors) == {"language", "company", "contact", "consents"}
    assert "employees" in errors["company"]
    assert "email" in errors["contact"]
    assert "benchmarking" in errors["consents"]


def test_a_dutch_company_starts_in_dutch(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    start_body["language"] = "nl"

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 201
    with engine.connect() as connection:
        assert connection.execute(select(assessments.c.language)).scalar_one() == "nl"


def test_a_language_wegweiser_does_not_write_in_is_refused_by_name(
    client: FlaskClient, start_body: dict[str, Any], engine: Engine
):
    start_body["language"] = "fr"

    response = client.post("/api/v1/assessments", json=start_body)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert response.json["errors"] == {"language": ["Must be one of: de, en, nl."]}
    with engine.connect() as connection:
        assert connection.execute(select(assessments)).all() == []
