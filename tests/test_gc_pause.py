"""Full garbage collections held off while work runs in a worker (desktop/gc_pause.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from desktop import gc_pause
from desktop.ui.background_op import run_in_background
from tests.ops import finished


def test_full_collections_wait_for_the_last_holder_and_then_come_back() -> None:
    assert not gc_pause.holding()  # no test leaves a holder behind
    before = gc.get_threshold()
    gc_pause.hold()
    gc_pause.hold()
    assert gc.get_threshold()[:2] == before[:2]  # the young generations are still collected
    assert gc.get_threshold()[2] > 1_000_000
    gc_pause.release()
    assert gc.get_threshold()[2] > 1_000_000  # one holder is left
    gc_pause.release()
    assert gc.get_threshold() == before
    assert not gc_pause.holding()


def test_a_release_without_a_hold_changes_nothing() -> None:
    assert not gc_pause.holding()
    before = gc.get_threshold()
    gc_pause.release()
    with gc_pause.held():
        assert gc_pause.holding()
    assert gc.get_threshold() == before


def test_work_in_the_background_holds_them_until_its_result_is_handed_over(qtbot, tmp_path) -> None:
    seen: dict[str, bool] = {}
    go = threading.Event()

    def work(_progress: object) -> str:
        go.wait(10)
        seen["worker"] = gc_pause.holding()
        return "read"

    def done(_result: str) -> None:
        seen["done"] = gc_pause.holding()

    parent = QWidget()
    qtbot.addWidget(parent)
    op = run_in_background(parent, "Reading…", work, tmp_path, done=done, quiet=True)
    assert gc_pause.holding()
    go.set()
    assert finished(qtbot, op) == "done"
    qtbot.waitUntil(lambda: not gc_pause.holding())
    assert seen == {"worker": True, "done": True}


def test_a_hold_is_released_once_however_often_it_is_ended() -> None:
    first, second = gc_pause.Hold(), gc_pause.Hold()
    first.release()
    first.release()  # a dialog hidden, then destroyed
    assert gc_pause.holding() and second.held and not first.held
    second.release()
    assert not gc_pause.holding()


def test_what_start_up_made_is_set_aside_from_full_collections() -> None:
    try:
        gc_pause.settle()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the test process goes on as it was


def test_python_switches_threads_often_while_a_worker_runs(qtbot, tmp_path) -> None:
    import sys

    from desktop.ui.background_op import WORKING_SWITCH_INTERVAL_S

    usual = sys.getswitchinterval()
    go = threading.Event()
    seen: list[float] = []

    def work(_progress: object) -> None:
        go.wait(10)
        seen.append(sys.getswitchinterval())

    parent = QWidget()
    qtbot.addWidget(parent)
    op = run_in_background(parent, "Reading…", work, tmp_path, quiet=True)
    go.set()
    assert finished(qtbot, op) == "done"
    qtbot.waitUntil(lambda: sys.getswitchinterval() == usual)
    assert len(seen) == 1 and abs(seen[0] - WORKING_SWITCH_INTERVAL_S) < 1e-6
