"""Importing a file: choose the columns (for a spreadsheet), see what would happen, import."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop import gc_pause
from desktop.domain.bundle import BundleError
from desktop.domain.clock import Clock
from desktop.domain.import_source import (
    Tick,
    bundle_from_json,
    looks_like_json,
    read_import_pieces,
)
from desktop.domain.letting_go import let_go, let_go_elsewhere
from desktop.domain.progress import Progress, no_progress, step
from desktop.domain.spreadsheet import (
    FIELDS,
    Table,
    detect_day_first,
    guess_mapping,
    read_table,
    table_to_bundle,
)
from desktop.services import archive, backups
from desktop.services.import_bundle import Duplicates, ImportSummary, apply_bundle, preview
from desktop.ui import background_texts, strings
from desktop.ui.background_op import BackgroundOp, run_in_background
from desktop.ui.screen_fit import fit_to_screen

SHOWN_ROWS = 200


@dataclass
class ImportSource:
    """A file read and checked (off the GUI thread: a year of history is 50 MB of JSON)."""

    path: Path
    table: Table | None = None
    json_bundle: dict[str, Any] | None = None
    json_problems: list[str] = field(default_factory=list)
    json_stopped: bool = False  # checking gave up: there are more problems than listed
    # A full export: checked whole (data and every document) before anything shows.
    archive: archive.Archive | None = None
    # What importing the bundle would do, worked out where it was read (10,000
    # opportunities compared with those already there: 100 ms the window need not wait).
    preview: ImportSummary | None = None


def read_source(path: Path, progress: Progress = no_progress) -> ImportSource:
    """Raises ValueError (with a message for the user) when the file cannot be used.
    `progress` also hears from the reading and checking every so many rows: a worker lets
    the window's thread go first there (`gui_first`), and a Cancel stops the read."""
    done = [0]

    def tick() -> None:
        step(progress, done[0], 2)

    step(progress, 0, 2)
    source = ImportSource(Path(path))
    if path.is_file() and archive.looks_like_archive(path):
        try:
            source.archive = archive.read_archive(path)
            source.json_bundle = source.archive.bundle
        except BundleError as error:
            source.json_problems, source.json_stopped = error.problems, error.stopped
        _preview(source, tick)
        step(progress, 2, 2)
        return source
    pieces = read_import_pieces(path, tick)
    done[0] = 1
    step(progress, 1, 2)
    if looks_like_json(path, pieces):
        try:
            source.json_bundle = bundle_from_json(pieces, tick)
        except BundleError as error:
            source.json_problems, source.json_stopped = error.problems, error.stopped
    else:
        source.table = read_table("".join(pieces))
    del pieces
    _preview(source, tick)
    step(progress, 2, 2)
    return source


