"""Validation on the pages: messages in the assessment's language next to their field,
everything typed shown again, valid answers saved, the consent rule, skip logic."""

from __future__ import annotations

import re
from typing import Any

from assessment_pages_helpers import assessment_id_of, post_step, profile_form, start_through_pages
from flask.testing import FlaskClient
from testkit.web import csrf_token


def _error_block(text: str, item_id: str) -> str:
    """The error messages rendered right next to the item's field."""
    match = re.search(
        rf'<div class="field-error" id="{re.escape(item_id)}-error">(.*?)</div>', text, re.S
    )
    assert match, f"no error next to {item_id}"
    return match.group(1)


def _started(client: FlaskClient, language: str = "de") -> str:
    created = start_through_pages(client, lang=language)
    assert created.status_code == 303
    return assessment_id_of(created.headers["Location"])


def test_profile_without_processing_consent_is_refused_and_keeps_what_was_typed(
    client: FlaskClient,
) -> None:
    response = start_through_pages(client, **{"company.consent_processing": None})

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Ohne diese Einwilligung können wir die Auswertung nicht erstellen." in _error_block(
        text, "company.consent_processing"
    )
    assert 'value="Muster Präzisionsteile GmbH"' in text
    assert 'value="erika.muster@example.com"' in text
    assert re.search(r'id="company.district-bamberg_land"[^>]*checked', text)
    assert re.search(r'id="company.consent_advisor_sharing"[^>]*checked', text)
    assert 'aria-invalid="true"' in text


def test_profile_errors_speak_english_for_an_english_check(client: FlaskClient) -> None:
    response = start_through_pages(
        client,
        lang="en",
        **{"company.consent_processing": None, "company.contact_email": "not-an-address"},
    )

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert '<html lang="en">' in text
    assert "Without this consent we cannot produce the evaluation." in _error_block(
        text, "company.consent_processing"
    )
    assert (
        "Please enter an e-mail address we can send to: one address like name@example.org, "
        "in ASCII letters only (no umlauts)."
    ) in _error_block(text, "company.contact_email")
    assert 'value="not-an-address"' in text


def test_profile_requires_the_required_fields(client: FlaskClient) -> None:
    response = start_through_pages(client, **{"company.name": "", "company.employees": None})

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Bitte beantworten Sie diese Pflichtfrage." in _error_block(text, "company.name")
    assert "Bitte beantworten Sie diese Pflichtfrage." in _error_block(text, "company.employees")


def test_profile_with_only_the_processing_consent_starts_the_check(client: FlaskClient) -> None:
    response = start_through_pages(
        client,
        **{"company.consent_advisor_sharing": None, "company.revenue_band": None},
    )
    assert response.status_code == 303
    summary = client.get(f"/a/{assessment_id_of(response.headers['Location'])}/company")
    assert summary.status_code == 200
    assert "nein" in summary.get_data(as_text=True)


def test_invalid_answers_are_shown_next_to_their_field_and_the_valid_ones_saved(
    client: FlaskClient,
) -> None:
    assessment_id = _started(client)
    answers = {
        "market.top_customer_share": "abc",
        "market.customers_over_5pct": 250,
        "market.price_pressure": 4,
    }

    response = post_step(client, assessment_id, "market", answers)

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Erwartet wird eine Zahl." in _error_block(text, "market.top_customer_share")
    assert "Der Wert muss zwischen 0 und 100 liegen." in _error_block(
        text, "market.customers_over_5pct"
    )
    assert 'value="abc"' in text
    assert 'value="250"' in text
    assert "Alles Gültige ist gespeichert." in text
    # The valid answer on the same page was saved: a fresh GET shows it chosen.
    page = client.get(f"/a/{assessment_id}/step/market").get_data(as_text=True)
    assert re.search(r'id="market.price_pressure-4"[^>]*checked', page)
    assert 'value="abc"' not in page


def test_a_split_that_does_not_add_up_keeps_every_share(client: FlaskClient) -> None:
    assessment_id = _started(client)
    answers: dict[str, Any] = {
        "portfolio.revenue_split": {"ice_fuel_injection": "50", "body_closures": "40,5"},
        "portfolio.contract_horizon": "2027_2029",
    }

    response = post_step(client, assessment_id, "portfolio", answers)

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Die Anteile ergeben zusammen 90,5 %; sie müssen 100 % ergeben." in _error_block(
        text, "portfolio.revenue_split"
    )
    assert 'value="50"' in text
    assert 'value="40,5"' in text
    # Required questions of the page that were left open are named as well.
    assert "Bitte beantworten Sie diese Pflichtfrage." in _error_block(
        text, "portfolio.new_nominations"
    )
    assert re.search(r'id="portfolio.contract_horizon-2027_2029"[^>]*checked', text)


def test_step_errors_speak_english_for_an_english_check(client: FlaskClient) -> None:
    assessment_id = _started(client, "en")

    response = post_step(client, assessment_id, "market", {"market.top_customer_share": "1x"})

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Expected a number." in _error_block(text, "market.top_customer_share")
    assert "Step 3 of 9" in text
    assert "Customers and market" in text


