"""Signed, expiring tokens for links that must work without a login and without a lookup.

A token names one subject (e.g. a report id) for one purpose (e.g. "report-download"), says
when it was issued and until when it works, and carries an HMAC-SHA256 over all four.
Nothing is stored per token: whoever holds the secret can mint and check tokens, so a
service can hand out links for a subject it owns (the reporting service's PDF downloads), or
two services can share one secret for one purpose (the assessment service's result page
links to the notifications service's booking page).

The signed issue time is what makes a company's links revocable without storing them: a
service keeps one "links valid from" time per company (privacy.link_cutoffs) and refuses
every token issued before it (`withdrawn`).

Format: `<subject>.<issued as unix seconds>.<expires as unix seconds>.<base64url signature>`;
the purpose is signed but not written, so a token minted for one purpose never passes as
another.

Secrets rotate without ending every link at once: tokens are signed with the current
secret and checked against it and the previous one (`SigningKeys`, from `<NAME>` and
`<NAME>_PREVIOUS`). An operator sets the new secret, moves the old one to `_PREVIOUS`, and
removes it once the longest-lived link signed with it has expired.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol


class TokenInvalid(Exception):
    """The token is malformed or its signature does not match (answer 403)."""


class TokenExpired(Exception):
    """The token was genuine but its time is over (answer 410)."""


@dataclass(frozen=True)
class SigningKeys:
    current: str  # signs every new token
    previous: str | None = None  # still accepted, so links minted before a rotation work

    def accepted(self) -> tuple[str, ...]:
        return (self.current,) if self.previous is None else (self.current, self.previous)


@dataclass(frozen=True)
class VerifiedToken:
    subject: str
    issued_at: datetime  # aware UTC, whole seconds


def sign(
    keys: SigningKeys, purpose: str, subject: str, *, issued_at: datetime, expires_at: datetime
) -> str:
    if "." in subject or not subject:
        raise ValueError("a token subject must be non-empty and contain no '.'")
    issued, expires = _seconds(issued_at), _seconds(expires_at)
    signature = _signature(keys.current, purpose, subject, issued, expires)
    return f"{subject}.{issued}.{expires}.{signature}"


def verify(keys: SigningKeys, purpose: str, token: str, now: datetime) -> VerifiedToken:
    """The token's subject and issue time, or raise TokenInvalid / TokenExpired."""
    parts = token.split(".")
    if len(parts) != 4 or not (parts[1].isdigit() and parts[2].isdigit()):
        raise TokenInvalid("malformed token")
    subject, issued, expires, signature = parts
    if not any(
        hmac.compare_digest(signature.encode(), expected.encode())
        for expected in (
            _signature(secret, purpose, subject, issued, expires) for secret in keys.accepted()
        )
    ):
        raise TokenInvalid("bad signature")
    if now.timestamp() >= int(expires):
        raise TokenExpired("token expired")
    return VerifiedToken(subject, datetime.fromtimestamp(int(issued), UTC))


class Issued(Protocol):
    @property
    def issued_at(self) -> datetime: ...


def withdrawn(token: Issued, links_valid_from: datetime | None) -> bool:
    """Whether the token was issued before its company's links were revoked.

    The issue time has whole seconds, so the cut-off is compared at whole seconds too: a
    link minted in the very second of the revocation still works (the link the revocation
    is about was minted long before), and a link minted right after it always does.
    """
    if links_valid_from is None:
        return False
    return token.issued_at < links_valid_from.replace(microsecond=0)


def _seconds(moment: datetime) -> str:
    return str(int(moment.timestamp()))


def _signature(secret: str, purpose: str, subject: str, issued: str, expires: str) -> str:
    message = "\n".join((purpose, subject, issued, expires)).encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
