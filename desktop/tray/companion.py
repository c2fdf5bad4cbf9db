"""Wires the running app together: window, tray icon, scheduler, notifier, messages.

Every path that changes data ends in `reload` or `after_change`, so the window, the tray
badge and the scheduler's next wake-up always agree with the database.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop.domain.clock import Clock, SystemClock, local_zone
from desktop.logs import personal
from desktop.paths import default_data_dir
from desktop.playbook.notices import Notice
from desktop.services import backups, documents, notice_answers, nudges, settings
from desktop.services.changes import Changes
from desktop.services.reminders import ReminderView
from desktop.services.settings import (
    AUTOSTART_ASKED,
    CLOSE_HINT_SHOWN,
    NO_TRAY_TOLD,
    TRAY_ICON_STYLE,
    read_ui_state,
    write_ui_state,
)
from desktop.services.vocabulary import StorageError
from desktop.tray import texts
from desktop.tray.autostart import launch_command
from desktop.tray.icons import tray_icon
from desktop.tray.notifier import BalloonBackend, BannerBackend
from desktop.tray.parts import TrayParts
from desktop.tray.single_instance import InstanceLock
from desktop.tray.tray_icon import TrayIcon
from desktop.tray.window import MakePreferences, Window

log = logging.getLogger(__name__)

HOUSEKEEPING_FIRST_DELAY_MS = 30_000
HOUSEKEEPING_MS = 3_600_000


class Companion(QObject):
    """`window` is the main window, or a function that makes it: a start in the tray then
    builds no window (nor imports its code) until the user opens it. That made a login
    start about a third faster and 13 MiB smaller (benchmarks/README.md)."""

    def __init__(
        self,
        app: QApplication,
        window: Window | Callable[[], Window],
        clock: Clock,
        data_dir: Path,
        ui_state: QSettings,
        lock: InstanceLock,
        parts: TrayParts,
        *,
        make_preferences: MakePreferences,
        shown_icon: QSystemTrayIcon | None = None,
    ) -> None:
        """`parts` are made by the caller (desktop/app.py, or a test with a recording
        notification backend); the companion wires them to its tray icon and window.
        `shown_icon`: the icon a start at login showed before the database was opened
        (tray/early_icon.py), kept rather than shown a second time."""
        super().__init__()
        self.app = app
        self._window: Window | None = None
        self._make_window = window if callable(window) else None
        self.clock = clock
        self.data_dir = data_dir
        self.ui_state = ui_state
        self.lock = lock
        self.autostart = parts.autostart
        self.make_preferences = make_preferences
        self.has_tray = QSystemTrayIcon.isSystemTrayAvailable()

        self.tray = TrayIcon(clock, tray_icon(self.tray_style()), self.window_visible, self,
                             shown=shown_icon)  # fmt: skip
        self.notifier = parts.notifier
        self.balloon: BalloonBackend | None = None
        if self.has_tray:
            # Before plyer: a click on the tray's message opens the step, plyer's does not.
            self.balloon = BalloonBackend(self.tray.icon)
            self.notifier.fallbacks.insert(0, self.balloon)
            self.notifier.listen_to(self.balloon)
        self.notifier.fallbacks.append(BannerBackend(self._banner))
        self.notifier.answered.connect(self._answered_in_notice)
        self.notifier.delivered.connect(
            lambda notice, how: log.info("notified via %s: %s", how, personal(notice.summary))
        )
        self.scheduler = parts.scheduler
        self.clock_watch = parts.clock_watch
        self.change_watch = parts.change_watch
        self.change_watch.changed.connect(self.reload)
        self.server = parts.server
        if self.server is not None:
            self.server.handler = self.handle_message
        for part in (self.notifier, self.scheduler, self.clock_watch, self.change_watch):
            part.setParent(self)  # owned here, gone with the companion
        if self.server is not None:
            self.server.setParent(self)
        self.housekeeping_timer = QTimer(self)
        self.housekeeping_timer.setInterval(HOUSEKEEPING_MS)
        self.housekeeping_timer.timeout.connect(self.housekeeping)
        self._leaving = False
        self.first_housekeeping = QTimer(self)
        self.first_housekeeping.setSingleShot(True)
        self.first_housekeeping.setInterval(HOUSEKEEPING_FIRST_DELAY_MS)
        self.first_housekeeping.timeout.connect(self.housekeeping)
        self.first_housekeeping.timeout.connect(self.sweep_documents)

        app.setQuitOnLastWindowClosed(not self.has_tray)
        if not callable(window):
            self._adopt(window)
        self.tray.answered.connect(self._answered_in_tray)
        self.tray.act_requested.connect(self._act_on)
        self.tray.toggle_window_requested.connect(self.toggle_window)
        self.tray.log_interview_requested.connect(self._log_interview)
        self.tray.preferences_requested.connect(self._preferences)
        self.tray.quit_requested.connect(self.quit)
        self.scheduler.fired.connect(lambda _ids: self._show_waiting())
        self.clock_watch.jumped.connect(self._clock_jumped)
        app.aboutToQuit.connect(self.shut_down)

    # ----- start --------------------------------------------------------------------
    def start(self, background: bool) -> None:
        if self.has_tray:
            self.tray.show()
        if not background or not self.has_tray:
            self.window.show_and_raise()
        if not self.has_tray:
            self._no_tray_once()
        # One turn of the event loop later: the icon and window come first, then what is
        # due is notified and the timers start. (A timer's type is the first use of
        # `Qt` here, whose hundreds of enums take 15-25 ms to make: benchmarks/README.md.)
        QTimer.singleShot(0, self._start_timers)

    def _start_timers(self) -> None:
        from PySide6.QtCore import Qt

        if self._leaving:
            return
        self.scheduler.start()
        self.clock_watch.start()
        # Start-up comes first; then the daily copy and the nudges are checked hourly.
        self.housekeeping_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.first_housekeeping.start()
        self.housekeeping_timer.start()

    def housekeeping(self) -> None:
        self.daily_backup()
        self.nudge()

    def sweep_documents(self) -> None:
        """Once a start: documents no opportunity links to any more (a deleted one's)."""
        try:
            removed = documents.sweep(self.data_dir)
        except (OSError, StorageError) as error:
            log.warning("removing unlinked documents failed: %s", error)
            return
        if removed:
            log.info("removed %d unlinked document(s)", removed)

    def nudge(self) -> None:
        try:
            made = nudges.plan_nudge(self.clock)
        except StorageError as error:
            log.warning("planning a nudge failed: %s", error)
            return
        if made is not None:
            self.scheduler.rearm()

    def daily_backup(self) -> None:
        try:
            made = backups.daily_if_due(self.data_dir, self.clock)
        # The data is safe; only the copy failed (sqlite3's own errors come from the backup
        # API, Peewee's from the query deciding whether a copy is due).
        except (OSError, StorageError, sqlite3.Error) as error:
            log.warning("daily backup failed: %s", error)
            return
        if made:
            log.info("daily backup: %s", made)

    @property
    def window(self) -> Window:
        if self._window is None:
            assert self._make_window is not None
            self._adopt(self._make_window())
        assert self._window is not None
        return self._window

    def _adopt(self, window: Window) -> None:
        self._window = window
        window.keep_running_on_close = self.has_tray
        window.data_changed.connect(self.after_change)
        window.hidden_to_tray.connect(self._hint_once)
        window.quit_requested.connect(self.quit)
        window.preferences_requested.connect(self._preferences)
        window.data_restored.connect(self.reload)
        # Asked once the user has done something worth coming back to, not at first sight.
        window.opportunity_saved.connect(self._ask_autostart_once)

    def window_visible(self) -> bool:
        return self._window is not None and self._window.isVisible()

    def _refresh_window(self, changes: Changes | None = None) -> None:
        if self._window is None:  # one not made yet reads fresh data when it is
            return
        if changes is None:
            self._window.refresh()
        else:
            self._window.apply(changes)

    # ----- keeping everything in step -------------------------------------------------
    def after_change(self, changes: Changes | None = None) -> None:
        """The window changed data: re-arm, and redraw the tray badge if reminders
        changed; the window did its own."""
        self.scheduler.rearm()  # one indexed query: cheaper than deciding whether to
        if changes is None or changes.reminders or changes.settings:
            self.tray.update_state()
            self._withdraw_answered()

    def reload(self) -> None:
        """Data changed outside this process (the command line) or all of it (a restore):
        re-read everything."""
        self._refresh_window()
        self.after_change()

    def _answered_in_tray(self, changes: Changes) -> None:
        """The tray redrew its badge; the window redraws what the answer touched."""
        self._refresh_window(changes)
        self.scheduler.rearm()
        self._withdraw_answered()

    def _withdraw_answered(self) -> None:
        """A notification whose steps were answered elsewhere asks for nothing: closed."""
        self.notifier.withdraw({view.id for view in self.tray.waiting})

    def _answered_in_notice(self, notice: Notice, action: str) -> None:
        """Done, Snooze or Open from the notification itself (or a click on the tray's
        message): the same services as the tray menu, then everything redraws."""
        if action == notice_answers.OPEN:
            view = notice_answers.step_to_open(notice.reminder_ids, self.clock)
            if view is None:
                self.window.show_and_raise()
            else:
                self._act_on(view)
            return
        try:
            changes = notice_answers.answer(notice.reminder_ids, action, self.clock)
        except (StorageError, ValueError) as error:
            log.warning("could not answer from the notification: %s", error)
            return
        self.tray.update_state()
        self._answered_in_tray(changes)

    def _show_waiting(self) -> None:
        self.tray.update_state()
        self._refresh_window(Changes(reminders=True))

    def _clock_jumped(self) -> None:
        log.info("wall clock or time zone changed; re-arming")
        if isinstance(self.clock, SystemClock):
            self.clock.tz = local_zone()
        self.scheduler.fire_due()
        self._refresh_window()

    def handle_message(self, message: dict[str, object]) -> dict[str, object]:
        command = message.get("command")
        if command == "show":
            self.window.show_and_raise()
            return {}
        if command == "changed":  # from a command line older than the marker file
            self.change_watch.debounce.stop()
            self.reload()
            return {}
        if command == "status":
            return self.status()
        raise ValueError(f"unknown command {command!r}")

    def status(self) -> dict[str, object]:
        """What the tray shows, for `debrief` invocations and end-to-end tests."""
        scheduled = self.scheduler.scheduled_for
        return {
            "waiting": len(self.tray.waiting),
            "tooltip": self.tray.tooltip(),
            "tray_visible": self.tray.icon.isVisible(),
            "window_visible": self.window_visible(),
            "next_wake_up": scheduled.isoformat() if scheduled else None,
            "notifying": self.notifier.in_flight,
        }

    # ----- window and menu ------------------------------------------------------------
    def toggle_window(self) -> None:
        # Visibility alone decides: clicking the tray icon takes focus from the window on
        # some desktops, so "active" would never be true there.
        if self.window_visible() and not self.window.isMinimized():
            self.window.close()  # through closeEvent, so its layout is saved
        else:
            self.window.show_and_raise()

    def _act_on(self, view: ReminderView) -> None:
        self.window.show_and_raise()
        self.window.act_on_reminder(view)

    def _log_interview(self) -> None:
        self.window.show_and_raise()
        self.window.new_interview()

    def _preferences(self) -> None:
        self.window.show_and_raise()
        dialog = self.make_preferences(
            self.autostart, self._launch_command(), self.window, self.tray_style()
        )
        dialog.accepted.connect(lambda: self._preferences_saved(dialog.chosen_tray_style()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.window.active_dialog = dialog
        dialog.open()

    def _preferences_saved(self, tray_style: str) -> None:
        from desktop.services.reminders import replan_all

        write_ui_state(self.ui_state, TRAY_ICON_STYLE, tray_style)
        self.tray.set_base_icon(tray_icon(tray_style))
        # New timing re-plans every reminder; no list row shows one, so none is re-read.
        changes = replan_all(self.clock)
        self._refresh_window(changes)
        self.after_change(changes)

    def tray_style(self) -> str:
        """How the tray icon looks is a matter of this screen's panel, so it lives with the
        window's layout rather than in the data that export carries elsewhere."""
        return str(read_ui_state(self.ui_state, TRAY_ICON_STYLE))

    def _banner(self, text: str) -> None:
        self.window.show_banner(text)
        if not self.window.isVisible():
            self.window.show_and_raise()

    # ----- told once --------------------------------------------------------------------
    def _hint_once(self) -> None:
        if read_ui_state(self.ui_state, CLOSE_HINT_SHOWN):
            return
        write_ui_state(self.ui_state, CLOSE_HINT_SHOWN, True)
        if self.balloon is not None:
            self.balloon.forget()
        self.tray.icon.showMessage(
            texts.CLOSE_HINT_TITLE, texts.CLOSE_HINT_BODY, self.tray.icon.icon(), 10_000
        )

    def _no_tray_once(self) -> None:
        if read_ui_state(self.ui_state, NO_TRAY_TOLD):
            return
        write_ui_state(self.ui_state, NO_TRAY_TOLD, True)
        self.window.show_banner(f"{texts.NO_TRAY_TITLE}. {texts.NO_TRAY_BODY}")

    def _ask_autostart_once(self) -> None:
        """In the window's message strip, not a dialog: nothing to dismiss before going on."""
        if settings.get(AUTOSTART_ASKED):
            return
        settings.put(AUTOSTART_ASKED, True)
        self.window.show_banner(
            texts.AUTOSTART_QUESTION,
            [
                (texts.AUTOSTART_YES, lambda: self._set_autostart(True)),
                (texts.AUTOSTART_NOT_NOW, lambda: None),
            ],
        )

    def _set_autostart(self, enabled: bool) -> None:
        try:
            if enabled:
                self.autostart.enable(self._launch_command())
            else:
                self.autostart.disable()
        except OSError as error:
            log.warning("could not change start at login: %s", error)
            self.window.show_error(str(error))

    def _launch_command(self) -> list[str]:
        default = self.data_dir.resolve() == default_data_dir().resolve()
        return launch_command(None if default else self.data_dir)

    # ----- leaving ----------------------------------------------------------------------
    def quit(self) -> None:
        """Leave, from the window's Quit or the tray's. Qt's quit first asks each window to
        close, modal dialogs first: one holding words it could not save stays open, and
        the program with it, as it should. The main window, which otherwise hides to the
        tray when closed, must not refuse: it did, so Quit hid it and left Debrief running
        (and Qt had already closed the tray icon, a window listed before it). Left so if a
        dialog stays open: closing the window later then closes it, and with a tray the
        program goes on there all the same (quitOnLastWindowClosed is off)."""
        if self._window is not None:
            self._window.save_state()
            self._window.keep_running_on_close = False
        self.app.quit()

    def shut_down(self) -> None:
        self._leaving = True
        self.clock_watch.timer.stop()
        self.change_watch.stop()
        self.first_housekeeping.stop()
        self.housekeeping_timer.stop()
        self.scheduler.shutdown()
        self.notifier.shutdown()
        if self.server is not None:
            self.server.close()
        self.tray.hide()
        self.lock.release()
