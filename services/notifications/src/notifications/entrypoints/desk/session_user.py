"""Who is logged in to the desk: the signed session cookie names the account, and every
request loads it again, so a deactivated account or a changed password ends its sessions
at once (the cookie carries a fingerprint of the password hash it was issued for)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec

from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import Row

from notifications.adapters import advisor_store
from notifications.adapters.advisor_store import DeskUser
from notifications.entrypoints.dependencies import web_dependencies

_ACCOUNT = "desk_account"
_FINGERPRINT = "desk_key"

Params = ParamSpec("Params")


def log_in(account: Row) -> None:
    # A new session: nothing set before the login (by whoever prepared the browser) stays.
    session.clear()
    session.permanent = True
    session[_ACCOUNT] = str(account.id)
    session[_FINGERPRINT] = _fingerprint(account.password_hash)


def log_out() -> None:
    session.clear()


def load_user() -> None:
    """Before each desk request: `g.desk_user` is the logged-in account or None."""
    g.desk_user = None
    raw = session.get(_ACCOUNT)
    if not isinstance(raw, str):
        return
    try:
        account_id = uuid.UUID(raw)
    except ValueError:
        session.clear()
        return
    with web_dependencies().engine.connect() as connection:
        account = advisor_store.find(connection, account_id)
    if account is None or not (
        account.active
        and account.password_hash is not None
        and session.get(_FINGERPRINT) == _fingerprint(account.password_hash)
    ):
        session.clear()
        return
    g.desk_user = DeskUser(account.id, account.name, account.email, account.role)


def current_user() -> DeskUser:
    user: DeskUser | None = g.get("desk_user")
    assert user is not None, "only for views behind login_required"
    return user


def login_required(view: Callable[Params, Any]) -> Callable[Params, Any]:
    @wraps(view)
    def wrapped(*args: Params.args, **kwargs: Params.kwargs) -> Any:
        if g.get("desk_user") is None:
            return redirect(url_for("desk.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def admin_required(view: Callable[Params, Any]) -> Callable[Params, Any]:
    @wraps(view)
    @login_required
    def wrapped(*args: Params.args, **kwargs: Params.kwargs) -> Any:
        if not current_user().is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def _fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:32]
