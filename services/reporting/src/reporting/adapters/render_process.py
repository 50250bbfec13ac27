"""WeasyPrint in a long-lived child process, with a time limit on every render.

A crafted or unlucky document can make WeasyPrint loop or grow for minutes; a thread cannot
be stopped, a process can. The child keeps its parsed stylesheet and fonts between reports
(starting it costs far more than a render), and is killed and replaced only when a render
overruns or the child dies.
"""

from __future__ import annotations

import logging
import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from reporting.adapters.weasyprint_renderer import Pdf

logger = logging.getLogger(__name__)

# Importing WeasyPrint and parsing the fonts, on a busy machine; a render has its own limit.
STARTUP_TIMEOUT_S = 60.0


class RenderFailed(Exception):
    """This document could not be rendered (an error, a crash or the time limit)."""


class RenderTimeout(RenderFailed):
    pass


class RenderProcess:
    def __init__(self, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        # spawn, not fork: the consumer worker runs Kafka I/O threads, which a fork would
        # copy mid-operation.
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def render(self, html: str) -> Pdf:
        connection = self._started()
        try:
            # Sending fails too if the child died after _started() found it alive.
            connection.send(html)
            if not connection.poll(self._timeout_s):
                self._stop()
                raise RenderTimeout(f"rendering exceeded the {self._timeout_s:g} s time limit")
            outcome = connection.recv()
        except (EOFError, OSError):  # killed by a signal, or crashed (say, in a C library)
            self._stop()
            raise RenderFailed("the render process ended unexpectedly") from None
        if outcome[0] == "error":
            raise RenderFailed(outcome[1])
        _, content, pages = outcome
        return Pdf(content=content, pages=pages)

    def close(self) -> None:
        self._stop()

    def _started(self) -> Connection:
        if self._connection is not None and self._process is not None:
            if self._process.is_alive():
                return self._connection
            self._stop()
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs,), name="reporting-renderer", daemon=True
        )
        process.start()
        theirs.close()  # the child holds it now; our copy would hide the child's exit
        self._process, self._connection = process, ours
        if not ours.poll(STARTUP_TIMEOUT_S):
            self._stop()
            raise RenderFailed("the render process did not start")
        try:
            ours.recv()  # "ready"
        except EOFError:
            self._stop()
            raise RenderFailed("the render process failed to start") from None
        logger.info("render process %s started", process.pid)
        return ours

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=10)
        self._process, self._connection = None, None


def _serve(connection: Connection) -> None:
    """The child: render each HTML document it receives until the parent goes away."""
    from reporting.adapters.asset_fetcher import BlockedResource
    from reporting.adapters.weasyprint_renderer import WeasyPrintRenderer

    renderer = WeasyPrintRenderer()
    connection.send("ready")
    while True:
        try:
            html = connection.recv()
        except EOFError:
            return
        try:
            pdf = renderer.render(html)
        except (Exception, BlockedResource) as exc:  # BlockedResource is a BaseException
            # The message may quote the document; the reason that leaves names the kind only.
            logger.warning("render failed: %r", exc)
            connection.send(("error", f"render error {type(exc).__name__}"))
        else:
            connection.send(("ok", pdf.content, pdf.pages))
