"""Composition root: builds the database, clock, window and tray, and passes them in."""

from __future__ import annotations

from pathlib import Path

from db.connection import DatabaseUnreadable, close_database
from db.migrations import DatabaseTooNew
from db.store import open_store
from desktop import APP_ID, APP_NAME, ORGANIZATION, __version__
from desktop.domain.clock import SystemClock

UI_STATE_FILE = "ui-state.ini"


def launch(data_dir: Path, background: bool = False) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.tray import texts
    from desktop.tray.icons import app_icon
    from desktop.tray.single_instance import InstanceLock, send, server_name
    from desktop.ui import strings

    # "debrief", not "__main__.py", as the window class desktops group and match icons by.
    app = QApplication.instance() or QApplication(["debrief"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = app_icon()
    app.setWindowIcon(icon)

    name = server_name(data_dir)
    lock = InstanceLock(data_dir)
    if not lock.acquire():
        # Already running: bring its window forward (a login start just leaves it be).
        if background or send(name, "show", retry_for_s=5.0) is not None:
            return 0
        QMessageBox.warning(None, APP_NAME, texts.ALREADY_RUNNING)
        return 1
    try:
        open_store(data_dir)
    except (DatabaseTooNew, DatabaseUnreadable) as error:
        lock.release()
        too_new = isinstance(error, DatabaseTooNew)
        title = strings.DB_TOO_NEW_TITLE if too_new else strings.DB_UNREADABLE_TITLE
        QMessageBox.critical(None, title, str(error))
        return 1

    from desktop.tray.companion import Companion
    from desktop.ui.main_window import MainWindow

    clock = SystemClock()
    ui_state = QSettings(str(Path(data_dir) / UI_STATE_FILE), QSettings.Format.IniFormat)
    window = MainWindow(clock, ui_state)
    companion = Companion(app, window, clock, Path(data_dir), ui_state, lock, name, icon)
    companion.start(background)
    try:
        return app.exec()
    finally:
        close_database()
