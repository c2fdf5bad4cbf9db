"""Delivering a notice, each way tried in turn until one shows it:

1. the desktop's notifications with Done / Snooze / Open, where the service shows actions
   (`desktop_notifications.py`, Linux and the BSDs);
2. the tray's message, whose click opens the step (Windows, macOS, and services without
   actions);
3. plyer (no tray icon to carry a message);
4. a banner in the window.

The desktop's notifications and plyer run on a worker thread: plyer's Linux path starts
`notify-send`, and either can block for the D-Bus timeout when no service answers. The
others touch widgets, so they run on the GUI thread. A failure is logged, never raised.
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
from desktop.services.notice_answers import OPEN

log = logging.getLogger(__name__)

SHOW_SECONDS = 20


class NotHere(RuntimeError):
    """This way of showing a notice does not exist on this desktop (no service that shows
    actions, no visible tray icon): not a failure. The next way is tried, and the reason
    (ours, never the notice's text) is logged once."""


class Backend(Protocol):
    name: str

    def send(self, notice: Notice) -> None:
        """Show the notice or raise."""
        ...


class PlyerBackend:
    name = "plyer"
    blocking = True  # runs on the worker thread even as a fallback

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


class BalloonBackend(QObject):
    """The tray's message. A click on it answers `open` for the notice it shows
    (`answered`), like the default action of the desktop's notification."""

    name = "tray balloon"
    answered = Signal(object, str)

    def __init__(self, tray: QSystemTrayIcon) -> None:
        super().__init__(tray)
        self.tray = tray
        self.showing: Notice | None = None
        tray.messageClicked.connect(self._clicked)

    def send(self, notice: Notice) -> None:
        if not (QSystemTrayIcon.isSystemTrayAvailable() and self.tray.isVisible()):
            raise NotHere("no visible tray icon")
        self.tray.showMessage(
            notice.summary, notice.body, QSystemTrayIcon.MessageIcon.Information, 15_000
        )
        self.showing = notice

    def forget(self) -> None:
        """Another message took the tray's place (a hint): its click opens nothing."""
        self.showing = None

    def _clicked(self) -> None:
        notice, self.showing = self.showing, None
        if notice is not None:
            self.answered.emit(notice, OPEN)


class BannerBackend:
    name = "window banner"

    def __init__(self, show_banner: Callable[[str], None]) -> None:
        self.show_banner = show_banner

    def send(self, notice: Notice) -> None:
        self.show_banner(f"{notice.summary}\n{notice.body}")


class Notifier(QObject):
    """`delivered(notice, backend name)` after each notice, or `failed(notice)`;
    `answered(notice, action)` when the user answered one where it appeared (a backend
    with its own `answered` signal: the desktop's notifications, the tray's message).

    The primary backend, and any fallback that says `blocking = True` (plyer), run on a
    worker thread; the other fallbacks touch widgets and run on the GUI thread. They are
    tried in order until one shows the notice."""

    delivered = Signal(object, str)
    failed = Signal(object)
    answered = Signal(object, str)
    _worker_finished = Signal(object, object, int, object)

    def __init__(
        self,
        primary: Backend | None,
        fallbacks: Sequence[Backend],
        parent: QObject | None = None,
    ) -> None:
        """`primary`: None where the desktop has no notifications to answer (Windows,
        macOS): the tray's message, added first among the fallbacks, then comes first."""
        super().__init__(parent)
        self.primary = primary
        self.fallbacks = list(fallbacks)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify")
        self._worker_finished.connect(self._after_worker)
        self.in_flight = 0  # handed over and not yet delivered or failed
        self._told: set[tuple[str, str]] = set()  # (backend, reason) not here, said once
        for backend in (primary, *self.fallbacks):
            if backend is not None:
                self.listen_to(backend)

    def listen_to(self, backend: Backend) -> None:
        """Pass on the answers of a backend whose notices can be answered."""
        answered = getattr(backend, "answered", None)
        if answered is not None:
            answered.connect(self.answered)

    def deliver(self, notice: Notice) -> None:
        self.in_flight += 1
        chain = [b for b in (self.primary, *self.fallbacks) if b is not None]
        self._try(chain, 0, notice)

    def _try(self, chain: list[Backend], index: int, notice: Notice) -> None:
        for at in range(index, len(chain)):
            backend = chain[at]
            if backend is self.primary or getattr(backend, "blocking", False):
                future = self._pool.submit(backend.send, notice)

                # Emitted from the worker; Qt queues it to this object's (the GUI) thread.
                def finished(done: Future[None], at: int = at) -> None:
                    self._worker_finished.emit(chain, notice, at, _error_of(done))

                future.add_done_callback(finished)
                return
            try:
                backend.send(notice)
            except Exception as error:  # each backend may fail in its own way
                self._log_failure(backend, error)
                continue
            self._delivered(notice, backend)
            return
        self.in_flight -= 1
        log.error("no way to show %r", personal(notice.summary))
        self.failed.emit(notice)

    def _after_worker(
        self, chain: list[Backend], notice: Notice, at: int, error: BaseException | None
    ) -> None:
        if error is None:
            self._delivered(notice, chain[at])
            return
        self._log_failure(chain[at], error)
        self._try(chain, at + 1, notice)

    def _log_failure(self, backend: Backend, error: BaseException) -> None:
        if isinstance(error, NotHere):
            if (backend.name, str(error)) not in self._told:
                self._told.add((backend.name, str(error)))
                log.info("%s not here (%s); using the next way", backend.name, error)
            return
        # A failed notify-send's message quotes the notification's text: kept out unless
        # debugging.
        log.warning(
            "%s could not notify (%s: %s); falling back",
            backend.name,
            type(error).__name__,
            personal(error),
        )

    def _delivered(self, notice: Notice, backend: Backend) -> None:
        self.in_flight -= 1
        self.delivered.emit(notice, backend.name)

    def withdraw(self, still_waiting: set[int]) -> None:
        """Take back what is shown for steps no longer waiting, where a backend can."""
        for backend in (self.primary, *self.fallbacks):
            withdraw = getattr(backend, "withdraw", None)
            if withdraw is not None:
                withdraw(still_waiting)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)


def _error_of(future: Future[None]) -> BaseException | None:
    return future.exception()
