"""Helpers of the page tests: the CSRF token of a form, a valid profile form, answers as
form fields (a module of its own: every test folder has a conftest)."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from testkit.web import csrf_token
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from assessment.domain import load_current
from assessment.entrypoints.pages.form_fields import UNKNOWN

_RESUME = re.compile(r'id="resume-link"[^>]*value="([^"]+)"')

SCORED_DIMENSIONS = (
    "portfolio", "market", "strategy", "innovation", "digital", "energy", "workforce", "finance",
)  # fmt: skip


def profile_form(**changes: str | None) -> dict[str, str]:
    """A complete, valid profile form; a value of None leaves that field out."""
    form = {
        "lang": "de",
        "company.name": "Muster Präzisionsteile GmbH",
        "company.employees": "50_249",
        "company.revenue_band": "10m_50m",
        "company.district": "bamberg_land",
        "company.contact_name": "Erika Muster",
        "company.contact_email": "erika.muster@example.com",
        "company.consent_processing": "yes",
        "company.consent_advisor_sharing": "yes",
    }
    form.update(changes)  # type: ignore[arg-type]
    return {key: value for key, value in form.items() if value is not None}


def start_through_pages(client: FlaskClient, **changes: str | None) -> TestResponse:
    form = profile_form(**changes)
    form["csrf_token"] = csrf_token(client, "/start")
    return client.post("/start", data=form)


def assessment_id_of(location: str) -> str:
    return location.split("/a/")[1].split("/")[0]


def resume_link(page: TestResponse) -> str:
    match = _RESUME.search(page.get_data(as_text=True))
    assert match, "the page shows no resume link"
    return match.group(1)


def form_fields(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """Answers (API shape) as the fields a browser would post for them."""
    questionnaire, _ = load_current()
    fields: list[tuple[str, str]] = []
    for item_id, value in answers.items():
        item = questionnaire.item(item_id)
        if value is None:
            if item.type in {"number", "multi"}:
                fields.append((f"{item_id}:unknown", "yes"))
            else:
                fields.append((item_id, UNKNOWN))
        elif item.type == "split":
            fields.extend(
                (f"{item_id}:{category}", str(share)) for category, share in value.items()
            )
        elif item.type == "multi":
            fields.extend((item_id, option) for option in value)
        else:
            fields.append((item_id, str(value)))
    return fields


def post_step(
    client: FlaskClient,
    assessment_id: str,
    dimension: str,
    answers: dict[str, Any],
    action: str = "next",
) -> TestResponse:
    path = f"/a/{assessment_id}/step/{dimension}"
    own = {key: value for key, value in answers.items() if key.startswith(f"{dimension}.")}
    data = [*form_fields(own), ("action", action), ("csrf_token", csrf_token(client, path))]
    return client.post(path, data=MultiDict(data))
