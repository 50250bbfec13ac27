"""`make run` with the real services: every process comes up, answers, and stops on Ctrl-C."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import urllib.request
from collections.abc import Callable
from typing import Any

from process_tree import command_line, descendants, is_alive

from assessment.domain import available_versions
from devstack.ports import LOOPBACK, port_accepts, wait_until
from devstack.run import READY_LINE
from eventing.codec import decode
from eventing.kafka_settings import KafkaSettings
from eventing.outbox import add_to_outbox
from eventing.testing import read_all, submitted_event
from servicekit.db import make_engine

SERVICES = ("assessment", "reporting", "notifications")


def get_json(url: str) -> tuple[int, Any]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.loads(response.read())


def test_make_run_brings_up_every_service_with_its_relay_and_stops_cleanly(
    start_real_system: Callable[[], Any],
) -> None:
    system = start_real_system()
    system.wait_for_line(READY_LINE, timeout=60)

    for service in SERVICES:
        base = f"http://127.0.0.1:{system.ports[f'{service.upper()}_PORT']}"
        assert f"{base}/" in "".join(system.output)
        assert get_json(f"{base}/healthz") == (200, {"status": "ok"})
        assert get_json(f"{base}/readyz")[1]["status"] == "ready"

    event = submitted_event()
    engine = make_engine(f"sqlite:///{system.workdir / 'var' / 'assessment.sqlite3'}")
    with engine.begin() as connection:
        add_to_outbox(connection, event)
    engine.dispose()
    broker = KafkaSettings(f"127.0.0.1:{system.ports['KAFKA_LOCAL_PORT']}", profile="tansu")
    # The assessment relay published it, after the rulesets its migration announced.
    rulesets = len(available_versions())
    published = [
        decode(r.value) for r in read_all(broker, "assessment-events", expected=1 + rulesets)
    ]
    assert sorted(e.event_type for e in published) == [
        event.event_type,
        *["ruleset.published"] * rulesets,
    ]
    assert [e for e in published if e.event_id == event.event_id] == [event]

    system.process.send_signal(2)  # Ctrl-C
    assert system.wait(timeout=30) == 0
    log_dir = system.workdir / "var" / "log"
    assert {path.name for path in log_dir.glob("*-relay.log")} == {
        f"{service}-relay.log" for service in SERVICES
    }


def test_a_supervisor_killed_outright_leaves_no_process_and_no_port_behind(
    start_real_system: Callable[[], Any],
) -> None:
    """SIGKILL or the out-of-memory killer: the supervisor cannot stop anything itself, and
    the next `make run` must still find its ports free."""
    system = start_real_system()
    system.wait_for_line(READY_LINE, timeout=60)
    family = descendants(system.process.pid)
    gunicorn = [pid for pid in family if "gunicorn" in command_line(pid)]
    assert len(gunicorn) > len(SERVICES)  # the webs' arbiters and their workers, grandchildren

    system.process.kill()
    system.wait(timeout=10)

    try:
        assert wait_until(lambda: not [pid for pid in family if is_alive(pid)], 15, 0.1), [
            command_line(pid) for pid in family if is_alive(pid)
        ]
        assert not [name for name, port in system.ports.items() if port_accepts(LOOPBACK, port)]
    finally:
        for pid in family:  # what a failure leaves must not hold ports for the next tests
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
