"""The window on screen first: run something once it has first been painted (the tray,
its scheduler and socket wait until then), or paint it before the start goes on (the
database is opened and checked after the window's first paint)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
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


def paint_now(window: QWidget) -> None:
    """Show `window` and return once it has been painted (or after FALLBACK_MS), before
    the application's event loop runs. Clicks and keys wait until then: the window has
    no data to act on yet."""
    loop = QEventLoop()
    after_first_paint(window, loop.quit)
    window.show()
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


@contextmanager
def hidden_on_failure(window: QWidget | None) -> Iterator[None]:
    """Hide the window painted first when what follows fails: the question or the
    refusal that comes next stands alone, as when nothing had been shown."""
    try:
        yield
    except BaseException:
        if window is not None:
            window.hide()
        raise
