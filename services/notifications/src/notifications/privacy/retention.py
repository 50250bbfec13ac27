"""The notifications service's retention rule (`notifications-retention` runs it): mail
bodies, recipients and attachments older than MAIL_BODY_RETENTION_DAYS are blanked; the
delivery-log rows stay."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import Engine

from mailing.privacy import expire_mail_bodies
from privacy.retention import retention_days

# Long enough to answer "did the mail go out, and what did it say?", then only the log stays.
DEFAULT_MAIL_BODY_RETENTION_DAYS = 30


def mail_body_retention(environ: Mapping[str, str]) -> timedelta:
    days = retention_days(environ, {"MAIL_BODY_RETENTION_DAYS": DEFAULT_MAIL_BODY_RETENTION_DAYS})
    return days["MAIL_BODY_RETENTION_DAYS"]


def apply_retention(engine: Engine, mail_bodies: timedelta, now: datetime) -> int:
    """Blank the mails due; returns how many."""
    with engine.begin() as connection:
        return expire_mail_bodies(connection, now - mail_bodies)
