"""`make translations`: the texts of every package's code into its message catalogues.

A package with words has a `babel.cfg` (which files hold texts) and
`src/<package>/locale/`: `messages.pot`, the message ids found in the code, and
`<language>/LC_MESSAGES/messages.po` for every language but the source language, English.
Extracting writes the template anew; updating adds its new ids to each language's catalogue
with an empty translation and drops the ids the code no longer has. Then a person translates
the empty entries, and `make` compiles them (a test fails on any left empty).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from wording.catalogues import DOMAIN
from wording.languages import LANGUAGES, SOURCE_LANGUAGE

logger = logging.getLogger(__name__)

# lazy_gettext: a text defined at import time and translated when it is shown.
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None}
# A comment starting so, on the line before a text, is passed to the translators.
COMMENT_TAGS = ("Translators:",)
WIDTH = 100
TRANSLATED = tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)
TEAM = "Wegweiser, Cleantech Innovation Park Hallstadt"
# Header dates would change every file on every run; git keeps the history.
UNDATED = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PackageTexts:
    """One package's code and catalogues."""

    root: Path  # where its babel.cfg is, e.g. services/assessment

    @property
    def locale(self) -> Path:
        (init,) = self.root.glob("src/*/__init__.py")
        return init.parent / "locale"

    @property
    def template(self) -> Path:
        return self.locale / f"{DOMAIN}.pot"

    def catalogue(self, language: str) -> Path:
        return self.locale / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def packages(repository: Path) -> list[PackageTexts]:
    configs = sorted(repository.glob("libs/*/babel.cfg")) + sorted(
        repository.glob("services/*/babel.cfg")
    )
    return [PackageTexts(config.parent) for config in configs]


def extract(package: PackageTexts) -> Catalog:
    """The message ids in the package's code now, with where each is used."""
    with (package.root / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    catalog = _new_catalog(package, None)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(package.root),
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def update(package: PackageTexts) -> dict[str, int]:
    """Write the template and update every language's catalogue from the code; returns the
    number of entries still to translate in each language."""
    template = extract(package)
    package.template.parent.mkdir(parents=True, exist_ok=True)
    _write(package.template, template)
    untranslated: dict[str, int] = {}
    for language in TRANSLATED:
        path = package.catalogue(language)
        if path.exists():
            with path.open("rb") as stored:
                catalog = read_po(stored, locale=language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = _new_catalog(package, language)
        # No fuzzy guesses: a near match of a changed text is re-translated, not half-kept.
        catalog.update(template, no_fuzzy_matching=True)
        _write(path, catalog)
        untranslated[language] = sum(1 for message in catalog if message.id and not message.string)
    return untranslated


def _new_catalog(package: PackageTexts, language: str | None) -> Catalog:
    what = f"{language} translations" if language else "Texts"
    return Catalog(
        locale=language,
        project=f"wegweiser-{package.root.name}",
        version="1.0",
        header_comment=(
            f"# {what} of Wegweiser's {package.root.name} package, for business readers.\n"
            "# `make translations` updates this file from the code; see the README, Languages."
        ),
        copyright_holder=TEAM,
        last_translator=TEAM,
        language_team=TEAM,
        creation_date=UNDATED,
        revision_date=UNDATED,
        fuzzy=False,
    )


def _write(path: Path, catalog: Catalog) -> None:
    # Files only, no line numbers: an edit elsewhere in a file does not touch the catalogues.
    with path.open("wb") as out:
        write_po(out, catalog, width=WIDTH, ignore_obsolete=True, include_lineno=False)


def main(repository: Path) -> int:
    for package in packages(repository):
        for language, count in update(package).items():
            state = f"{count} to translate" if count else "complete"
            logger.info("%s: %s", package.catalogue(language), state)
    return 0
