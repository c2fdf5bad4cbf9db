"""The longest the GUI thread stops answering while Debrief works, per action, on the
generated history (10,000 opportunities):

    python -m benchmarks.stalls DATA_DIR WORK_DIR [SKIP…]   → one JSON object on stdout

A 10 ms precise timer beats on the GUI thread while the real window exports (JSON, CSV,
iCalendar, the full .zip), writes the activity report of the last year, imports that JSON
into an empty folder, backs up, restores, opens Insights and answers reminders in Today. An action's stall is the longest
gap between two beats, less the 10 ms the timer waits anyway: what a user would see as a
frozen window. Peak RSS is the process's high-water mark during the action (reset before
it through /proc/self/clear_refs). SKIP words leave out the actions whose names hold them
(`report`: an older Debrief took minutes over it; `export JSON` with the file already in
WORK_DIR as `all.json`: the import reads that one). Work that runs off the GUI thread is waited for with the
event loop running, as in the app. The same script runs against an older checkout, whose
actions return their result at once (and block meanwhile).
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from db.connection import close_database
from db.store import open_store
from desktop.domain.clock import SystemClock

BEAT_MS = 10
# STALLS_TRACE=FILE: every thread's Python stack whenever a beat is 70 ms late (a diagnosis
# only: faulthandler reads the other threads unlocked and may crash the run).
TRACE = open(os.environ["STALLS_TRACE"], "w") if os.environ.get("STALLS_TRACE") else None  # noqa: SIM115
TRACE_AFTER_S = float(os.environ.get("STALLS_TRACE_MS", "70")) / 1000
_gc_started: list[float] = [0.0]


def _gc_timing(phase: str, info: dict[str, int]) -> None:
    """With STALLS_TRACE: every garbage collection over 20 ms, and on which thread."""
    if phase == "start":
        _gc_started[0] = time.perf_counter()
        return
    took = (time.perf_counter() - _gc_started[0]) * 1000
    if took > 20 and TRACE is not None:
        print(
            f"gc gen {info['generation']}: {took:.0f} ms, {info['collected']} collected, "
            f"thread {threading.current_thread().name}",
            file=TRACE,
            flush=True,
        )


if TRACE is not None:
    gc.callbacks.append(_gc_timing)


class Heartbeat:
    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.longest = 0
        self.last = 0

    def _beat(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        if TRACE is not None:
            # Re-armed every beat: a beat this late dumps every thread's stack, from a C
            # thread that needs no GIL (what holds it during a stall).
            faulthandler.dump_traceback_later(TRACE_AFTER_S, file=TRACE)

    def measure(self, action: Callable[[], object], name: str = "") -> dict[str, float]:
        if TRACE is not None:
            print(f"=== {name}", file=TRACE, flush=True)
        _reset_peak()
        app = QApplication.instance()
        self.clock.start()
        self.last, self.longest = 0, 0
        self.timer.start()
        _spin(app, 100)  # beats settle
        self.longest = 0
        started = time.perf_counter()
        outcome = action()
        _wait(app, outcome)
        seconds = time.perf_counter() - started
        _spin(app, 50)
        self.timer.stop()
        if TRACE is not None:
            faulthandler.cancel_dump_traceback_later()
            print("=== end of the action", file=TRACE, flush=True)
        return {
            "stall_ms": max(0, self.longest - BEAT_MS),
            "seconds": round(seconds, 2),
            "peak_rss_mib": round(_peak_mib(), 1),
        }


def _spin(app, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(app, outcome: object) -> None:
    """Until work sent off the GUI thread ends; an older Debrief's actions have ended."""
    while getattr(outcome, "outcome", "done") is None:
        _spin(app, 20)
    if isinstance(outcome, _Then):
        _wait(app, outcome.then())


