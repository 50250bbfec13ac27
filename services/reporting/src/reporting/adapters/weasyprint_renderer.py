"""HTML to PDF with WeasyPrint: the stylesheet and fonts are parsed once and reused."""

from __future__ import annotations

from dataclasses import dataclass

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reporting.adapters.asset_fetcher import PackagedAssetFetcher
from reporting.adapters.assets import SCHEME


@dataclass(frozen=True)
class Pdf:
    content: bytes
    pages: int


class WeasyPrintRenderer:
    def __init__(self) -> None:
        self._fetcher = PackagedAssetFetcher()
        self._fonts = FontConfiguration()
        self._stylesheet = CSS(
            url=SCHEME + "report.css", font_config=self._fonts, url_fetcher=self._fetcher
        )

    def render(self, html: str) -> Pdf:
        # No base URL: a relative reference in the document resolves to nothing at all.
        document = HTML(string=html, base_url=None, url_fetcher=self._fetcher).render(
            stylesheets=[self._stylesheet], font_config=self._fonts
        )
        return Pdf(content=document.write_pdf(), pages=len(document.pages))
