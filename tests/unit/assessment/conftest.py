"""Fixtures of the assessment domain tests: the packaged questionnaire and ruleset 2026.1,
the hand-computed answer sets of assessment_answer_sets.py, and a request in a language for
the page helpers."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from importlib import resources
from typing import Any

import pytest
from assessment_answer_sets import FULL_ANSWERS, SPARSE_ANSWERS, VERSION
from flask import Flask

from assessment.domain import (
    CompanyProfile,
    Questionnaire,
    Ruleset,
    load_questionnaire,
    load_ruleset,
    load_version,
)
from servicekit.languages import install_languages


@pytest.fixture(scope="session")
def packaged() -> tuple[Questionnaire, Ruleset]:
    return load_version(VERSION)


@pytest.fixture(scope="session")
def questionnaire(packaged: tuple[Questionnaire, Ruleset]) -> Questionnaire:
    return packaged[0]


@pytest.fixture(scope="session")
def ruleset(packaged: tuple[Questionnaire, Ruleset]) -> Ruleset:
    return packaged[1]


@pytest.fixture
def full_answers() -> dict[str, Any]:
    return copy.deepcopy(FULL_ANSWERS)


@pytest.fixture
def sparse_answers() -> dict[str, Any]:
    return copy.deepcopy(SPARSE_ANSWERS)


@pytest.fixture
def company() -> CompanyProfile:
    return CompanyProfile(employees="50_249", district="bamberg_land", revenue_band="10m_50m")


def _packaged_json(name: str) -> dict[str, Any]:
    folder = resources.files("assessment").joinpath("rulesets", VERSION)
    return json.loads(folder.joinpath(name).read_text(encoding="utf-8"))


@pytest.fixture
def raw_ruleset() -> dict[str, Any]:
    """A fresh copy of the packaged ruleset JSON, to break in a test."""
    return _packaged_json("ruleset.json")


@pytest.fixture
def raw_questionnaire() -> dict[str, Any]:
    return _packaged_json("questionnaire.json")


# The tests of what the packaged files say read them through the loaders in each test, not
# from the session's (cached) load: so a test names the loader it depends on, and a mutation
# tool, which learns which tests reach a function by running them, runs them for the loaders.
@pytest.fixture
def loaded_questionnaire(raw_questionnaire: dict[str, Any]) -> Questionnaire:
    return load_questionnaire(raw_questionnaire)


@pytest.fixture
def loaded_ruleset(raw_ruleset: dict[str, Any], loaded_questionnaire: Questionnaire) -> Ruleset:
    return load_ruleset(raw_ruleset, loaded_questionnaire)


@pytest.fixture(scope="session")
def in_language() -> Callable[[str], AbstractContextManager[Any]]:
    """`with in_language("nl"):` a request of the assessment's pages asking for that language,
    for the page helpers that translate with the request's catalogue."""
    app = Flask(__name__)
    install_languages(app, "assessment")
    return lambda language: app.test_request_context(f"/?lang={language}")
