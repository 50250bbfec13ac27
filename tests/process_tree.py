"""What a test sees of the processes a command started, read from /proc (Linux)."""

from __future__ import annotations

from pathlib import Path


def descendants(pid: int) -> set[int]:
    """Every process below `pid` now: children, grandchildren and so on."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found


def spawned_children(pid: int) -> set[int]:
    """The multiprocessing "spawn" children of `pid`, e.g. a reporting worker's long-lived
    WeasyPrint process."""
    return {
        child
        for child in descendants(pid)
        if _parent(child) == pid and "spawn_main" in command_line(child)
    }


def is_alive(pid: int) -> bool:
    try:
        state = _stat(pid)[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; its parent has not collected it yet


def cpu_ticks(pid: int) -> int:
    """CPU time used so far, in clock ticks (1/100 s): it grows only while the process works."""
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12])  # utime + stime


def _parent(pid: int) -> int | None:
    try:
        return int(_stat(pid)[1])
    except OSError:
        return None  # exited while we looked


def _stat(pid: int) -> list[str]:
    """/proc/<pid>/stat from the state on: the command name before it may hold spaces."""
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""
