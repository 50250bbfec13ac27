"""The processes of the assessment service, installed as console scripts `assessment-*`."""

from __future__ import annotations

from pathlib import Path

from assessment.consumer import consumer_spec
from eventing.processes import ServiceProcesses
from mailing import migrations as mailing_migrations
from mailing import process as mailer_process

SERVICE = "assessment"

processes = ServiceProcesses(
    SERVICE,
    Path(__file__).with_name("migrations") / "versions",
    consumer=consumer_spec,
    more_migrations=(mailing_migrations.VERSIONS,),
)


def run_mailer() -> None:
    """`assessment-mailer`: send the queued mails (the resume links) until SIGTERM/SIGINT."""
    mailer_process.run_mailer(SERVICE)
