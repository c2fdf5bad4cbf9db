"""Autosave for a form: an edit starts a short timer, and closing and quitting save too.

A pause in typing saves after AUTOSAVE_MS; someone typing without pause is still saved at
least every MAX_UNSAVED_MS. So a crash loses at most the last second or two of typing,
never a saved word (each save is one transaction).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer
from PySide6.QtWidgets import QApplication

AUTOSAVE_MS = 400
MAX_UNSAVED_MS = 1500


class Autosave(QObject):
    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.dirty = False
        self._unsaved_for = QElapsedTimer()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)

    # The signals connected here carry zero, one (text, index, checked) or two values.
    def changed(self, _first: object = None, _second: object = None) -> None:
        if not self.dirty:
            self.dirty = True
            self._unsaved_for.start()
        if self._unsaved_for.elapsed() >= MAX_UNSAVED_MS:
            self.flush()
        else:
            self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        if self.dirty:
            self.dirty = False
            self._save()
