"""The board with a generated year of history (10,000 opportunities): how long showing it,
moving cards and undoing take, offscreen at 1366×768.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.board   # prints medians; asserts nothing
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from benchmarks.history import generate
from db.store import open_store
from desktop.domain.clock import SystemClock
from desktop.services.vocabulary import Status
from desktop.ui.main_window import MainWindow


def main() -> None:
    app = QApplication(sys.argv)
    data = Path(tempfile.mkdtemp(prefix="debrief-board-")) / "data"
    print("generated", generate(data))
    open_store(data)
    ui_state = QSettings(str(data / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(SystemClock(), ui_state, data, confirm=lambda *_: True)
    window.resize(1366, 768)
    window.show()
    app.processEvents()

    def timed(label: str, action: Callable[[], object], runs: int = 5) -> None:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            action()
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        print(f"{label}: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")

    def to_the_board() -> None:
        window.show_board(False, remember=False)
        window.show_board(True, remember=False)

    timed("from the list to the board (nine columns filled)", to_the_board)
    print("cards:", window.board.shown())
    ids = window.board.columns[Status.INTERVIEWING].ids()

    def move(chosen: list[int]) -> None:
        window.move_opportunities(chosen, Status.AWAITING)
        window.undo_action.trigger()

    timed("one card moved and undone", lambda: move(ids[:1]))
    timed("three cards moved together and undone", lambda: move(ids[:3]))
    timed(
        "a search typed and cleared, the board shown",
        lambda: (window.search.setText("company 01"), window.search.setText("")),
    )
    timed("everything re-read, the board shown", window.refresh, runs=3)


if __name__ == "__main__":
    main()
