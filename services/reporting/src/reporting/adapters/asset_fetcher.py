"""WeasyPrint's URL fetcher for reports: packaged assets and data: URIs, nothing else.

A report shows what a company typed. Templates escape it, but should markup ever slip
through, a fetcher that follows http(s) or file URLs would let it reach internal hosts or
embed local files in the PDF. So every other URL stops the render (FatalURLFetchingError),
loudly, instead of being silently dropped.
"""

from __future__ import annotations

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from reporting.adapters.assets import packaged_asset


class BlockedResource(FatalURLFetchingError):
    """The document asked for a resource outside the package."""


class PackagedAssetFetcher(URLFetcher):
    def __init__(self) -> None:
        # data: is the only protocol urllib may open; no redirects, nothing slow.
        super().__init__(timeout=2, allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        asset = packaged_asset(url)
        if asset is not None:
            body, media_type = asset
            return URLFetcherResponse(url, body, {"Content-Type": media_type})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise BlockedResource(f"blocked resource: {url[:80]!r}")
