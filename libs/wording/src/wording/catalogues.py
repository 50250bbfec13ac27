"""The gettext catalogues of Wegweiser's packages, read with Babel.

Each package that has words keeps `locale/<language>/LC_MESSAGES/messages.po` next to its
code; `make` compiles them to `.mo` (and fails on a broken placeholder), `make translations`
extracts new message ids from the code. The message ids are the English texts, so English
needs no catalogue; German and Dutch must translate every one (a test checks).

A request's language is Flask-Babel's business (`servicekit.languages`); a mailer or the
render worker writes to many readers in turn and asks `Catalogues` for the translations of
each reader's language.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from babel.support import NullTranslations, Translations

from wording.languages import LANGUAGES, SOURCE_LANGUAGE, Language, language_or_default

DOMAIN = "messages"


class CatalogueMissing(RuntimeError):
    """A package's catalogue was not compiled: without it, its readers would get English."""


def locale_directory(package: str) -> Path:
    return Path(str(files(package) / "locale"))


def compiled_catalogue(directory: Path, language: str) -> Path:
    return directory / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


class Catalogues:
    """The translations in one or more locale directories, merged; a later one's entry wins."""

    def __init__(self, *directories: Path) -> None:
        missing = [
            str(compiled_catalogue(directory, language))
            for directory in directories
            for language in LANGUAGES
            if language != SOURCE_LANGUAGE and not compiled_catalogue(directory, language).exists()
        ]
        if missing:
            raise CatalogueMissing(
                f"catalogue not compiled (run `make catalogues`): {', '.join(missing)}"
            )
        self.directories = directories

    @classmethod
    def of_packages(cls, *packages: str) -> Catalogues:
        """The catalogues in each package's `locale/`."""
        return cls(*(locale_directory(package) for package in packages))

    def translations(self, language: str) -> NullTranslations:
        """The translations for a reader of `language` (German for a language we lack)."""
        return _merged(self.directories, language_or_default(language))


@cache
def _merged(directories: tuple[Path, ...], language: Language) -> NullTranslations:
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    merged = Translations()
    for directory in directories:
        catalogue = Translations.load(str(directory), [language], DOMAIN)
        if not isinstance(catalogue, Translations):
            continue  # Catalogues checked at start-up that every file is there
        merged.merge(catalogue)
        # merge() takes the messages only; ngettext needs the language's plural rule too.
        merged.plural = catalogue.plural
    return merged
