"""The backups folder as a list, with "Back up now" and "Restore…"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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
from desktop.domain.progress import Progress
from desktop.services import backups
from desktop.services.backups import Backup, BackupUnusable
from desktop.ui import background_texts, strings
from desktop.ui.background_op import BackgroundOp, run_in_background
from desktop.ui.screen_fit import fit_to_screen

T = TypeVar("T")


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

    def back_up_now(self) -> BackgroundOp[Path]:
        data_dir, clock = self.data_dir, self.clock

        def done(made: Path) -> None:
            self.reload()
            self.table.selectRow(0)

        return self._run(
            background_texts.BACKING_UP,
            lambda progress: backups.back_up_now(data_dir, clock, progress),
            done,
        )

    def _run(
        self, label: str, work: Callable[[Progress], T], done: Callable[[T], None]
    ) -> BackgroundOp[T]:
        """One copy at a time; the buttons wait while it runs."""
        self.now_button.setEnabled(False)
        self.restore_button.setEnabled(False)

        def ended() -> None:
            self.now_button.setEnabled(True)
            self._selection_changed()

        op = run_in_background(
            self,
            label,
            work,
            self.data_dir,
            done=done,
            failed=self.message.setText,
            cancelled=lambda: self.message.setText(background_texts.STOPPED),
            explain_error=lambda error: str(error) if isinstance(error, BackupUnusable) else None,
            title=background_texts.BACKUPS_TITLE,
        )
        op.finished.connect(ended)
        return op

    def restore_selected(self) -> BackgroundOp[Path] | None:
        """The copy is checked and staged off the GUI thread; only the swap (a rename and
        reopening the database) happens on it, as the window's connection lives there."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.items[rows[0].row()]
        when = self._when(item)
        if not self.confirm(strings.BACKUP_CONFIRM_TITLE, strings.BACKUP_CONFIRM.format(when=when)):
            return None
        data_dir = self.data_dir

        def done(staged: Path) -> None:
            backups.finish_restore(data_dir, staged, self.clock)
            self.reload()
            self.message.setText(strings.BACKUP_RESTORED.format(when=when))
            self.restored.emit()

        return self._run(
            background_texts.RESTORING.format(when=when),
            lambda progress: backups.prepare_restore(data_dir, item.path, progress),
            done,
        )

    def _open_folder(self) -> None:
        folder = backups.folder(self.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
