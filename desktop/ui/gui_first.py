"""The window's thread goes first: while it handles events, a worker waits at its next
progress call.

Every call from Qt into Python on the GUI thread takes Python's lock, and one repaint of
the list makes thousands (the model's `data`, `rowCount`, `index`…, and shiboken's check
for a Python override before each virtual call). While a worker runs Python, each of those
waits for the worker to hand the lock over: at least the switch interval, and longer when
the machine is busy and the GUI thread is not scheduled at once. So a repaint that takes
10 ms alone took 0.3–1.6 s during an export (the progress window, as it appears, blocks the
main window, which repaints). Python's lock has no priorities; this gives the GUI thread
one: from the first event it handles until its event loop is about to wait again, a
worker that reaches `wait_for_gui` sleeps (lock released), so the repaint runs with the
lock to itself.

Only while some worker runs: an event filter on the application (`QApplication` sees every
event of the GUI thread) marks the GUI thread busy at the first event it handles, and the
event dispatcher's `aboutToBlock` marks it idle. Two calls into Python per turn of the
event loop, each of which may wait for the lock once. A worker never waits longer than `MAX_WAIT_S` for one busy
spell: if the GUI thread is waiting for the worker itself (`wait_all` at quit), or is
simply busy for long, the worker goes on until the GUI thread next goes idle.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject

# The longest a worker waits for one busy spell of the GUI thread: well over a repaint of
# the window (10–20 ms), short enough that a GUI thread waiting for the worker loses little.
MAX_WAIT_S = 0.1

_idle = threading.Event()
_idle.set()
# Bumped each time the GUI thread goes idle: a worker that gave up waiting on one busy
# spell does not wait again until the next.
_spell = [0]
_given_up_on = [-1]


class _Watch(QObject):
    """Armed while the GUI thread waits: the first event it then handles marks it busy
    and disarms the filter, so the rest of that spell's events (a repaint of every
    widget: hundreds) do not each come into Python."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__()
        self.app = app
        self.armed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        _idle.clear()
        if self.armed:
            self.armed = False
            self.app.removeEventFilter(self)  # Qt allows it from the filter itself
        return False

    def idle(self) -> None:
        _spell[0] += 1
        _idle.set()
        self.arm()

    def arm(self) -> None:
        if not self.armed:
            self.armed = True
            self.app.installEventFilter(self)

    def disarm(self) -> None:
        if self.armed:
            self.armed = False
            self.app.removeEventFilter(self)


_watch: list[_Watch] = []


def start() -> None:
    """On the GUI thread, as the first worker starts."""
    app = QCoreApplication.instance()
    dispatcher = QAbstractEventDispatcher.instance()
    if _watch or app is None or dispatcher is None:
        return
    watch = _Watch(app)
    _watch.append(watch)
    dispatcher.aboutToBlock.connect(watch.idle)
    watch.arm()


def stop() -> None:
    """On the GUI thread, as the last worker ends."""
    if not _watch:
        return
    watch = _watch.pop()
    watch.disarm()
    dispatcher = QAbstractEventDispatcher.instance()
    if dispatcher is not None:
        dispatcher.aboutToBlock.disconnect(watch.idle)
    watch.deleteLater()
    _idle.set()


def gui_busy() -> bool:
    return not _idle.is_set()


def wait_for_gui() -> None:
    """In a worker: return once the GUI thread is idle, or after `MAX_WAIT_S`."""
    if _idle.is_set():
        return
    spell = _spell[0]
    if spell == _given_up_on[0]:
        return
    if not _idle.wait(MAX_WAIT_S):
        _given_up_on[0] = spell


def let_worker_go() -> None:
    """On the GUI thread, before it waits for a worker: no use waiting for it meanwhile."""
    _spell[0] += 1
    _idle.set()
