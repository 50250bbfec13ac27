"""A stored assessment and its ScoreCard as the data of `assessment.submitted` and
`assessment.scored` v1, in the loaded form the codec checks (UUIDs, datetimes, dates).

Texts are picked in the assessment's language: the report and the mails speak it.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from assessment.adapters.assessment_store import AssessmentRecord
from assessment.domain import ScoreCard, ids
from assessment.domain.answer_wording import answered_questions, context_questions
from assessment.domain.catalogue import Measure
from assessment.domain.questionnaire import Questionnaire
from assessment.domain.ruleset import Ruleset, Scale
from assessment.domain.scorecard import FundingOffer, Recommendations
from assessment.domain.texts import Language, LocalizedText
from wording.languages import language_or_default


def submitted_event_data(record: AssessmentRecord, submitted_at: datetime) -> dict[str, Any]:
    return {
        "assessment_id": record.id,
        "company_id": record.company_id,
        "submitted_at": submitted_at,
        "language": record.applicant.language,
        "questionnaire_version": record.questionnaire_version,
    }


def scored_event_data(
    record: AssessmentRecord,
    card: ScoreCard,
    scored_at: datetime,
    questionnaire: Questionnaire,
    ruleset: Ruleset,
) -> dict[str, Any]:
    language = language_or_default(record.applicant.language)
    return {
        "assessment_id": record.id,
        "company_id": record.company_id,
        "scored_at": scored_at,
        "language": record.applicant.language,
        "ruleset_version": card.ruleset_version,
        "questionnaire_version": card.questionnaire_version,
        "company": {
            "name": record.applicant.company_name,
            "employees": record.applicant.employees,
            "revenue_band": record.applicant.revenue_band,
            "district": record.applicant.district,
            "main_segment": record.answers[ids.MAIN_SEGMENT],
            "core_technologies": list(record.answers[ids.CORE_TECHNOLOGIES]),
        },
        "contact": {"name": record.applicant.contact_name, "email": record.applicant.contact_email},
        "consents": {
            "advisor_sharing": record.applicant.consent_advisor_sharing,
            "benchmarking": record.applicant.consent_benchmarking,
        },
        "scores": scores_part(card, language),
        "exposure_profile": {
            "revenue_split": dict(card.exposure_profile.revenue_split),
            "contract_horizon": card.exposure_profile.contract_horizon,
        },
        "recommendations": recommendations_part(card.recommendations, language),
        "vocabulary": vocabulary_part(questionnaire, ruleset),
        "answers": dict(record.answers),
        "answer_texts": [
            dataclasses.asdict(answered)
            for answered in answered_questions(questionnaire, record.answers, language)
        ],
        "context_answers": [
            dataclasses.asdict(context)
            for context in context_questions(
                questionnaire, ruleset.context_items, record.answers, language
            )
        ],
    }


def vocabulary_part(questionnaire: Questionnaire, ruleset: Ruleset) -> dict[str, Any]:
    """The names the scores are told in, in both languages (the advisor's mail is German
    whatever the company's language), the class boundaries and the method's figures;
    `ruleset.published` carries the same."""
    classes = ruleset.classes
    split = questionnaire.item(ids.REVENUE_SPLIT)
    districts = questionnaire.item(ids.DISTRICT)
    return {
        "classes": [
            {"id": rule.id, "name": _names(rule.name), "text": _names(rule.text)}
            for rule in sorted(classes.rules.values(), key=lambda rule: rule.id)
        ],
        "class_thresholds": {
            "exposure_from": classes.exposure_from,
            "readiness_from": classes.readiness_from,
        },
        "exposure_levels": _levels(ruleset.exposure_levels, ruleset, "exposure"),
        "readiness_levels": _levels(ruleset.readiness_levels, ruleset, "readiness"),
        "priority_levels": _levels(ruleset.priority, ruleset, None),
        "dimensions": [
            {"id": d.id, "kind": d.kind, "title": _names(d.title)}
            for d in questionnaire.dimensions
            if d.kind != "profile"
        ],
        "categories": [
            {
                "id": option.id,
                "name": _names(option.label),
                "exposure_class": ruleset.exposure.categories[option.id].exposure_class,
            }
            for option in split.options
        ],
        "districts": [
            {"id": option.id, "name": _names(option.label)} for option in districts.options
        ],
        "employee_bands": [
            {"id": option.id, "name": _names(option.label)}
            for option in questionnaire.item(ids.EMPLOYEES).options
        ],
        "method": {
            "exposure_weights": dict(ruleset.exposure.part_weights),
            "readiness_weights": dict(ruleset.readiness.dimension_weights),
            "gap_below": ruleset.top_gaps.readiness_below,
            "critical_below": ruleset.readiness.critical_below,
        },
    }


def _levels(scale: Scale, ruleset: Ruleset, subject: str | None) -> list[dict[str, Any]]:
    """The levels of a scale; those of an index (`subject`) with what each means."""
    return [
        {"id": level.id, "minimum": level.minimum, "name": _names(level.name)}
        | ({"text": _names(ruleset.level_text(subject, level.id))} if subject else {})
        for level in scale.levels
    ]


def _names(text: LocalizedText) -> dict[str, str]:
    names = {"de": text.de, "en": text.en}
    return names if text.nl is None else names | {"nl": text.nl}


def scores_part(card: ScoreCard, language: Language) -> dict[str, Any]:
    exposure, readiness = card.exposure, card.readiness
    return {
        "exposure": {
            "score": exposure.score,
            "level": exposure.result.level.id,
            "parts": {"prod": exposure.prod, "cust": exposure.cust, "press": exposure.press}
            # Rulesets that score the economic situation (2026.2 on) say what it was.
            | ({"econ": card.economy} if card.economy is not None else {}),
        },
        "readiness": {"score": readiness.score, "level": readiness.result.level.id},
        "dimensions": [
            {
                "id": d.id,
                "kind": d.kind,
                "score": d.score,
                "level": d.result.level.id if d.result else None,
            }
            for d in card.dimensions
        ],
        "class": card.assessment_class.id,
        "priority": {"score": card.priority.score, "label": card.priority.label.id},
        "confidence": card.confidence,
        "time_pressure": card.time_pressure,
        **({"distress": card.distress} if card.distress is not None else {}),
        "critical_gaps": list(card.critical_gaps),
        "top_gaps": [
            {
                "dimension": gap.dimension,
                "score": gap.score,
                "level": gap.result.level.id,
                "text": gap.result.text.in_language(language),
            }
            for gap in card.top_gaps
        ],
        "growth_share": card.growth_share,
        "timing_factor": card.timing_factor,
    }


def recommendations_part(r: Recommendations, language: Language) -> dict[str, Any]:
    return {
        "measures": [
            {"id": m.id, "title": m.title.in_language(language), "dimension": m.dimension}
            | {"horizon": m.horizon}
            | _text(m.text, language)
            | _measure_details(m, r, language)
            for m in r.measures
        ],
        "technologies": [
            {"id": t.id, "title": t.title.in_language(language)} | _text(t.text, language)
            for t in r.technologies
        ],
        "education": [
            {"id": e.id, "title": e.title.in_language(language), "kind": e.kind}
            | ({"starts_on": e.starts_on} if e.starts_on else {})
            | ({"url": e.url} if e.url else {})
            | _text(e.text, language)
            for e in r.education
        ],
        "funding": [_funding(offer, language) for offer in r.funding],
        "partners": [
            {"id": p.id, "name": p.name, "topic": p.topic.in_language(language)} for p in r.partners
        ],
        "agenda": [
            {"id": a.id, "title": a.title.in_language(language)} | _text(a.text, language)
            for a in r.agenda
        ],
    }


def _funding(offer: FundingOffer, language: Language) -> dict[str, Any]:
    f = offer.programme
    return {
        "id": f.id,
        "name": f.name.in_language(language),
        "fit": f.fit.in_language(language),
        "rate": f.rate.in_language(language),
        # Readers of v1 as first published require valid_until and drop a programme past
        # it: they get the end, else the review date, which is what it meant to them.
        "valid_until": f.ends_on or f.review_by,
        "ends_on": f.ends_on,
        "verified_on": f.verified_on,
        "review_by": f.review_by,
        "ending_soon": offer.ending_soon,
        "review_overdue": offer.review_overdue,
        "eligibility": offer.eligibility.outcome,
        "eligibility_reasons": [text.in_language(language) for text in offer.eligibility_reasons],
        "contact": f.contact,
        "url": f.url,
    }


def _measure_details(m: Measure, r: Recommendations, language: Language) -> dict[str, str]:
    # Added within v1 (ruleset 2026.2): left out where the catalogue has none.
    offer = r.funding_for(m)
    return (
        ({"owner": m.owner.in_language(language)} if m.owner else {})
        | ({"effort": m.effort.in_language(language)} if m.effort else {})
        | ({"funding": offer.id} if offer else {})
    )


def _text(text: LocalizedText | None, language: Language) -> dict[str, str]:
    # The schema's text is optional: an entry without one leaves the field out.
    return {} if text is None else {"text": text.in_language(language)}
