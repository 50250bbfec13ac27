"""The `<service>-mailer` process: the MailSender loop of one service's database."""

from __future__ import annotations

import os
import threading

from sqlalchemy import Engine

from mailing.sender import MailSender
from mailing.smtp import SmtpMailer, SmtpSettings
from servicekit.health import HealthFile
from servicekit.loops import run_loop


def run_mailer(service: str) -> None:
    """Send the service's queued mails until SIGTERM/SIGINT.

    Exactly one per database (see mailing.sender). It touches a health file while it runs.
    """
    smtp = SmtpSettings.from_env(os.environ)

    def send(engine: Engine, health: HealthFile, stop: threading.Event) -> None:
        MailSender(engine, SmtpMailer(smtp)).run(stop, health=health)

    run_loop(service, "mailer", send)
