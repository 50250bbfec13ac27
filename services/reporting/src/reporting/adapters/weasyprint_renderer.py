"""HTML to PDF with WeasyPrint: the stylesheet and fonts are parsed once and reused.

The PDF is PDF/UA-1 (tagged: headings, lists, tables with their headers, figures with their
<svg><title> as alternative text, the language of <html lang>, the <title> shown as the
document's title). WeasyPrint calls its PDF/UA support experimental; the tests check every
report with veraPDF's PDF/UA-1 profile and read the structure tree back.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reporting.adapters.asset_fetcher import PackagedAssetFetcher
from reporting.adapters.assets import SCHEME


@dataclass(frozen=True)
class Pdf:
    content: bytes
    pages: int


PDF_UA_1 = "pdf/ua-1"


class WeasyPrintRenderer:
    def __init__(self, pdf_variant: str | None = PDF_UA_1) -> None:
        # None (an untagged PDF) only for bench/reporting_tagging.py's comparison.
        self._pdf_variant = pdf_variant
        self._fetcher = PackagedAssetFetcher()
        self._fonts = FontConfiguration()
        self._stylesheet = CSS(
            url=SCHEME + "report.css", font_config=self._fonts, url_fetcher=self._fetcher
        )

    def render(self, html: str) -> Pdf:
        # A render allocates hundreds of thousands of objects, and the collections they would
        # trigger walk the fonts and stylesheet kept between reports each time: a tenth of the
        # render time. Collected once afterwards instead; the young generation holds all of
        # this render's garbage, as nothing was collected (and so promoted) meanwhile.
        gc.disable()
        try:
            pdf = self._render(html)
        finally:
            gc.enable()
            gc.collect(0)
        return pdf

    def _render(self, html: str) -> Pdf:
        # No base URL: a relative reference in the document resolves to nothing at all.
        document = HTML(string=html, base_url=None, url_fetcher=self._fetcher).render(
            stylesheets=[self._stylesheet], font_config=self._fonts
        )
        return Pdf(
            content=document.write_pdf(pdf_variant=self._pdf_variant), pages=len(document.pages)
        )
