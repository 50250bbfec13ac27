"""The processes and tools of the notifications service, installed as console scripts
`notifications-*` (`notifications-admin` has its own module, admin_cli)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from eventing.processes import ServiceProcesses
from eventing.worker import ConsumerSpec
from mailing import migrations as mailing_migrations
from mailing import process as mailer_process
from notifications.adapters.mail_links import MailLinks
from notifications.entrypoints.consumer import consumer_spec
from notifications.privacy.retention import apply_retention, mail_body_retention
from notifications.services.seed_demo_advisors import seed
from servicekit.db import make_engine
from servicekit.loops import run_scheduled
from servicekit.settings import ServiceSettings, database_url_from_env

SERVICE = "notifications"


def worker_consumer(engine: Engine) -> ConsumerSpec:
    """The `notifications-worker`'s consumer, with the links its mails carry read from the
    environment at start-up."""
    settings = ServiceSettings.from_env(SERVICE, os.environ)
    return consumer_spec(engine, MailLinks.from_env(os.environ, settings.public_base_url))


processes = ServiceProcesses(
    SERVICE,
    Path(__file__).parents[1] / "migrations" / "versions",
    consumer=worker_consumer,
    more_migrations=(mailing_migrations.VERSIONS,),
)


def run_mailer() -> None:
    """`notifications-mailer`: send the queued mails (report mails, invitations, reminders)
    until SIGTERM/SIGINT."""
    mailer_process.run_mailer(SERVICE)


def run_retention() -> None:
    """`notifications-retention`: one pass of the retention rule (a Kubernetes CronJob runs
    it hourly; in compose `--every 3600` repeats it)."""
    mail_bodies = mail_body_retention(os.environ)

    def one_pass(engine: Engine, now: datetime) -> str:
        return f"{apply_retention(engine, mail_bodies, now)} mails blanked"

    run_scheduled(SERVICE, "retention", one_pass)


def run_seed() -> None:
    """`notifications-seed` (`make seed`): add the demo advisors that are missing."""
    engine = make_engine(database_url_from_env(SERVICE, os.environ))
    try:
        added = seed(engine, datetime.now(UTC))
    finally:
        engine.dispose()
    summary = f"added {', '.join(added)}" if added else "nothing to add"
    sys.stdout.write(f"notifications-seed: demo advisors: {summary}\n")
