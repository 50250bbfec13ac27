"""One assessment submitted by 50 clients at the same instant (double clicks, retries, a
second tab), over real HTTP against the threaded server and the real database: it is
scored once, its events are written once, and every client gets the one result."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from race_helpers import all_at_once, request_json
from sqlalchemy import Engine, select
from testkit.web import bearer

from assessment.adapters.tables import assessments
from eventing.tables import outbox

CLIENTS = 50


def test_50_concurrent_submits_score_once_and_all_get_that_result(
    server: str,
    client: FlaskClient,
    started: dict[str, str],
    complete_answers: dict[str, Any],
    engine: Engine,
):
    path = f"/api/v1/assessments/{started['id']}"
    saved = client.put(
        f"{path}/answers", json={"answers": complete_answers}, headers=bearer(started["token"])
    )
    assert saved.status_code == 200, saved.json

    answers = all_at_once(
        [lambda: request_json(server, "POST", f"{path}/submit", bearer(started["token"]))] * CLIENTS
    )

    assert [status for status, _ in answers] == [200] * CLIENTS
    with engine.connect() as connection:
        stored = connection.execute(select(assessments.c.status, assessments.c.result)).one()
        # The assessment's events; the migration wrote ruleset.published before them.
        query = select(outbox.c.event_type).where(outbox.c.event_type.like("assessment.%"))
        events = connection.execute(query.order_by(outbox.c.seq)).all()
    assert stored.status == "submitted"
    assert [body for _, body in answers] == [stored.result] * CLIENTS
    assert [event_type for (event_type,) in events] == ["assessment.submitted", "assessment.scored"]
