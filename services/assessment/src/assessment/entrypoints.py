"""The processes of the assessment service, installed as console scripts `assessment-*`."""

from __future__ import annotations

from pathlib import Path

from assessment.consumer import consumer_spec
from eventing.processes import ServiceProcesses

processes = ServiceProcesses(
    "assessment", Path(__file__).with_name("migrations") / "versions", consumer=consumer_spec
)
