"""Signed, expiring links to a report's PDF: no login, no lookup, nothing stored per link
(a company's revocation is one time per company: reporting.entrypoints.downloads checks it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from servicekit import signed_tokens

PURPOSE = "report-download"


@dataclass(frozen=True)
class DownloadLinks:
    keys: signed_tokens.SigningKeys  # SECRET_KEY, SECRET_KEY_PREVIOUS
    public_base_url: str
    lifetime: timedelta

    def url(self, report_id: uuid.UUID, now: datetime) -> str:
        token = signed_tokens.sign(
            self.keys, PURPOSE, str(report_id), issued_at=now, expires_at=now + self.lifetime
        )
        return f"{self.public_base_url.rstrip('/')}/reports/{report_id}.pdf?token={quote(token)}"

    def check(self, report_id: uuid.UUID, token: str, now: datetime) -> signed_tokens.VerifiedToken:
        """The verified token; raise TokenInvalid (also for another report's token) or
        TokenExpired."""
        verified = signed_tokens.verify(self.keys, PURPOSE, token, now)
        if verified.subject != str(report_id):
            raise signed_tokens.TokenInvalid("token for another report")
        return verified
