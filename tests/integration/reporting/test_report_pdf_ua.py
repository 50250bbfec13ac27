# ruff: noqa: RUF001 - the report's texts use the en dash on purpose.
"""The report is PDF/UA-1 in German, English and Dutch.

WeasyPrint calls its PDF/UA output experimental, so it is checked twice: by veraPDF's PDF/UA-1
profile (ISO 14289-1, the machine-checkable rules; `make verapdf` fetches it), and by reading
the structure tree back for what a screen reader relies on and no validator can judge: the
headings are the chapters, the tables have header cells, the charts say what they show, the
document speaks the reader's language and shows its title.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject
from report_helpers import CHAPTERS, render

from devstack import pdf_ua

# A German, an English and a Dutch reader: the contract's examples are German and English; a
# Dutch report is the German example's data with the language set to nl.
REPORTS = {"de": ("machining", None), "en": ("die-caster", None), "nl": ("machining", "nl")}


@pytest.fixture(scope="module")
def pdfs(render_process) -> dict[str, bytes]:
    return {
        language: render(case, render_process, language=reader).content
        for language, (case, reader) in REPORTS.items()
    }


@dataclass
class Element:
    """A structure element with the text of its marked content."""

    tag: str
    attributes: dict[str, Any]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def all(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.all()

    def find(self, *tags: str) -> list[Element]:
        return [element for element in self.all() if element.tag in tags]


def structure(pdf: bytes) -> tuple[PdfReader, Element]:
    reader = PdfReader(BytesIO(pdf))
    texts = [_marked_texts(page) for page in reader.pages]
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    [document] = root["/K"]
    return reader, _element(document.get_object(), texts, pages, None)


def _element(node: DictionaryObject, texts, pages, page: int | None) -> Element:
    if "/Pg" in node:
        page = pages[node.raw_get("/Pg").idnum]
    element = Element(
        str(node["/S"])[1:], {key: node[key] for key in ("/A", "/Alt", "/ID") if key in node}
    )
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        kid = kid.get_object()
        if isinstance(kid, int):
            element.text += texts[page].get(kid, "")
        elif kid.get("/Type") != "/OBJR":
            child = _element(kid, texts, pages, page)
            element.children.append(child)
            element.text += child.text
    element.text = " ".join(element.text.split())
    return element


def _marked_texts(page) -> dict[int, str]:
    """The text of each marked-content sequence (by MCID) on the page."""
    open_ids: list[int | None] = []
    texts: dict[int, str] = {}

    def operator(op: bytes, args: list[Any], *_: Any) -> None:
        if op == b"BDC":
            properties = args[1]
            open_ids.append(properties.get("/MCID") if isinstance(properties, dict) else None)
        elif op == b"BMC":
            open_ids.append(None)
        elif op == b"EMC":
            open_ids.pop()

    def text(content: str, *_: Any) -> None:
        if open_ids and open_ids[-1] is not None:
            texts[open_ids[-1]] = texts.get(open_ids[-1], "") + " " + content

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return texts


TITLES = {
    "de": "Potenzialanalyse – Hofmann Präzisionsdrehteile GmbH",
    "en": "Potential analysis – Lindqvist Castings Coburg GmbH",
    "nl": "Potentieelanalyse – Hofmann Präzisionsdrehteile GmbH",
}
# The matrix is named by the company's class (as the ruleset's vocabulary names it: a 2026.1
# event has no Dutch names, so a Dutch reader gets the German one), the revenue bar by its
# shares (nothing else in the report lists them), the radar by its title: the table under it
# holds its values.
FIGURES = {
    "de": [
        "A – Akuter Handlungsbedarf",
        "Umsatz nach Betroffenheit: verbrennerspezifisch (70 %); stark verbrennerbezogen (10 %);"
        " Wachstumsfelder (5 %); außerhalb der Autoindustrie (15 %)",
        "Handlungsfähigkeit im Vergleich",
    ],
    "en": [
        "B – Actively shape the conversion",
        "Revenue by exposure: ICE-specific (35 %); strongly ICE-related (30 %);"
        " drive-independent (5 %); growth fields (25 %); non-automotive (5 %)",
        "Readiness compared",
    ],
    "nl": [
        "A – Akuter Handlungsbedarf",
        "Omzet naar blootstelling: verbrandingsmotorspecifiek (70 %);"
        " sterk verbrandingsmotorgebonden (10 %); groeimarkten (5 %);"
        " buiten de auto-industrie (15 %)",
        "Slagvaardigheid in vergelijking",
    ],
}


@pytest.mark.parametrize("language", REPORTS)
def test_the_pdf_is_marked_in_the_readers_language_and_shows_its_title(pdfs, language):
    reader, _ = structure(pdfs[language])
    catalog = reader.trailer["/Root"]

    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata is not None
    assert reader.metadata.title == TITLES[language]
    assert reader.xmp_metadata is not None
    assert reader.xmp_metadata.dc_title == {"x-default": TITLES[language]}
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()


@pytest.mark.parametrize("language", REPORTS)
def test_the_headings_are_the_chapters_in_order(pdfs, language):
    _, document = structure(pdfs[language])

    headings = document.find("H1", "H2", "H3")

    assert [h.text for h in headings if h.tag in ("H1", "H2")] == CHAPTERS[language]
    # No level is skipped: a screen reader's outline has no holes.
    levels = [int(h.tag[1]) for h in headings]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize("language", REPORTS)
def test_every_data_cell_names_its_header_cells(pdfs, language):
    _, document = structure(pdfs[language])

    tables = document.find("Table")

    assert len(tables) >= 7  # facts twice, parts, readiness, funding, answers (and their pages)
    for table in tables:
        headers = {th.attributes["/ID"] for th in table.find("TH")}
        assert headers, table.text[:80]
        for cell in table.find("TD"):
            named = cell.attributes["/A"].get("/Headers", [])
            assert named, f"{cell.text!r} in {table.text[:80]!r} has no header"
            assert set(named) <= headers


@pytest.mark.parametrize("language", REPORTS)
def test_every_chart_says_what_it_shows_and_the_score_bars_are_no_figures(pdfs, language):
    _, document = structure(pdfs[language])

    assert [figure.attributes.get("/Alt") for figure in document.find("Figure")] == FIGURES[
        language
    ]


def test_the_pdfs_pass_verapdfs_pdf_ua_1_profile(pdfs, tmp_path):
    home = pdf_ua.default_home()
    if not pdf_ua.is_fetched(home):
        if os.environ.get("TEST_VERAPDF") == "yes":
            pytest.fail(f"TEST_VERAPDF=yes, but veraPDF is not in {home}: run `make verapdf`")
        pytest.skip("veraPDF is not fetched (`make verapdf` needs a JDK and Maven)")
    files = []
    for language, content in pdfs.items():
        files.append(tmp_path / f"report-{language}.pdf")
        files[-1].write_bytes(content)

    failed = pdf_ua.validate(files, home)

    assert failed == {path: [] for path in files}
