# ruff: noqa: RUF001 - the report's texts use the en dash on purpose.
"""What each section of the report says for given scores (pure: no database, no PDF)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from report_examples import scored_example

from reporting.adapters.document_html import report_translations
from reporting.domain.benchmark import Benchmark
from reporting.domain.report import TARGET_SCORE, build_report

MEDIANS = {"strategy": 40, "innovation": 35, "digital": 50, "energy": 30, "workforce": 45}


def report_for(scored: dict[str, Any], benchmark: Benchmark | None = None, **kwargs: Any):
    return build_report(
        scored,
        benchmark or Benchmark("none", 3),
        scored_on=kwargs.pop("scored_on", date(2026, 3, 9)),
        booking_url="https://termine.example/book/x",
        translations=report_translations(scored["language"]),
    )


def test_the_summary_places_the_company_in_class_a_with_its_scores_and_three_messages():
    summary = report_for(scored_example("machining")).summary

    assert summary.class_title == "A – Akuter Handlungsbedarf"
    assert (summary.exposure.value, summary.exposure.level) == (78.3, "sehr hoch")
    assert (summary.readiness.value, summary.readiness.level) == (34.0, "Entwickler")
    assert (summary.priority_label, summary.confidence_percent) == ("dringend", 93)
    exposure, readiness, advice = summary.key_messages
    # 55 % injection + 15 % engine mechanics + 10 % transmission depend on the engine.
    assert exposure.startswith("80 % Ihres Umsatzes hängen am Verbrennungsmotor")
    assert "Wachstumsfelder machen 20 % aus" in exposure
    assert "vor 2030" in exposure  # the time-pressure flag
    assert "Finanzielle Resilienz und Investitionsfähigkeit (Fortgeschritten)" in readiness
    assert "Technologie und Innovation, Energie, CO₂ und Nachhaltigkeit" in readiness
    assert advice.endswith("Transformationsgespräch innerhalb von zwei bis vier Wochen.")


def test_an_english_assessment_gets_an_english_report():
    report = report_for(scored_example("die-caster"))

    assert report.language == "en"
    assert report.summary.class_title.startswith("B – ")
    assert report.date == "9 March 2026"
    assert report.roadmap[0].title == "0–6 months: quick wins"


def test_a_dutch_assessment_gets_a_dutch_report():
    report = report_for(scored_example("machining") | {"language": "nl"})

    assert report.language == "nl"
    assert report.date == "9 maart 2026"
    assert report.funding_as_of == "09-03-2026"
    assert report.summary.key_messages[0].startswith(
        "80 % van uw omzet is afhankelijk van de verbrandingsmotor; groeimarkten zijn goed "
        "voor 20 %. Uw belangrijkste contracten lopen vóór 2030 af"
    )
    assert report.roadmap[0].title == "0–6 maanden: snelle resultaten"
    assert report.exposure_profile.segments[0].label == "verbrandingsmotorspecifiek"
    assert report.exposure_profile.parts[2] == ("Druk (energie, personeel)", 66.7)
    assert report.funding[1].notes == ("loopt tot 31-12-2027",)
    assert report.radar.basis_text == (
        "Er zijn nog geen 10 vergelijkbare analyses; de vergelijking met branchegenoten vervalt."
    )
    assert report.strengths_and_gaps.no_gaps == "Geen hiaat onder 50 punten."


def test_an_assessment_in_a_language_we_do_not_write_gets_a_german_report():
    report = report_for(scored_example("machining") | {"language": "fr"})

    assert report.language == "de"
    assert report.date == "9. März 2026"
    assert report.roadmap[0].title == "0–6 Monate: schnelle Erfolge"


def test_the_exposure_profile_groups_revenue_by_the_rulesets_exposure_classes_in_its_order():
    profile = report_for(scored_example("machining")).exposure_profile

    # Ranked in the ruleset's order of all six classes, so each keeps its colour in the bar.
    assert [(s.label, s.share, s.rank) for s in profile.segments] == [
        ("verbrennerspezifisch", 70.0, 0),
        ("stark verbrennerbezogen", 10.0, 1),
        ("Wachstumsfelder", 5.0, 4),
        ("außerhalb der Autoindustrie", 15.0, 5),
    ]
    assert profile.contract_horizon == "2027–2029"  # as the company answered it
    assert (profile.top_customer_share, profile.customers_over_5pct) == (45, 3)
    assert profile.parts == (
        ("Produkte", 80.3),
        ("Kunden", 80.8),
        ("Druck (Energie, Belegschaft)", 66.7),
    )


def test_a_category_the_vocabulary_does_not_name_is_a_group_of_its_own_under_its_id():
    scored = scored_example("machining")
    scored["exposure_profile"]["revenue_split"] = {"ice_fuel_injection": 40, "quantum_drives": 60}

    segments = report_for(scored).exposure_profile.segments

    assert [(s.label, s.share, s.rank) for s in segments] == [
        ("verbrennerspezifisch", 40, 0),
        ("quantum drives", 60, 6),  # after the ruleset's six classes
    ]


def test_an_event_without_a_vocabulary_is_reported_in_ids():
    scored = scored_example("plastics-moulder")
    assert "vocabulary" not in scored  # an assessment scored before v1 carried it

    report = report_for(scored)

    assert report.summary.class_title == "C"
    assert report.summary.exposure.level == scored["scores"]["exposure"]["level"]
    assert report.summary.exposure_from is None
    assert [(s.label, s.rank) for s in report.exposure_profile.segments] == [
        ("seats interior hmi", 0),
        ("lighting glazing exterior", 1),
        ("ice cooling sealing nvh", 2),
        ("außerhalb der Autoindustrie", 3),
    ]
    assert [axis.label for axis in report.radar.axes] == [
        axis.dimension for axis in report.radar.axes
    ]


def test_the_radar_compares_own_scores_with_the_peer_median_and_the_target():
    benchmark = Benchmark("cohort", 12, MEDIANS | {"finance": 50})

    radar = report_for(scored_example("machining"), benchmark).radar

    assert [axis.dimension for axis in radar.axes] == [
        "strategy", "innovation", "digital", "energy", "workforce", "finance",
    ]  # fmt: skip
    assert (radar.axes[1].own, radar.axes[1].peer, radar.axes[1].target) == (
        22.5,
        35,
        TARGET_SCORE,
    )
    assert radar.basis == "cohort"
    assert "Median von 12 Unternehmen gleicher Größe (50–249 Beschäftigte)" in radar.basis_text
    assert "(Pkw)" in radar.basis_text


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        ("region", "regionaler Median aller 25 teilnehmenden Unternehmen"),
        ("none", "der Peer-Vergleich entfällt"),
    ],
)
def test_the_radar_says_which_comparison_it_used(basis: str, expected: str):
    benchmark = Benchmark(basis, 25, MEDIANS if basis == "region" else {})

    radar = report_for(scored_example("machining"), benchmark).radar

    assert expected in radar.basis_text
    assert all(axis.peer is None for axis in radar.axes) == (basis == "none")


def test_strengths_are_fields_from_advanced_up_and_the_gaps_are_the_events_top_three():
    section = report_for(scored_example("machining")).strengths_and_gaps

    assert [(s.label, s.level) for s in section.strengths] == [
        ("Finanzielle Resilienz und Investitionsfähigkeit", "Fortgeschritten")
    ]
    assert section.strengths[0].text.startswith("Ihr Unternehmen ist in den meisten Bereichen")
    assert section.relative_note is None
    assert [g.label for g in section.gaps] == [
        "Produktportfolio und Antriebsabhängigkeit",
        "Technologie und Innovation",
        "Strategie und Geschäftsmodell",
    ]
    assert section.gaps[1].text.startswith("Einsteiger: Entwicklung findet")


def test_without_an_advanced_field_the_relatively_strongest_are_shown_as_such():
    scored = scored_example("machining")
    for dimension in scored["scores"]["dimensions"]:
        if dimension["id"] == "finance":
            dimension.update(score=48.0, level="entwickler")

    section = report_for(scored).strengths_and_gaps

    assert section.relative_note == (
        "Noch erreicht kein Feld 50 Punkte; Ihre relativ stärksten Felder:"
    )
    assert [s.label for s in section.strengths] == [
        "Finanzielle Resilienz und Investitionsfähigkeit",
        "Digitalisierung und Produktion",
        "Personal und Qualifizierung",
    ]


def test_the_roadmap_sorts_measures_into_the_three_horizons():
    roadmap = report_for(scored_example("machining")).roadmap

    assert [phase.horizon for phase in roadmap] == ["quick_win", "project", "new_business_field"]
    assert [len(phase.measures) for phase in roadmap] == [3, 1, 1]
    assert roadmap[2].measures[0].title == "Geschäftsfeld Wasserstoff-Komponenten aufbauen"


def test_funding_shows_what_the_scoring_offered_with_each_real_end():
    report = report_for(scored_example("machining"))

    assert [(row.name.split(" ")[0], row.notes) for row in report.funding] == [
        ("BAFA", ("läuft bis 31.12.2026",)),
        ("Zentrales", ("läuft bis 31.12.2027",)),
        ("Bayerischer", ("läuft bis 31.12.2028",)),
        ("Bundesförderung", ("läuft bis 31.12.2026",)),
    ]
    assert report.funding_as_of == "09.03.2026"


def test_the_report_date_does_not_filter_funding_again():
    """The scoring decided what was offered; a report rendered later shows the same."""
    on_time = report_for(scored_example("machining"))
    later = report_for(scored_example("machining"), scored_on=date(2027, 6, 1))

    assert later.funding == on_time.funding


def test_an_open_ended_programme_says_nothing_about_an_end():
    report = report_for(scored_example("die-caster"))

    assert [(row.name, row.notes) for row in report.funding] == [
        ("Federal funding for industry and climate protection (BIK)", ("runs until 2030-12-31",)),
        ("Qualifizierungschancengesetz (§ 82 SGB III)", ()),
    ]


def _funding_on_new_years_eve(scored: dict[str, Any]) -> dict[str, Any]:
    """The machining supplier as scored on 2026-12-31: BAFA and EEW end that day."""
    bafa, zim, _, eew = scored["recommendations"]["funding"]
    bafa["ending_soon"] = eew["ending_soon"] = True
    zim["review_overdue"] = True  # as if its review date had passed
    return scored


def test_a_programme_ending_soon_says_so_and_one_past_review_says_as_of():
    german = report_for(_funding_on_new_years_eve(scored_example("machining")))
    english_example = scored_example("machining") | {"language": "en"}
    english = report_for(_funding_on_new_years_eve(english_example))

    assert [row.notes for row in german.funding] == [
        ("läuft am 31.12.2026 aus",),
        ("läuft bis 31.12.2027", "Stand: 28.02.2026"),
        ("läuft bis 31.12.2028",),
        ("läuft am 31.12.2026 aus",),
    ]
    assert [row.notes for row in english.funding] == [
        ("ends on 2026-12-31",),
        ("runs until 2027-12-31", "as of 2026-02-28"),
        ("runs until 2028-12-31",),
        ("ends on 2026-12-31",),
    ]


def test_an_event_from_before_the_funding_dates_shows_no_end_it_cannot_vouch_for():
    report = report_for(scored_example("plastics"))

    assert [(row.name.split(" ")[0], row.notes) for row in report.funding] == [
        ("Digitalbonus", ()),
        ("BAFA", ()),
        ("Bundesförderung", ()),
    ]


def test_the_next_step_carries_the_agenda_and_the_booking_link():
    next_step = report_for(scored_example("machining")).next_step

    assert next_step.agenda[0].title == "Umsatzaufteilung und Vertragslaufzeiten prüfen"
    assert len(next_step.agenda) == 7
    assert next_step.booking_url == "https://termine.example/book/x"


def test_the_appendix_shows_each_answer_in_the_words_the_assessment_gave_it():
    appendix = report_for(scored_example("machining")).appendix
    rows = {row.question: row.answer for group in appendix.answers for row in group.rows}

    assert appendix.ruleset_version == "2026.1"
    assert rows["Wie weit ist Ihre Transformationsstrategie?"] == "erste Ideen"  # ladder 1
    assert rows["Welchen Anteil an Ihrem Umsatz hat Ihr größter Kunde? (%)"] == "45 %"
    # As the review page words them: the questionnaire's "don't know", a number with its unit.
    assert rows["Der Zugang zu Bankfinanzierung für Transformationsvorhaben ist gesichert."] == (
        "Weiß nicht / keine Angabe"
    )
    assert (
        rows["Wie viele Weiterbildungstage hat eine beschäftigte Person im Durchschnitt pro Jahr?"]
        == "2,5 Tage je Mitarbeitendem"
    )
    assert appendix.answers[0].title == "Produktportfolio und Antriebsabhängigkeit"


def test_answers_of_an_event_without_their_words_are_shown_by_their_ids():
    scored = scored_example("machining")
    del scored["answer_texts"]  # a producer older than the field
    appendix = report_for(scored).appendix
    rows = {row.question: row.answer for group in appendix.answers for row in group.rows}

    assert rows["strategy.transformation_strategy"] == "1"
    assert rows["portfolio.core_technologies"] == "machining, surface_treatment, assembly_testing"


def test_opportunities_name_the_core_technologies_fields_partners_and_education():
    scored = scored_example("machining")
    scored["recommendations"]["education"][0]["text"] = "Zwei Abende in Bamberg."
    opportunities = report_for(scored).opportunities

    assert opportunities.core_technologies == "Zerspanung, Oberflächentechnik, Montage/Prüftechnik"
    assert [(f.title, f.text, f.note) for f in opportunities.fields] == [
        (
            "Gehäuse für E-Motoren und Inverter",
            "Präzisionszerspanung von Aluminiumgehäusen mit engen Toleranzen – nah an Ihrer "
            "heutigen Fertigung.",
            None,
        ),
        (
            "Komponenten für Brennstoffzellen und Elektrolyseure",
            "Ventile, Flansche und Verbindungsteile; Anknüpfung an die Wasserstoffaktivitäten "
            "von Bosch in Bamberg.",
            None,
        ),
        ("Kühlplatten für Batteriesysteme", None, None),
    ]
    assert [(p.title, p.text, p.note) for p in opportunities.partners] == [
        (
            "Fraunhofer im Cleantech Innovation Park Hallstadt",
            None,
            "Wasserstoff-Komponenten und Pilotprojekte",
        ),
        ("Universität Bayreuth, Produktionstechnik", None, "Machbarkeitsstudie E-Motor-Gehäuse"),
        (
            "IHK für Oberfranken Bayreuth",
            None,
            "Neue Absatzmärkte und Messen außerhalb der Autoindustrie",
        ),
    ]
    assert [(e.title, e.text, e.note) for e in opportunities.education] == [
        ("Modul „Transformationsstrategie im Mittelstand“", "Zwei Abende in Bamberg.", None),
        ("Zuliefertag Wasserstoff im Cleantech Innovation Park", None, "23.04.2026"),
    ]


def test_core_technologies_of_an_event_without_answer_words_read_as_their_ids():
    scored = scored_example("machining")
    del scored["answer_texts"]
    opportunities = report_for(scored).opportunities

    assert opportunities.core_technologies == "machining, surface treatment, assembly testing"


def test_the_methodology_and_the_gap_bounds_are_told_in_the_events_figures():
    scored = scored_example("machining")
    method = scored["vocabulary"]["method"]
    method["exposure_weights"] = {"prod": 0.5, "cust": 0.3, "press": 0.2}
    method["readiness_weights"] = {"strategy": 0.4, "finance": 0.6}
    method["critical_below"], method["gap_below"] = 30, 45
    scored["scores"]["top_gaps"] = []

    report = report_for(scored)

    assert "ergibt sich zu 50 % aus dem Produktportfolio" in report.appendix.methodology
    assert "zu 30 % aus der Kundenstruktur und zu 20 % aus" in report.appendix.methodology
    assert (
        "(Strategie und Geschäftsmodell 40 %, Finanzielle Resilienz und Investitionsfähigkeit "
        "60 %)" in report.appendix.methodology
    )
    assert "E ≥ 50 und R ≥ 50" in report.appendix.methodology
    assert "Kritische Lücken (unter 30 Punkten): " in report.summary.key_messages[1]
    assert report.strengths_and_gaps.no_gaps == "Keine Lücke unter 45 Punkten."


def test_an_event_without_the_figures_is_explained_without_numbers():
    scored = scored_example("plastics-moulder")  # scored before the vocabulary travelled
    scored["scores"]["top_gaps"], scored["scores"]["critical_gaps"] = [], []

    report = report_for(scored)

    assert report.appendix.methodology.startswith(
        "Die Betroffenheit E (0–100, höher = stärker betroffen) ergibt sich aus dem "
        "Produktportfolio, der Kundenstruktur und dem Energie- und Belegschaftsdruck;"
    )
    # No weight and no threshold is claimed: only the 0-100 ranges and the formula remain.
    assert "%" not in report.appendix.methodology
    assert "≥" not in report.appendix.methodology
    assert report.summary.key_messages[1].endswith("Keine kritische Lücke.")
    assert report.strengths_and_gaps.no_gaps == "Keine Lücke."


def test_a_gap_is_never_shown_as_a_strength():
    # No field reaches 50 and digital (45) is a top gap: the relatively strongest are
    # finance (48), workforce (35) and strategy (31.3, no longer a top gap here); digital
    # is left out, and so are the critical gaps innovation (22.5) and energy (20).
    scored = scored_example("machining")
    for dimension in scored["scores"]["dimensions"]:
        if dimension["id"] == "finance":
            dimension.update(score=48.0, level="entwickler")
    scored["scores"]["top_gaps"][2] = {
        "dimension": "digital",
        "score": 45.0,
        "level": "entwickler",
        "text": "Entwickler: erste Daten, noch kein System.",
    }

    report = report_for(scored)

    section = report.strengths_and_gaps
    assert [s.label for s in section.strengths] == [
        "Finanzielle Resilienz und Investitionsfähigkeit",
        "Personal und Qualifizierung",
        "Strategie und Geschäftsmodell",
    ]
    assert [g.label for g in section.gaps][2] == "Digitalisierung und Produktion"
    assert report.summary.key_messages[1].startswith(
        "Ihre größte Stärke: Finanzielle Resilienz und Investitionsfähigkeit (Entwickler)."
    )


def test_a_measure_names_its_owner_effort_and_the_programme_from_the_funding_table():
    scored = scored_example("machining")
    first = scored["recommendations"]["measures"][0]
    first.update(owner="Geschäftsführung mit Vertrieb", effort="2–3 Tage intern", funding="zim")

    roadmap = report_for(scored).roadmap

    assert roadmap[0].measures[0].note == (
        "Verantwortlich: Geschäftsführung mit Vertrieb · Aufwand: 2–3 Tage intern · "
        "Förderung: Zentrales Innovationsprogramm Mittelstand (ZIM)"
    )
    # A measure from before ruleset 2026.2 names none of them.
    assert roadmap[0].measures[1].note is None
