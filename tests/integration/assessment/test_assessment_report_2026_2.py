"""What ruleset 2026.2 adds to the advice, from the JSON API to the rendered PDF and the
result page: the distress and call-off sentences, a programme to be checked with its
reason, and each measure's owner and effort."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assessment_report_helpers import page_text, pdf_text, scored_event_of
from flask.testing import FlaskClient
from sqlalchemy import Engine

# A loss with equity under 15 % (distress), deliveries on call-off orders without a series
# contract, and group membership not given, so that programmes counting linked firms are
# to be checked.
DISTRESSED_CALL_OFF = {
    "portfolio.contract_horizon": "call_off",
    "finance.ebit_margin": "lt0",
    "finance.equity_ratio": "lt15",
}


def test_the_pdf_and_the_page_word_what_2026_2_decided(
    client: FlaskClient,
    engine: Engine,
    start_body: dict[str, Any],
    complete_answers: dict[str, Any],
    tmp_path: Path,
) -> None:
    started, data = scored_event_of(
        client, engine, start_body, complete_answers | DISTRESSED_CALL_OFF
    )
    scores = data["scores"]
    unclear = [f for f in data["recommendations"]["funding"] if f["eligibility"] == "unclear"]

    pdf = pdf_text(data, tmp_path)
    page = page_text(client, started)

    assert (scores["distress"], scores["time_pressure"]) == (True, False)
    assert "Die wirtschaftliche Lage ist angespannt" in pdf
    assert "Sie liefern auf Abruf ohne Serienvertrag" in pdf
    assert "Ihre Hauptverträge laufen vor 2030 aus" not in pdf + page
    # 50-249 staff, group not given: ZIM counts linked firms, BAFA consulting needs an SME.
    assert [f["id"] for f in unclear] == ["zim", "bafa_unternehmensberatung"]
    assert pdf.count("Ob Ihr Unternehmen eigenständig ist, fehlt in Ihren Angaben") == 2
    assert pdf.count("Förderfähigkeit prüfen:") == len(unclear)
    assert all(f["name"] in pdf for f in unclear)
    assert len(data["recommendations"]["measures"]) == 5
    assert pdf.count("Verantwortlich: ") == page.count("Verantwortlich: ") == 5
