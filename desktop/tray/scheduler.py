"""The reminder scheduler: APScheduler's QtScheduler holding one job, "fire what is due".

The database is the truth, and `services.firing` decides everything about it: `rearm`
asks it for the next wake-up and sets the single job to that moment; `fire_due` has it
fire what is due in one transaction, delivers the notices it returns, and arms for the
wake-up it returns. This module only adapts that to APScheduler and the notifier. Jobs
run on the GUI thread (the debug executor runs them inline in the QTimer callback),
never on a thread pool.

It is never left unarmed: when the database cannot be read or written (another process
holds the write lock, say), firing and arming are retried with a growing pause, so a
reminder due while the lock was held fires within seconds of its release.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.clock import Clock
from desktop.services import firing
from desktop.services.busy import is_busy, waiting_at_most
from desktop.services.vocabulary import StorageError
from desktop.tray.notifier import Notifier

if TYPE_CHECKING:
    from apscheduler.job import Job
    from apscheduler.schedulers.qt import QtScheduler

log = logging.getLogger(__name__)

MAX_TIMER_MS = 2**31 - 1
# Each attempt waits this long for a lock, on the GUI thread: short, and retried instead.
ATTEMPT_WAIT_MS = 100
FIRST_RETRY_MS = 250
# A lock is released soon; a broken disk is not: retry the one often, the other rarely.
MAX_RETRY_BUSY_MS = 2_000
MAX_RETRY_OTHER_MS = 60_000


def _qt_scheduler(**options: object) -> QtScheduler:
    """APScheduler is imported when the scheduler starts, not with this module: a tenth
    of a second the tray icon need not wait for."""
    from apscheduler.schedulers.qt import QtScheduler
    from PySide6.QtCore import Qt

    class StoppableQtScheduler(QtScheduler):
        """QtScheduler with a timer it can stop. Under PySide6 `QTimer.singleShot` returns
        None, so the stock class can never cancel its previous wake-up: every re-arm left
        one more timer pending, and one could still fire after shutdown."""

        def __init__(self, **options: object) -> None:
            super().__init__(**options)
            self._wake = QTimer()
            self._wake.setSingleShot(True)
            # Qt's default coarse timer may be 5 % late: three minutes on an hour's wait.
            self._wake.setTimerType(Qt.TimerType.PreciseTimer)
            self._wake.timeout.connect(self._process_jobs)

        def _start_timer(self, wait_seconds: float | None) -> None:
            self._wake.stop()
            if wait_seconds is not None:
                self._wake.start(min(int(wait_seconds * 1000), MAX_TIMER_MS))

        def _stop_timer(self) -> None:
            self._wake.stop()

    return StoppableQtScheduler(**options)


class ReminderScheduler(QObject):
    """`fired(ids)` after a batch was marked fired, so the tray can show it waiting."""

    fired = Signal(list)

    def __init__(self, clock: Clock, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.notifier = notifier
        self.scheduled_for: datetime | None = None
        self._stopped = False
        self._job: Job | None = None
        self._started_at_launch = True  # the first batch came due while we were away
        self._scheduler: QtScheduler | None = None  # made by start()
        self.failed_attempts = 0  # in a row; 0 once firing and arming worked
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.fire_due)

    def start(self) -> None:
        from desktop.tray.lean_apscheduler import import_apscheduler

        import_apscheduler()  # first: without the modules it loads that we never run
        from apscheduler.executors.debug import DebugExecutor

        if self._stopped:
            return
        self._scheduler = _qt_scheduler(
            timezone=UTC,
            executors={"default": DebugExecutor()},
            # A reminder late because the laptop slept must still come, once.
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        self._scheduler.start()
        self.fire_due()

    def shutdown(self) -> None:
        self._stopped = True
        self._retry.stop()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.remove_all_jobs()
            self._scheduler.shutdown(wait=False)

    def rearm(self) -> None:
        """Point the job at the next due reminder. Cheap: one indexed query."""
        if self._stopped:
            return
        try:
            with waiting_at_most(ATTEMPT_WAIT_MS):
                self._rearm()
        except StorageError as error:
            self._retry_later(error)
            return
        self.failed_attempts = 0

    def _rearm(self) -> None:
        self._arm(firing.next_wake_up(self.clock))

    def _arm(self, at: datetime | None) -> None:
        if at is not None and at <= self.clock.now():
            at = self.clock.now()  # due already: fire from the event loop, not recursively
        self._set_job(at)

    def _set_job(self, at: datetime | None) -> None:
        self.scheduled_for = at
        if self._scheduler is None:
            return  # not started yet: start() fires what is due and arms from there
        from apscheduler.jobstores.base import JobLookupError
        from apscheduler.triggers.date import DateTrigger

        if self._job is not None:
            with contextlib.suppress(JobLookupError):
                self._job.remove()
            self._job = None
        if at is not None:
            # A trigger object, not the name "date": names are looked up through package
            # metadata, one more thing a frozen build would have to carry.
            self._job = self._scheduler.add_job(self._on_job, DateTrigger(at, timezone=UTC))

    def _on_job(self) -> None:
        # APScheduler removes this one-shot job itself once it returns; removing it here
        # too would make that fail, so the next arming adds a fresh job beside it.
        self._job = None
        self.fire_due()

    def fire_due(self) -> list[int]:
        """Notify and mark fired every due reminder; returns their ids. Never raises: a
        database that cannot be used now is tried again shortly."""
        if self._stopped:
            return []
        self._retry.stop()
        try:
            with waiting_at_most(ATTEMPT_WAIT_MS):
                result = firing.fire_due(self.clock, away=self._started_at_launch)
        except StorageError as error:
            self._retry_later(error)
            return []
        if not result.quiet:  # what piled up during quiet hours at start was still "away"
            self._started_at_launch = False
        if self.failed_attempts:
            log.info("firing works again after %d failed attempt(s)", self.failed_attempts)
        self.failed_attempts = 0
        for notice in result.notices:
            self.notifier.deliver(notice)
        self._arm(result.next_wake_up)
        ids = list(result.fired_ids)
        if ids:
            self.fired.emit(ids)
        return ids

    def _retry_later(self, error: StorageError) -> None:
        self.failed_attempts += 1
        busy = is_busy(error)
        ceiling = MAX_RETRY_BUSY_MS if busy else MAX_RETRY_OTHER_MS
        pause = min(FIRST_RETRY_MS * 2 ** min(self.failed_attempts - 1, 16), ceiling)
        # Said once per streak: a lock held for a minute must not fill the log.
        if self.failed_attempts == 1:
            log.warning("reminders could not be fired (%s); retrying", error)
        # Set (and `Qt` imported) here, not when made: the tray icon shows before `Qt`'s
        # hundreds of enums are made, 15-25 ms of a start (benchmarks/README.md).
        from PySide6.QtCore import Qt

        self._retry.setTimerType(Qt.TimerType.PreciseTimer)
        self._retry.start(pause)
