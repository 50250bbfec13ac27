"""The processes of the assessment service, installed as console scripts `assessment-*`."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from assessment.adapters.ruleset_published import publish_rulesets
from assessment.config import AssessmentConfig
from assessment.entrypoints.consumer import consumer_spec
from assessment.privacy.config import PrivacyConfig
from assessment.privacy.retention import apply_retention
from assessment.services.renew_resume_link import ResumeLinks
from eventing.processes import ServiceProcesses
from eventing.worker import ConsumerSpec
from mailing import migrations as mailing_migrations
from mailing import process as mailer_process
from servicekit.loops import run_scheduled
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
    Path(__file__).parents[1] / "migrations" / "versions",
    consumer=worker_consumer,
    more_migrations=(mailing_migrations.VERSIONS,),
    after_migrate=publish_rulesets,
)


def run_mailer() -> None:
    """`assessment-mailer`: send the queued mails (the resume links) until SIGTERM/SIGINT."""
    mailer_process.run_mailer(SERVICE)


def run_retention() -> None:
    """`assessment-retention`: one pass of the retention rules (assessment.privacy.retention);
    `--every <seconds>` repeats it."""
    privacy = PrivacyConfig.from_env(os.environ)

    def one_pass(engine: Engine, now: datetime) -> str:
        done = apply_retention(engine, privacy, now)
        return f"{done.drafts_deleted} drafts deleted, {done.mails_blanked} mails blanked"

    run_scheduled(SERVICE, "retention", one_pass)
