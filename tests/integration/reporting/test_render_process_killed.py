"""The worker's WeasyPrint child killed by a signal, idle or mid-render: the worker starts a
new one and the report is made once (one row, one report.generated)."""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Callable

import pytest
from process_tree import cpu_ticks, is_alive, spawned_children
from report_helpers import outgoing
from sqlalchemy import Engine, select
from testkit.events import scored_event

from eventing.envelope import Envelope
from eventing.kafka_publisher import KafkaPublisher
from eventing.testing import to_topic, wait_until
from reporting.adapters.tables import reports

# Growth of the render process's CPU time (clock ticks, 1/100 s) that means it renders.
RENDERING_TICKS = 5
SIGNALS = pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGSEGV], ids=["KILL", "SEGV"])


class Worker:
    """The reporting worker on the test's topic, and its render process (a child of this
    test process, since the worker runs on a thread here)."""

    def __init__(self, start_worker: Callable[..., None], publisher, topic, engine) -> None:
        self._publisher: KafkaPublisher = publisher
        self._topic: str = topic
        self._engine: Engine = engine
        self._others = spawned_children(os.getpid())  # e.g. the session's render_process
        start_worker()

    def report(self, event: Envelope) -> None:
        """Send a scored event; wait for the worker's outcome about it."""
        self.send(event)
        wait_until(lambda: self.outcomes(event), timeout_s=90, what="the report")

    def send(self, event: Envelope) -> None:
        self._publisher.send_batch([to_topic(self._topic, event)])

    def outcomes(self, event: Envelope) -> list[str]:
        about = str(event.data["assessment_id"])
        return [e.event_type for e in outgoing(self._engine) if e.correlation_id == about]

    def renderer(self) -> int:
        [pid] = spawned_children(os.getpid()) - self._others
        return pid

    def report_rows(self, event: Envelope) -> list[tuple[str, int]]:
        assessment_id = uuid.UUID(str(event.data["assessment_id"]))
        with self._engine.connect() as connection:
            query = select(reports.c.status, reports.c.attempts).where(
                reports.c.assessment_id == assessment_id
            )
            return [tuple(row) for row in connection.execute(query)]


@pytest.fixture
def worker(start_worker, publisher, topic, reporting_engine) -> Worker:
    worker = Worker(start_worker, publisher, topic, reporting_engine)
    worker.report(scored_event())  # the render process starts with the first render
    return worker


@SIGNALS
def test_a_render_process_killed_while_idle_is_replaced_before_the_next_report(
    worker: Worker, signum: int
):
    killed = worker.renderer()
    os.kill(killed, signum)
    wait_until(lambda: not is_alive(killed), timeout_s=10, what="the render process dead")
    event = scored_event("plastics")

    worker.report(event)

    assert worker.outcomes(event) == ["report.generated"]
    # Found dead before the document went to it: the new one rendered at the first attempt.
    assert worker.report_rows(event) == [("generated", 1)]
    assert worker.renderer() != killed


@SIGNALS
def test_a_render_process_killed_mid_render_is_replaced_and_the_report_made_once(
    worker: Worker, signum: int
):
    killed = worker.renderer()
    idle_ticks = cpu_ticks(killed)
    event = scored_event("plastics")

    worker.send(event)
    # Its CPU time grows only while it renders a document: kill right then.
    wait_until(lambda: cpu_ticks(killed) >= idle_ticks + RENDERING_TICKS, 60, "a render in flight")
    os.kill(killed, signum)
    wait_until(lambda: worker.outcomes(event), timeout_s=90, what="the report")

    assert worker.outcomes(event) == ["report.generated"]
    # The killed render was the first attempt; the new process rendered the second.
    assert worker.report_rows(event) == [("generated", 2)]
    assert worker.renderer() != killed
