"""The catalogues a mailer or the render worker reads: German and Dutch from the compiled
files, English as written in the code, German for a language Wegweiser does not write, and
a loud error at start-up rather than English pages when a catalogue was not compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit.catalogues import write_catalogues

from wording.catalogues import CatalogueMissing, Catalogues
from wording.languages import language_or_default


def test_each_language_reads_its_own_catalogue_and_english_is_the_code(tmp_path: Path):
    locale = write_catalogues(
        tmp_path, {"de": {"Result": "Ergebnis"}, "nl": {"Result": "Resultaat"}}
    )
    catalogues = Catalogues(locale)

    assert [
        catalogues.translations(language).gettext("Result") for language in ("de", "en", "nl", "fr")
    ] == [
        "Ergebnis",
        "Result",
        "Resultaat",
        "Ergebnis",
    ]


def test_a_later_directory_wins_and_an_id_it_lacks_comes_from_the_earlier(tmp_path: Path):
    shared = write_catalogues(
        tmp_path / "a", {"de": {"Back": "Zurück", "Next": "Weiter"}, "nl": {}}
    )
    own = write_catalogues(tmp_path / "b", {"de": {"Next": "Nächste Seite"}, "nl": {}})

    german = Catalogues(shared, own).translations("de")

    assert (german.gettext("Back"), german.gettext("Next")) == ("Zurück", "Nächste Seite")


def test_a_catalogue_that_was_not_compiled_stops_the_start(tmp_path: Path):
    locale = write_catalogues(tmp_path, {"de": {}})

    with pytest.raises(CatalogueMissing, match=r"nl/LC_MESSAGES/messages.mo"):
        Catalogues(locale)


def test_an_unknown_language_code_is_german():
    assert [language_or_default(code) for code in ("de", "en", "nl", "fr", "", None, "NL")] == [
        "de",
        "en",
        "nl",
        "de",
        "de",
        "de",
        "de",
    ]
