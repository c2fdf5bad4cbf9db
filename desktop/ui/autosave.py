"""Autosave for a form: an edit starts a short timer, and closing and quitting save too.

A pause in typing saves after AUTOSAVE_MS; someone typing without pause is still saved at
least every MAX_UNSAVED_MS. So a crash loses at most the last second or two of typing,
never a saved word (each save is one transaction).

A save can fail while another process holds the database's write lock. Then the form
stays "dirty" (nothing claims it was saved), `failed` tells the dialog to say so, and the
save is tried again with a growing pause until it lands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop.services.busy import waiting_at_most
from desktop.services.vocabulary import StorageError

log = logging.getLogger(__name__)

AUTOSAVE_MS = 400
MAX_UNSAVED_MS = 1500
# A save on the GUI thread waits this long for a lock, then is retried: typing stays smooth.
ATTEMPT_WAIT_MS = 100
# Closing the form may wait a little longer: the user is leaving, not typing.
CLOSING_WAIT_MS = 2000
FIRST_RETRY_MS = 250
MAX_RETRY_MS = 2000


class Autosave(QObject):
    failed = Signal()  # a save did not reach the database; it is being retried

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.dirty = False
        self.failed_attempts = 0  # in a row
        self._unsaved_for = QElapsedTimer()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setTimerType(Qt.TimerType.PreciseTimer)
        self.retry.timeout.connect(self.flush)
        app = QApplication.instance()
        if app is not None:  # a bound slot: disconnected when this form is deleted
            app.aboutToQuit.connect(self._flush_at_quit)

    # The signals connected here carry zero, one (text, index, checked) or two values.
    def changed(self, _first: object = None, _second: object = None) -> None:
        if not self.dirty:
            self.dirty = True
            self._unsaved_for.start()
        if self.retry.isActive():
            return  # the database is busy: the retry saves this too, typing stays smooth
        if self._unsaved_for.elapsed() >= MAX_UNSAVED_MS:
            self.flush()
        else:
            self.timer.start()

    def _flush_at_quit(self) -> None:
        # Quitting cannot wait for a retry: wait as long as the connection usually does.
        if not self.flush(wait_ms=None):
            log.error("quitting with a form not saved: the database stayed locked")

    def flush(self, wait_ms: int | None = ATTEMPT_WAIT_MS) -> bool:
        """Save now if anything changed; whether everything typed is in the database.
        `wait_ms`: how long to wait for another process's lock (None: the usual wait)."""
        self.timer.stop()
        self.retry.stop()
        if not self.dirty:
            return True
        try:
            if wait_ms is None:
                self._save()
            else:
                with waiting_at_most(wait_ms):
                    self._save()
        except StorageError as error:
            self.failed_attempts += 1
            if self.failed_attempts == 1:
                log.warning("autosave failed (%s); retrying", error)
            pause = FIRST_RETRY_MS * 2 ** min(self.failed_attempts - 1, 8)
            self.retry.start(min(pause, MAX_RETRY_MS))
            self.failed.emit()
            return False
        # Only now: what was typed is in the database.
        self.dirty = False
        self.failed_attempts = 0
        return True
