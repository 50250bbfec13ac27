"""Submit and result: scored once, stored with both events in one transaction."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, select
from testkit.web import bearer

from assessment.adapters.tables import assessments
from eventing.codec import decode
from eventing.tables import outbox


def _answer(client: FlaskClient, started: dict[str, str], answers: dict[str, Any]) -> None:
    response = client.put(
        f"/api/v1/assessments/{started['id']}/answers",
        json={"answers": answers},
        headers=bearer(started["token"]),
    )
    assert response.status_code == 200, response.json


def _submit(client: FlaskClient, started: dict[str, str]) -> Any:
    return client.post(
        f"/api/v1/assessments/{started['id']}/submit", headers=bearer(started["token"])
    )


def _outbox_rows(engine: Engine) -> list[Any]:
    """The assessment's events (the migration wrote `ruleset.published` before them)."""
    query = select(outbox).where(outbox.c.event_type.like("assessment.%"))
    with engine.connect() as connection:
        return connection.execute(query.order_by(outbox.c.seq)).all()


def test_submit_returns_the_scored_result(
    client: FlaskClient, started: dict[str, str], complete_answers: dict[str, Any]
):
    _answer(client, started, complete_answers)

    response = _submit(client, started)

    assert response.status_code == 200
    result = response.json
    # COMPLETE_ANSWERS by hand, ruleset 2026.1 (methodology.md; missing items re-weight):
    # E_prod = 100 · (0.6·1.0 injection + 0.4·0.2 body) · t 1.1 (2027_2029) - 5 (in_request)
    #        = 74.8 - 5 = 69.8 (below 70: no floor)
    # E_cust = (0.35·90 top customer 45 % + 0.10·75 price pressure 4) / 0.45 = 86.67 -> 86.7
    # E_press: nothing answered, so E = (0.6·69.8 + 0.25·86.67) / 0.85 = 74.76 -> 74.8 (hoch)
    # Readiness: strategy 1/4 = 25; innovation lt1 = 25; digital (2/5 = 40 + erp 20) / 2 = 30;
    # energy 1/4 = 25; workforce 2 of 5 days = 40; finance 0_3 = 35 (bank access unknown)
    # R = 0.2·25 + 0.2·25 + 0.15·(30 + 25 + 40 + 35) = 29.5 (Entwickler); E ≥ 50, R < 50: A
    # P = 74.8 · (100 - 29.5) / 100 = 52.73 -> 52.7 (dringend, from 40)
    # Confidence: exposure 0.6 + 0.25·0.45 = 0.7125; readiness 0.2·1/5 + 0.2·1/4
    # + 0.15·(2/5 + 1/3 + 1/4 + 1/6) = 0.2625 (2026.2 hides the three HV/software items:
    # injection revenue is no e-mobility field); (0.7125 + 0.2625) / 2 = 0.4875 -> 0.49
    assert result["class"] == "A"
    assert (result["exposure"]["score"], result["exposure"]["level"]) == (74.8, "hoch")
    assert result["exposure"]["parts"] == {"prod": 69.8, "cust": 86.7, "press": None}
    assert (result["readiness"]["score"], result["readiness"]["level"]) == (29.5, "entwickler")
    assert {d: v["score"] for d, v in result["readiness"]["dimensions"].items()} == {
        "strategy": 25.0, "innovation": 25.0, "digital": 30.0,
        "energy": 25.0, "workforce": 40.0, "finance": 35.0,
    }  # fmt: skip
    assert (result["priority"]["score"], result["priority"]["label"]) == (52.7, "dringend")
    assert result["confidence"] == 0.49
    # Time pressure: contracts end 2027-2029 and 60 % of revenue is at c 1.0 (≥ 20 % at
    # c ≥ 0.7); no distress (EBIT 0-3 %); no dimension is below 25 (25 itself is not).
    assert result["flags"] == {"time_pressure": True, "critical_gaps": [], "distress": False}
    assert len(result["top_gaps"]) == 3
    assert set(result["recommendations"]) >= {"measures", "funding", "agenda"}
    assert result["ruleset_version"] == "2026.2"


