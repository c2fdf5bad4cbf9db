"""The window's "Your data" menu: export, import and backups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMenu,
    QMenuBar,
)

from desktop.files import write_atomically
from desktop.services import archive, exporting
from desktop.services.changes import Changes
from desktop.ui import document_strings, strings
from desktop.ui.form_dialog import DATE_DISPLAY
from desktop.ui.window_mixin import WindowMixin

if TYPE_CHECKING:
    from desktop.domain.clock import Clock
    from desktop.services.import_bundle import ImportSummary
    from desktop.ui.backups_dialog import BackupsDialog
    from desktop.ui.import_dialog import ImportDialog


# The dialogs and the PDF writer are imported when first used: start-up, which shows
# none of them, is faster for it (see benchmarks/results.md).


class DataActions(WindowMixin):
    """Mixed into MainWindow; what it uses of the window is declared below, and mypy checks
    that MainWindow provides it with these types."""

    if TYPE_CHECKING:
        clock: Clock
        data_dir: Path
        confirm: Callable[[str, str], bool]
        data_changed: Signal
        data_restored: Signal

        def refresh(self, select_id: int | None = None) -> None: ...
        def show_banner(self, text: str) -> None: ...
        def show_error(self, text: str) -> None: ...

    def build_data_menu(self, bar: QMenuBar) -> QMenu:
        menu = bar.addMenu(strings.DATA_MENU)
        export = menu.addMenu(strings.EXPORT_MENU)
        for fmt, text in (
            ("full", document_strings.EXPORT_FULL),
            ("json", strings.EXPORT_JSON),
            ("csv", strings.EXPORT_CSV),
            ("ics", strings.EXPORT_ICS),
            ("report", strings.EXPORT_REPORT),
        ):

            def export_as(fmt: str = fmt) -> None:  # bound now, not when clicked
                self.export_with_dialog(fmt)

            export.addAction(text, export_as)
        menu.addAction(strings.IMPORT, self.import_with_dialog)
        menu.addSeparator()
        menu.addAction(strings.BACKUPS, self.show_backups)
        return menu

    # ----- export -----------------------------------------------------------------------
    def export_with_dialog(self, fmt: str) -> None:
        options = self._export_options(fmt)
        if options is None:
            return
        suffix, filters = (
            (archive.SUFFIX, document_strings.EXPORT_FULL_FILTER)
            if fmt == "full"
            else (exporting.SUFFIXES[fmt], strings.EXPORT_FILTERS[fmt])
        )
        suggested = str(Path.home() / f"debrief{suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self, strings.EXPORT_MENU.replace("&", ""), suggested, filters
        )
        if path:
            self.export_to(fmt, Path(path), **options)

    def _export_options(self, fmt: str) -> dict[str, Any] | None:
        if fmt not in ("report", "csv"):
            return {}
        dialog, chosen = self.export_options_dialog(fmt)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return chosen()

    def export_options_dialog(self, fmt: str) -> tuple[QDialog, Callable[[], dict[str, Any]]]:
        """The report's period or the CSV's byte-order mark, and how to read the choice."""
        dialog = QDialog(self)
        dialog.setWindowTitle(strings.REPORT_TITLE if fmt == "report" else strings.EXPORT_CSV)
        form = QFormLayout(dialog)
        today = self.clock.now().astimezone(self.clock.tz).date()
        start, end, bom = QDateEdit(), QDateEdit(), QCheckBox(strings.REPORT_BOM)
        if fmt == "report":
            for edit, day in ((start, today - timedelta(days=30)), (end, today)):
                edit.setCalendarPopup(True)
                # The same 2026-11-24 as every form, not the locale's "24 10 2026".
                edit.setDisplayFormat(DATE_DISPLAY)
                edit.setDate(QDate(day.year, day.month, day.day))
            form.addRow(strings.REPORT_FROM, start)
            form.addRow(strings.REPORT_TO, end)
        else:
            form.addRow(bom)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)

        def chosen() -> dict[str, Any]:
            if fmt == "csv":
                return {"bom": bom.isChecked()}
            return {"start": start.date().toPython(), "end": end.date().toPython()}

        return dialog, chosen

    def export_to(self, fmt: str, path: Path, **options: Any) -> bool:
        try:
            if fmt == "report":
                start, end = options["start"], options["end"]
                if end < start:
                    start, end = end, start
                from desktop.ui.report_pdf import write_report_pdf

                write_report_pdf(exporting.report_for(start, end, self.clock), path)
            elif fmt == "full":
                written = archive.write_archive(path, self.data_dir, self.clock)
                self.show_banner(written.sentence())
                return True
            else:
                text = exporting.export_text(fmt, self.clock, bom=options.get("bom", False))
                write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            from desktop.faults import explain

            self.show_error(
                explain(error, self.data_dir)
                or strings.EXPORT_FAILED.format(error=error.strerror or error)
            )
            return False
        self.show_banner(strings.EXPORTED.format(path=path))
        return True

    # ----- import -----------------------------------------------------------------------
    def import_with_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            strings.IMPORT.replace("&", "").rstrip("…"),
            str(Path.home()),
            strings.IMPORT_FILTER,
        )
        if path:
            self.open_import(Path(path))

    def open_import(self, path: Path) -> ImportDialog | None:
        from desktop.ui.import_dialog import ImportDialog

        try:
            dialog = ImportDialog(path, self.clock, self.data_dir, self)
        except ValueError as error:
            text = str(error)
            # A sentence that begins with the file's name keeps it as it is spelled.
            self.show_error(text if text.startswith(path.name) else text[:1].upper() + text[1:])
            return None
        dialog.imported.connect(self._imported)
        dialog.open()
        return dialog

    def _imported(self, summary: ImportSummary) -> None:
        self.refresh()
        self.data_changed.emit(Changes.everything())
        self.show_banner(strings.IMPORT_DONE.format(sentence=summary.sentence(done=True)))

    # ----- backups ----------------------------------------------------------------------
    def show_backups(self) -> BackupsDialog:
        from desktop.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.data_dir, self.clock, self.confirm, self)
        dialog.restored.connect(self._restored)
        dialog.open()
        return dialog

    def _restored(self) -> None:
        self.refresh()
        self.data_restored.emit()
