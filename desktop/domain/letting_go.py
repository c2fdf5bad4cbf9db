"""Freeing a year of rows a slice at a time.

When the last reference to a list of a million rows goes, CPython frees every row in one
go, inside one bytecode, holding Python's lock throughout: 100 ms and more for an export's
bundle, even in a worker thread, and the GUI thread waits as long. Emptying the list a
slice at a time frees the same objects with a chance for other threads between slices.
Only for data nothing else will read: it is emptied in place.
"""

from __future__ import annotations

from typing import Any

# Items freed between two chances for another thread: a few hundred rows, each with its
# handful of nested rows, take well under a millisecond.
SLICE = 256


def let_go(*values: Any) -> None:
    """Empty these lists and dicts, and the big ones they hold, a slice at a time."""
    for value in values:
        if isinstance(value, list):
            _inner(value)
            while value:
                del value[-SLICE:]
        elif isinstance(value, dict):
            _inner(value.values())
            while value:
                for _ in range(min(SLICE, len(value))):
                    value.popitem()


def _inner(items: Any) -> None:
    # Only the big lists and dicts inside are emptied (no single `del` then frees one of
    # them whole), wherever they are: inside a few items (a bundle's tables) each is looked
    # into; of many (a table's rows), one loop finds the big ones. Small ones are left as
    # they are: rows may be shared with what the caller keeps.
    few = len(items) <= SLICE
    for item in list(items):
        if isinstance(item, list | dict):
            if len(item) > SLICE:
                let_go(item)
            elif few:
                _inner(item.values() if isinstance(item, dict) else item)


def let_go_elsewhere(value: Any) -> None:
    """`let_go` in a thread of its own, for data the calling thread (the GUI thread) would
    otherwise free whole as it drops it: the caller keeps no other reference to `value`."""
    import threading

    threading.Thread(target=let_go, args=(value,), name="letting go", daemon=True).start()
