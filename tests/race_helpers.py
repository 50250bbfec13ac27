"""Many clients at one instant over real HTTP, for the race tests: each client its own
connection and thread, all released together by a barrier."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")


def request_json(
    base_url: str,
    method: str,
    path: str,
    headers: dict[str, str],
    body: dict[str, Any] | None = None,
) -> tuple[int, dict[str, Any]]:
    """One request on a fresh connection; the status and the JSON answer."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        headers = headers | {"Content-Type": "application/json"}
        connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def all_at_once(clients: Sequence[Callable[[], T]]) -> list[T]:
    """Run every client on a thread of its own, started together; their answers in order."""
    start_together = threading.Barrier(len(clients))

    def run(client: Callable[[], T]) -> T:
        start_together.wait()
        return client()

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(run, clients))
