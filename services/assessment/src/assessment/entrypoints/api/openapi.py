"""The OpenAPI 3 document of the JSON API, generated from its marshmallow schemas, with the
privacy operations."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from assessment.entrypoints.api import schemas
from assessment.entrypoints.api.views import API_PREFIX
from assessment.entrypoints.privacy.openapi import openapi_paths as privacy_paths
from servicekit.openapi import LIMITED_RESPONSE, PROBLEM_SCHEMA, problems

_ID = {"name": "assessment_id", "in": "path", "required": True, "schema": {"type": "string"}}
_TOKEN: list[dict[str, list[str]]] = [{"resumeToken": []}]


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _body(schema: str) -> dict[str, Any]:
    return {"required": True, "content": _json(schema)}


def openapi_document() -> dict[str, Any]:
    spec = APISpec(
        title="Wegweiser assessment API",
        version="1",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
    )
    spec.components.security_scheme("resumeToken", {"type": "http", "scheme": "bearer"})
    for name in (
        "StartAssessment",
        "Answers",
        "Created",
        "AnswersSaved",
        "Moved",
        "Result",
        "ResultWithFollowUps",
        "QuestionnaireDocument",
    ):
        spec.components.schema(name, schema=getattr(schemas, f"{name}Schema"))
    spec.components.schema("Problem", PROBLEM_SCHEMA)
    spec.path(
        path=f"{API_PREFIX}/questionnaire",
        operations={
            "get": {
                "summary": "The current questionnaire in one language",
                "parameters": [{"in": "query", "schema": schemas.QuestionnaireQuerySchema}],
                "responses": {
                    "200": {
                        "description": "The questionnaire",
                        "content": _json("QuestionnaireDocument"),
                    },
                    **problems(422),
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/assessments",
        operations={
            "post": {
                "summary": "Start an assessment (needs consent to processing)",
                "requestBody": _body("StartAssessment"),
                "responses": {
                    "201": {"description": "Started; keep the token", "content": _json("Created")},
                    **problems(400, 413, 415, 422),
                    **LIMITED_RESPONSE,
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/assessments/{{assessment_id}}/answers",
        operations={
            "put": {
                "summary": "Save some answers (partial, repeatable)",
                "parameters": [_ID],
                "security": _TOKEN,
                "requestBody": _body("Answers"),
                "responses": {
                    "200": {"description": "All answers so far", "content": _json("AnswersSaved")},
                    **problems(400, 401, 404, 409, 413, 415, 422),
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/assessments/{{assessment_id}}/current-version",
        operations={
            "post": {
                "summary": "Move a draft begun on an older edition to the current one; answers "
                "the current edition still accepts are kept, the others asked again",
                "parameters": [_ID],
                "security": _TOKEN,
                "responses": {
                    "200": {
                        "description": "The draft on the current edition",
                        "content": _json("Moved"),
                    },
                    **problems(401, 404, 409),
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/assessments/{{assessment_id}}/submit",
        operations={
            "post": {
                "summary": "Score the assessment; submitting again returns the same result",
                "parameters": [_ID],
                "security": _TOKEN,
                "responses": {
                    "200": {"description": "The scored result", "content": _json("Result")},
                    **problems(401, 404, 422),
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/assessments/{{assessment_id}}/result",
        operations={
            "get": {
                "summary": "The scored result, with the report and the meeting so far",
                "parameters": [_ID],
                "security": _TOKEN,
                "responses": {
                    "200": {
                        "description": "The scored result",
                        "content": _json("ResultWithFollowUps"),
                    },
                    **problems(401, 404, 409),
                },
            }
        },
    )
    spec.path(
        path=f"{API_PREFIX}/assessments/{{assessment_id}}/token",
        operations={
            "delete": {
                "summary": "End this resume link and withdraw every link of the company "
                "issued so far (booking, report download, export); a new resume link is mailed "
                "to the contact",
                "parameters": [_ID],
                "security": _TOKEN,
                "responses": {
                    "204": {"description": "Ended; the new link is on its way by mail"},
                    **problems(401, 404, 409),
                },
            }
        },
    )
    document = spec.to_dict()
    # The privacy blueprints' operations, under the same prefix.
    document["paths"].update(privacy_paths(API_PREFIX))
    return document
