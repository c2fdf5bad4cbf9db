"""The window's "Your data" menu: export, import and backups."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QMenu,
    QMenuBar,
)

from desktop.files import atomic_file, write_atomically
from desktop.services.changes import Changes
from desktop.ui import background_texts, document_strings, strings
from desktop.ui.window_mixin import WindowMixin

if TYPE_CHECKING:
    from desktop.domain.clock import Clock
    from desktop.domain.progress import Progress
    from desktop.services.import_bundle import ImportSummary
    from desktop.services.queries import OpportunityRow
    from desktop.services.reminders import ReminderView
    from desktop.ui.background_op import BackgroundOp
    from desktop.ui.backups_dialog import BackupsDialog
    from desktop.ui.import_dialog import ImportSource
    from desktop.ui.opportunity_model import OpportunityTableModel
    from desktop.ui.today_view import TodayView


# The dialogs, the PDF writer, export, import and the background runner are imported when
# first used: start-up, which shows none of them, is faster for it (benchmarks/README.md).


class DataActions(WindowMixin):
    """Mixed into MainWindow; what it uses of the window is declared below, and mypy checks
    that MainWindow provides it with these types."""

    if TYPE_CHECKING:
        clock: Clock
        data_dir: Path
        confirm: Callable[[str, str], bool]
        data_changed: Signal
        data_restored: Signal

        rereading: BackgroundOp[tuple[list[OpportunityRow], list[ReminderView]]] | None
        model: OpportunityTableModel

        @property
        def today(self) -> TodayView: ...

        read_rows: Callable[[datetime, Collection[int] | None], list[OpportunityRow]]

        def refresh(
            self, select_id: int | None = None, rows: list[OpportunityRow] | None = None
        ) -> None: ...
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
        from desktop.services import archive, exporting

        options = self._export_options(fmt)
        if options is None:
            return
        suffix, filters = (
            (archive.SUFFIX, document_strings.EXPORT_FULL_FILTER)
            if fmt == "full"
            else (exporting.SUFFIXES[fmt], strings.EXPORT_FILTERS[fmt])
        )
        suggested = str(Path.home() / f"debrief{suffix}")
        from PySide6.QtWidgets import QFileDialog  # its first use costs; not before the paint

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
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QFormLayout

        from desktop.ui.form_dialog import DATE_DISPLAY

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

    def export_to(self, fmt: str, path: Path, **options: Any) -> BackgroundOp[Any]:
        """Written off the GUI thread, with progress and Cancel; the file appears whole
        or not at all (a temporary file, renamed at the end)."""
        from desktop.services import archive, exporting
        from desktop.ui.background_op import run_in_background

        path = Path(path)
        if fmt == "report":
            start, end = options["start"], options["end"]
            if end < start:
                start, end = end, start
            clock = self.clock

            def work(progress: Progress) -> Any:
                from desktop.ui.report_pdf import write_report_pdf

                report = exporting.report_for(start, end, clock, progress)
                return write_report_pdf(report, path, progress=progress)

            label = background_texts.WRITING_REPORT.format(name=path.name)
            title = background_texts.REPORT_TITLE
        elif fmt == "full":
            clock, data_dir = self.clock, self.data_dir

            def work(progress: Progress) -> Any:
                return archive.write_archive(path, data_dir, clock, progress)

            label = background_texts.EXPORTING.format(name=path.name)
            title = background_texts.EXPORT_TITLE
        else:
            clock, bom = self.clock, options.get("bom", False)

            def work(progress: Progress) -> Any:
                if fmt == "json":  # written as it is made: 50 MB for a year of history
                    with atomic_file(path) as out:
                        for part in exporting.export_json_parts(clock, progress):
                            out.write(part.encode("utf-8"))
                    return path
                text = exporting.export_text(fmt, clock, bom=bom, progress=progress)
                return write_atomically(path, text.encode("utf-8"))

            label = background_texts.EXPORTING.format(name=path.name)
            title = background_texts.EXPORT_TITLE

        def explain_error(error: BaseException) -> str | None:
            if not isinstance(error, OSError):
                return None
            from desktop.faults import explain

            return explain(error, self.data_dir) or strings.EXPORT_FAILED.format(
                error=error.strerror or error
            )

        return run_in_background(
            self,
            label,
            work,
            self.data_dir,
            done=lambda made: self.show_banner(
                made.sentence() if fmt == "full" else strings.EXPORTED.format(path=made)
            ),
            failed=self.show_error,
            cancelled=lambda: self.show_banner(background_texts.STOPPED_EXPORT),
            explain_error=explain_error,
            title=title,
        )

    # ----- import -----------------------------------------------------------------------
    def import_with_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            strings.IMPORT.replace("&", "").rstrip("…"),
            str(Path.home()),
            strings.IMPORT_FILTER,
        )
        if path:
            self.open_import(Path(path))

    def open_import(self, path: Path) -> BackgroundOp[ImportSource]:
        """Reads and checks the file off the GUI thread, then shows what would happen."""
        from desktop.ui.background_op import run_in_background

        path = Path(path)

        def read(progress: Progress) -> ImportSource:
            # Imported by the worker: the dialog's module and the import's services are
            # 30-60 ms of imports the window's thread would otherwise stop for, here and
            # again when the dialog is made (it then finds them imported).
            from desktop.ui.import_dialog import read_source

            return read_source(path, progress)

        def unusable(error: BaseException) -> str | None:
            if not isinstance(error, ValueError):
                return None
            text = str(error)
            # A sentence that begins with the file's name keeps it as it is spelled.
            return text if text.startswith(path.name) else text[:1].upper() + text[1:]

        op: BackgroundOp[ImportSource] = run_in_background(
            self,
            background_texts.READING_IMPORT.format(name=path.name),
            read,
            self.data_dir,
            done=lambda source: self._show_import(op, source),
            failed=self.show_error,
            explain_error=unusable,
            title=background_texts.IMPORT_TITLE,
        )
        return op

    def _show_import(self, op: BackgroundOp[Any], source: ImportSource) -> None:
        from desktop.ui.import_dialog import ImportDialog

        dialog = ImportDialog(source, self.clock, self.data_dir, self)
        dialog.imported.connect(self._imported)
        dialog.open()
        op.followed_by = dialog

    def _imported(self, summary: ImportSummary) -> None:
        self.refresh_everything()
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
        self.refresh_everything()
        self.data_restored.emit()

    def refresh_everything(
        self, background_from: int | None = None
    ) -> BackgroundOp[tuple[list[OpportunityRow], list[ReminderView]]] | None:
        """After an import or a restore: the list of a big history (2,000 opportunities
        and more) is read off the GUI thread and the window redrawn when it is read; a
        small one is re-read at once."""
        from desktop.services.insights import history_size
        from desktop.services.today import open_steps
        from desktop.ui.background_op import run_in_background
        from desktop.ui.insights_view import BACKGROUND_FROM

        if history_size() < (BACKGROUND_FROM if background_from is None else background_from):
            self.refresh()
            return None
        now, read, model = self.clock.now(), self.read_rows, self.model

        def work(_progress: Progress) -> tuple[list[OpportunityRow], list[ReminderView]]:
            # Sorted there too, and Today's steps read with them.
            return model.sorted_rows(read(now, None)), open_steps(now)

        def done(read: tuple[list[OpportunityRow], list[ReminderView]]) -> None:
            rows, steps = read
            self.today.hand_over(steps, now)
            self.refresh(rows=rows)

        self.rereading = run_in_background(self, "", work, self.data_dir, done=done, quiet=True)
        return self.rereading