def test_submit_writes_the_submitted_and_scored_events_to_the_outbox(
    client: FlaskClient,
    started: dict[str, str],
    complete_answers: dict[str, Any],
    engine: Engine,
):
    _answer(client, started, complete_answers)
    assert _outbox_rows(engine) == []  # saving answers publishes nothing

    result = _submit(client, started).json

    rows = _outbox_rows(engine)
    events = [decode(row.payload.encode()) for row in rows]
    assert [e.event_type for e in events] == ["assessment.submitted", "assessment.scored"]
    assert {row.topic for row in rows} == {"assessment-events"}
    assert {row.message_key for row in rows} == {started["id"]}
    submitted, scored = events
    assert str(submitted.data["assessment_id"]) == started["id"]
    assert str(scored.data["assessment_id"]) == started["id"]
    assert scored.causation_id == str(submitted.event_id)
    assert scored.correlation_id == started["id"]
    assert scored.data["scores"]["class"] == result["class"]
    assert scored.data["contact"]["email"] == "erika.muster@example.com"
    assert scored.data["company"]["core_technologies"] == ["machining", "joining_welding"]
    assert scored.data["answers"] == complete_answers
    # Every context item for the advisor's desk, answered or not, in questionnaire order.
    assert [(c["item_id"], c["answer"]) for c in scored.data["context_answers"]] == [
        ("strategy.target_fields", "nicht beantwortet"),
        ("strategy.cluster_offers", "nicht beantwortet"),
        ("energy.esg_data_requests", "nicht beantwortet"),
        ("workforce.share_over_55", "nicht beantwortet"),
        ("workforce.codetermination", "nicht beantwortet"),
        ("workforce.hard_to_fill", "nicht beantwortet"),
    ]


def test_submitting_twice_returns_the_same_result_and_writes_no_new_events(
    client: FlaskClient,
    started: dict[str, str],
    complete_answers: dict[str, Any],
    engine: Engine,
):
    _answer(client, started, complete_answers)
    first = _submit(client, started)
    rows_after_first = _outbox_rows(engine)

    second = _submit(client, started)

    assert second.status_code == 200
    assert second.json == first.json
    assert _outbox_rows(engine) == rows_after_first


def test_the_result_is_stored_and_read_back_with_the_token(
    client: FlaskClient,
    started: dict[str, str],
    complete_answers: dict[str, Any],
    engine: Engine,
):
    _answer(client, started, complete_answers)
    submitted = _submit(client, started).json

    response = client.get(
        f"/api/v1/assessments/{started['id']}/result", headers=bearer(started["token"])
    )

    assert response.status_code == 200
    assert response.json == submitted | {
        "report": {"status": "pending"},
        "meeting": {"status": "none"},
    }
    with engine.connect() as connection:
        row = connection.execute(select(assessments)).one()
    assert row.status == "submitted"
    assert row.submitted_at is not None
    assert row.result == submitted


def test_incomplete_answers_are_not_submitted_and_say_what_is_missing(
    client: FlaskClient,
    started: dict[str, str],
    complete_answers: dict[str, Any],
    engine: Engine,
):
    del complete_answers["portfolio.contract_horizon"]
    _answer(client, started, complete_answers)

    response = _submit(client, started)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert list(response.json["errors"]["answers"]) == ["portfolio.contract_horizon"]
    assert _outbox_rows(engine) == []
    with engine.connect() as connection:
        assert connection.execute(select(assessments.c.status)).scalar_one() == "draft"


def test_the_result_before_submit_and_answers_after_it_are_conflicts(
    client: FlaskClient, started: dict[str, str], complete_answers: dict[str, Any]
):
    result_path = f"/api/v1/assessments/{started['id']}/result"
    before = client.get(result_path, headers=bearer(started["token"]))
    _answer(client, started, complete_answers)
    _submit(client, started)

    after = client.put(
        f"/api/v1/assessments/{started['id']}/answers",
        json={"answers": {"market.price_pressure": 1}},
        headers=bearer(started["token"]),
    )

    assert before.status_code == after.status_code == 409
    assert before.content_type == after.content_type == "application/problem+json"


def test_a_company_without_a_revenue_band_is_scored_and_its_event_says_so(
    client: FlaskClient,
    start_body: dict[str, Any],
    complete_answers: dict[str, Any],
    engine: Engine,
):
    del start_body["company"]["revenue_band"]  # optional in the profile
    started = client.post("/api/v1/assessments", json=start_body).json
    _answer(client, started, complete_answers)

    assert _submit(client, started).status_code == 200

    scored = decode(_outbox_rows(engine)[-1].payload.encode())
    assert scored.data["company"]["revenue_band"] is None
