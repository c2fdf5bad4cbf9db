"""The window's thread goes first (desktop/ui/gui_first.py): a worker waits at its progress
calls while the GUI thread handles an event, never for long, and not after the work."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop.domain.progress import Progress, step
from desktop.ui import gui_first
from desktop.ui.background_op import run_in_background
from tests.ops import finished


def test_a_worker_waits_while_the_gui_thread_handles_an_event(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(gui_first, "MAX_WAIT_S", 30.0)
    go, asking, answered = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def work(progress: Progress) -> None:
        go.wait(10)
        asking.set()
        step(progress, 1, 2)
        answered.set()

    def handle() -> None:  # an event on the GUI thread, as a repaint would be
        seen["busy"] = gui_first.gui_busy()
        go.set()
        asking.wait(10)
        # The worker is at its progress call, and stays there while this event lasts.
        seen["answered while busy"] = answered.wait(0.3)

    parent = QWidget()
    qtbot.addWidget(parent)
    op = run_in_background(parent, "Working…", work, tmp_path, quiet=True)
    QTimer.singleShot(0, handle)
    assert finished(qtbot, op) == "done"  # once the GUI thread waited for events again
    assert seen == {"busy": True, "answered while busy": False}
    assert answered.is_set()


def test_a_worker_waits_only_so_long_for_a_gui_thread_that_waits_for_it(
    qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(gui_first, "MAX_WAIT_S", 0.05)
    waits: list[float] = []
    real_wait = gui_first._idle.wait

    def counted(timeout: float | None = None) -> bool:
        waits.append(timeout or 0)
        return real_wait(timeout)

    monkeypatch.setattr(gui_first._idle, "wait", counted)
    go, ended = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def work(progress: Progress) -> None:
        go.wait(10)
        for done in range(100):
            step(progress, done, 100)
        ended.set()

    def handle() -> None:  # the GUI thread waits for the worker, as at quit
        go.set()
        seen["ended"] = ended.wait(20)

    parent = QWidget()
    qtbot.addWidget(parent)
    op = run_in_background(parent, "Working…", work, tmp_path, quiet=True)
    QTimer.singleShot(0, handle)
    assert finished(qtbot, op) == "done"
    assert seen == {"ended": True}
    assert waits == [0.05]  # gave up once, then went on without waiting again


def test_nothing_is_watched_once_the_last_worker_ended(qtbot, tmp_path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    op = run_in_background(parent, "Working…", lambda progress: None, tmp_path, quiet=True)
    assert finished(qtbot, op) == "done"
    qtbot.waitUntil(lambda: not gui_first._watch)
    handled: list[bool] = []
    QTimer.singleShot(0, lambda: handled.append(gui_first.gui_busy()))
    qtbot.waitUntil(lambda: bool(handled))  # an event handled with no worker running
    assert handled == [False]
    assert not gui_first.gui_busy()
    gui_first.wait_for_gui()  # returns at once
