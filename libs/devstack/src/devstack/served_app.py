"""A service's Flask app served over real HTTP on loopback, for browser and race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

from devstack.ports import LOOPBACK
from servicekit.web import ENGINE_EXTENSION


@contextmanager
def served_app(make_app: Callable[[str], Flask]) -> Iterator[str]:
    """Serve `make_app(base_url)` (threaded werkzeug, a free port) and yield its base URL.

    The app is made once the port is known, so its public address (links in pages and
    mails) is the one the browser uses."""
    holder: dict[str, Flask] = {}

    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        return holder["app"](environ, start_response)

    server = make_server(LOOPBACK, 0, wsgi, threaded=True)
    base_url = f"http://{LOOPBACK}:{server.server_port}"
    holder["app"] = make_app(base_url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        holder["app"].extensions[ENGINE_EXTENSION].dispose()
