# ruff: noqa: RUF001 - the programmes are named as the ruleset names them, en dash and all.
"""Admins see on the desk which funding facts of the current ruleset are due for a check, as
`ruleset.published` carries the programmes' review dates; advisors do not get the page."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import UTC, datetime

from flask.testing import FlaskClient
from notifications_desk_helpers import account, log_in
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from assessment.adapters.ruleset_published import ruleset_published
from assessment.domain import available_versions, load_version
from notifications.adapters import vocabularies
from notifications.adapters.tables import funding_reviews
from notifications.services.record_ruleset_words import record_ruleset_words

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _published(
    engine: Engine, version: str, *, without_reviews: bool = False, as_version: str = ""
) -> None:
    event = ruleset_published(version, NOW)
    if without_reviews:  # as in events of the first v1
        data = {key: value for key, value in event.data.items() if key != "funding_reviews"}
        event = dataclasses.replace(event, data=data | {"ruleset_version": as_version or version})
    with Session(engine) as session, session.begin():
        record_ruleset_words(session, event)


def _rows(page: str) -> list[tuple[str, str]]:
    return re.findall(r"<tr>\s*<td>(.*?)<br><small>(.*?)</small></td>", page)


def test_a_year_after_the_check_every_programme_still_running_is_due(
    engine: Engine, desk_client: FlaskClient, pin_clock: Callable[[datetime], None]
) -> None:
    for version in available_versions():
        _published(engine, version)
    log_in(desk_client, account(engine, "Ada Admin", role="admin"))
    current = available_versions()[-1]
    _, ruleset = load_version(current)
    # Every programme of 2026.2 was checked on 2026-12-07, to be checked again by
    # 2027-12-07 (rulesets README, catalogue sources); BAFA's consulting aid and the
    # transform_EMN offers end on 2026-12-31 and are reviewed by then, go-digital and the
    # BAFA supplier modernisation have ended: none of those four is due a year on.
    expected = [
        (
            "BAFA – Energieberatung für Nichtwohngebäude, Anlagen und Systeme (EBN)",
            "ebn_energieberatung",
        ),
        (
            "Bayerische Regionalförderung für die gewerbliche Wirtschaft (BRF/GRW)",
            "regionalfoerderung_brf",
        ),
        (
            "Bayerischer Transformationsfonds – Modul 2 Prozess- und Organisationsinnovation",
            "baytfs_prozessinnovation",
        ),
        (
            "Bayerisches Technologieförderungs-Programm plus (BayTP+), "
            "Modul 1 des Transformationsfonds",
            "baytfs_baytp_plus",
        ),
        ("Bayerisches Verbundforschungsprogramm (BayVFP)", "bayvfp"),
        ("Bundesförderung Industrie und Klimaschutz (BIK)", "bik"),
        ("Bundesförderung für Energie- und Ressourceneffizienz in der Wirtschaft (EEW)", "eew"),
        ("Bürgschaftsbank Bayern", "buergschaftsbank_bayern"),
        ("Digitalbonus Bayern", "digitalbonus_bayern"),
        ("Eurostars – europäische FuE-Projekte innovativer KMU", "eurostars"),
        ("Forschungszulage (steuerliche Forschungsförderung)", "forschungszulage"),
        ("Förderkredite von LfA und KfW", "foerderkredite_lfa_kfw"),
        ("INQA-Coaching", "inqa_coaching"),
        ("Mittelstand-Digital Zentren", "mittelstand_digital_zentren"),
        ("Qualifizierungschancengesetz (§ 82 SGB III)", "qualifizierungschancengesetz"),
        ("Qualifizierungsgeld", "qualifizierungsgeld"),
        ("Transformationsfonds Bayern (LfA)", "lfa_transformationsfonds_bayern"),
        ("Zentrales Innovationsprogramm Mittelstand (ZIM)", "zim"),
    ]

    pin_clock(datetime(2027, 1, 1, 8, 0, tzinfo=UTC))  # the day 2026.1's table emptied
    new_year = desk_client.get("/desk/funding-reviews").get_data(as_text=True)
    pin_clock(datetime(2027, 12, 7, 22, 59, tzinfo=UTC))  # 23:59 in Bamberg
    before = desk_client.get("/desk/funding-reviews").get_data(as_text=True)
    pin_clock(datetime(2027, 12, 7, 23, 0, tzinfo=UTC))  # midnight in Bamberg
    after = desk_client.get("/desk/funding-reviews").get_data(as_text=True)

    assert "Keine Angaben sind zur Prüfung fällig" in new_year
    assert "Keine Angaben sind zur Prüfung fällig" in before
    assert f"Regelwerk {current}: {len(expected)} von {len(ruleset.catalogue.funding)}" in after
    assert _rows(after) == expected  # all one day overdue: by name
    assert after.count("1 Tag</td>") == len(expected)
    # the section the admin is in is marked as the current page
    assert 'href="/desk/funding-reviews" aria-current="page">Förderdaten</a>' in after


def test_an_advisor_does_not_get_the_list(
    engine: Engine, desk_client: FlaskClient, pin_clock: Callable[[datetime], None]
) -> None:
    _published(engine, available_versions()[-1])
    pin_clock(datetime(2027, 6, 1, 8, 0, tzinfo=UTC))
    log_in(desk_client, account(engine, "Bea Berater"))

    assert desk_client.get("/desk/funding-reviews").status_code == 403


def test_an_event_of_the_first_v1_stores_no_dates(engine: Engine, migrated: str) -> None:
    # A version of its own: other tests of the run may have stored the packaged ones.
    _published(engine, available_versions()[-1], without_reviews=True, as_version="1999.1")

    query = select(func.count()).where(funding_reviews.c.ruleset_version == "1999.1")
    with engine.connect() as connection:
        assert connection.execute(query).scalar() == 0
        assert vocabularies.of_ruleset(connection, "1999.1").name("classes", "A", "de")
