"""The result page, the PDF report and the company's result mail of one assessment name its
class, levels and (page and PDF) dimensions in the same words: the ruleset's, which the page
reads itself and the report and the mail take from the `assessment.scored` event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from assessment_report_helpers import page_text, pdf_text, scored_event_of
from flask.testing import FlaskClient
from sqlalchemy import Engine

from eventing.vocabulary import Vocabulary
from notifications.adapters.company_assessments import scored_values
from notifications.adapters.report_mails import CompanyLinks, Report, company_mail

INDEX_NAMES = {"de": {"Betroffenheit", "Handlungsfähigkeit"}, "en": {"Exposure", "Readiness"}}
OTHER_INDEX_NAMES = {"Wandlungsfähigkeit", "Anpassungsfähigkeit", "Transformability"}


def _mail_text(data: dict[str, Any]) -> str:
    assessment = scored_values(data) | {"assessment_id": data["assessment_id"]}
    now = datetime.now(UTC)
    mail = company_mail(
        Report(uuid.uuid4(), "http://reports.test/r", now),
        assessment,
        Vocabulary.of(data["vocabulary"]),
        CompanyLinks("http://a.test/r", "http://b.test/b", now + timedelta(days=30)),
        None,
    )
    return " ".join(mail.text.split())


@pytest.mark.parametrize("language", ["de", "en"])
def test_page_pdf_and_mail_say_the_same_words(
    client: FlaskClient,
    engine: Engine,
    start_body: dict[str, Any],
    complete_answers: dict[str, Any],
    language: str,
    tmp_path: Path,
):
    start_body["language"] = language
    started, data = scored_event_of(client, engine, start_body, complete_answers)
    words = Vocabulary.of(data["vocabulary"])
    scores = data["scores"]
    named = {
        words.name("classes", scores["class"], language),
        words.name("exposure_levels", scores["exposure"]["level"], language),
        words.name("readiness_levels", scores["readiness"]["level"], language),
    }
    # The two indices by one name each (the PDF once said "Wandlungsfähigkeit").
    named |= INDEX_NAMES[language]
    # The company's mail names no dimension; the page and the PDF name the largest gaps.
    gaps = {words.name("dimensions", gap["dimension"], language) for gap in scores["top_gaps"]}
    expected = {"page": named | gaps, "pdf": named | gaps, "mail": named}

    texts = {
        "page": page_text(client, started),
        "pdf": pdf_text(data, tmp_path),
        "mail": _mail_text(data),
    }

    missing = {
        where: sorted(name for name in expected[where] if name not in text)
        for where, text in texts.items()
    }
    assert missing == {"page": [], "pdf": [], "mail": []}
    assert [where for where, text in texts.items() if OTHER_INDEX_NAMES & set(text.split())] == []
