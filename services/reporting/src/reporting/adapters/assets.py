"""Files the renderer may load: the stylesheet and fonts packaged with the service."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

SCHEME = "wegweiser-asset:"

_ASSETS = {
    "report.css": "text/css",
    "fonts/DejaVuSansCondensed.ttf": "font/ttf",
    "fonts/DejaVuSansCondensed-Bold.ttf": "font/ttf",
}


@cache
def packaged_asset(url: str) -> tuple[bytes, str] | None:
    """The bytes and media type behind `wegweiser-asset:<name>`, or None if not one of ours."""
    name = url.removeprefix(SCHEME) if url.startswith(SCHEME) else None
    if name not in _ASSETS:
        return None
    return (files("reporting") / "assets" / name).read_bytes(), _ASSETS[name]
