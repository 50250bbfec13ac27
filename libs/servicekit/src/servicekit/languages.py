"""The language of a request, for every service's pages: Flask-Babel with the packages'
catalogues (`wording.catalogues`).

The reader's choice comes first (a view that knows it, say from the company's assessment,
calls `use_language`; otherwise a `lang` in the address or the form), then the browser's
`Accept-Language`, then German. Every response names the language it chose in
`Content-Language`, also when it fell back because the code asked for was unknown.
"""

from __future__ import annotations

from flask import Flask, Response, g, request
from flask_babel import Babel, get_locale, refresh
from werkzeug.exceptions import RequestEntityTooLarge

from wording.catalogues import Catalogues
from wording.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, is_language

_CHOSEN = "wegweiser_language"


def install_languages(app: Flask, *packages: str) -> None:
    """Translate `app`'s pages with the catalogues of `packages` (a later one wins), after
    servicekit's own: the page frame and the error pages every service shows (servicekit.look)."""
    # Fails at start-up if one was not compiled.
    catalogues = Catalogues.of_packages("servicekit", *packages)
    Babel(  # type: ignore[no-untyped-call]
        app,
        locale_selector=request_language,
        default_locale=DEFAULT_LANGUAGE,
        default_translation_directories=";".join(map(str, catalogues.directories)),
    )
    # As in the mails (mailing.templates): a paragraph is one message however it is wrapped.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.after_request(_name_the_language)


def request_language() -> Language:
    chosen = g.get(_CHOSEN)
    if chosen is not None:
        return chosen  # type: ignore[no-any-return]
    asked = _asked_language()
    if is_language(asked):
        return asked
    best = request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)
    return best if is_language(best) else DEFAULT_LANGUAGE


def _asked_language() -> str | None:
    try:
        return request.values.get("lang")
    except RequestEntityTooLarge:
        # A body over the limit is refused unread (413), and so is its form: the refusal is
        # in the language of the address or the browser.
        return request.args.get("lang")


def use_language(language: Language) -> None:
    """This request is answered in `language` (the view knows the reader's choice)."""
    setattr(g, _CHOSEN, language)
    # Flask-Babel caches the locale per request, and it may have been asked for already.
    refresh()  # type: ignore[no-untyped-call]


def current_language() -> Language:
    language = str(get_locale() or DEFAULT_LANGUAGE)
    return language if is_language(language) else DEFAULT_LANGUAGE


def _name_the_language(response: Response) -> Response:
    response.headers.setdefault("Content-Language", current_language())
    return response
