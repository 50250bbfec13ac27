"""The pure domain of the assessment service: questionnaire, ruleset and scoring.

Nothing here does I/O except `catalogue_loader`, which reads the packaged, versioned data
(`assessment/rulesets/<version>/questionnaire.json` and `ruleset.json`).
"""

from assessment.domain.answers import (
    AnswerError,
    InvalidAnswers,
    validate_answers,
    validate_profile,
)
from assessment.domain.catalogue_loader import available_versions, load_current, load_version
from assessment.domain.questionnaire import Item, Questionnaire, load_questionnaire
from assessment.domain.reading import CatalogueError, QuestionnaireError, RulesetError
from assessment.domain.ruleset import Ruleset
from assessment.domain.ruleset_loader import load_ruleset
from assessment.domain.scorecard import CompanyProfile, ScoreCard
from assessment.domain.scoring import score

__all__ = [
    "AnswerError",
    "CatalogueError",
    "CompanyProfile",
    "InvalidAnswers",
    "Item",
    "Questionnaire",
    "QuestionnaireError",
    "Ruleset",
    "RulesetError",
    "ScoreCard",
    "available_versions",
    "load_current",
    "load_questionnaire",
    "load_ruleset",
    "load_version",
    "score",
    "validate_answers",
    "validate_profile",
]
