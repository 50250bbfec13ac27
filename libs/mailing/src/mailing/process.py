"""The `<service>-mailer` process: the MailSender loop of one service's database."""

from __future__ import annotations

import os

from eventing.health import HealthFile
from eventing.processes import health_file_path
from mailing.sender import MailSender
from mailing.smtp import SmtpMailer, SmtpSettings
from servicekit.db import make_engine
from servicekit.logs import configure_logging
from servicekit.metrics import serve_process_metrics
from servicekit.process import stop_on_signals
from servicekit.settings import ServiceSettings


def run_mailer(service: str) -> None:
    """Send the service's queued mails until SIGTERM/SIGINT.

    Exactly one per database (see mailing.sender). It touches a health file while it runs.
    """
    settings = ServiceSettings.from_env(service, os.environ)
    smtp = SmtpSettings.from_env(os.environ)
    configure_logging(service, settings.log_level)
    serve_process_metrics(os.environ)
    stop = stop_on_signals()
    engine = make_engine(settings.database_url)
    try:
        sender = MailSender(engine, SmtpMailer(smtp))
        sender.run(stop, health=HealthFile(health_file_path(service, "mailer")))
    finally:
        engine.dispose()
