"""The window's thread goes first: while it repaints a list, a worker waits at its next
progress call.

Every call from Qt into Python on the GUI thread takes Python's lock, and one repaint of
the list makes thousands (the model's `data`, `rowCount`, `index`…, and shiboken's check
for a Python override before each virtual call). While a worker runs Python, each of those
waits for the worker to hand the lock over: at least the switch interval, and longer when
the machine is busy and the thread holding the lock is not on a CPU. So a repaint that
takes 10 ms alone took 0.3–1.6 s during an export (the progress window, as it appears,
blocks the main window, which repaints). Python's lock has no priorities; this gives the
GUI thread one where it needs it.

While some worker runs, an event filter watches the viewports of the item views (the
lists, tables and the board, whose models are Python): the first event one of them gets
marks the GUI thread busy, and it stays busy until its event loop is about to wait again
(`aboutToBlock`, connected only for that spell). The GUI thread first gives a worker that
reports often a moment to reach its next progress call (`GUI_WAITS_S`, the lock released);
there a worker sleeps, lock released, until the spell ends, so the repaint runs with the
lock to itself. No other event comes into Python for this. A worker never waits longer
than `MAX_WAIT_S` for one spell: if the GUI thread is waiting for the worker itself
(`wait_all` at quit), or is busy for long, the worker goes on until the next spell.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

# The longest a worker waits for one busy spell of the GUI thread: well over a repaint of
# the window (10–20 ms), short enough that a GUI thread waiting for the worker loses little.
MAX_WAIT_S = 0.1
# The longest the GUI thread waits for a worker to reach its next progress call, and how
# recent that worker's last one must be for it to wait at all (a worker that reports only
# at its start and end is not waited for).
GUI_WAITS_S = 0.01
RECENT_S = 0.01

_idle = threading.Event()
_idle.set()
_parked = threading.Event()  # a worker is waiting for this spell to end
_last_call = [0.0]  # when a worker last reached a progress call (monotonic)
# Bumped each time the GUI thread goes idle: a worker that gave up waiting on one busy
# spell does not wait again until the next.
_spell = [0]
_given_up_on = [-1]


class _Watch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.watched: set[int] = set()
        self.waiting_for_block = False
        self.active = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and _idle.is_set():
            self._busy()
        return False

    def _busy(self) -> None:
        _parked.clear()
        _idle.clear()
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None and not self.waiting_for_block:
            self.waiting_for_block = True
            dispatcher.aboutToBlock.connect(self.idle)
        if time.monotonic() - _last_call[0] < RECENT_S:
            _parked.wait(GUI_WAITS_S)  # Python's lock is let go meanwhile

    def idle(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None and self.waiting_for_block:
            self.waiting_for_block = False
            dispatcher.aboutToBlock.disconnect(self.idle)
        _spell[0] += 1
        _idle.set()

    def watch(self, widget: QWidget) -> None:
        key = id(widget)
        if key not in self.watched:
            self.watched.add(key)
            widget.installEventFilter(self)
            widget.destroyed.connect(lambda *_: self.watched.discard(key))

    def forget(self) -> None:
        self.active = False  # until deleted, when Qt takes it off every viewport
        self.idle()


_watch: list[_Watch] = []


def start() -> None:
    """On the GUI thread, as the first worker starts: watch every item view shown."""
    app = QCoreApplication.instance()
    if _watch or not isinstance(app, QApplication):
        return
    watch = _Watch()
    _watch.append(watch)
    for top in app.topLevelWidgets():
        for view in top.findChildren(QAbstractItemView):
            watch.watch(view.viewport())


def watch(widget: QWidget) -> None:
    """Also watch `widget` while this work runs (one made meanwhile, a test's)."""
    if _watch:
        _watch[0].watch(widget)


def stop() -> None:
    """On the GUI thread, as the last worker ends: nothing is watched any more (the filter
    object goes, and with it its place on every viewport)."""
    if not _watch:
        return
    watch = _watch.pop()
    watch.forget()
    watch.deleteLater()
    _idle.set()


def gui_busy() -> bool:
    return not _idle.is_set()


def wait_for_gui() -> None:
    """In a worker, at each progress call: return once the GUI thread is idle, or after
    `MAX_WAIT_S`."""
    _last_call[0] = time.monotonic()
    if _idle.is_set():
        return
    spell = _spell[0]
    if spell == _given_up_on[0]:
        return
    _parked.set()
    if not _idle.wait(MAX_WAIT_S):
        _given_up_on[0] = spell


def let_worker_go() -> None:
    """On the GUI thread, before it waits for a worker: no use waiting for it meanwhile."""
    _spell[0] += 1
    _idle.set()
