"""The processes of the assessment service, installed as console scripts `assessment-*`."""

from __future__ import annotations

import os
from pathlib import Path

from assessment.consumer import consumer_spec
from eventing.health import HealthFile
from eventing.processes import ServiceProcesses, health_file_path
from mailing import migrations as mailing_migrations
from mailing.sender import MailSender
from mailing.smtp import SmtpMailer, SmtpSettings
from servicekit.db import make_engine
from servicekit.logs import configure_logging
from servicekit.process import stop_on_signals
from servicekit.settings import ServiceSettings

SERVICE = "assessment"

processes = ServiceProcesses(
    SERVICE,
    Path(__file__).with_name("migrations") / "versions",
    consumer=consumer_spec,
    more_migrations=(mailing_migrations.VERSIONS,),
)


def run_mailer() -> None:
    """`assessment-mailer`: send the queued mails (the resume links) until SIGTERM/SIGINT.

    Exactly one per database (see mailing.sender). It touches a health file while it runs.
    """
    settings = ServiceSettings.from_env(SERVICE, os.environ)
    smtp = SmtpSettings.from_env(os.environ)
    configure_logging(SERVICE, settings.log_level)
    stop = stop_on_signals()
    engine = make_engine(settings.database_url)
    try:
        sender = MailSender(engine, SmtpMailer(smtp))
        sender.run(stop, health=HealthFile(health_file_path(SERVICE, "mailer")))
    finally:
        engine.dispose()
