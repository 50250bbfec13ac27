"""What goes into each section of the Potenzialanalyse, decided from a scored assessment.

`build_report` takes the assessment as `assessment.scored` v1 carries it, the peer benchmark
and the booking link, and returns the report's content: every text chosen, every number
the charts draw. Templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventing.schemas.assessment import funding_notes
from reporting.domain.answers import AnswerGroup, answer_groups
from reporting.domain.benchmark import MIN_PEERS, Benchmark
from reporting.domain.exposure_classes import EXPOSURE_CLASS_ORDER, ICE_DEPENDENT, shares_by_class
from reporting.domain.formatting import long_date, number, short_date
from reporting.domain.texts import (
    BENCHMARK_BASIS,
    CLASS_ADVICE,
    CLASSES,
    CONTRACT_HORIZONS,
    DIMENSIONS,
    EMPLOYEE_BANDS,
    EXPOSURE_CLASSES,
    LABELS,
    LEVEL_TEXTS,
    LEVELS,
    MAIN_SEGMENTS,
    MESSAGES,
    PRIORITIES,
    ROADMAP_HORIZONS,
    pick,
)

# The readiness every field should reach: "Fortgeschritten" in full, where a company can
# carry the transformation on its own (the radar's target line).
TARGET_SCORE = 75.0
STRENGTH_FROM = 51.0  # "Fortgeschritten" and above
ROADMAP_ORDER = ("quick_win", "project", "new_business_field")


@dataclass(frozen=True)
class Score:
    value: float | None
    level: str  # the level's name in the report's language; "" when not answered


@dataclass(frozen=True)
class Summary:
    class_id: str
    class_title: str
    exposure: Score
    readiness: Score
    priority_label: str
    priority_score: float
    confidence_percent: float
    key_messages: tuple[str, str, str]


@dataclass(frozen=True)
class BarSegment:
    exposure_class: str  # id, for the chart's colour
    label: str
    share: float


@dataclass(frozen=True)
class ExposureProfile:
    segments: tuple[BarSegment, ...]
    growth_share: float
    contract_horizon: str
    time_pressure: bool
    top_customer_share: float | None
    customers_over_5pct: float | None
    automotive_share: float | None
    parts: tuple[tuple[str, float | None], ...]  # (part id, score): products, customers, press


@dataclass(frozen=True)
class RadarAxis:
    dimension: str
    label: str
    own: float | None
    peer: float | None
    target: float
    level: str


@dataclass(frozen=True)
class Radar:
    axes: tuple[RadarAxis, ...]
    basis: str  # "cohort", "region" or "none"
    basis_text: str


@dataclass(frozen=True)
class DimensionNote:
    label: str
    score: float
    level: str
    text: str


@dataclass(frozen=True)
class StrengthsAndGaps:
    strengths: tuple[DimensionNote, ...]
    only_relative_strengths: bool  # no field reaches "Fortgeschritten": show the best ones
    gaps: tuple[DimensionNote, ...]


@dataclass(frozen=True)
class Item:
    title: str
    text: str | None = None
    note: str | None = None  # a partner's topic, an event's date


@dataclass(frozen=True)
class Opportunities:
    core_technologies: str
    fields: tuple[Item, ...]
    partners: tuple[Item, ...]
    education: tuple[Item, ...]


@dataclass(frozen=True)
class RoadmapPhase:
    horizon: str
    title: str
    measures: tuple[Item, ...]


@dataclass(frozen=True)
class FundingRow:
    name: str
    fit: str
    rate: str
    notes: tuple[str, ...]  # its end, if it has one, and "as of" when its facts are old
    contact: str
    url: str


@dataclass(frozen=True)
class NextStep:
    agenda: tuple[Item, ...]
    booking_url: str


@dataclass(frozen=True)
class Appendix:
    ruleset_version: str
    questionnaire_version: str
    answers: tuple[AnswerGroup, ...]


@dataclass(frozen=True)
class Report:
    language: str
    assessment_id: str
    company_name: str
    date: str  # the day it was scored, as the reader writes dates
    summary: Summary
    exposure_profile: ExposureProfile
    radar: Radar
    strengths_and_gaps: StrengthsAndGaps
    opportunities: Opportunities
    roadmap: tuple[RoadmapPhase, ...]
    funding: tuple[FundingRow, ...]
    funding_as_of: str
    next_step: NextStep
    appendix: Appendix


def build_report(
    scored: Mapping[str, Any],
    benchmark: Benchmark,
    *,
    scored_on: date,
    booking_url: str,
    questionnaire_labels: Mapping[str, Any],
) -> Report:
    """The report's content. `scored_on` is the day of scoring in the cluster's time zone:
    the report is dated by it. Which funding programmes are shown, and how each is marked,
    the scoring decided on that day: the report shows them as the event carries them."""
    language = scored["language"]
    scores = scored["scores"]
    dimensions = {dimension["id"]: dimension for dimension in scores["dimensions"]}
    return Report(
        language=language,
        assessment_id=str(scored["assessment_id"]),
        company_name=scored["company"]["name"],
        date=long_date(scored_on, language),
        summary=_summary(scored, dimensions, language),
        exposure_profile=_exposure_profile(scored, language),
        radar=_radar(scored, dimensions, benchmark, language),
        strengths_and_gaps=_strengths_and_gaps(scores, dimensions, language),
        opportunities=_opportunities(scored, language, questionnaire_labels),
        roadmap=_roadmap(scored["recommendations"]["measures"], language),
        funding=tuple(_funding(p, language) for p in scored["recommendations"]["funding"]),
        funding_as_of=short_date(scored_on, language),
        next_step=NextStep(
            agenda=tuple(_item(entry) for entry in scored["recommendations"]["agenda"]),
            booking_url=booking_url,
        ),
        appendix=Appendix(
            ruleset_version=scored["ruleset_version"],
            questionnaire_version=scored["questionnaire_version"],
            answers=answer_groups(scored["answers"], questionnaire_labels, language),
        ),
    )


def _summary(scored: Mapping[str, Any], dimensions: Mapping[str, Any], language: str) -> Summary:
    scores = scored["scores"]
    class_id = scores["class"]
    return Summary(
        class_id=class_id,
        class_title=pick(CLASSES, class_id, language),
        exposure=_score(scores["exposure"]["score"], scores["exposure"]["level"], language),
        readiness=_score(scores["readiness"]["score"], scores["readiness"]["level"], language),
        priority_label=pick(PRIORITIES, scores["priority"]["label"], language),
        priority_score=scores["priority"]["score"],
        confidence_percent=round(scores["confidence"] * 100),
        key_messages=_key_messages(scored, dimensions, language),
    )


def _key_messages(
    scored: Mapping[str, Any], dimensions: Mapping[str, Any], language: str
) -> tuple[str, str, str]:
    """Where the company stands on exposure, on readiness, and what to do about it."""
    scores = scored["scores"]
    shares = shares_by_class(scored["exposure_profile"]["revenue_split"])
    exposure = pick(MESSAGES, "exposure", language).format(
        ice_share=number(sum(shares[group] for group in ICE_DEPENDENT), language),
        growth_share=number(scores["growth_share"], language),
    )
    if scores["time_pressure"]:
        exposure += " " + pick(MESSAGES, "time_pressure", language)
    readiness_dimensions = [
        d for d in dimensions.values() if d["kind"] == "readiness" and d["score"] is not None
    ]
    readiness = ""
    if readiness_dimensions:
        best = max(readiness_dimensions, key=lambda d: d["score"])
        readiness = pick(MESSAGES, "strongest", language).format(
            dimension=pick(DIMENSIONS, best["id"], language),
            level=pick(LEVELS, best["level"], language),
        )
    if scores["critical_gaps"]:
        names = ", ".join(pick(DIMENSIONS, gap, language) for gap in scores["critical_gaps"])
        gaps = pick(MESSAGES, "critical_gaps", language).format(dimensions=names)
    else:
        gaps = pick(MESSAGES, "no_critical_gaps", language)
    readiness = f"{readiness} {gaps}".strip()
    return exposure, readiness, pick(CLASS_ADVICE, scores["class"], language)


def _exposure_profile(scored: Mapping[str, Any], language: str) -> ExposureProfile:
    shares = shares_by_class(scored["exposure_profile"]["revenue_split"])
    answers = scored["answers"]
    parts = scored["scores"]["exposure"]["parts"]
    return ExposureProfile(
        segments=tuple(
            BarSegment(group, pick(EXPOSURE_CLASSES, group, language), shares[group])
            for group in EXPOSURE_CLASS_ORDER
            if shares[group] > 0
        ),
        growth_share=scored["scores"]["growth_share"],
        contract_horizon=pick(
            CONTRACT_HORIZONS, scored["exposure_profile"]["contract_horizon"], language
        ),
        time_pressure=scored["scores"]["time_pressure"],
        top_customer_share=_number_answer(answers, "market.top_customer_share"),
        customers_over_5pct=_number_answer(answers, "market.customers_over_5pct"),
        automotive_share=_number_answer(answers, "market.automotive_share"),
        parts=(
            ("part_prod", parts["prod"]),
            ("part_cust", parts["cust"]),
            ("part_press", parts["press"]),
        ),
    )


def _radar(
    scored: Mapping[str, Any],
    dimensions: Mapping[str, Any],
    benchmark: Benchmark,
    language: str,
) -> Radar:
    axes = tuple(
        RadarAxis(
            dimension=dimension["id"],
            label=pick(DIMENSIONS, dimension["id"], language),
            own=dimension["score"],
            peer=benchmark.medians.get(dimension["id"]),
            target=TARGET_SCORE,
            level=_score(dimension["score"], dimension["level"], language).level,
        )
        for dimension in dimensions.values()
        if dimension["kind"] == "readiness"
    )
    company = scored["company"]
    basis_text = pick(BENCHMARK_BASIS, benchmark.basis, language).format(
        members=benchmark.members,
        minimum=MIN_PEERS,
        band=pick(EMPLOYEE_BANDS, company["employees"], language),
        segment=pick(MAIN_SEGMENTS, company["main_segment"], language),
    )
    return Radar(axes=axes, basis=benchmark.basis, basis_text=basis_text)


def _strengths_and_gaps(
    scores: Mapping[str, Any], dimensions: Mapping[str, Any], language: str
) -> StrengthsAndGaps:
    answered = sorted(
        (d for d in dimensions.values() if d["kind"] == "readiness" and d["score"] is not None),
        key=lambda d: -d["score"],
    )
    strong = [d for d in answered if d["score"] >= STRENGTH_FROM]
    shown = (strong or answered)[:3]
    strengths = tuple(
        DimensionNote(
            label=pick(DIMENSIONS, d["id"], language),
            score=d["score"],
            level=pick(LEVELS, d["level"], language),
            text=pick(LEVEL_TEXTS, d["level"], language),
        )
        for d in shown
    )
    gaps = tuple(
        DimensionNote(
            label=pick(DIMENSIONS, gap["dimension"], language),
            score=gap["score"],
            level=pick(LEVELS, gap["level"], language),
            text=gap["text"],
        )
        for gap in scores["top_gaps"][:3]
    )
    return StrengthsAndGaps(strengths, not strong and bool(answered), gaps)


def _opportunities(
    scored: Mapping[str, Any], language: str, questionnaire_labels: Mapping[str, Any]
) -> Opportunities:
    recommendations = scored["recommendations"]
    technology_names = {
        option["id"]: option["label"][language]
        for option in questionnaire_labels.get("items", {})
        .get("portfolio.core_technologies", {})
        .get("options", [])
    }
    core = ", ".join(
        technology_names.get(technology, technology.replace("_", " "))
        for technology in scored["company"]["core_technologies"]
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


def _roadmap(measures: list[Mapping[str, Any]], language: str) -> tuple[RoadmapPhase, ...]:
    return tuple(
        RoadmapPhase(
            horizon=horizon,
            title=pick(ROADMAP_HORIZONS, horizon, language),
            measures=tuple(_item(m) for m in measures if m["horizon"] == horizon),
        )
        for horizon in ROADMAP_ORDER
    )


def _funding(programme: Mapping[str, Any], language: str) -> FundingRow:
    return FundingRow(
        name=programme["name"],
        fit=programme["fit"],
        rate=programme["rate"],
        notes=tuple(
            pick(LABELS, note, language).format(date=short_date(day, language))
            for note, day in funding_notes(programme)
        ),
        contact=programme["contact"],
        url=programme["url"],
    )


def _score(value: float | None, level: str | None, language: str) -> Score:
    return Score(value, pick(LEVELS, level, language) if level else "")


def _item(entry: Mapping[str, Any]) -> Item:
    return Item(entry["title"], entry.get("text"))


def _number_answer(answers: Mapping[str, Any], item_id: str) -> float | None:
    value = answers.get(item_id)
    return value if isinstance(value, int | float) else None
