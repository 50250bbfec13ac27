"""Logging in and out of the desk."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from sqlalchemy import Engine

from notifications.adapters.advisor_accounts import authenticate, normalise_email, upgrade_hash
from notifications.desk import login_limit
from notifications.desk.forms import LoginForm
from notifications.desk.session_user import log_in, log_out
from servicekit.app_clock import current_time

WRONG = "E-Mail-Adresse oder Passwort ist falsch."  # the same whatever was wrong
LIMITED = "Zu viele Fehlversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut."


def register(desk: Blueprint, engine: Engine) -> None:
    @desk.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        if g.desk_user is not None:
            return redirect(url_for("desk.companies"))
        form = LoginForm()
        if not form.validate_on_submit():
            return _page(form, None, 200 if request.method == "GET" else 400)
        email, ip = normalise_email(form.email.data), request.remote_addr or "-"
        now = current_time()
        with engine.connect() as connection:
            if login_limit.is_limited(connection, email, ip, now):
                retry_after = str(int(login_limit.WINDOW.total_seconds()))
                return _page(form, LIMITED, 429, {"Retry-After": retry_after})
            account = authenticate(connection, email, form.password.data)
        with engine.begin() as connection:
            if account is None:
                login_limit.record_failure(connection, email, ip, now)
            else:
                login_limit.forget_failures(connection, email, ip)
                upgrade_hash(connection, account, form.password.data)
        if account is None:
            return _page(form, WRONG, 200)
        log_in(account)
        return redirect(_safe_next(request.args.get("next", "")))

    @desk.post("/logout")  # CSRFProtect checks the form's token before the view runs
    def logout() -> Any:
        log_out()
        return redirect(url_for("desk.login"))


def _page(
    form: LoginForm, error: str | None, status: int, headers: dict[str, str] | None = None
) -> tuple[str, int, dict[str, str]]:
    return render_template("desk/login.html", form=form, error=error), status, headers or {}


def _safe_next(target: str) -> str:
    # Only back into the desk: never an absolute URL or "//host" (an open redirect).
    if target.startswith("/desk/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("desk.companies")
