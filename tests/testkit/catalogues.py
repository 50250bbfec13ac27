"""Compiled gettext catalogues written for a test, where the real ones would hide the case."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from wording.catalogues import DOMAIN


def write_catalogues(directory: Path, translations: Mapping[str, Mapping[str, str]]) -> Path:
    """`directory` as a locale directory holding, per language, the given id -> text pairs."""
    for language, messages in translations.items():
        catalog = Catalog(locale=language)
        for message_id, text in messages.items():
            catalog.add(message_id, text)
        folder = directory / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{DOMAIN}.mo").open("wb") as out:
            write_mo(out, catalog)
    return directory
