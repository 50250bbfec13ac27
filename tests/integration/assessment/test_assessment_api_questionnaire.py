"""GET /api/v1/questionnaire: the current questionnaire in German, English or Dutch."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient


def test_the_questionnaire_comes_in_german_by_default(client: FlaskClient):
    response = client.get("/api/v1/questionnaire")

    assert response.status_code == 200
    document = response.json
    assert document["language"] == "de"
    assert document["version"] == "2026.2"
    split = next(item for item in document["items"] if item["id"] == "portfolio.revenue_split")
    assert split["type"] == "split"
    assert split["options"][0]["id"] == "ice_fuel_injection"
    assert {d["kind"] for d in document["dimensions"]} == {"profile", "exposure", "readiness"}
    assert len(document["likert_labels"]) == 5


def test_the_questionnaire_comes_in_english_with_its_skip_rules(client: FlaskClient):
    german = client.get("/api/v1/questionnaire?lang=de").json
    english = client.get("/api/v1/questionnaire?lang=en").json

    assert english["language"] == "en"
    assert english["items"][0]["text"] == "Company name"
    assert [i["id"] for i in english["items"]] == [i["id"] for i in german["items"]]
    skipped = next(i for i in english["items"] if i["id"] == "innovation.certifications")
    assert skipped["show_if"]["any"][0]["item"].startswith("portfolio.")


def test_an_unknown_language_or_parameter_is_refused_as_problem_json(client: FlaskClient):
    for query in ("lang=fr", "lang=de&admin=1"):
        response = client.get(f"/api/v1/questionnaire?{query}")

        assert response.status_code == 422
        assert response.content_type == "application/problem+json"
        assert response.json["errors"]


def test_the_questionnaire_serves_glossary_hints_in_its_language(client: FlaskClient):
    german = client.get("/api/v1/questionnaire?lang=de").json
    english = client.get("/api/v1/questionnaire?lang=en").json

    def glossary(document: dict[str, Any], item_id: str) -> Any:
        return next(i for i in document["items"] if i["id"] == item_id).get("glossary")

    assert glossary(german, "energy.reduction_target") == [
        {
            "term": "SBTi",
            "text": "Science Based Targets initiative: prüft, ob ein Klimaziel zum "
            "1,5-Grad-Pfad des Pariser Abkommens passt.",
        }
    ]
    assert [entry["term"] for entry in glossary(english, "energy.carbon_accounting")] == [
        "Scope", "PCF", "Catena-X"
    ]  # fmt: skip
    assert glossary(english, "digital.ai_usage") is None
    assert sum(1 for item in english["items"] if "glossary" in item) == 8


def test_the_questionnaire_comes_in_dutch(client: FlaskClient):
    dutch = client.get("/api/v1/questionnaire?lang=nl").json

    assert dutch["language"] == "nl"
    assert dutch["items"][0]["text"] == "Bedrijfsnaam"
    assert dutch["unknown_label"] == "Weet ik niet / zeg ik liever niet"
    assert dutch["dimensions"][1]["title"] == (
        "Productportfolio en afhankelijkheid van de aandrijving"
    )
    reduction = next(i for i in dutch["items"] if i["id"] == "energy.reduction_target")
    assert reduction["glossary"] == [
        {
            "term": "SBTi",
            "text": "Science Based Targets initiative: toetst of een klimaatdoel past bij het "
            "1,5-gradenpad van het Akkoord van Parijs.",
        }
    ]
