"""The window's thread goes first (desktop/ui/gui_first.py): a worker waits at its progress
calls while the GUI thread repaints a list, never for long, and not after the work."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from desktop.domain.progress import Progress, step
from desktop.ui import gui_first
from desktop.ui.background_op import run_in_background
from tests.ops import finished


class _Painted(QWidget):
    """A widget whose paint runs `during`, as a list's repaint runs its model."""

    def __init__(self, during: Callable[[], None]) -> None:
        super().__init__()
        self.during = during

    def paintEvent(self, event: QPaintEvent) -> None:
        self.during()


def _run_beside_a_repaint(
    qtbot, tmp_path, work: Callable[[Progress], None], paint: Callable[[], None]
) -> str:
    """Runs `work` in the background while a watched widget repaints with `paint`; how
    the work ended."""
    widget = _Painted(paint)
    qtbot.addWidget(widget)
    op = run_in_background(widget, "Working…", work, tmp_path, quiet=True)
    gui_first.watch(widget)
    widget.show()
    widget.update()
    return finished(qtbot, op)


def test_a_worker_waits_while_the_gui_thread_repaints_a_list(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(gui_first, "MAX_WAIT_S", 30.0)
    go, asking, answered = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def work(progress: Progress) -> None:
        go.wait(10)
        asking.set()
        step(progress, 1, 2)
        answered.set()

    def paint() -> None:
        if "busy" in seen:
            return
        seen["busy"] = gui_first.gui_busy()
        go.set()
        asking.wait(10)
        # The worker is at its progress call, and stays there while the repaint lasts.
        seen["answered while busy"] = answered.wait(0.3)

    # Done once the GUI thread waited for events again.
    assert _run_beside_a_repaint(qtbot, tmp_path, work, paint) == "done"
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

    def paint() -> None:  # the GUI thread waits for the worker, as at quit
        if "ended" not in seen:
            go.set()
            seen["ended"] = ended.wait(20)

    assert _run_beside_a_repaint(qtbot, tmp_path, work, paint) == "done"
    assert seen == {"ended": True}
    assert waits == [0.05]  # gave up once, then went on without waiting again


def test_the_lists_are_watched_only_while_work_runs(qtbot, tmp_path) -> None:
    from desktop.ui import background_op

    # Work an earlier test left running in this process is watched for, rightly: once it
    # has ended, nothing is.
    qtbot.waitUntil(lambda: all(w.isFinished() for w in background_op._workers), timeout=30_000)
    painted: list[bool] = []
    widget = _Painted(lambda: painted.append(gui_first.gui_busy()))
    qtbot.addWidget(widget)
    op = run_in_background(widget, "Working…", lambda progress: None, tmp_path, quiet=True)
    assert finished(qtbot, op) == "done"
    qtbot.waitUntil(lambda: not gui_first._watch)
    gui_first.watch(widget)  # no work runs: nothing to watch for
    widget.show()
    widget.update()
    qtbot.waitUntil(lambda: bool(painted))
    assert set(painted) == {False}
    gui_first.wait_for_gui()  # returns at once


def test_a_finished_worker_whose_end_never_came_does_not_keep_the_lists_watched(
    qtbot, tmp_path
) -> None:
    from desktop.ui import background_op

    stale = background_op._Worker(lambda progress: None)
    stale.start()
    stale.wait()  # finished; its end never reached `_ended` (as when its call is still queued)
    background_op._workers.add(stale)
    widget = QWidget()
    qtbot.addWidget(widget)
    op = run_in_background(widget, "Working…", lambda progress: None, tmp_path, quiet=True)
    assert finished(qtbot, op) == "done"
    qtbot.waitUntil(lambda: not gui_first._watch)
    assert stale not in background_op._workers
