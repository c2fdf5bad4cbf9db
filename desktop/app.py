"""Composition root: builds the database, clock, window and tray, and passes them in."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from db.file_safety import UnsafeLocation
from desktop import APP_ID, APP_NAME, ORGANIZATION, __version__
from desktop.domain.clock import SystemClock

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.tray.autostart import Autostart
    from desktop.tray.companion import Companion
    from desktop.tray.single_instance import InstanceLock
    from desktop.ui.main_window import MainWindow
    from desktop.ui.preferences_dialog import PreferencesDialog


def launch(data_dir: Path, background: bool = False) -> int:
    from desktop import qt_import_scan

    qt_import_scan.make_cheap()  # first, so none of the modules below pays the dear scan
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.tray import texts
    from desktop.tray.icons import app_icon
    from desktop.tray.single_instance import InstanceLock, send, server_name
    from desktop.ui import strings

    # "debrief", not "__main__.py", as the window class desktops group and match icons by.
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["debrief"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = app_icon()
    app.setWindowIcon(icon)
    from desktop.logs import LOG_NAME
    from desktop.ui.error_report import ErrorReporter

    log_file = Path(data_dir) / LOG_NAME
    reporter = ErrorReporter(Path(data_dir), log_file if log_file.is_file() else None).install()

    lock = InstanceLock(data_dir)
    unlocked = not lock.acquire()
    if unlocked and lock.held_elsewhere():
        # Already running: bring its window forward (a login start just leaves it be).
        if background or send(server_name(data_dir), "show", retry_for_s=5.0) is not None:
            return 0
        QMessageBox.warning(None, APP_NAME, texts.ALREADY_RUNNING)
        return 1
    from desktop.services.ui_state import TRAY_ICON_STYLE, UI_STATE_FILE, read_ui_state

    ui_state = QSettings(str(Path(data_dir) / UI_STATE_FILE), QSettings.Format.IniFormat)
    early = None
    if background:  # at login: the icon first, the database checked after (early_icon.py)
        from desktop.startup_probe import watch
        from desktop.tray.early_icon import EarlyIcon

        early = EarlyIcon.show_if_possible(str(read_ui_state(ui_state, TRAY_ICON_STYLE)))
        if early is not None:
            watch(None, tray_shown=True)
            early.reach_the_panel()
    clock = SystemClock()
    from desktop.startup_probe import mark_soon, watch, watch_filled
    from desktop.ui.first_paint import hidden_on_failure, paint_now

    def make_window() -> MainWindow:
        from desktop.ui.main_window import MainWindow

        return MainWindow(clock, ui_state, Path(data_dir), load_later=True)

    painted = None
    if not background:  # the window paints first, and reads its data once it is open
        painted = make_window()
        painted.hold_first_load()
        watch(painted, tray_shown=False)
        watch_filled(painted.filled)
        paint_now(painted)
    # Peewee and the database after the icon or the window's first paint: neither needs
    # them, and opening checks the file (50 ms at 10,000 opportunities).
    from db.connection import DatabaseBusy, DatabaseUnreadable, close_database
    from db.failures import DatabaseUnavailable
    from db.migrations import DatabaseTooNew
    from db.store import open_store

    read_only: bool | None = False
    try:
        with early.taken_down_on_failure() if early is not None else hidden_on_failure(painted):
            open_store(data_dir)
    except DatabaseTooNew as error:
        lock.release()
        QMessageBox.critical(None, strings.DB_TOO_NEW_TITLE, str(error))
        return 1
    except DatabaseBusy:  # busy is not damaged: nothing to restore, just wait
        from desktop import fault_texts

        lock.release()
        QMessageBox.warning(None, APP_NAME, fault_texts.LOCKED)
        return 1
    except (DatabaseUnavailable, UnsafeLocation) as error:
        from desktop.faults import explain

        lock.release()
        QMessageBox.critical(None, APP_NAME, explain(error, Path(data_dir)) or str(error))
        return 1
    except DatabaseUnreadable as error:
        read_only = recover(Path(data_dir), str(error), clock)
        if read_only is None:
            lock.release()
            return 1

    from desktop import gc_pause

    def make_preferences(
        autostart: Autostart, command: list[str], parent: QWidget, tray_style: str
    ) -> PreferencesDialog:
        from desktop.ui.preferences_dialog import PreferencesDialog

        return PreferencesDialog(autostart, command, parent, tray_style)

    from desktop.faults import cannot_lock, read_only_because_disk_full

    if early is not None and (read_only or unlocked or read_only_because_disk_full()):
        early.take_down()  # no tray for a read-only window, nor for a start that stops
    if unlocked and not read_only_because_disk_full():
        # The lock file could not even be written. Read-only on a full disk needs no lock:
        # it neither writes nor reminds.
        close_database()
        if painted is not None:
            painted.hide()
        QMessageBox.critical(None, APP_NAME, cannot_lock(Path(data_dir)))
        return 1
    if painted is not None:
        painted.release_first_load()  # the database is open: the window reads its data
    if read_only_because_disk_full():
        from desktop import fault_texts

        keep = show_read_only(
            app, painted or make_window(), lock, data_dir,
            fault_texts.FULL_DISK_BANNER, fault_texts.FULL_DISK_REFUSED,
        )  # fmt: skip
    elif read_only:
        keep = show_read_only(app, painted or make_window(), lock, data_dir)  # noqa: F841
    else:
        # In the tray the window is made when first opened; otherwise now, to show it.
        window = painted
        started: list[Companion] = []  # kept alive until the event loop ends

        def start_companion() -> None:
            from desktop.tray.companion import Companion
            from desktop.tray.parts import desktop_parts

            # The tray's parts are made here, so a test can make them with its own notifier.
            # The socket's name (a hash of the folder) too: after the window's first paint.
            parts = desktop_parts(clock, Path(data_dir), server_name(data_dir))
            # The tray and the window never import each other: they meet here.
            companion = Companion(app, window or make_window, clock, Path(data_dir), ui_state,
                                  lock, parts, make_preferences=make_preferences,
                                  shown_icon=early.hand_over() if early else None)  # fmt: skip
            started.append(companion)
            watch(None, tray_shown=companion.has_tray and early is None)
            companion.start(background)
            mark_soon("ready")  # the companion answers clicks from here on
            QTimer.singleShot(GIVE_BACK_AFTER_MS, give_back_memory)

        if window is None:
            start_companion()
        else:
            # The window has painted; it reads its list, then the tray, its scheduler and
            # its socket start (their imports and start were a fifth of the time before
            # the first paint: benchmarks/README.md). Closing it meanwhile does not quit.
            app.setQuitOnLastWindowClosed(False)
            QTimer.singleShot(0, start_companion)
            window.show_and_raise()
        QTimer.singleShot(gc_pause.SETTLE_AFTER_MS, gc_pause.settle)  # once started
    try:
        return app.exec()
    finally:
        reporter.uninstall()
        close_database()


# After the companion's start: its first reads (the badge's count, the reminders to arm)
# and the window's are done by then.
GIVE_BACK_AFTER_MS = 300


def give_back_memory() -> None:
    """Once, after start-up: SQLite's page cache and the heap pages start-up freed go back
    to the system (2 MiB resident in the tray at 10,000 opportunities, benchmarks/README.md)."""
    from db.connection import release_cache
    from desktop.heap_trim import trim_heap

    release_cache()
    trim_heap()


def tell_and_quit(message: str) -> None:
    """Say why Debrief cannot start, in a dialog (nobody reads stderr from the menu)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    _app = QApplication.instance() or QApplication(["debrief"])
    QMessageBox.critical(None, APP_NAME, message)


