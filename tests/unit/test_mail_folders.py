"""Every service's mails are complete template folders: `templates/mail/<mail>/` holds
subject, text and HTML part and nothing else, written once for every language (the words
are translated by the package's catalogues), the HTML part in the shared branded layout,
and every mail folder is named by the service's code (a folder nobody sends is wording
nobody maintains)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mailing.templates import LAYOUT, PARTS

ROOT = Path(__file__).parents[2]
MAIL_ROOTS = sorted(ROOT.glob("services/*/src/*/templates/mail"))
MAIL_FOLDERS = sorted(folder for root in MAIL_ROOTS for folder in root.iterdir())


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
def test_a_mail_has_its_three_parts_and_its_html_extends_the_layout(folder: Path):
    assert sorted(path.name for path in folder.iterdir()) == sorted(PARTS)
    html = (folder / "body.html").read_text(encoding="utf-8")
    # The layout names the language and the charset; a document of its own would not.
    assert html.startswith(f'{{% extends "{LAYOUT}" %}}\n')
    assert "<html" not in html
    assert "<body" not in html


@pytest.mark.parametrize("folder", MAIL_FOLDERS, ids=_id)
def test_every_mail_folder_is_sent_by_its_service(folder: Path):
    package = folder.parents[2]

    assert folder.name in _strings_in_code(package)
