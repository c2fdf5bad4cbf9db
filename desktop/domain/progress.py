"""How long work says how far it got, and hears that the user wants it stopped.

The services stay free of Qt: they take a `progress(done, total)` callable and call it
every so many items. It returns False when the user pressed Cancel; `step` then raises
Cancelled, which unwinds the work through its transaction (rolled back) or its temporary
file (removed), so a cancel leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Progress = Callable[[int, int], bool]
T = TypeVar("T")


class Cancelled(Exception):
    """The user stopped the work; whatever it had begun was undone."""


def no_progress(done: int, total: int) -> bool:
    """For callers with nobody watching (the command line, tests): never cancels."""
    return True


def step(progress: Progress, done: int, total: int) -> None:
    """Tell `progress` how far the work got; raise Cancelled if the user asked to stop."""
    if not progress(done, total):
        raise Cancelled


def every(progress: Progress, total: int, each: int = 200) -> Callable[[int], None]:
    """A counter for a loop of `total` items that reports every `each` items (and the last),
    so a loop of a hundred thousand does not call across threads a hundred thousand times."""

    def count(done: int) -> None:
        if done % each == 0 or done == total:
            step(progress, done, total)

    return count


def paced(items: Iterable[T], progress: Progress, each: int = 256) -> Iterator[T]:
    """`items` as they come, with a word to `progress` every `each` of them (no count:
    0 of 0), for a read with no count to show: it can be stopped between any two words, and
    a worker lets the window's thread go first there (`ui/gui_first.py`)."""
    for n, item in enumerate(items, 1):
        if n % each == 0:
            step(progress, 0, 0)
        yield item
