"""The processes of the reporting service, installed as console scripts `reporting-*`."""

from __future__ import annotations

from pathlib import Path

from eventing.processes import ServiceProcesses

processes = ServiceProcesses("reporting", Path(__file__).with_name("migrations") / "versions")
