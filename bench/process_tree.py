"""Peak memory and CPU time of every process of the running system, sampled from /proc."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from bench.eventing import process_memory


class ProcessTree:
    """Every process under the supervisor (and the extra worker), sampled every 250 ms.

    VmHWM is each process's own high-water mark, so sampling only has to see a process
    once before it ends; processes are named by their console script, a child of the same
    name is a gunicorn worker, a multiprocessing child is the render child.
    """

    def __init__(self) -> None:
        self._roots: dict[int, str | None] = {}
        self._peaks: dict[str, dict[str, int]] = {}
        self._pids: dict[str, set[int]] = {}  # every process seen under each name
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self, pid: int) -> None:
        self.add_root(pid, None)
        self._thread.start()

    def add_root(self, pid: int, name: str | None) -> None:
        with self._lock:
            self._roots[pid] = name

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._sample()

    def peaks(self) -> dict[str, dict[str, int]]:
        with self._lock:
            return dict(sorted(self._peaks.items()))

    def render_children(self) -> list[int]:
        return [pid for pid, name in self._walk() if name.endswith("render child")]

    def cpu_seconds(self) -> dict[str, float]:
        """User + system CPU time of every live process, summed per name."""
        ticks = os.sysconf("SC_CLK_TCK")
        totals: dict[str, float] = {}
        for pid, name in self._walk():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            totals[name] = totals.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
        return totals

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()

    def _sample(self) -> None:
        for pid, name in self._walk():
            memory = process_memory(pid)
            if memory is None:
                continue
            with self._lock:
                self._pids.setdefault(name, set()).add(pid)
                entry = self._peaks.setdefault(name, {"processes": 0, "peak_rss_mib": 0})
                entry["peak_rss_mib"] = max(entry["peak_rss_mib"], memory["peak_rss_mib"])
                entry["processes"] = len(self._pids[name])

    def _walk(self) -> list[tuple[int, str]]:
        with self._lock:
            roots = list(self._roots.items())
        found: list[tuple[int, str]] = []

        def visit(pid: int, parent: str | None, given: str | None) -> None:
            name = given or _process_name(pid, parent)
            if name is None:
                return
            found.append((pid, name))
            for child in _children(pid):
                visit(child, name, None)

        for pid, name in roots:
            visit(pid, None, name)
        return found


def _process_name(pid: int, parent: str | None) -> str | None:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    words = [word.decode(errors="replace") for word in argv if word]
    if not words:
        return None
    text = " ".join(words)
    if "multiprocessing.resource_tracker" in text:
        return f"{parent} resource tracker"
    if "multiprocessing" in text:  # spawn_main: the reporting-worker's render child
        return f"{parent} render child"
    if "python" not in Path(words[0]).name:
        if Path(words[0]).name.startswith("tansu"):
            return "tansu broker"
        # A tool a process runs for a moment (ctypes runs gcc to find a library).
        return f"{parent} > {Path(words[0]).name}"
    name = Path(words[1]).name if len(words) > 1 else "python"
    if name == "-m":  # `python -m gunicorn ... <service>.web:create_app()`
        app = next((word for word in words if ".web:" in word), "")
        name = f"{app.split('.')[0]}-web" if app else " ".join(words[1:3])
    if parent == name:
        return f"{name} (gunicorn worker)"
    return name


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def difference(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {name: round(value - before.get(name, 0.0), 1) for name, value in after.items()}
