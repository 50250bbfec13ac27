"""A child process that ends when the process that started it ends, however that one ends.

A parent killed with SIGKILL (or by the out-of-memory killer) cannot stop its children; left
alone they keep running, holding their ports. Linux can send the child a signal instead
(prctl PR_SET_PDEATHSIG). It fires when the *thread* that started the child ends, so start
such children from the main thread. Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable
from functools import partial

_PR_SET_PDEATHSIG = 1


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    return ctypes.CDLL(None, use_errno=True).prctl


# Looked up now: between fork and exec, where a `preexec_fn` runs, loading a library is unsafe.
_PRCTL = _prctl()


def end_with_parent(parent_pid: int) -> None:
    """In a freshly started child of `parent_pid`: be killed when the parent ends.

    SIGKILL, not SIGTERM: a parent that died without stopping its children did not crash
    gracefully either, and a child slow to honour SIGTERM would keep its port meanwhile.
    """
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGKILL)


def ends_with_this_process() -> Callable[[], None]:
    """A `preexec_fn` for `subprocess.Popen`: the child is killed when this process ends."""
    return partial(end_with_parent, os.getpid())