def recover(data_dir: Path, error: str, clock: SystemClock) -> bool | None:
    """The database cannot be read: ask, then restore (False: carry on normally), open a
    read-only copy (True) or give up (None). The damaged file is never changed."""
    import tempfile

    from db.connection import DatabaseUnreadable
    from db.store import open_read_only_copy
    from desktop.services import backups
    from desktop.ui import strings
    from desktop.ui.damaged_dialog import Choice, ask_about_damage

    latest = backups.latest_good(data_dir)
    when = latest.made_at.astimezone(clock.tz).strftime("%Y-%m-%d %H:%M") if latest else None
    choice = ask_about_damage(error, when)
    try:
        if choice is Choice.RESTORE and latest is not None:
            backups.restore(data_dir, latest.path, clock)
            return False
        if choice is Choice.READ_ONLY:
            open_read_only_copy(data_dir, Path(tempfile.mkdtemp(prefix="debrief-read-only-")))
            return True
    except (DatabaseUnreadable, OSError, ValueError) as failure:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, strings.DAMAGED_TITLE, str(failure))
    return None


def show_read_only(
    app: QApplication,
    window: MainWindow,
    lock: InstanceLock,
    data_dir: Path,
    banner: str | None = None,
    refused: str | None = None,
) -> object:
    """The window on a copy that refuses writes (or on the data itself, read-only because
    the disk is full): no tray, no reminders; a restored backup starts Debrief afresh on
    the real data."""
    import sys

    from peewee import OperationalError
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QMessageBox

    from desktop.tray.autostart import launch_command
    from desktop.ui import strings

    app.setQuitOnLastWindowClosed(True)
    window.show_banner(banner or strings.READ_ONLY_BANNER)
    window.show_and_raise()
    previous = sys.excepthook

    def refuse_writes(
        kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        if isinstance(value, OperationalError) and "readonly" in str(value).replace("-", ""):
            title = APP_NAME if refused else strings.DAMAGED_TITLE
            QMessageBox.information(window, title, refused or strings.READ_ONLY_REFUSED)
            return
        previous(kind, value, trace)

    def restart() -> None:
        lock.release()
        command = [arg for arg in launch_command(Path(data_dir)) if arg != "--background"]
        QProcess.startDetached(command[0], command[1:])
        app.quit()

    sys.excepthook = refuse_writes
    window.data_restored.connect(restart)
    return refuse_writes
