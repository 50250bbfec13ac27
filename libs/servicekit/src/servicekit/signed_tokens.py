"""Signed, expiring tokens for links that must work without a login and without a lookup.

A token names one subject (e.g. a report id) for one purpose (e.g. "report-download") until
an expiry time, and carries an HMAC-SHA256 over all three. Nothing is stored: whoever holds the
secret can mint and check tokens, so a service can hand out links for a subject it owns (the
reporting service's PDF downloads), or two services can share one secret for one purpose (the
assessment service's result page links to the notifications service's booking page).

Format: `<subject>.<expires as unix seconds>.<base64url signature>`; the purpose is signed but
not written, so a token minted for one purpose never passes as another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime


class TokenInvalid(Exception):
    """The token is malformed or its signature does not match (answer 403)."""


class TokenExpired(Exception):
    """The token was genuine but its time is over (answer 410)."""


def sign(secret: str, purpose: str, subject: str, expires_at: datetime) -> str:
    if "." in subject or not subject:
        raise ValueError("a token subject must be non-empty and contain no '.'")
    expires = str(int(expires_at.timestamp()))
    return f"{subject}.{expires}.{_signature(secret, purpose, subject, expires)}"


def verify(secret: str, purpose: str, token: str, now: datetime) -> str:
    """Return the token's subject, or raise TokenInvalid / TokenExpired."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        raise TokenInvalid("malformed token")
    subject, expires, signature = parts
    expected = _signature(secret, purpose, subject, expires)
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        raise TokenInvalid("bad signature")
    if now.timestamp() >= int(expires):
        raise TokenExpired("token expired")
    return subject


def _signature(secret: str, purpose: str, subject: str, expires: str) -> str:
    message = "\n".join((purpose, subject, expires)).encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
