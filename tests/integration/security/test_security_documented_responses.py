"""Every response of a whole journey checked against the OpenAPI document of the service that
gave it: its status documented for the operation, its body valid against the documented
schema (with jsonschema). Fuzzing seldom reaches the states this journey does (a result with
its report and its meeting, a booked and moved meeting), so the documents are held to the
real answers here, and every documented operation must have been called.

The journey: a company starts (and once is refused), answers, submits, books a meeting and
moves it; reporting's report.generated and notifications' meeting events reach the
assessment service; the result, the export of every part, the download, a cancellation,
the erasure, and the token after it.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from flask import Flask
from security_helpers import (
    BOOKING_LINKS,
    add_account,
    add_company,
    available_all_week,
    engine_of,
)
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker
from testkit.events import example
from testkit.web import bearer
from werkzeug.test import TestResponse

from assessment.services import track_follow_ups
from assessment.testing import COMPLETE_ANSWERS, START_BODY
from eventing.codec import decode
from eventing.envelope import Envelope
from eventing.tables import outbox
from privacy.export import export_url
from reporting.entrypoints.dependencies import EXTENSION as REPORTING
from reporting.testing import add_generated_report
from servicekit.web import ENGINE_EXTENSION

_HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


class DocumentedApi:
    """A test client of one service that checks each response against the service's
    /openapi.json and remembers which documented operations were called."""

    def __init__(self, app: Flask) -> None:
        self._client = app.test_client()
        self.document = self._client.get("/openapi.json").json
        self._components = _json_schema(self.document.get("components", {}))
        self._operations = [
            (method.upper(), template, _path_pattern(template), operation)
            for template, operations in self.document["paths"].items()
            for method, operation in operations.items()
            if method in _HTTP_METHODS
        ]
        self.called: set[str] = set()

    def call(self, method: str, url: str, **options: Any) -> TestResponse:
        path = urlsplit(url).path
        query = urlsplit(url).query
        response = self._client.open(path, method=method, query_string=query, **options)
        response.get_data()
        response.close()  # a PDF is sent from its open file
        [(template, operation)] = [
            (template, operation)
            for verb, template, pattern, operation in self._operations
            if verb == method and pattern.fullmatch(path)
        ]
        self.called.add(f"{method} {template}")
        where = f"{method} {template} answered {response.status_code}"
        documented = operation["responses"].get(str(response.status_code))
        assert documented is not None, f"{where}, which is not documented"
        content = documented.get("content")
        if content is None:
            assert response.data == b"", f"{where} with a body the document does not describe"
            return response
        assert response.mimetype in content, f"{where} as {response.mimetype}"
        schema = content[response.mimetype].get("schema")
        if schema is not None and response.is_json:
            jsonschema.validate(
                response.json,
                {**_json_schema(schema), "components": self._components},
                cls=jsonschema.Draft7Validator,
            )
        return response

    def not_called(self) -> set[str]:
        return {f"{verb} {template}" for verb, template, _, _ in self._operations} - self.called


def _path_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"({\w+})", template)
    return re.compile(
        "".join("[^/]+" if re.fullmatch(r"{\w+}", part) else re.escape(part) for part in parts)
    )


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0's `nullable: true` as JSON Schema says it (a null among the types)."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is True:
        if "type" in converted:
            converted["type"] = [converted["type"], "null"]
        else:
            converted = {"anyOf": [converted, {"type": "null"}]}
    return converted


def _events(app: Flask, event_type: str) -> list[Envelope]:
    with engine_of(app).connect() as connection:
        payloads = connection.execute(
            select(outbox.c.payload).where(outbox.c.event_type == event_type).order_by(outbox.c.seq)
        ).scalars()
        return [decode(payload.encode()) for payload in payloads]


def _deliver_to_assessment(app: Flask, effect: Any, event: Envelope) -> None:
    with sessionmaker(app.extensions[ENGINE_EXTENSION]).begin() as session:
        effect(session, event)


def test_every_response_of_a_whole_journey_is_as_documented(
    assessment_app: Flask, reporting_app: Flask, notifications_app: Flask
):
    assessment = DocumentedApi(assessment_app)
    reporting = DocumentedApi(reporting_app)
    notifications = DocumentedApi(notifications_app)

    assert assessment.call("GET", "/api/v1/questionnaire?lang=en").status_code == 200
    refused = {**START_BODY, "contact": {**START_BODY["contact"], "email": "x@y.example,victim"}}
    assert assessment.call("POST", "/api/v1/assessments", json=refused).status_code == 422
    started = assessment.call("POST", "/api/v1/assessments", json=START_BODY).json
    base, token = f"/api/v1/assessments/{started['id']}", bearer(started["token"])
    assert assessment.call("GET", f"{base}/result", headers=token).status_code == 409
    answers = {"answers": COMPLETE_ANSWERS}
    assert assessment.call("PUT", f"{base}/answers", json=answers, headers=token).status_code == 200
    # A draft on the current edition stays there: the move answers with the draft as it is.
    moved = assessment.call("POST", f"{base}/current-version", headers=token)
    assert moved.status_code == 200
    assert assessment.call("POST", f"{base}/submit", headers=token).status_code == 200

    # Notifications learns of the scored assessment; the company books and moves a meeting.
    [scored] = _events(assessment_app, "assessment.scored")
    advisor_id, _ = add_account(engine_of(notifications_app), "Bea Berater")
    available_all_week(engine_of(notifications_app), advisor_id)
    add_company(engine_of(notifications_app), None, scored)
    link = BOOKING_LINKS.url(scored.data["assessment_id"], datetime.now(UTC))
    booking = bearer(link.rsplit("/", 1)[1])
    slots = notifications.call("GET", "/api/v1/slots", headers=booking).json
    chosen = {"advisor_id": slots[0]["advisor_id"], "start": slots[0]["start"]}
    meeting = notifications.call("POST", "/api/v1/meetings", json=chosen, headers=booking).json
    meeting_path = f"/api/v1/meetings/{meeting['id']}"
    assert notifications.call("GET", meeting_path, headers=booking).status_code == 200
    moved = notifications.call(
        "POST", f"{meeting_path}/reschedule", json={"start": slots[1]["start"]}, headers=booking
    )
    assert moved.status_code == 200
    # A call back is for companies that found no date; this one has a meeting.
    callback = notifications.call(
        "POST", "/api/v1/callback-requests", json={"phone": "+49 951 1234567"}, headers=booking
    )
    assert callback.status_code == 409

    # The report is generated (a stored PDF with its genuine link); both news reach the result.
    report_id = add_generated_report(reporting_app)
    now = datetime.now(UTC)
    download = reporting_app.extensions[REPORTING].links.url(report_id, now)
    generated = example("report.generated.v1.machining")
    generated = dataclasses.replace(
        generated,
        data=generated.data
        | {
            "assessment_id": uuid.UUID(started["id"]),
            "report_id": report_id,
            "download_url": download,
        },
    )
    _deliver_to_assessment(assessment_app, track_follow_ups.report_generated, generated)
    for event in _events(notifications_app, "meeting.booked"):
        _deliver_to_assessment(assessment_app, track_follow_ups.meeting_booked, event)
    for event in _events(notifications_app, "meeting.rescheduled"):
        _deliver_to_assessment(assessment_app, track_follow_ups.meeting_rescheduled, event)
    result = assessment.call("GET", f"{base}/result", headers=token).json
    assert (result["report"]["status"], result["meeting"]["status"]) == ("ready", "booked")
    assert datetime.fromisoformat(result["meeting"]["starts_at"]) == datetime.fromisoformat(
        moved.json["start"]
    )
    assert reporting.call("GET", result["report"]["download_url"]).status_code == 200

    exported = assessment.call("GET", f"{base}/export", headers=token).json
    assert reporting.call("GET", exported["other_services"]["reporting"]).status_code == 200
    assert notifications.call("GET", exported["other_services"]["notifications"]).status_code == 200
    own_part = export_url("", BOOKING_LINKS.keys, uuid.UUID(exported["company_id"]), now)
    assert assessment.call("GET", own_part).status_code == 200

    assert notifications.call("DELETE", meeting_path, headers=booking).status_code == 200
    erasure = {"confirm": True}
    assert (
        assessment.call("POST", f"{base}/erasure", json=erasure, headers=token).status_code == 202
    )
    assert assessment.call("DELETE", f"{base}/token", headers=token).status_code == 204
    # The ended token opens nothing, as for an assessment that does not exist.
    assert assessment.call("GET", f"{base}/result", headers=token).status_code == 404

    assert assessment.not_called() == set()
    assert reporting.not_called() == set()
    assert notifications.not_called() == set()
