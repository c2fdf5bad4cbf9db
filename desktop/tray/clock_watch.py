"""Noticing that the wall clock jumped: suspend and resume, a clock change, a new zone.

Qt's timers (and so APScheduler's QtScheduler) count on a monotonic clock that stands
still while the machine sleeps, so a wake-up planned for 14:00 would come late after a
night's suspend. One coarse check a minute compares the two clocks and tells the
scheduler to re-arm when they disagree.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

CHECK_EVERY_MS = 60_000
TOLERANCE_SECONDS = 30.0


class ClockWatch(QObject):
    jumped = Signal()

    def __init__(
        self,
        zone_name: Callable[[], str],
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._zone_name = zone_name
        self._wall = wall
        self._monotonic = monotonic
        self._mark()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self._mark()
        # Set (and `Qt` imported) here, not when made: the tray icon shows before `Qt`'s
        # hundreds of enums are made, 15-25 ms of a start (benchmarks/README.md).
        from PySide6.QtCore import Qt

        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.timer.start()

    def _mark(self) -> None:
        self._last_wall = self._wall()
        self._last_monotonic = self._monotonic()
        self._last_zone = self._zone_name()

    def check(self) -> bool:
        wall_step = self._wall() - self._last_wall
        monotonic_step = self._monotonic() - self._last_monotonic
        zone = self._zone_name()
        jumped = abs(wall_step - monotonic_step) > TOLERANCE_SECONDS or zone != self._last_zone
        self._mark()
        if jumped:
            self.jumped.emit()
        return jumped
