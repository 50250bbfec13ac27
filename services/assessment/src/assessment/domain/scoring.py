"""score(answers, questionnaire, ruleset) -> ScoreCard: the methodology as a pure function.

Class, priority, levels, gaps and flags are derived from the rounded scores the report
shows (see scorecard.py). Boundaries are inclusive lower bounds: E ≥ 50 and R ≥ 50 for the
classes, and a level starts at its threshold (25 is "Entwickler", 50 "Fortgeschritten").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from assessment.domain import ids
from assessment.domain.answers import (
    AnswerError,
    InvalidAnswers,
    validate_answers,
    validate_profile,
)
from assessment.domain.exposure import Exposure, exposure, time_pressure
from assessment.domain.item_scores import round_half_up
from assessment.domain.questionnaire import Questionnaire
from assessment.domain.readiness import Readiness, readiness
from assessment.domain.recommendations import Situation, recommend
from assessment.domain.ruleset import Ruleset, Scale
from assessment.domain.scorecard import (
    CompanyProfile,
    DimensionScore,
    ExposureProfile,
    ExposureScore,
    Gap,
    LevelResult,
    Priority,
    ReadinessScore,
    ScoreCard,
)
from assessment.domain.texts import LocalizedText


def score(
    answers: Mapping[str, Any],
    questionnaire: Questionnaire,
    ruleset: Ruleset,
    *,
    today: date,
    company: CompanyProfile,
) -> ScoreCard:
    """Score validated answers; raise InvalidAnswers when they cannot be scored."""
    if ruleset.questionnaire_version != questionnaire.version:
        raise ValueError(
            f"ruleset {ruleset.version} is for questionnaire {ruleset.questionnaire_version}, "
            f"not {questionnaire.version}"
        )
    # Validation and scoring need the same visible items: work them out once.
    visible_items = questionnaire.visible_items(answers) if isinstance(answers, Mapping) else ()
    errors = validate_answers(questionnaire, answers, complete=True, visible=visible_items)
    errors += validate_profile(
        questionnaire,
        {ids.EMPLOYEES: company.employees, ids.DISTRICT: company.district}
        | ({ids.REVENUE_BAND: company.revenue_band} if company.revenue_band else {}),
        complete=False,
    )
    if errors:
        raise InvalidAnswers(errors)
    visible = {item.id for item in visible_items}
    scored = {k: v for k, v in answers.items() if k in visible and v is not None}
    e = exposure(scored, questionnaire, ruleset)
    r = readiness(scored, visible, questionnaire, ruleset)
    if r.score is None:
        raise InvalidAnswers([_no_readiness_answer()])
    return _scorecard(answers, scored, e, r, questionnaire, ruleset, today, company)


def _scorecard(
    answers: Mapping[str, Any],
    scored: Mapping[str, Any],
    e: Exposure,
    r: Readiness,
    questionnaire: Questionnaire,
    ruleset: Ruleset,
    today: date,
    company: CompanyProfile,
) -> ScoreCard:
    assert r.score is not None
    e_score, r_score = round_half_up(e.score), round_half_up(r.score)
    e_prod = round_half_up(e.product.e_prod)
    e_cust, e_press, e_econ = (
        round_half_up(part) if part is not None else None
        for part in (
            e.customer.value,
            e.pressure.value,
            e.economy.value if e.economy is not None else None,
        )
    )
    dimensions = tuple(_dimension_scores(e, r, questionnaire, ruleset))
    assessment_class = ruleset.classes.classify(e_score, r_score)
    priority = round_half_up(e_score * (100 - r_score) / 100)
    t = round(e.product.timing_factor, 3)
    top_gaps = _top_gaps(dimensions, e_score, ruleset)
    critical = tuple(
        d.id
        for d in dimensions
        if d.kind == "readiness"
        and d.score is not None
        and d.score < ruleset.readiness.critical_below
    )
    weak = _weak_dimensions(top_gaps, critical, dimensions, e_cust, ruleset)
    situation = Situation(
        weak_dimensions=weak,
        assessment_class=assessment_class.id,
        core_technologies=scored.get(ids.CORE_TECHNOLOGIES, ()),
        company=company,
        employee_bands=questionnaire.item(ids.EMPLOYEES).option_ids,
        planned_investment_percent=scored.get(ruleset.recommendations.investment_item),
        today=today,
        answers=scored,
        e_prod=e_prod,
    )
    growth_share = round_half_up(e.product.growth_share)
    return ScoreCard(
        ruleset_version=ruleset.version,
        questionnaire_version=questionnaire.version,
        exposure=ExposureScore(
            score=e_score,
            result=_level(ruleset.exposure_levels, e_score, ruleset, "exposure"),
            prod=e_prod,
            cust=e_cust,
            press=e_press,
            floor_applied=e.floor_applied,
            nomination_bonus=e.product.nomination_bonus,
        ),
        readiness=ReadinessScore(
            score=r_score, result=_level(ruleset.readiness_levels, r_score, ruleset, "readiness")
        ),
        dimensions=dimensions,
        assessment_class=assessment_class,
        priority=Priority(score=priority, label=ruleset.priority.at(priority)),
        confidence=round_half_up((e.confidence + r.confidence) / 2, 2),
        time_pressure=time_pressure(answers[ids.CONTRACT_HORIZON], e.product, ruleset),
        timing_factor=t,
        critical_gaps=critical,
        top_gaps=top_gaps,
        growth_share=growth_share,
        weak_dimensions=weak,
        exposure_profile=ExposureProfile(
            revenue_split=dict(answers[ids.REVENUE_SPLIT]),
            revenue_by_class={
                key: round_half_up(value) for key, value in e.product.revenue_by_class.items()
            },
            growth_share=growth_share,
            contract_horizon=answers[ids.CONTRACT_HORIZON],
        ),
        recommendations=recommend(situation, ruleset),
        economy=e_econ,
        distress=e.distress if ruleset.exposure.distress is not None else None,
    )


def _dimension_scores(
    e: Exposure, r: Readiness, questionnaire: Questionnaire, ruleset: Ruleset
) -> list[DimensionScore]:
    scores = []
    for dimension in questionnaire.dimensions:
        value: float | None
        if dimension.kind == "exposure":
            # portfolio is E_prod, market is E_cust; other exposure inputs are context.
            if dimension.id == ids.PORTFOLIO:
                value, confidence = e.product.e_prod, 1.0
            else:
                value, confidence = e.customer.value, e.customer.confidence
            scale = ruleset.exposure_levels
        elif dimension.kind == "readiness":
            value = r.dimensions[dimension.id].value
            confidence = r.dimensions[dimension.id].confidence
            scale = ruleset.readiness_levels
        else:
            continue
        rounded = round_half_up(value) if value is not None else None
        scores.append(
            DimensionScore(
                id=dimension.id,
                kind=dimension.kind,
                score=rounded,
                result=_level(scale, rounded, ruleset, dimension.id)
                if rounded is not None
                else None,
                confidence=round_half_up(confidence, 2),
            )
        )
    return scores


def _level(scale: Scale, value: float, ruleset: Ruleset, subject: str) -> LevelResult:
    level = scale.at(value)
    return LevelResult(level=level, text=ruleset.level_text(subject, level.id))


def _top_gaps(
    dimensions: tuple[DimensionScore, ...], e_score: float, ruleset: Ruleset
) -> tuple[Gap, ...]:
    """Readiness dimensions below 50 and a high-exposure portfolio, by gap · weight · E/100."""
    rules = ruleset.top_gaps
    candidates = []
    for order, d in enumerate(dimensions):
        if d.score is None or d.result is None:
            continue
        if d.kind == "readiness" and d.score < rules.readiness_below:
            gap, weight = 100 - d.score, ruleset.readiness.dimension_weights[d.id]
        elif d.id == ids.PORTFOLIO and d.score >= rules.portfolio_from_e_prod:
            gap, weight = d.score, rules.portfolio_weight
        else:
            continue
        rank = round_half_up(gap * weight * e_score / 100, 3)
        candidates.append((-rank, order, Gap(d.id, d.score, d.result, rank)))
    return tuple(gap for _, _, gap in sorted(candidates, key=lambda c: c[:2])[: rules.count])


def _weak_dimensions(
    top_gaps: tuple[Gap, ...],
    critical: tuple[str, ...],
    dimensions: tuple[DimensionScore, ...],
    e_cust: float | None,
    ruleset: Ruleset,
) -> tuple[str, ...]:
    """Top gaps, then critical gaps, then the market when customer exposure is high."""
    weak = [gap.dimension for gap in top_gaps]
    scores = {d.id: d.score for d in dimensions if d.score is not None}
    by_score = sorted(critical, key=scores.__getitem__)
    weak += [d for d in by_score if d not in weak]
    if e_cust is not None and e_cust >= ruleset.recommendations.market_from_e_cust:
        weak.append(ids.MARKET)
    return tuple(weak)


def _no_readiness_answer() -> AnswerError:
    return AnswerError(
        item_id=None,
        code="no_readiness_answer",
        message=LocalizedText(
            de="Bitte beantworten Sie mindestens eine Frage zur Handlungsfähigkeit.",
            en="Please answer at least one question on readiness.",
            nl="Beantwoord ten minste één vraag over de slagvaardigheid.",
        ),
    )
