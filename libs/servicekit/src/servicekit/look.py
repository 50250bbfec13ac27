"""Wegweiser's one look: the stylesheet and page frame every service's pages share, and the
error page a person gets wherever they land (an unknown address, an expired link, a fault).

The stylesheet is package data (`static/wegweiser.css`), served at an address that carries
a hash of its content, so a browser may keep it for a year and still gets a changed one at
once; templates link it with `look_stylesheet_url()`. The page frame (`look/base.html`) and
the error page (`look/error.html`) are templates of this package, found by every app the
`look` blueprint is registered with (servicekit.web does it for every service).
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from importlib.resources import files
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext, lazy_gettext
from werkzeug.exceptions import HTTPException

from servicekit.languages import current_language

STYLESHEET = Path(str(files("servicekit") / "static" / "wegweiser.css"))
# The address changes with the content, so a copy may be kept as long as browsers keep any.
CACHED_FOR_A_YEAR = "public, max-age=31536000, immutable"
_EXTENSION = "wegweiser.look"

# A refused link reads alike whichever service refuses it (booking, download, export).
LINK_NOT_VALID = lazy_gettext("This link is not valid")
LINK_EXPIRED = lazy_gettext("This link has expired")
LINK_WITHDRAWN = lazy_gettext("This link was withdrawn")

# What a person reads for an HTTP error no view answered itself: the heading and a sentence.
_ERROR_TEXTS = {
    403: (
        lazy_gettext("Access refused"),
        lazy_gettext(
            "You may not open this page. If a link brought you here, use the newest link you "
            "received."
        ),
    ),
    404: (
        lazy_gettext("Page not found"),
        lazy_gettext(
            "There is no page at this address. Please check the address, or open the link "
            "from your email again."
        ),
    ),
    410: (
        lazy_gettext("This page is no longer available"),
        lazy_gettext("What was here has expired or been removed."),
    ),
    413: (
        lazy_gettext("Too much data"),
        lazy_gettext("What was sent is larger than this service accepts. Please send less."),
    ),
    429: (
        lazy_gettext("Too many requests"),
        lazy_gettext(
            "There were too many requests from your network in a short time. Please try again "
            "later."
        ),
    ),
    500: (
        lazy_gettext("Something went wrong"),
        lazy_gettext(
            "An error occurred on our side. Please try again later; if it happens again, "
            "contact the Cleantech Innovation Park Hallstadt."
        ),
    ),
}


@dataclass(frozen=True)
class Stylesheet:
    content: bytes
    fingerprint: str  # in its address

    @classmethod
    def read(cls, path: Path) -> Stylesheet:
        content = path.read_bytes()
        return cls(content, sha256(content).hexdigest()[:16])


@dataclass(frozen=True)
class Onward:
    """A link on an error page to where the reader can go on."""

    url: str
    label: str


look = Blueprint("look", __name__, template_folder="templates")


@look.record_once
def _install(state: BlueprintSetupState) -> None:
    # Read once per app: a changed file is a new release, served under a new address.
    state.app.extensions[_EXTENSION] = Stylesheet.read(STYLESHEET)
    state.app.jinja_env.globals.update(
        look_stylesheet_url=stylesheet_url, current_language=current_language
    )


@look.get("/static/look/wegweiser.<fingerprint>.css")
def stylesheet(fingerprint: str) -> Response:
    sheet: Stylesheet = current_app.extensions[_EXTENSION]
    if fingerprint != sheet.fingerprint:
        # An older release's address: its content is gone, and this one's must not be kept
        # under it for a year.
        abort(404)
    response = Response(sheet.content, mimetype="text/css")
    response.headers["Cache-Control"] = CACHED_FOR_A_YEAR
    return response


def stylesheet_url() -> str:
    sheet: Stylesheet = current_app.extensions[_EXTENSION]
    return url_for("look.stylesheet", fingerprint=sheet.fingerprint)


def wants_a_page() -> bool:
    """A browser asks for HTML first; a program asks for JSON, or for anything at all, and
    the JSON API under /api/ speaks problem details to whoever asks."""
    if request.path.startswith("/api/"):
        return False
    offered = ("application/problem+json", "application/json", "text/html")
    return request.accept_mimetypes.best_match(offered) == "text/html"


def error_page(
    heading: str, detail: str, *, onward: Onward | None = None, layout: str | None = None
) -> str:
    """The one error page, in the request's language; `layout` is a service's own frame (the
    desk's, with its navigation) where the reader is inside it."""
    return render_template(
        "look/error.html", heading=heading, detail=detail, onward=onward, layout=layout
    )


def error_texts(status: int) -> tuple[str, str]:
    """The heading and the sentence of an error page for an HTTP status."""
    texts = _ERROR_TEXTS.get(status)
    if texts is None:
        return gettext("That did not work"), gettext(
            "The request could not be answered (error %(status)s).", status=status
        )
    return str(texts[0]), str(texts[1])


def http_error_page(error: HTTPException) -> Response:
    status = error.code or 500
    return Response(error_page(*error_texts(status)), status, mimetype="text/html")
