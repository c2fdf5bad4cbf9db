"""Start-up marks for `make bench`, off unless DEBRIEF_STARTUP_PROBE names a file.

The marks are `time.monotonic()` readings, a clock shared by every process on Linux, so the
benchmark can subtract the moment it started the process. The bare-PySide6 baseline in
benchmarks/ writes the same marks at the same moments.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

ENV = "DEBRIEF_STARTUP_PROBE"


def mark(event: str) -> None:
    path = os.environ.get(ENV)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            # The CPU time too: on a busy machine it says what the start itself cost.
            out.write(f"{event} {time.monotonic():.6f} {time.process_time():.6f}\n")


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            mark("painted")
            watched.removeEventFilter(self)
        return False


def watch(window: QWidget | None, tray_shown: bool) -> None:
    """Mark the window's first paint, and the first turn of the event loop after the tray
    icon was shown (when the app is ready to be clicked)."""
    if not os.environ.get(ENV):
        return
    if window is not None:
        window.installEventFilter(_FirstPaint(window))
    if tray_shown:
        QTimer.singleShot(0, lambda: mark("tray"))


def watch_filled(filled: SignalInstance) -> None:
    """Mark "filled" in the turn after the window's `filled` (its data shown): the first
    paint is the window on screen, this one the window ready to use."""
    if os.environ.get(ENV):
        filled.connect(lambda: mark_soon("filled"))


def mark_soon(event: str) -> None:
    """Mark `event` at the next turn of the event loop."""
    if os.environ.get(ENV):
        QTimer.singleShot(0, lambda: mark(event))
