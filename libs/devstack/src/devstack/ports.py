"""Small helpers for loopback TCP ports."""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

LOOPBACK = "127.0.0.1"


# Ports handed out by this process, so two callers never get the same one before binding.
_HANDED_OUT: set[int] = set()
_LOCK = threading.Lock()
# How far below the kernel's ephemeral range ports are taken from.
_SPAN = 12_000


def free_port(host: str = LOOPBACK) -> int:
    """A port nobody listens on right now, taken below the kernel's ephemeral range.

    A port the kernel picks (bind to 0) lies inside that range, where every outgoing
    connection takes its local port: on a busy machine a client of Kafka, PostgreSQL or a
    browser can take it before the process meant to listen on it binds, and that process
    then dies with "Address already in use" (seen in CI for a relay's metrics port). Below
    the range only a deliberate bind can collide.
    """
    low = _ephemeral_low()
    candidates = range(max(1024, low - _SPAN), low)
    with _LOCK:
        for _ in range(1_000):
            port = random.choice(candidates)  # noqa: S311 - spreading ports, not a secret
            if port in _HANDED_OUT:
                continue
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                try:
                    sock.bind((host, port))
                except OSError:
                    continue
            _HANDED_OUT.add(port)
            return port
    raise OSError(f"no free port on {host} between {candidates.start} and {candidates.stop}")


def _ephemeral_low() -> int:
    """Where Linux's range for the local ports of outgoing connections starts (its default
    where that cannot be read)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def port_accepts(host: str, port: int, timeout: float = 0.2) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.01) -> bool:
    """Poll `condition` until it is true or `timeout` seconds have passed; return its last value."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
