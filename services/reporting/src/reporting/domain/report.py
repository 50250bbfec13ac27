# ruff: noqa: RUF001 - the report writes ranges with an en dash and a minus sign on purpose.
"""What goes into each section of the Potenzialanalyse, decided from a scored assessment.

`build_report` takes the assessment as `assessment.scored` v1 carries it, the peer benchmark
and the booking link, and returns the report's content: every text chosen, every number
the charts draw. Templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from eventing.schemas.assessment import funding_notes, measure_details
from eventing.vocabulary import Section, Vocabulary
from reporting.domain.answers import (
    CONTRACT_HORIZON,
    CORE_TECHNOLOGIES,
    MAIN_SEGMENT,
    answer_groups,
    answer_in_words,
)
from reporting.domain.benchmark import MIN_PEERS, Benchmark
from reporting.domain.exposure_classes import ICE_DEPENDENT, shares_by_class
from reporting.domain.report_model import (
    Appendix,
    BarSegment,
    DimensionNote,
    ExposureProfile,
    FundingRow,
    Item,
    NextStep,
    Opportunities,
    Radar,
    RadarAxis,
    Report,
    RoadmapPhase,
    Score,
    StrengthsAndGaps,
    Summary,
)
from reporting.domain.texts import (
    BENCHMARK_BASIS,
    EXPOSURE_CLASSES,
    EXPOSURE_PARTS,
    FUNDING_NOTES,
    HORIZON_MESSAGES,
    MEASURE_DETAILS,
    ROADMAP_HORIZONS,
    TIME_PRESSURE,
    Reader,
    Translations,
)
from wording.formatting import long_date, number, short_date
from wording.languages import language_or_default

# The readiness every field should reach, where a company can carry the transformation on
# its own (the radar's target line): the report's goal, not a ruleset boundary.
TARGET_SCORE = 75.0
ROADMAP_ORDER = ("quick_win", "project", "new_business_field")


def build_report(
    scored: Mapping[str, Any],
    benchmark: Benchmark,
    *,
    scored_on: date,
    booking_url: str,
    translations: Translations,
) -> Report:
    """The report's content. `scored_on` is the day of scoring in the cluster's time zone:
    the report is dated by it. Which funding programmes are shown, and how each is marked,
    the scoring decided on that day: the report shows them as the event carries them.
    `translations` are the report's words in the assessment's language (German for a
    language Wegweiser does not write in)."""
    reader = Reader(language_or_default(scored["language"]), translations)
    language = reader.language
    scores = scored["scores"]
    dimensions = {dimension["id"]: dimension for dimension in scores["dimensions"]}
    # Events from before the vocabulary was added to v1 carry none: ids are shown instead.
    words = Vocabulary.of(scored.get("vocabulary"))
    return Report(
        language=language,
        assessment_id=str(scored["assessment_id"]),
        company_name=scored["company"]["name"],
        date=long_date(scored_on, language),
        summary=_summary(scored, dimensions, words, reader),
        exposure_profile=_exposure_profile(scored, words, reader),
        radar=_radar(scored, dimensions, benchmark, words, reader),
        strengths_and_gaps=_strengths_and_gaps(scores, dimensions, words, reader),
        opportunities=_opportunities(scored, language),
        roadmap=_roadmap(scored["recommendations"], reader),
        funding=tuple(_funding(p, reader) for p in scored["recommendations"]["funding"]),
        funding_as_of=short_date(scored_on, language),
        next_step=NextStep(
            agenda=tuple(_item(entry) for entry in scored["recommendations"]["agenda"]),
            booking_url=booking_url,
        ),
        appendix=Appendix(
            methodology=_methodology(words, reader) + _economy_method(scored, reader),
            ruleset_version=scored["ruleset_version"],
            questionnaire_version=scored["questionnaire_version"],
            answers=answer_groups(scored, words, reader),
        ),
    )


def _summary(
    scored: Mapping[str, Any], dimensions: Mapping[str, Any], words: Vocabulary, reader: Reader
) -> Summary:
    scores = scored["scores"]
    class_id = scores["class"]
    name = words.name("classes", class_id, reader.language)
    thresholds = words.class_thresholds
    return Summary(
        class_id=class_id,
        class_title=class_id if name == class_id else f"{class_id} – {name}",
        exposure_from=thresholds.exposure_from if thresholds else None,
        readiness_from=thresholds.readiness_from if thresholds else None,
        exposure=_score(scores["exposure"], "exposure_levels", words, reader.language),
        readiness=_score(scores["readiness"], "readiness_levels", words, reader.language),
        priority_label=words.name("priority_levels", scores["priority"]["label"], reader.language),
        priority_score=scores["priority"]["score"],
        confidence_percent=round(scores["confidence"] * 100),
        key_messages=_key_messages(scored, dimensions, words, reader),
    )


def _key_messages(
    scored: Mapping[str, Any], dimensions: Mapping[str, Any], words: Vocabulary, reader: Reader
) -> tuple[str, str, str]:
    """Where the company stands on exposure, on readiness, and what to do about it."""
    language = reader.language
    scores = scored["scores"]
    shares = shares_by_class(scored["exposure_profile"]["revenue_split"], words)
    exposure = reader.gettext(
        "%(ice_share)s %% of your revenue depends on the combustion engine; growth fields "
        "account for %(growth_share)s %%.",
        ice_share=number(sum(shares.get(group, 0.0) for group in ICE_DEPENDENT), language),
        growth_share=number(scores["growth_share"], language),
    )
    horizon = _horizon_message(scored)
    if horizon:
        exposure += " " + reader.gettext(horizon)
    if scores.get("distress"):
        exposure += " " + reader.gettext(
            "The economic situation is strained (a loss with thin equity or sharply falling "
            "revenue): this raises the exposure, whatever the drivetrain."
        )
    readiness_dimensions = _strength_candidates(scores, dimensions)
    readiness = ""
    if readiness_dimensions:
        best = max(readiness_dimensions, key=lambda d: d["score"])
        readiness = reader.gettext(
            "Your greatest strength: %(dimension)s (%(level)s).",
            dimension=words.name("dimensions", best["id"], language),
            level=words.dimension_level(best["id"], best["level"], language),
        )
    method = words.method
    if scores["critical_gaps"]:
        names = ", ".join(
            words.name("dimensions", gap, language) for gap in scores["critical_gaps"]
        )
        if method is None:
            gaps = reader.gettext("Critical gaps: %(dimensions)s.", dimensions=names)
        else:
            gaps = reader.gettext(
                "Critical gaps (below %(points)s points): %(dimensions)s.",
                points=number(method.critical_below, language),
                dimensions=names,
            )
    elif method is None:
        gaps = reader.gettext("No critical gap.")
    else:
        gaps = reader.gettext(
            "No critical gap: no field is below %(points)s points.",
            points=number(method.critical_below, language),
        )
    readiness = f"{readiness} {gaps}".strip()
    return exposure, readiness, words.text("classes", scores["class"], language) or ""


def _horizon_message(scored: Mapping[str, Any]) -> str | None:
    """An unknown or call-off horizon has its own words: the report never says the main
    contracts end before 2030 when the firm did not say so (2026.1 flagged "unknown")."""
    horizon = scored["exposure_profile"]["contract_horizon"]
    if horizon in HORIZON_MESSAGES:
        return HORIZON_MESSAGES[horizon]
    return TIME_PRESSURE if scored["scores"]["time_pressure"] else None


def _exposure_profile(
    scored: Mapping[str, Any], words: Vocabulary, reader: Reader
) -> ExposureProfile:
    shares = shares_by_class(scored["exposure_profile"]["revenue_split"], words)
    answers = scored["answers"]
    parts = scored["scores"]["exposure"]["parts"]
    return ExposureProfile(
        segments=tuple(
            BarSegment(_exposure_class(group, reader), share, rank)
            for rank, (group, share) in enumerate(shares.items())
            if share > 0
        ),
        growth_share=scored["scores"]["growth_share"],
        contract_horizon=answer_in_words(scored, CONTRACT_HORIZON)
        or scored["exposure_profile"]["contract_horizon"],
        time_pressure=scored["scores"]["time_pressure"],
        top_customer_share=_number_answer(answers, "market.top_customer_share"),
        customers_over_5pct=_number_answer(answers, "market.customers_over_5pct"),
        automotive_share=_number_answer(answers, "market.automotive_share"),
        # Rulesets that score the economic situation (2026.2 on) carry its part too.
        parts=tuple(
            (reader.gettext(label), parts[part])
            for part, label in EXPOSURE_PARTS.items()
            if part in parts
        ),
    )


def _exposure_class(group: str, reader: Reader) -> str:
    """The class's name; a category the vocabulary puts in no class reads as its id."""
    if group in EXPOSURE_CLASSES:
        return reader.gettext(EXPOSURE_CLASSES[group])
    return group.replace("_", " ")