def test_back_saves_without_insisting_on_required_questions(client: FlaskClient) -> None:
    assessment_id = _started(client)

    response = post_step(
        client,
        assessment_id,
        "portfolio",
        {"portfolio.main_segment": "passenger_cars"},
        action="back",
    )

    assert response.status_code == 303
    assert response.headers["Location"] == f"/a/{assessment_id}/company"
    page = client.get(f"/a/{assessment_id}/step/portfolio").get_data(as_text=True)
    assert re.search(r'id="portfolio.main_segment-passenger_cars"[^>]*checked', page)


def test_saving_follows_post_redirect_get_and_shows_the_saved_answers(
    client: FlaskClient,
) -> None:
    assessment_id = _started(client)
    answers = {
        "strategy.transformation_strategy": 2,
        "strategy.new_product_share": 12.5,
        "strategy.diversification_activities": ["services", "acquisition"],
        "strategy.fade_out_plan": None,
    }

    response = post_step(client, assessment_id, "strategy", answers, action="save")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/a/{assessment_id}/step/strategy"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'id="strategy.transformation_strategy-2"[^>]*checked', page)
    assert 'value="12,5"' in page
    assert re.search(r'id="strategy.diversification_activities-services"[^>]*checked', page)
    assert re.search(r'id="strategy.fade_out_plan--dont-know"[^>]*checked', page)
    assert "Schritt 4 von 9" in page


def test_clearing_an_answer_saves_it_as_dont_know(client: FlaskClient) -> None:
    assessment_id = _started(client)
    post_step(client, assessment_id, "market", {"market.top_customer_share": 30})

    post_step(client, assessment_id, "market", {}, action="save")

    page = client.get(f"/a/{assessment_id}/step/market").get_data(as_text=True)
    assert 'id="market.top_customer_share" name="market.top_customer_share"' in page
    assert 'value="30"' not in page
    assert re.search(r'id="market.top_customer_share:unknown"[^>]*checked', page)


def test_dont_know_is_offered_only_where_the_item_allows_it(client: FlaskClient) -> None:
    assessment_id = _started(client)

    page = client.get(f"/a/{assessment_id}/step/portfolio").get_data(as_text=True)
    market = client.get(f"/a/{assessment_id}/step/market").get_data(as_text=True)

    # Required: an answer is needed (its own option "unbekannt" is an answer, not "weiß nicht").
    assert "portfolio.contract_horizon--dont-know" not in page
    assert 'id="portfolio.contract_horizon-unknown"' in page
    assert 'id="market.price_pressure--dont-know"' in market
    assert 'id="market.top_customer_share:unknown"' in market
    assert "Weiß nicht / keine Angabe" in market


def test_skip_logic_hides_items_that_do_not_apply(client: FlaskClient) -> None:
    assessment_id = _started(client)
    no_drivetrain = {
        "portfolio.revenue_split": {"body_closures": 100},
        "portfolio.contract_horizon": "after_2032",
        "portfolio.new_nominations": "none",
        "portfolio.core_technologies": ["machining"],
        "portfolio.main_segment": "passenger_cars",
    }
    assert post_step(client, assessment_id, "portfolio", no_drivetrain).status_code == 303

    hidden = client.get(f"/a/{assessment_id}/step/innovation").get_data(as_text=True)
    assert "innovation.certifications" not in hidden
    assert "innovation.rd_intensity" in hidden

    # Since 2026.2 the HV and software items need e-mobility as a current or target field.
    e_mobility = dict(no_drivetrain)
    e_mobility["portfolio.revenue_split"] = {"power_electronics_hv": 70, "body_closures": 30}
    assert post_step(client, assessment_id, "portfolio", e_mobility).status_code == 303
    shown = client.get(f"/a/{assessment_id}/step/innovation").get_data(as_text=True)
    assert 'name="innovation.certifications"' in shown


def test_glossary_hints_sit_next_to_their_question_and_describe_it(client: FlaskClient) -> None:
    assessment_id = _started(client, "en")

    page = client.get(f"/a/{assessment_id}/step/digital").get_data(as_text=True)

    assert (
        '<fieldset aria-describedby="digital.information_security-why '
        'digital.information_security-glossary">'
    ) in page
    hints = re.search(
        r'<dl class="glossary" id="digital.information_security-glossary">(.*?)</dl>', page, re.S
    )
    assert hints, "no glossary next to digital.information_security"
    assert re.findall(r"<dt><dfn>(.*?)</dfn></dt>", hints.group(1)) == ["ISMS", "TISAX"]
    assert "<dd>Information security management system: set rules" in hints.group(1)
    assert '<fieldset aria-describedby="digital.ai_usage-why">' in page  # no jargon, no hint


def test_submitting_with_required_answers_missing_lists_them_with_links(
    client: FlaskClient,
) -> None:
    assessment_id = _started(client)
    token = csrf_token(client, f"/a/{assessment_id}/review")

    response = client.post(f"/a/{assessment_id}/submit", data={"csrf_token": token})

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Bevor wir auswerten können, fehlen noch Antworten:" in text
    assert f'href="/a/{assessment_id}/step/portfolio#q-portfolio.revenue_split"' in text
    assert client.get(f"/a/{assessment_id}/result").headers["Location"].endswith("/review")


def test_profile_form_keeps_the_chosen_language(client: FlaskClient) -> None:
    form = profile_form(lang="en")
    assert form["lang"] == "en"
    page = client.get("/start?lang=en").get_data(as_text=True)
    assert '<input type="hidden" name="lang" value="en">' in page
    assert "Step 1 of 9" in page
