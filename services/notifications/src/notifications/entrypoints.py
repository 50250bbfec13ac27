"""The processes of the notifications service, installed as console scripts `notifications-*`."""

from __future__ import annotations

from pathlib import Path

from eventing.processes import ServiceProcesses
from mailing import migrations as mailing_migrations
from mailing import process as mailer_process
from notifications.consumer import consumer_spec

SERVICE = "notifications"

processes = ServiceProcesses(
    SERVICE,
    Path(__file__).with_name("migrations") / "versions",
    consumer=consumer_spec,
    more_migrations=(mailing_migrations.VERSIONS,),
)


def run_mailer() -> None:
    """`notifications-mailer`: send the queued mails (report mails, invitations, reminders)
    until SIGTERM/SIGINT."""
    mailer_process.run_mailer(SERVICE)
