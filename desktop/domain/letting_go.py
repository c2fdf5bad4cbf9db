"""Freeing a year of rows a slice at a time.

When the last reference to a list of a million rows goes, CPython frees every row in one
go, inside one bytecode, holding Python's lock throughout: 100 ms and more for an export's
bundle, even in a worker thread, and the GUI thread waits as long. Emptying the list a
slice at a time frees the same objects with a chance for other threads between slices.
Only for data nothing else will read: it is emptied in place.
"""

from __future__ import annotations

import threading
import time
from typing import Any

# Items freed between two chances for another thread: a few hundred rows, each with its
# handful of nested rows, take well under a millisecond.
SLICE = 256


def let_go(*values: Any, pause_s: float = 0.0) -> None:
    """Empty these lists and dicts, and the big ones they hold, a slice at a time
    (sleeping `pause_s` after each: see `let_go_elsewhere`)."""
    for value in values:
        if isinstance(value, list):
            _inner(value, pause_s)
            while value:
                del value[-SLICE:]
                if pause_s:
                    time.sleep(pause_s)
        elif isinstance(value, dict):
            _inner(value.values(), pause_s)
            while value:
                for _ in range(min(SLICE, len(value))):
                    value.popitem()
                if pause_s:
                    time.sleep(pause_s)


def _inner(items: Any, pause_s: float) -> None:
    # Only the big lists and dicts inside are emptied (no single `del` then frees one of
    # them whole), wherever they are: inside a few items (a bundle's tables) each is looked
    # into; of many (a table's rows), one loop finds the big ones. Small ones are left as
    # they are: rows may be shared with what the caller keeps.
    few = len(items) <= SLICE
    for item in list(items):
        if isinstance(item, list | dict):
            if len(item) > SLICE:
                let_go(item, pause_s=pause_s)
            elif few:
                _inner(item.values() if isinstance(item, dict) else item, pause_s)


# Between two slices freed by a thread of its own. Without it, that thread and the GUI
# thread took turns with Python's lock 5 ms at a time, and the GUI thread's redraw after
# a restore took three times as long.
ELSEWHERE_PAUSE_S = 0.002


def let_go_elsewhere(value: Any) -> None:
    """`let_go` in a thread of its own, for data the calling thread (the GUI thread) would
    otherwise free whole as it drops it: the caller keeps no other reference to `value`.
    It frees a slice and sleeps, so the GUI thread hardly notices it."""
    threading.Thread(
        target=let_go,
        args=(value,),
        kwargs={"pause_s": ELSEWHERE_PAUSE_S},
        name="letting go",
        daemon=True,
    ).start()
