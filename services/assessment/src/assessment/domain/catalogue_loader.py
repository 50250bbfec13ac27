"""Loading the packaged questionnaire and ruleset: the only I/O of the domain.

Each version is a folder `assessment/rulesets/<version>/` holding `questionnaire.json` and
`ruleset.json`; the newest version is the current one. Stored assessments name the
version they were scored with, so older versions stay loadable.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from assessment.domain.questionnaire import Questionnaire, load_questionnaire
from assessment.domain.reading import CatalogueError
from assessment.domain.ruleset import Ruleset
from assessment.domain.ruleset_loader import load_ruleset

_VERSION = re.compile(r"^\d{4}\.\d+$")


def _versions_folder() -> Traversable:
    return resources.files("assessment").joinpath("rulesets")


@cache  # packaged data does not change while the process runs; asked on every request
def available_versions() -> tuple[str, ...]:
    """The packaged versions, oldest first ("2026.1" < "2026.2" < "2026.10")."""
    names = [entry.name for entry in _versions_folder().iterdir() if _VERSION.match(entry.name)]
    return tuple(sorted(names, key=lambda name: tuple(int(part) for part in name.split("."))))


def load_current() -> tuple[Questionnaire, Ruleset]:
    versions = available_versions()
    if not versions:
        raise CatalogueError("no packaged ruleset version under assessment/rulesets/")
    return load_version(versions[-1])


@cache
def load_version(version: str) -> tuple[Questionnaire, Ruleset]:
    """Load and check one packaged version; raise CatalogueError naming the bad entry."""
    if version not in available_versions():
        raise CatalogueError(f"no packaged ruleset version {version!r}")
    folder = _versions_folder().joinpath(version)
    questionnaire = load_questionnaire(_read_json(folder.joinpath("questionnaire.json")))
    ruleset = load_ruleset(_read_json(folder.joinpath("ruleset.json")), questionnaire)
    for kind, found in (("questionnaire", questionnaire.version), ("ruleset", ruleset.version)):
        if found != version:
            raise CatalogueError(f"{kind} {found} is packaged in the folder of version {version}")
    return questionnaire, ruleset


def _read_json(file: Traversable) -> object:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CatalogueError(f"{file.name} is missing") from error
    except json.JSONDecodeError as error:
        raise CatalogueError(f"{file.name} is not valid JSON: {error}") from error
