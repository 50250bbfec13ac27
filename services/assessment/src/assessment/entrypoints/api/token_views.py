"""`DELETE /api/v1/assessments/{id}/token`: the company ends its resume link.

The token in the Authorization header stops working at once, and so does every signed link
of the company issued so far (booking, report download, export); a new resume link goes to
the contact's mailbox (assessment.services.renew_resume_link says why only there). 204 answers;
the answer carries no token.
"""

from __future__ import annotations

from flask import Blueprint, Response
from sqlalchemy import Engine

from assessment.adapters.assessment_store import SqlAssessmentStore
from assessment.config import AssessmentConfig
from assessment.entrypoints.api.bearer_token import opened_assessment
from assessment.entrypoints.api.problems import not_found
from assessment.services.renew_resume_link import NoMailAddress, ResumeLinks, renew_token
from servicekit.app_clock import current_time
from servicekit.json_api import ApiProblem


def add_token_routes(
    api: Blueprint, engine: Engine, config: AssessmentConfig, public_base_url: str
) -> None:
    store = SqlAssessmentStore(engine)
    links = ResumeLinks(public_base_url, config.token_lifetime)

    @api.delete("/assessments/<assessment_id>/token")
    def end_token(assessment_id: str) -> tuple[Response, int]:
        record = opened_assessment(store, assessment_id)
        try:
            renewed = renew_token(engine, record.id, links, current_time())
        except NoMailAddress:
            raise ApiProblem(
                409,
                "Conflict",
                "The contact address cannot receive the new link, so this one stays valid.",
            ) from None
        if not renewed:
            raise not_found()
        return Response(status=204), 204
