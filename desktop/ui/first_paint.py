"""Run something once a window has first been painted: what the user does not see yet
(the tray, its scheduler and socket) waits until the window is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 300  # a window started minimised may never paint


class _AfterFirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then: Callable[[], object] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The next turn: the paint itself (and any other first-paint watcher) first.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def after_first_paint(window: QWidget, then: Callable[[], object]) -> None:
    """Call `then` once, in the event loop's turn after the window's first paint (or
    FALLBACK_MS after this call if no paint comes)."""
    _AfterFirstPaint(window, then)
