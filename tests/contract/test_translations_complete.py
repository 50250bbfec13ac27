"""Every package's catalogues against its code: the template holds exactly the message ids
the code has now, German and Dutch translate every one of them (no empty or fuzzy entry),
each translation keeps its id's placeholders, and the build refuses one that does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from devstack.catalogues import TRANSLATED, PackageTexts, extract, packages

ROOT = Path(__file__).parents[2]
PACKAGES = packages(ROOT)
PYBABEL = Path(sys.executable).parent / "pybabel"


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as stored:
        return read_po(stored, locale=language)


def _ids(catalog: Catalog) -> list[str]:
    return sorted(str(message.id) for message in catalog if message.id)


def test_the_packages_with_words_have_catalogues():
    assert [package.root.name for package in PACKAGES] == [
        "mailing",
        "servicekit",
        "assessment",
        "notifications",
        "reporting",
    ]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.root.name)
def test_the_template_holds_the_ids_the_code_has_now(package: PackageTexts):
    assert _ids(_read(package.template)) == _ids(extract(package)), "run `make translations`"


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.root.name)
def test_every_id_is_translated(package: PackageTexts, language: str):
    catalog = _read(package.catalogue(language), language)

    assert not catalog.fuzzy  # pybabel would skip a fuzzy catalogue, and German would be English
    assert _ids(catalog) == _ids(_read(package.template))
    assert [message.id for message in catalog if message.id and not message.string] == []
    assert [message.id for message in catalog if message.id and message.fuzzy] == []
    assert [(message.id, errors) for message, errors in catalog.check()] == []


def test_a_translation_that_loses_a_placeholder_fails_the_build(tmp_path: Path):
    catalog = Catalog(locale="nl", fuzzy=False)
    catalog.add("Hello %(name)s,", "Beste %(naam)s,", flags=["python-format"])
    with (tmp_path / "messages.po").open("wb") as out:
        write_po(out, catalog)

    compiled = subprocess.run(
        [PYBABEL, "--quiet", "compile", "--input-file", tmp_path / "messages.po",
         "--output-file", tmp_path / "messages.mo"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert compiled.returncode == 1
    assert "unknown named placeholder 'naam'" in compiled.stderr
