"""`notifications-retention`: one pass of the retention rule (a Kubernetes CronJob runs it
hourly; in compose `--every 3600` repeats it): mail bodies, recipients and attachments
older than MAIL_BODY_RETENTION_DAYS are blanked; the delivery-log rows stay."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import Engine

from mailing.privacy import expire_mail_bodies
from privacy.retention import retention_days
from servicekit.loops import run_scheduled

# Long enough to answer "did the mail go out, and what did it say?", then only the log stays.
DEFAULT_MAIL_BODY_RETENTION_DAYS = 30


def mail_body_retention(environ: Mapping[str, str]) -> timedelta:
    days = retention_days(environ, {"MAIL_BODY_RETENTION_DAYS": DEFAULT_MAIL_BODY_RETENTION_DAYS})
    return days["MAIL_BODY_RETENTION_DAYS"]


def apply_retention(engine: Engine, mail_bodies: timedelta, now: datetime) -> int:
    """Blank the mails due; returns how many."""
    with engine.begin() as connection:
        return expire_mail_bodies(connection, now - mail_bodies)


def main() -> None:
    mail_bodies = mail_body_retention(os.environ)

    def one_pass(engine: Engine, now: datetime) -> str:
        return f"{apply_retention(engine, mail_bodies, now)} mails blanked"

    run_scheduled("notifications", "retention", one_pass)
