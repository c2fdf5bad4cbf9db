"""Composition root: builds the database, clock and window, and passes them in."""

from __future__ import annotations

import sys
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

    from desktop.ui import strings
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from PySide6.QtGui import QIcon

    from desktop.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "debrief.svg")))
    try:
        open_store(data_dir)
    except DatabaseTooNew as error:
        QMessageBox.critical(None, strings.DB_TOO_NEW_TITLE, str(error))
        return 1
    except DatabaseUnreadable as error:
        QMessageBox.critical(None, strings.DB_UNREADABLE_TITLE, str(error))
        return 1
    ui_state = QSettings(str(Path(data_dir) / UI_STATE_FILE), QSettings.Format.IniFormat)
    window = MainWindow(SystemClock(), ui_state)
    if not background:
        window.show()
    try:
        return app.exec()
    finally:
        close_database()