def _radar(
    scored: Mapping[str, Any],
    dimensions: Mapping[str, Any],
    benchmark: Benchmark,
    words: Vocabulary,
    reader: Reader,
) -> Radar:
    language = reader.language
    axes = tuple(
        RadarAxis(
            dimension=dimension["id"],
            label=words.name("dimensions", dimension["id"], language),
            own=dimension["score"],
            peer=benchmark.medians.get(dimension["id"]),
            target=TARGET_SCORE,
            level=_score(dimension, "readiness_levels", words, language).level,
        )
        for dimension in dimensions.values()
        if dimension["kind"] == "readiness"
    )
    company = scored["company"]
    basis_text = reader.gettext(
        BENCHMARK_BASIS[benchmark.basis],
        members=benchmark.members,
        minimum=MIN_PEERS,
        band=words.name("employee_bands", company["employees"], language),
        segment=answer_in_words(scored, MAIN_SEGMENT) or company["main_segment"],
    )
    return Radar(axes=axes, basis=benchmark.basis, basis_text=basis_text)


def _strengths_and_gaps(
    scores: Mapping[str, Any], dimensions: Mapping[str, Any], words: Vocabulary, reader: Reader
) -> StrengthsAndGaps:
    language = reader.language
    answered = sorted(_strength_candidates(scores, dimensions), key=lambda d: -d["score"])
    # A strength reaches the readiness the classes count as high. Without thresholds (an
    # event without a vocabulary) the strongest fields are shown without that claim.
    thresholds = words.class_thresholds
    strong = [d for d in answered if thresholds is None or d["score"] >= thresholds.readiness_from]
    shown = (strong or answered)[:3]
    strengths = tuple(
        DimensionNote(
            label=words.name("dimensions", d["id"], language),
            score=d["score"],
            level=words.name("readiness_levels", d["level"], language),
            text=words.text("readiness_levels", d["level"], language) or "",
        )
        for d in shown
    )
    gaps = tuple(
        DimensionNote(
            label=words.name("dimensions", gap["dimension"], language),
            score=gap["score"],
            level=words.dimension_level(gap["dimension"], gap["level"], language),
            text=gap["text"],
        )
        for gap in scores["top_gaps"][:3]
    )
    relative_note = None
    if thresholds is not None and answered and not strong:
        relative_note = reader.gettext(
            "No field reaches %(points)s points yet; your relatively strongest fields:",
            points=number(thresholds.readiness_from, language),
        )
    method = words.method
    if method is None:
        no_gaps = reader.gettext("No gap.")
    else:
        no_gaps = reader.gettext(
            "No gap below %(points)s points.", points=number(method.gap_below, language)
        )
    return StrengthsAndGaps(strengths, relative_note, gaps, no_gaps)


