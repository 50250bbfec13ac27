"""Ports for local services lie below the ephemeral range, where no outgoing connection can
take them, and one process never hands out the same port twice."""

from __future__ import annotations

import socket
from pathlib import Path

from devstack.ports import LOOPBACK, free_port


def test_ports_are_below_the_ephemeral_range_distinct_and_bindable() -> None:
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])

    ports = [free_port() for _ in range(200)]

    assert len(set(ports)) == 200
    assert all(1024 <= port < low for port in ports)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, ports[-1]))  # still free for the service it was meant for
