"""A draft begun before a questionnaire release: finished on its own edition, or moved to the
current one with the answers that still fit. The draft is made older in the database, as a
draft saved before the release would be."""

from __future__ import annotations

import uuid
from typing import Any

from assessment_pages_helpers import (
    SCORED_DIMENSIONS,
    assessment_id_of,
    post_step,
    start_through_pages,
)
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from testkit.web import csrf_token

from assessment.adapters.tables import assessments
from assessment.domain import available_versions, load_current
from eventing.codec import decode
from eventing.tables import outbox
from servicekit.web import ENGINE_EXTENSION

OLDER, CURRENT = available_versions()[-2], available_versions()[-1]


def _older_draft(app: Flask, client: FlaskClient, **profile: str) -> str:
    assessment_id = assessment_id_of(start_through_pages(client, **profile).headers["Location"])
    with app.extensions[ENGINE_EXTENSION].begin() as connection:
        connection.execute(
            update(assessments)
            .where(assessments.c.id == uuid.UUID(assessment_id))
            .values(questionnaire_version=OLDER, ruleset_version=OLDER)
        )
    return assessment_id


def _row(app: Flask, assessment_id: str) -> Any:
    query = select(assessments).where(assessments.c.id == uuid.UUID(assessment_id))
    with app.extensions[ENGINE_EXTENSION].connect() as connection:
        return connection.execute(query).one()


def test_the_pages_say_which_edition_scores_an_older_draft_and_offer_the_current(
    app: Flask, client: FlaskClient
) -> None:
    assessment_id = _older_draft(app, client)

    page = client.get(f"/a/{assessment_id}/step/portfolio").get_data(as_text=True)

    assert f"mit Fassung {OLDER} begonnen" in page
    assert f"nach den Regeln der Fassung {OLDER} ausgewertet" in page
    assert page.count(f"Zu Fassung {CURRENT} wechseln") == 1
    review = client.get(f"/a/{assessment_id}/review").get_data(as_text=True)
    assert review.count(f"Zu Fassung {CURRENT} wechseln") == 1
    # A draft on the current edition shows no such notice.
    current = assessment_id_of(start_through_pages(client).headers["Location"])
    assert "Fassung" not in client.get(f"/a/{current}/step/portfolio").get_data(as_text=True)


def test_an_older_draft_finished_as_it_is_is_scored_by_its_own_edition(
    app: Flask, client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    assessment_id = _older_draft(app, client)
    for dimension in SCORED_DIMENSIONS:
        assert post_step(client, assessment_id, dimension, complete_answers).status_code == 303

    token = csrf_token(client, f"/a/{assessment_id}/review")
    submitted = client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})

    assert submitted.headers["Location"] == f"/a/{assessment_id}/result"
    row = _row(app, assessment_id)
    assert (row.questionnaire_version, row.result["ruleset_version"]) == (OLDER, OLDER)
    with app.extensions[ENGINE_EXTENSION].connect() as connection:
        payloads = connection.execute(
            select(outbox.c.payload).where(outbox.c.event_type == "assessment.scored")
        ).all()
    [scored] = [decode(p.payload.encode()) for p in payloads]
    assert scored.data["ruleset_version"] == OLDER


def test_moving_to_the_current_edition_keeps_the_answers_that_still_fit(
    app: Flask, client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    assessment_id = _older_draft(app, client)
    assert post_step(client, assessment_id, "portfolio", complete_answers).status_code == 303
    given = _row(app, assessment_id).answers
    questionnaire, _ = load_current()
    fitting = {k: v for k, v in given.items() if questionnaire.has_item(k)}

    token = csrf_token(client, f"/a/{assessment_id}/step/market")
    moved = client.post(f"/a/{assessment_id}/current-version", data={"csrf_token": token})

    assert moved.status_code == 303
    assert moved.headers["Location"] == f"/a/{assessment_id}"
    row = _row(app, assessment_id)
    assert (row.questionnaire_version, row.ruleset_version) == (CURRENT, CURRENT)
    assert row.answers == fitting
    assert len(row.answers) == len([k for k in complete_answers if k.startswith("portfolio.")])
    assert "Fassung" not in client.get(f"/a/{assessment_id}/step/market").get_data(as_text=True)


def test_a_submitted_check_is_not_moved(
    app: Flask, client: FlaskClient, complete_answers: dict[str, Any]
) -> None:
    assessment_id = _older_draft(app, client)
    for dimension in SCORED_DIMENSIONS:
        post_step(client, assessment_id, dimension, complete_answers)
    token = csrf_token(client, f"/a/{assessment_id}/review")
    client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})

    moved = client.post(f"/a/{assessment_id}/current-version", data={"csrf_token": token})

    assert moved.headers["Location"] == f"/a/{assessment_id}"  # which leads to the result
    row = _row(app, assessment_id)
    assert (row.questionnaire_version, row.result["ruleset_version"]) == (OLDER, OLDER)


def test_a_draft_whose_size_band_the_current_edition_splits_can_only_be_finished(
    app: Flask, client: FlaskClient
) -> None:
    # 2026.1 had one band for 250 to 999 staff; 2026.2 splits it, and the profile is fixed.
    assessment_id = _older_draft(app, client)
    with app.extensions[ENGINE_EXTENSION].begin() as connection:
        connection.execute(
            update(assessments)
            .where(assessments.c.id == uuid.UUID(assessment_id))
            .values(employees="250_999")
        )

    page = client.get(f"/a/{assessment_id}/step/portfolio").get_data(as_text=True)
    token = csrf_token(client, f"/a/{assessment_id}/step/portfolio")
    moved = client.post(f"/a/{assessment_id}/current-version", data={"csrf_token": token})

    assert f"nach den Regeln der Fassung {OLDER} ausgewertet" in page
    assert "Ihre Angaben zum Unternehmen passen nicht mehr" in page
    assert f"Zu Fassung {CURRENT} wechseln" not in page
    assert moved.headers["Location"] == f"/a/{assessment_id}"
    assert _row(app, assessment_id).questionnaire_version == OLDER
