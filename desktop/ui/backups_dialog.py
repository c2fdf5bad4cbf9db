"""The backups folder as a list, with "Back up now" and "Restore…"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.services import backups
from desktop.services.backups import Backup, BackupUnusable
from desktop.ui import strings
from desktop.ui.screen_fit import fit_to_screen


class BackupsDialog(QDialog):
    restored = Signal()

    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        confirm: Callable[[str, str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.clock = clock
        self.confirm = confirm
        self.setWindowTitle(strings.BACKUPS_TITLE)
        layout = QVBoxLayout(self)
        intro = QLabel(strings.BACKUPS_INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["When", "Kind", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.now_button = QPushButton(strings.BACKUP_NOW)
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(strings.BACKUP_RESTORE)
        self.restore_button.clicked.connect(self.restore_selected)
        folder = QPushButton(strings.BACKUP_OPEN_FOLDER)
        folder.clicked.connect(self._open_folder)
        for button in (self.now_button, self.restore_button, folder):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.items: list[Backup] = []
        fit_to_screen(self, QSize(560, 420))
        self.reload()

    def reload(self) -> None:
        self.items = backups.list_all(self.data_dir)
        self.table.setRowCount(len(self.items))
        for n, item in enumerate(self.items):
            kind = strings.BACKUP_KINDS.get(item.kind, item.kind.replace("-", " ").capitalize())
            cells = (self._when(item), kind, f"{item.size / 1024:,.0f} KiB")
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if not self.items:
            self.message.setText(strings.BACKUP_NONE)
        self._selection_changed()

    def _when(self, item: Backup) -> str:
        return item.made_at.astimezone(self.clock.tz).strftime("%Y-%m-%d %H:%M")

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def back_up_now(self) -> Path:
        made = backups.back_up_now(self.data_dir, self.clock)
        self.reload()
        self.table.selectRow(0)
        return made

    def restore_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        item = self.items[rows[0].row()]
        when = self._when(item)
        if not self.confirm(strings.BACKUP_CONFIRM_TITLE, strings.BACKUP_CONFIRM.format(when=when)):
            return False
        try:
            backups.restore(self.data_dir, item.path, self.clock)
        except BackupUnusable as error:
            self.message.setText(str(error))
            return False
        self.reload()
        self.message.setText(strings.BACKUP_RESTORED.format(when=when))
        self.restored.emit()
        return True

    def _open_folder(self) -> None:
        folder = backups.folder(self.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