def _strength_candidates(
    scores: Mapping[str, Any], dimensions: Mapping[str, Any]
) -> list[Mapping[str, Any]]:
    """Answered readiness fields that are not gaps: a field is never named a strength on
    the page where it is a gap (with no field above the bar, the relatively strongest were
    shown, top gaps among them)."""
    gaps = {gap["dimension"] for gap in scores["top_gaps"]} | set(scores["critical_gaps"])
    return [
        d
        for d in dimensions.values()
        if d["kind"] == "readiness" and d["score"] is not None and d["id"] not in gaps
    ]


def _economy_method(scored: Mapping[str, Any], reader: Reader) -> str:
    """Since ruleset 2026.2 the economic situation and distress act on E: the events of
    those rulesets carry the distress flag, and the methodology says how they act."""
    if "distress" not in scored["scores"]:
        return ""
    return " " + reader.gettext(
        "A strained economic situation (revenue trend, capacity utilisation, order backlog) "
        "raises E but never lowers it; a loss with thin equity or sharply falling revenue "
        "lifts E into the upper half at least."
    )


def _methodology(words: Vocabulary, reader: Reader) -> str:
    """How the scores were made, with the ruleset's figures where the event gives them."""
    language = reader.language
    unanswered = reader.gettext(
        "Unanswered questions never count as 0: a field is weighted over the questions "
        "answered, and the data completeness shows how complete the answers were."
    )
    method, thresholds = words.method, words.class_thresholds
    if method is None or thresholds is None:
        return reader.gettext(
            "Exposure E (0–100, higher = more at risk) comes from the product portfolio, the "
            "customer structure and energy and workforce pressure; readiness R (0–100, higher "
            "= better) is the weighted mean of the fields of action. The two are never merged; "
            "class A–D follows from one threshold each for E and R. The priority is "
            "E · (100 − R) / 100. %(unanswered)s",
            unanswered=unanswered,
        )

    def percent(weight: float) -> str:
        return f"{number(weight * 100, language)} %"

    parts = method.exposure_weights
    # The figures are the ruleset's, from the event: a part's weight ("60 %"), the fields'
    # weights ("Strategie 20 %, ..."), the classes' thresholds ("50").
    return reader.gettext(
        "Exposure E (0–100, higher = more at risk) comes %(prod)s from the product portfolio "
        "(revenue shares by dependence on the combustion engine, contract horizon, new "
        "nominations), %(cust)s from the customer structure and %(press)s from energy and "
        "workforce pressure. Readiness R (0–100, higher = better) is the weighted mean of the "
        "fields of action (%(readiness_weights)s). The two are never merged; class A–D follows "
        "from E ≥ %(exposure_from)s and R ≥ %(readiness_from)s. The priority is "
        "E · (100 − R) / 100. %(unanswered)s",
        prod=percent(parts["prod"]),
        cust=percent(parts["cust"]),
        press=percent(parts["press"]),
        readiness_weights=", ".join(
            f"{words.name('dimensions', dimension, language)} {percent(weight)}"
            for dimension, weight in method.readiness_weights.items()
        ),
        exposure_from=number(thresholds.exposure_from, language),
        readiness_from=number(thresholds.readiness_from, language),
        unanswered=unanswered,
    )


