"""Signed, expiring links to a report's PDF: no login, no lookup, nothing stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from servicekit import signed_tokens

PURPOSE = "report-download"


@dataclass(frozen=True)
class DownloadLinks:
    secret: str
    public_base_url: str
    lifetime: timedelta

    def url(self, report_id: uuid.UUID, now: datetime) -> str:
        token = signed_tokens.sign(self.secret, PURPOSE, str(report_id), now + self.lifetime)
        return f"{self.public_base_url.rstrip('/')}/reports/{report_id}.pdf?token={quote(token)}"

    def check(self, report_id: uuid.UUID, token: str, now: datetime) -> None:
        """Raise TokenInvalid (also for another report's token) or TokenExpired."""
        if signed_tokens.verify(self.secret, PURPOSE, token, now) != str(report_id):
            raise signed_tokens.TokenInvalid("token for another report")
