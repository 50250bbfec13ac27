"""The processes of the notifications service, installed as console scripts `notifications-*`."""

from __future__ import annotations

from pathlib import Path

from eventing.processes import ServiceProcesses

processes = ServiceProcesses("notifications", Path(__file__).with_name("migrations") / "versions")