def _opportunities(scored: Mapping[str, Any], language: str) -> Opportunities:
    recommendations = scored["recommendations"]
    core = answer_in_words(scored, CORE_TECHNOLOGIES) or ", ".join(
        technology.replace("_", " ") for technology in scored["company"]["core_technologies"]
    )
    education = tuple(
        Item(
            entry["title"],
            entry.get("text"),
            short_date(entry["starts_on"], language) if entry.get("starts_on") else None,
        )
        for entry in recommendations["education"]
    )
    return Opportunities(
        core_technologies=core,
        fields=tuple(_item(entry) for entry in recommendations["technologies"]),
        partners=tuple(Item(p["name"], None, p["topic"]) for p in recommendations["partners"]),
        education=education,
    )


def _roadmap(recommendations: Mapping[str, Any], reader: Reader) -> tuple[RoadmapPhase, ...]:
    return tuple(
        RoadmapPhase(
            horizon=horizon,
            title=reader.gettext(ROADMAP_HORIZONS[horizon]),
            measures=tuple(
                Item(
                    m["title"],
                    m.get("text"),
                    _measure_note(m, recommendations["funding"], reader),
                )
                for m in recommendations["measures"]
                if m["horizon"] == horizon
            ),
        )
        for horizon in ROADMAP_ORDER
    )


def _measure_note(
    measure: Mapping[str, Any], funding: Sequence[Mapping[str, Any]], reader: Reader
) -> str | None:
    parts = [
        reader.gettext(MEASURE_DETAILS[detail], value=value)
        for detail, value in measure_details(measure, funding)
    ]
    return " · ".join(parts) or None


def _funding(programme: Mapping[str, Any], reader: Reader) -> FundingRow:
    return FundingRow(
        name=programme["name"],
        fit=programme["fit"],
        rate=programme["rate"],
        notes=tuple(
            reader.gettext(FUNDING_NOTES[note], date=short_date(day, reader.language))
            for note, day in funding_notes(programme)
        ),
        contact=programme["contact"],
        url=programme["url"],
        eligibility=(
            (reader.gettext("Check eligibility:"),)
            if programme.get("eligibility") == "unclear"
            else ()
        )
        + tuple(programme.get("eligibility_reasons", ())),
    )


def _score(scored: Mapping[str, Any], scale: Section, words: Vocabulary, language: str) -> Score:
    """A score and its level's name ("" when the field was not answered)."""
    level = scored["level"]
    return Score(scored["score"], words.name(scale, level, language) if level else "")


def _item(entry: Mapping[str, Any]) -> Item:
    return Item(entry["title"], entry.get("text"))


def _number_answer(answers: Mapping[str, Any], item_id: str) -> float | None:
    value = answers.get(item_id)
    return value if isinstance(value, int | float) else None
