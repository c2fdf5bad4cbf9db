"""Delivering a notice: plyer first, then the tray's balloon, then a banner in the window.

plyer runs on a worker thread because its Linux path starts `notify-send`, which can
block for the D-Bus timeout when no notification service answers; the fallbacks touch
widgets, so they run back on the GUI thread. A failure is logged, never raised.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from desktop import APP_ID, APP_NAME
from desktop.logs import personal
from desktop.playbook.notices import Notice

log = logging.getLogger(__name__)

SHOW_SECONDS = 20


class Backend(Protocol):
    name: str

    def send(self, notice: Notice) -> None:
        """Show the notice or raise."""
        ...


class PlyerBackend:
    name = "plyer"

    def __init__(self, icon: Path | None) -> None:
        self.icon = str(icon) if icon else ""

    def send(self, notice: Notice) -> None:
        with warnings.catch_warnings():
            # plyer warns on stderr when dbus-python is missing, then uses notify-send.
            warnings.simplefilter("ignore")
            from plyer import notification

            # The facade forwards `app_icon`, but plyer's notify-send backend reads `icon`
            # and `hint`: passing both gives the icon and desktop entry on every backend.
            notification._notify(
                title=notice.summary,
                message=notice.body,
                app_name=APP_NAME,
                app_icon=self.icon,
                icon=self.icon,
                hint=f"string:desktop-entry:{APP_ID}",
                timeout=SHOW_SECONDS,
                expire_time=str(SHOW_SECONDS * 1000),
                ticker=notice.summary,
                toast=False,
                hints={},
            )


class BalloonBackend:
    name = "tray balloon"

    def __init__(self, tray: QSystemTrayIcon) -> None:
        self.tray = tray

    def send(self, notice: Notice) -> None:
        if not (QSystemTrayIcon.isSystemTrayAvailable() and self.tray.isVisible()):
            raise RuntimeError("no visible tray icon")
        self.tray.showMessage(
            notice.summary, notice.body, QSystemTrayIcon.MessageIcon.Information, 15_000
        )


class BannerBackend:
    name = "window banner"

    def __init__(self, show_banner: Callable[[str], None]) -> None:
        self.show_banner = show_banner

    def send(self, notice: Notice) -> None:
        self.show_banner(f"{notice.summary}\n{notice.body}")


class Notifier(QObject):
    """`delivered(notice, backend name)` after each notice, or `failed(notice)`."""

    delivered = Signal(object, str)
    failed = Signal(object)
    _primary_finished = Signal(object, object)

    def __init__(
        self, primary: Backend, fallbacks: Sequence[Backend], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.primary = primary
        self.fallbacks = list(fallbacks)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify")
        self._primary_finished.connect(self._after_primary)
        self.in_flight = 0  # handed over and not yet delivered or failed

    def deliver(self, notice: Notice) -> None:
        self.in_flight += 1
        future = self._pool.submit(self.primary.send, notice)
        # Emitted from the worker; Qt queues it to this object's (the GUI) thread.
        future.add_done_callback(lambda done: self._primary_finished.emit(notice, _error_of(done)))

    def _after_primary(self, notice: Notice, error: BaseException | None) -> None:
        self.in_flight -= 1
        if error is None:
            self.delivered.emit(notice, self.primary.name)
            return
        # A failed notify-send's message quotes the notification's text: kept out unless debugging.
        log.warning(
            "%s could not notify (%s: %s); falling back",
            self.primary.name,
            type(error).__name__,
            personal(error),
        )
        for backend in self.fallbacks:
            try:
                backend.send(notice)
            except Exception as fallback_error:  # each fallback may fail in its own way
                log.warning(
                    "%s could not notify (%s: %s)",
                    backend.name,
                    type(fallback_error).__name__,
                    personal(fallback_error),
                )
                continue
            self.delivered.emit(notice, backend.name)
            return
        log.error("no way to show %r", personal(notice.summary))
        self.failed.emit(notice)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)


def _error_of(future: Future) -> BaseException | None:
    return future.exception()
