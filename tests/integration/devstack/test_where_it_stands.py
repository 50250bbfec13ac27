"""A loop process asked where it stands writes every thread's stack to its log and keeps
running; SIGTERM still stops it cleanly. A failed end-to-end test shows this for each process."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from devstack.ports import wait_until
from devstack.system import ServiceProcess

LOOP = """
import threading
from servicekit.process import stop_on_signals

def waits_for_the_broker(stop):
    stop.wait()

stop = stop_on_signals()
threading.Thread(target=waits_for_the_broker, args=(stop,), name="kafka-io").start()
print("turning", flush=True)
stop.wait()
print("stopped", flush=True)
"""


def test_a_loop_process_says_where_each_thread_stands_and_goes_on(tmp_path: Path):
    process = ServiceProcess(
        "demo-worker", [sys.executable, "-c", LOOP], dict(os.environ), tmp_path
    )
    process.start()
    try:
        assert wait_until(lambda: "turning" in process.log_text(), 10)

        stands = process.where_it_stands()

        # The main thread (faulthandler calls it current) and the one it started.
        assert len(re.findall(r"^(?:Current thread|Thread) 0x", stands, re.MULTILINE)) == 2
        assert "in waits_for_the_broker" in stands
        assert process.is_running()
    finally:
        process.stop()
    assert process.wait(5) == 0
    assert process.log_text().splitlines()[-1] == "stopped"
