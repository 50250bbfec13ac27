"""The processes of the assessment service, installed as console scripts `assessment-*`."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine

from assessment.config import AssessmentConfig
from assessment.consumer import consumer_spec
from assessment.services.renew_resume_link import ResumeLinks
from eventing.processes import ServiceProcesses
from eventing.worker import ConsumerSpec
from mailing import migrations as mailing_migrations
from mailing import process as mailer_process
from servicekit.settings import ServiceSettings

SERVICE = "assessment"


def worker_consumer(engine: Engine) -> ConsumerSpec:
    """The `assessment-worker`'s consumer, configured from the environment at start-up (it
    mails new resume links after an admin revoked a company's links)."""
    settings = ServiceSettings.from_env(SERVICE, os.environ)
    config = AssessmentConfig.from_env(os.environ)
    return consumer_spec(engine, ResumeLinks(settings.public_base_url, config.token_lifetime))


processes = ServiceProcesses(
    SERVICE,
    Path(__file__).with_name("migrations") / "versions",
    consumer=worker_consumer,
    more_migrations=(mailing_migrations.VERSIONS,),
)


def run_mailer() -> None:
    """`assessment-mailer`: send the queued mails (the resume links) until SIGTERM/SIGINT."""
    mailer_process.run_mailer(SERVICE)
