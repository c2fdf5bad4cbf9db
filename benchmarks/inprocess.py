"""Measurements made inside one Debrief process, offscreen, on the generated history:

    python -m benchmarks.inprocess DATA_DIR WORK_DIR   → one JSON object on stdout

search-as-you-type in the main list, re-arming the scheduler, rendering Today (the
dashboard) and Insights, and a full JSON export and import. Times are medians and 95th
percentiles of repeated runs, in milliseconds.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from db.connection import close_database
from db.store import open_store
from desktop.domain.clock import SystemClock

QUERIES = ("Company 1234", "backend role 77", "referral")


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 0.95),
        "runs": len(samples),
    }


def search(window, app: QApplication) -> dict[str, float]:
    """Each keystroke: the filter runs and the visible rows repaint."""
    samples = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            samples.append(timed(lambda end=end, q=query: _type(window, app, q[:end])))
        for end in range(len(query) - 1, -1, -1):  # and erased again, key by key
            samples.append(timed(lambda end=end, q=query: _type(window, app, q[:end])))
    return summary(samples)


def _type(window, app: QApplication, text: str) -> None:
    window.search.setText(text)
    window.table.viewport().repaint()
    app.processEvents()


def rearm(clock) -> dict[str, float]:
    from desktop.tray.notifier import Notifier, PlyerBackend
    from desktop.tray.scheduler import ReminderScheduler

    scheduler = ReminderScheduler(clock, Notifier(PlyerBackend(None), []))
    scheduler.start()
    try:
        return summary([timed(scheduler.rearm) for _ in range(200)])
    finally:
        scheduler.shutdown()


def render(app: QApplication, read: Callable[[], None], paint, rounds: int = 7) -> dict:
    """Data read again and the widget painted."""

    def once() -> None:
        read()
        paint.grab()
        app.processEvents()

    return summary([timed(once) for _ in range(rounds)])


def export_import(clock, work: Path) -> dict[str, float]:
    from desktop.domain.import_source import bundle_from_json
    from desktop.services.export_bundle import build_bundle, bundle_json
    from desktop.services.import_bundle import Duplicates, apply_bundle

    start = time.perf_counter()
    text = bundle_json(build_bundle(clock.now()))
    export_ms = (time.perf_counter() - start) * 1000
    close_database()
    target = work / "imported"
    open_store(target)
    start = time.perf_counter()
    apply_bundle(bundle_from_json(text), Duplicates.SKIP, clock)
    import_ms = (time.perf_counter() - start) * 1000
    close_database()
    return {"export_ms": export_ms, "import_ms": import_ms, "json_mib": len(text) / 2**20}


def main(argv: list[str]) -> int:
    data_dir, work = Path(argv[0]), Path(argv[1])
    app = QApplication.instance() or QApplication(["debrief"])
    clock = SystemClock()
    open_store(data_dir)
    from desktop.ui.main_window import MainWindow

    ui_state = QSettings(str(work / "ui-state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(clock, ui_state, data_dir)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    results = {}
    for name, measure in (
        ("search", lambda: search(window, app)),
        ("rearm", lambda: rearm(clock)),
        ("today", lambda: render(app, window.today.refresh, window.today)),
        ("refresh", lambda: render(app, window.refresh, window)),
        ("insights", lambda: render(app, window.insights.refresh, window.insights)),
    ):
        started = time.perf_counter()
        results[name] = measure()
        print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    window.close()
    results["json"] = export_import(clock, work)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
