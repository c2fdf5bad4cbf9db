"""The window's unhandled-exception hook: every error a slot lets escape is logged in full
to debrief.log and told in a short dialog that does not block the event loop.

Qt calls sys.excepthook for an exception raised in a slot and then carries on, so without
this an error in the window says nothing and logs nothing. An error from the user's
surroundings (full disk, locked file) gets its own calm sentence (desktop.faults); a bug
gets one line that points to the log. The same error repeating shows one dialog.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.ui import strings

log = logging.getLogger(__name__)


class ErrorReporter:
    def __init__(
        self,
        data_dir: Path,
        log_path: Path | None,
        parent: Callable[[], QWidget | None] = lambda: QApplication.activeWindow(),
    ) -> None:
        self.data_dir = Path(data_dir)
        self.log_path = log_path
        self.parent = parent
        self.shown: set[tuple[str, str]] = set()
        self.box: QMessageBox | None = None
        self.previous = sys.excepthook

    def install(self) -> ErrorReporter:
        sys.excepthook = self.hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.hook:
            sys.excepthook = self.previous

    def hook(
        self, kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        from desktop.faults import explain  # Peewee's errors: not before the tray icon

        explained = explain(value, self.data_dir)
        if explained is None:
            log.error("unexpected error", exc_info=(kind, value, trace))
            text = strings.UNEXPECTED_ERROR.format(where=self.log_path or strings.UNEXPECTED_NO_LOG)
        else:
            log.warning("%s: %s", kind.__name__, value)
            text = explained
        self.tell(kind.__name__, text)

    def tell(self, kind: str, text: str) -> None:
        """At most one dialog at a time, and the same message only once per session."""
        key = (kind, text)
        if key in self.shown or (self.box is not None and self.box.isVisible()):
            return
        self.shown.add(key)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            strings.ERROR_TITLE,
            text,
            QMessageBox.StandardButton.Ok,
            self.parent(),
        )
        self.box = box
        box.open()  # returns at once; the event loop keeps running
