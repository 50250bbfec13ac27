"""Talking to a service's web app as a browser or an API client does."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

# Flask-WTF's hidden field, plain (`csrf_token`) or in a prefixed form (`day-csrf_token`).
_CSRF = re.compile(r'name="(?:[\w-]+-)?csrf_token"(?: type="hidden")? value="([^"]+)"')


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
