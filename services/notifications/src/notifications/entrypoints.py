"""The processes of the notifications service, installed as console scripts `notifications-*`."""

from __future__ import annotations

from pathlib import Path

from eventing.processes import ServiceProcesses
from mailing import migrations as mailing_migrations

SERVICE = "notifications"

processes = ServiceProcesses(
    SERVICE,
    Path(__file__).with_name("migrations") / "versions",
    more_migrations=(mailing_migrations.VERSIONS,),
)
