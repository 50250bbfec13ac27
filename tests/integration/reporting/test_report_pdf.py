# ruff: noqa: RUF001, RUF003 - the report's texts use the en dash on purpose.
"""Real PDFs from the contract's example assessments, read back with poppler."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PIL import Image, ImageStat
from report_helpers import CHAPTERS, pdf_text, render

from reporting.domain.benchmark import Benchmark
from wording.catalogues import locale_directory


def test_a_german_report_names_company_class_scores_and_funding(render_process, tmp_path):
    pdf = render("machining", render_process)
    text = pdf_text(pdf.content, tmp_path)

    assert "Hofmann Präzisionsdrehteile GmbH" in text
    assert "A – Akuter Handlungsbedarf" in text
    # The scores as classified, as the result page and the mails print them.
    assert "78,3 Punkte · sehr hoch" in text
    assert "34,0 Punkte · Entwickler" in text
    for programme in ("BAFA – Förderung von Unternehmensberatungen", "ZIM", "BayTP+", "EEW"):
        assert programme in text
    assert "läuft bis 31.12.2027" in text  # ZIM's end
    assert "gültig bis" not in text
    assert "Alle Angaben ohne Gewähr" in text
    assert "http://book.test/book/1" in text
    assert f"Seite 2 von {pdf.pages}" in text
    assert 8 <= pdf.pages <= 20
    info = subprocess.run(["pdfinfo", "-"], input=pdf.content, capture_output=True, check=True)
    assert f"Pages:           {pdf.pages}".encode() in info.stdout


def test_an_english_report_is_english_throughout(render_process, tmp_path):
    text = pdf_text(render("die-caster", render_process).content, tmp_path)

    assert "B – Actively shape the conversion" in text  # the ruleset's name of class B
    assert "Workforce and skills" in text
    assert "Page 2 of" in text
    assert "Seite" not in text


def test_a_dutch_report_is_dutch_throughout(render_process, tmp_path):
    pdf = render("machining", render_process, language="nl")
    text = pdf_text(pdf.content, tmp_path)

    assert "Potentieelanalyse" in text
    assert "Peildatum: 9 maart 2026" in text
    assert f"Pagina 2 van {pdf.pages}" in text
    for heading in CHAPTERS["nl"]:
        assert heading in text
    assert "78,3 punten" in text  # Dutch writes a decimal comma too
    assert "loopt tot 31-12-2027" in text
    assert "Aan deze gegevens kunnen geen rechten worden ontleend." in text
    assert "Seite" not in text
    assert "Page 2" not in text


def test_no_english_words_of_the_report_are_left_in_a_dutch_one(render_process, tmp_path):
    text = pdf_text(render("machining", render_process, language="nl").content, tmp_path)
    with (locale_directory("reporting") / "nl" / "LC_MESSAGES" / "messages.po").open(
        "rb"
    ) as stored:
        catalogue = read_po(stored, locale="nl")

    english = [
        fragment.replace("%%", "%")
        for message in catalogue
        if message.id and message.string != message.id
        # A placeholder's value is the event's: the words around it must be Dutch.
        for fragment in re.split(r"%\(\w+\)s", str(message.id))
        if len(fragment.strip()) >= 12
    ]
    assert english  # the check checks something
    assert [fragment for fragment in english if " ".join(fragment.split()) in text] == []


def test_the_fonts_are_the_bundled_ones(render_process, tmp_path):
    (tmp_path / "fonts.pdf").write_bytes(render("plastics", render_process).content)

    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "fonts.pdf")], capture_output=True, text=True, check=True
    ).stdout

    assert "Wegweiser-Sans" in fonts


@pytest.mark.parametrize("page", [1, 2])
def test_pages_render_visibly(render_process, tmp_path: Path, page: int):
    """Catches an empty render: the page as an image has ink on it."""
    (tmp_path / "r.pdf").write_bytes(render("machining", render_process).content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile",
         str(tmp_path / "r.pdf"), str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    with Image.open(tmp_path / "page.png") as image:
        grey = image.convert("L")
        dark_pixels = sum(grey.histogram()[:200])
        assert ImageStat.Stat(grey).stddev[0] > 5
    assert dark_pixels > 500


def test_without_peers_the_report_says_so_and_draws_no_peer_line(render_process, tmp_path):
    text = pdf_text(render("machining", render_process, Benchmark("none", 4)).content, tmp_path)

    assert "der Peer-Vergleich entfällt" in text
    # The table column, with "–" entries; its heading wraps in the fixed-width column.
    assert "Median der" in text
    assert "Vergleichsgruppe" in text
