"""The Help menu: the keyboard shortcuts (read from the actions themselves, so the list
is never out of date), opening the data folder, and About."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMenu,
    QMenuBar,
    QMessageBox,
    QVBoxLayout,
)

from desktop import __version__
from desktop.ui import strings
from desktop.ui.html_escape import escape
from desktop.ui.lazy_qt import Qt
from desktop.ui.system_open import open_with_system
from desktop.ui.window_mixin import WindowMixin


class HelpActions(WindowMixin):
    """Mixed into MainWindow, whose actions, data_dir and show_error it uses."""

    if TYPE_CHECKING:
        data_dir: Path

        def show_error(self, text: str) -> None: ...

    # Opens a folder or link in the desktop's own program; a test puts a recorder here.
    open_url = staticmethod(open_with_system)

    def build_help_menu(self, bar: QMenuBar) -> QMenu:
        menu = bar.addMenu(strings.HELP_MENU)
        shortcuts = QAction(strings.HELP_SHORTCUTS, self)
        shortcuts.setShortcuts([QKeySequence(QKeySequence.StandardKey.HelpContents)])
        shortcuts.triggered.connect(self.show_shortcuts)
        folder = QAction(strings.HELP_OPEN_DATA, self)
        folder.triggered.connect(self.open_data_folder)
        about = QAction(strings.HELP_ABOUT, self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        for action in (shortcuts, folder, about):
            self.addAction(action)
        menu.addActions([shortcuts, folder])
        menu.addSeparator()
        menu.addAction(about)
        self.help_actions = (shortcuts, folder, about)
        return menu

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) for every action of the window that has a shortcut, then the
        keys that work without one."""
        rows = []
        for action in self.findChildren(QAction):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and action.text():
                rows.append((action.text().replace("&", ""), keys))
        rows = sorted(set(rows), key=lambda row: row[0].casefold())
        return rows + list(strings.HELP_OTHER_KEYS)

    def show_shortcuts(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(strings.HELP_SHORTCUTS_TITLE)
        layout = QVBoxLayout(dialog)
        table = "".join(
            f"<tr><td>{escape(what)}</td><td>&nbsp;&nbsp;<b>{escape(keys)}</b></td></tr>"
            for what, keys in self.shortcut_rows()
        )
        label = QLabel(f"<table>{table}</table>")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setAccessibleName(strings.HELP_SHORTCUTS_TITLE)
        layout.addWidget(label)
        from PySide6.QtWidgets import QDialogButtonBox

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_data_folder(self) -> bool:
        if self.open_url(QUrl.fromLocalFile(str(self.data_dir))):
            return True
        # No file manager answered: the path is what the user needs, so give it.
        self.show_error(strings.HELP_NO_FILE_MANAGER.format(folder=self.data_dir))
        return False

    def about_text(self) -> str:
        return strings.HELP_ABOUT_TEXT.format(version=__version__, folder=self.data_dir)

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle(strings.HELP_ABOUT)
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.about_text())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
