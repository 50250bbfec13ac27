"""Every service's mails are complete template folders: `templates/mail/<mail>/<language>/`
holds subject, text and HTML part and nothing else, every mail is written in German (what
a reader of another language falls back to), and every mail folder is named by the
service's code (a folder nobody sends is wording nobody maintains)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mailing.templates import DEFAULT_LANGUAGE, PARTS

ROOT = Path(__file__).parents[2]
MAIL_ROOTS = sorted(ROOT.glob("services/*/src/*/templates/mail"))
MAIL_FOLDERS = sorted(folder for root in MAIL_ROOTS for folder in root.iterdir())
LANGUAGES = {"de", "en", "nl"}


def _id(folder: Path) -> str:
    return f"{folder.parents[2].name}/{folder.name}"


def _strings_in_code(package: Path) -> set[str]:
    return {
        node.value
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_the_services_that_send_mail_have_mail_folders():
    assert {root.parents[1].name for root in MAIL_ROOTS} == {"assessment", "notifications"}


@pytest.mark.parametrize("folder", MAIL_FOLDERS, ids=_id)
def test_a_mail_has_all_its_parts_in_every_language_it_is_written_in(folder: Path):
    languages = {path.name for path in folder.iterdir()}

    assert DEFAULT_LANGUAGE in languages
    assert languages <= LANGUAGES
    for language in languages:
        assert {path.name for path in (folder / language).iterdir()} == set(PARTS), language
        html = (folder / language / "body.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in html, language


@pytest.mark.parametrize("folder", MAIL_FOLDERS, ids=_id)
def test_every_mail_folder_is_sent_by_its_service(folder: Path):
    package = folder.parents[2]

    assert folder.name in _strings_in_code(package)
