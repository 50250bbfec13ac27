"""Talking to a service's web app as a browser or an API client does."""

from __future__ import annotations

import re
from hashlib import sha256
from pathlib import Path

from flask.testing import FlaskClient

import servicekit

# Flask-WTF's hidden field, plain (`csrf_token`) or in a prefixed form (`day-csrf_token`).
_CSRF = re.compile(r'name="(?:[\w-]+-)?csrf_token"(?: type="hidden")? value="([^"]+)"')
# The one stylesheet of every service's pages, as packaged (servicekit.look serves it).
STYLESHEET = Path(servicekit.__file__).parent / "static" / "wegweiser.css"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def csrf_token_in(page: str) -> str:
    match = _CSRF.search(page)
    assert match is not None, "the page has no CSRF token"
    return match.group(1)


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on the page at `path`, as a browser gets it."""
    page = client.get(path)
    assert page.status_code == 200, f"{path}: {page.status_code}"
    return csrf_token_in(page.get_data(as_text=True))


# What a browser asks for: HTML first (so an error is a page, not problem details).
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def stylesheet_url(stylesheet: Path = STYLESHEET) -> str:
    """The address every page links the shared stylesheet at, worked out from the file
    itself: a hash of its content names it, so it changes when the file does."""
    return f"/static/look/wegweiser.{sha256(stylesheet.read_bytes()).hexdigest()[:16]}.css"
