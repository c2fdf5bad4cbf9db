"""Python's full garbage collections held off while long work runs in a worker thread.

A full collection walks every container object alive, holding Python's lock all the
while: with a year of history read into millions of rows and dicts (an export, an import
file, Insights) one takes 100–300 ms, and it stops the GUI thread as surely as if it ran
there. Such work makes few reference cycles (rows, tuples and dicts freed by their
reference counts), so while any of it runs only the young generations are collected,
which stay small whatever is alive. The thresholds come back when the last work ends,
and the next full collection then walks what is still alive, usually far less.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Collections of the middle generation before a full one is considered: never, meanwhile.
_NEVER = 2**31 - 1

_lock = threading.Lock()
_holders = 0
_saved: tuple[int, int, int] | None = None


def hold() -> None:
    """One more piece of work that full collections wait for (any thread)."""
    global _holders, _saved
    with _lock:
        _holders += 1
        if _holders == 1:
            _saved = gc.get_threshold()
            young, middle, _ = _saved
            gc.set_threshold(young, middle, _NEVER)


def release() -> None:
    """That work has ended; the last one brings the thresholds back."""
    global _holders, _saved
    with _lock:
        if _holders == 0:
            return
        _holders -= 1
        if _holders == 0 and _saved is not None:
            gc.set_threshold(*_saved)
            _saved = None


@contextmanager
def held() -> Iterator[None]:
    hold()
    try:
        yield
    finally:
        release()


def holding() -> bool:
    with _lock:
        return _holders > 0


class Hold:
    """One holder, released once however many of its owner's endings call `release`
    (a dialog closed and then destroyed, a worker's op finished and its thread ended)."""

    def __init__(self) -> None:
        self._held = True
        hold()

    def release(self, *_: object) -> None:
        if self._held:
            self._held = False
            release()

    @property
    def held(self) -> bool:
        return self._held


# After start-up, the modules, classes and the window Debrief keeps for its whole run.
SETTLE_AFTER_MS = 5000


def settle() -> None:
    """Collect once, then set aside what is alive (`gc.freeze`): the modules, classes and
    widgets made at start-up live as long as the process, and every later full collection
    walked them again (half of its 50-65 ms on the GUI thread at 10,000 opportunities).
    They are still freed by their reference counts; only cycles among them would wait."""
    gc.collect()
    gc.freeze()