class _Then:
    """Work, then the work it starts when it ends (the list re-read after an import)."""

    def __init__(self, first: object, then: Callable[[], object]) -> None:
        self.first, self.then = first, then

    @property
    def outcome(self) -> object:
        return getattr(self.first, "outcome", "done")


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str]) -> int:
    data_dir, work = Path(argv[0]), Path(argv[1])
    skip = argv[2:]

    def measure_each(*actions: tuple[str, Callable[[], object]]) -> None:
        for name, action in actions:
            if any(word in name for word in skip):
                continue
            results[name] = beat.measure(action, name)
            print(f"{name}: {results[name]}", file=sys.stderr)

    app = QApplication.instance() or QApplication(["debrief"])
    clock = SystemClock()
    open_store(data_dir)
    from desktop.ui.main_window import MainWindow

    def window_on(folder: Path) -> MainWindow:
        ui_state = QSettings(str(work / "ui-state.ini"), QSettings.Format.IniFormat)
        window = MainWindow(clock, ui_state, folder, confirm=lambda *_: True)
        window.resize(1200, 800)
        window.show()
        _spin(app, 300)
        with contextlib.suppress(ImportError, AttributeError):  # not in an older Debrief
            from desktop import gc_pause

            gc_pause.settle()  # as the app does once started
        return window

    window = window_on(data_dir)
    beat = Heartbeat()
    today = clock.now().astimezone(clock.tz).date()
    exported = work / "all.json"
    results: dict[str, dict[str, float]] = {}

    def answer() -> None:
        window.tabs.setCurrentWidget(window.today)
        app.processEvents()
        for _ in range(5):
            first = next(iter(window.today.rows.values()))
            if hasattr(first, "done_button"):  # Today as a column of row widgets
                first.done_button.click()
            else:  # Today as a list: the current step's card holds the answers
                window.today.actions_for(first.id).done_button.click()
            app.processEvents()

    def insights() -> object:
        window.tabs.setCurrentWidget(window.insights)
        window.insights.repaint()
        return getattr(window.insights, "loading", None)  # read off the GUI thread

    backups: dict[str, object] = {}

    def back_up() -> object:
        backups["dialog"] = window.show_backups()
        return backups["dialog"].back_up_now()

    def restore() -> object:
        dialog = backups["dialog"]
        dialog.table.selectRow(0)
        return _Then(dialog.restore_selected(), lambda: getattr(window, "rereading", None))

    measure_each(
        ("export JSON", lambda: window.export_to("json", exported)),
        ("export CSV", lambda: window.export_to("csv", work / "all.csv")),
        ("export iCalendar", lambda: window.export_to("ics", work / "all.ics")),
        ("full export (.zip)", lambda: window.export_to("full", work / "all.zip")),
        (
            "activity report, last 365 days",
            lambda: window.export_to(
                "report", work / "report.pdf", start=today - timedelta(days=365), end=today
            ),
        ),
        ("back up now", back_up),
        ("restore that backup", restore),
        ("open Insights", insights),
        ("answer 5 reminders in Today", answer),
    )
    if (work / "report.pdf").exists():
        import pypdf

        pages = len(pypdf.PdfReader(work / "report.pdf").pages)
        results["activity report, last 365 days"]["pages"] = pages
    window.close()
    close_database()
    empty = work / "import-target"
    open_store(empty)
    window = window_on(empty)
    dialogs: dict[str, object] = {}

    def read() -> object:
        dialogs["reading"] = window.open_import(exported)
        return dialogs["reading"]

    def do_import() -> object:
        reading = dialogs["reading"]
        dialog = getattr(reading, "followed_by", reading)
        return _Then(dialog.run_import(), lambda: getattr(window, "rereading", None))

    measure_each(
        ("import: read and check the JSON", read),
        ("import into an empty folder", do_import),
    )
    window.close()
    # An older Debrief has no workers; one before #22 could meet a deleted one here.
    with contextlib.suppress(ImportError, RuntimeError):
        from desktop.ui.background_op import wait_all

        wait_all(cancel=False)
    close_database()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
