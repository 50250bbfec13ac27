"""Logging in and out of the desk, and choosing the desk's language."""

from __future__ import annotations

import math
from typing import Any

from flask import current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext

from notifications.adapters.advisor_store import authenticate, normalise_email, upgrade_hash
from notifications.entrypoints.dependencies import web_dependencies
from notifications.entrypoints.desk.blueprint import LANGUAGE_COOKIE, desk
from notifications.entrypoints.desk.forms import LoginForm
from notifications.entrypoints.desk.session_user import log_in, log_out
from servicekit.app_clock import current_time
from servicekit.request_limits import LimitReached, client_address
from wording.languages import language_or_default

# The same whatever was wrong.
WRONG = lazy_gettext("The email address or the password is wrong.")
LANGUAGE_KEPT_FOR = 365 * 24 * 3600  # seconds: a preference, not a login


@desk.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if g.desk_user is not None:
        return redirect(url_for("desk.companies"))
    form = LoginForm()
    if not form.validate_on_submit():
        return _page(form, None, 200 if request.method == "GET" else 400)
    email, client = normalise_email(form.email.data), client_address()
    try:
        web_dependencies().login_limit.attempt(email, client, current_time())
    except LimitReached as limited:
        retry_after = {"Retry-After": str(limited.retry_after)}
        return _page(form, _limited(limited.retry_after), 429, retry_after)
    with web_dependencies().engine.connect() as connection:
        account = authenticate(connection, email, form.password.data)
    if account is None:
        return _page(form, str(WRONG), 200)
    web_dependencies().login_limit.succeeded(email, client)
    with web_dependencies().engine.begin() as connection:
        upgrade_hash(connection, account, form.password.data)
    log_in(account)
    return redirect(_safe_next(request.args.get("next", "")))


@desk.post("/logout")  # CSRFProtect checks the form's token before the view runs
def logout() -> Any:
    log_out()
    return redirect(url_for("desk.login"))


@desk.post("/language")  # a form with the CSRF token, as every change
def choose_language() -> Any:
    """The advisor's language for the desk, kept in the browser; an unknown code is German."""
    response = redirect(_safe_next(request.form.get("next", "")))
    response.set_cookie(
        LANGUAGE_COOKIE,
        language_or_default(request.form.get("language")),
        max_age=LANGUAGE_KEPT_FOR,
        path="/desk",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def _page(
    form: LoginForm, error: str | None, status: int, headers: dict[str, str] | None = None
) -> tuple[str, int, dict[str, str]]:
    return render_template("desk/login.html", form=form, error=error), status, headers or {}


def _limited(retry_after: int) -> str:
    minutes = math.ceil(retry_after / 60)
    wait = ngettext("one minute", "%(num)d minutes", minutes)
    return gettext("Too many failed attempts. Please wait %(wait)s and then try again.", wait=wait)


def _safe_next(target: str) -> str:
    # Only back into the desk: never an absolute URL or "//host" (an open redirect).
    if target.startswith("/desk/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("desk.companies")
