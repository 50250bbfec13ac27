"""/openapi.json documents the JSON API from the same marshmallow schemas that load requests."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_openapi_documents_every_endpoint_and_the_request_schemas(client: FlaskClient):
    response = client.get("/openapi.json")

    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/questionnaire",
        "/api/v1/assessments",
        "/api/v1/assessments/{assessment_id}/answers",
        "/api/v1/assessments/{assessment_id}/current-version",
        "/api/v1/assessments/{assessment_id}/submit",
        "/api/v1/assessments/{assessment_id}/result",
        "/api/v1/assessments/{assessment_id}/token",
        "/api/v1/assessments/{assessment_id}/export",
        "/api/v1/assessments/{assessment_id}/erasure",
        "/api/v1/privacy/export/{token}",
    }
    schemas = document["components"]["schemas"]
    assert schemas["StartAssessment"]["additionalProperties"] is False
    assert schemas["StartAssessment"]["properties"]["language"]["enum"] == ["de", "en", "nl"]
    assert schemas["Company"]["properties"]["employees"]["enum"] == [
        "lt50", "50_249", "250_399", "400_499", "500_999", "ge1000"
    ]  # fmt: skip
    assert schemas["Moved"]["required"] == ["answers", "id", "questionnaire_version", "status"]
    assert document["components"]["securitySchemes"]["resumeToken"]["scheme"] == "bearer"


def test_openapi_shows_the_glossary_hints_of_questionnaire_items(client: FlaskClient):
    schemas = client.get("/openapi.json").json["components"]["schemas"]

    items = schemas["QuestionnaireDocument"]["properties"]["items"]["items"]
    assert items == {"$ref": "#/components/schemas/QuestionnaireItem"}
    glossary = schemas["QuestionnaireItem"]["properties"]["glossary"]
    assert glossary == {"type": "array", "items": {"$ref": "#/components/schemas/GlossaryEntry"}}
    assert schemas["GlossaryEntry"]["required"] == ["term", "text"]