def _preview(source: ImportSource, tick: Tick | None = None) -> None:
    if source.json_bundle is not None and not source.json_problems:
        source.preview = preview(source.json_bundle, Duplicates.SKIP, tick)


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportSummary

    def __init__(
        self,
        source: ImportSource | Path,
        clock: Clock,
        data_dir: Path,
        parent: QWidget | None = None,
    ):
        """`source` as read by read_source (a path is read here, on this thread)."""
        super().__init__(parent)
        if not isinstance(source, ImportSource):
            source = read_source(Path(source))
        self.clock = clock
        self.data_dir = data_dir
        self.file_name = source.path.name
        self.setWindowTitle(strings.IMPORT_TITLE.format(name=self.file_name))
        self.table = source.table
        self.json_bundle = source.json_bundle
        self.json_problems = source.json_problems
        self.json_stopped = source.json_stopped
        self.archive = source.archive
        self.read_preview = source.preview
        self.bundle: dict[str, Any] | None = None
        self.op: BackgroundOp[ImportSummary] | None = None
        # A year of history held here is a million objects: a full collection would walk
        # them on the GUI thread (150-250 ms). None while the dialog shows (a dialog
        # never shown holds nothing).
        self.gc_hold: gc_pause.Hold | None = None

        layout = QVBoxLayout(self)
        self.columns: dict[str, QComboBox] = {}
        self.day_first = QComboBox()
        if self.table is not None:
            layout.addWidget(self._columns_group(self.table))
        self.skip = QRadioButton(strings.IMPORT_SKIP)
        self.merge = QRadioButton(strings.IMPORT_MERGE)
        self.skip.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.skip, self.merge):
            group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self.update_preview)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QListWidget()
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(strings.IMPORT_BUTTON)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(640, 560))
        self.update_preview()

    def showEvent(self, event: QShowEvent) -> None:
        if self.gc_hold is None or not self.gc_hold.held:
            self.gc_hold = gc_pause.Hold()
            self.destroyed.connect(self.gc_hold.release)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.gc_hold is not None:
            self.gc_hold.release()
        super().hideEvent(event)

    def reject(self) -> None:
        # Closed without importing: the dialog stays the window's child, and the read's
        # result with it, so the bundle (a million objects for a year of history) would
        # live as long as the window, and every full collection would walk it on the GUI
        # thread (150-250 ms) once this dialog stops holding them off. Emptied in place
        # by a thread of its own, which also reaches the read's own reference to it.
        if self.op is None:
            bundles = {id(b): b for b in (self.bundle, self.json_bundle) if b is not None}
            self.bundle = self.json_bundle = None  # a full export's is its archive's too
            for bundle in bundles.values():
                let_go_elsewhere(bundle)
        super().reject()

    def _columns_group(self, table: Table) -> QGroupBox:
        group = QGroupBox(strings.IMPORT_COLUMNS)
        form = QFormLayout(group)
        guessed = guess_mapping(table.headers)
        for name, label in FIELDS.items():
            combo = QComboBox()
            combo.addItem(strings.IMPORT_NOT_IN_FILE, None)
            for index, header in enumerate(table.headers):
                combo.addItem(header or f"Column {index + 1}", index)
            if name in guessed:
                combo.setCurrentIndex(guessed[name] + 1)
            combo.currentIndexChanged.connect(self.update_preview)
            form.addRow(label, combo)
            self.columns[name] = combo
        self.day_first.addItem(strings.IMPORT_DAY_FIRST, True)
        self.day_first.addItem(strings.IMPORT_MONTH_FIRST, False)
        if detect_day_first(table, guessed) is False:
            self.day_first.setCurrentIndex(1)
        self.day_first.currentIndexChanged.connect(self.update_preview)
        form.addRow(strings.IMPORT_DATES, self.day_first)
        return group

    @property
    def policy(self) -> Duplicates:
        return Duplicates.MERGE if self.merge.isChecked() else Duplicates.SKIP

    def mapping(self) -> dict[str, int]:
        return {
            name: combo.currentData()
            for name, combo in self.columns.items()
            if combo.currentData() is not None
        }

    def update_preview(self) -> None:
        self.details.clear()
        problems, stopped = self.json_problems, self.json_stopped
        self.bundle = self.json_bundle
        if self.table is not None:
            try:
                self.bundle = table_to_bundle(
                    self.table,
                    self.mapping(),
                    self.clock.tz,
                    self.clock.now(),
                    bool(self.day_first.currentData()),
                )
                problems = []
            except BundleError as error:
                self.bundle, problems, stopped = None, error.problems, error.stopped
        if problems or self.bundle is None:
            self.summary.setText(strings.IMPORT_PROBLEMS)
            self.details.addItems(problems[:SHOWN_ROWS])
            if stopped:
                self.details.addItem(strings.IMPORT_STOPPED.format(count=len(problems)))
            self.import_button.setEnabled(False)
            return
        if self.table is None and self.read_preview is not None:
            # Which opportunities are already there does not depend on the policy.
            shown = replace(self.read_preview, policy=self.policy)
        else:
            shown = preview(self.bundle, self.policy)
        self.summary.setText(shown.sentence())
        self.details.addItems([f"+ {label}" for label in shown.added[:SHOWN_ROWS]])
        self.details.addItems([f"= {label}" for label in shown.duplicates[:SHOWN_ROWS]])
        self.import_button.setEnabled(bool(shown.added) or self.policy is Duplicates.MERGE)

    def run_import(self) -> BackgroundOp[ImportSummary] | None:
        """Off the GUI thread, in one transaction: a cancel or a failure changes nothing."""
        if self.bundle is None or self.op is not None:
            return None
        bundle, policy, clock, data_dir = self.bundle, self.policy, self.clock, self.data_dir
        full = self.archive

        def work(progress: Progress) -> ImportSummary:
            backups.back_up_before_import(data_dir, clock)
            if full is not None:
                summary = archive.import_archive(full, policy, clock, data_dir, progress)
            else:
                summary = apply_bundle(bundle, policy, clock, progress=progress)
            # Imported, so no longer needed: freed here a slice at a time, not all at once
            # when the dialog goes (on the window's thread, or in a full collection).
            let_go(bundle)
            return summary

        def done(summary: ImportSummary) -> None:
            self.imported.emit(summary)
            self.accept()

        def ended() -> None:
            # After a failure (the file changed since it was checked, a full disk) the
            # same import would fail again.
            self.import_button.setEnabled(self.op is not None and self.op.outcome != "failed")
            self.op = None

        def stopped() -> None:
            self.summary.setText(background_texts.STOPPED)

        self.import_button.setEnabled(False)
        self.op = run_in_background(
            self,
            background_texts.IMPORTING.format(name=self.file_name),
            work,
            data_dir,
            done=done,
            failed=self.summary.setText,
            cancelled=stopped,
            explain_error=lambda error: str(error) if isinstance(error, ValueError) else None,
            title=background_texts.IMPORT_TITLE,
        )
        self.op.finished.connect(ended)
        return self.op
