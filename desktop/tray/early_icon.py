"""The tray icon of a start at login, shown before the database is opened and checked.

Opening the file, checking every page of it (`PRAGMA quick_check`) and migrating it, and
importing the tray's modules, take longer than starting Qt itself (benchmarks/README.md):
the icon comes first, plain, and the companion takes it over, badge and menu, once the
database has proved sound. A database that cannot be used takes it down again before its
message shows: nothing is written into a damaged file, whatever the icon did.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.tray.icons import tray_icon


class EarlyIcon:
    def __init__(self, style: str) -> None:
        self.icon: QSystemTrayIcon | None = QSystemTrayIcon(tray_icon(style))
        self.icon.show()

    @staticmethod
    def show_if_possible(style: str) -> EarlyIcon | None:
        return EarlyIcon(style) if QSystemTrayIcon.isSystemTrayAvailable() else None

    def reach_the_panel(self) -> None:
        """Let the panel take the icon in now, rather than after the database is opened
        (and run the start-up probe's mark posted for it)."""
        QCoreApplication.processEvents()

    def hand_over(self) -> QSystemTrayIcon | None:
        """The shown icon, for the companion to keep (it is never shown twice)."""
        icon, self.icon = self.icon, None
        return icon

    def take_down(self) -> None:
        if self.icon is not None:
            self.icon.hide()
            self.icon.deleteLater()
            self.icon = None

    @contextmanager
    def taken_down_on_failure(self) -> Iterator[None]:
        try:
            yield
        except BaseException:
            self.take_down()
            raise
