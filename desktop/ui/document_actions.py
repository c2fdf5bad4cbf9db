"""The detail pane's documents: attach one (pick a file, say what it is and when it was
sent), open it with the system's program, remove it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl

from desktop.services import NotFound
from desktop.services.changes import Changes
from desktop.ui import document_strings as strings
from desktop.ui.system_open import open_with_system
from desktop.ui.window_mixin import WindowMixin

if TYPE_CHECKING:
    from desktop.domain.clock import Clock
    from desktop.ui.attach_dialog import AttachDialog
    from desktop.ui.detail_pane import DetailPane


class DocumentActions(WindowMixin):
    """Mixed into MainWindow; what it uses of the window is declared below."""

    # The system's program for the file's type; a test puts a recorder in its place.
    open_file = staticmethod(open_with_system)

    if TYPE_CHECKING:
        clock: Clock
        data_dir: Path

        @property
        def detail(self) -> DetailPane: ...

        confirm: Callable[[str, str], bool]

        def selected_id(self) -> int | None: ...
        def apply(self, changes: Changes, select_id: int | None = None) -> None: ...
        def _run(self, action: Callable[[], Changes]) -> Changes | None: ...
        def show_banner(self, text: str) -> None: ...
        def show_error(self, text: str) -> None: ...

    def connect_documents(self) -> None:
        self.detail.document_attach_requested.connect(self.attach_document)
        self.detail.document_open_requested.connect(self.open_document)
        self.detail.document_remove_requested.connect(self.remove_document)

    def attach_document(self) -> None:
        if self.selected_id() is None:
            return
        from PySide6.QtWidgets import QFileDialog  # its first use costs; not before the paint

        path, _ = QFileDialog.getOpenFileName(
            self, strings.PICK_TITLE, str(Path.home()), strings.PICK_FILTER
        )
        if path:
            self.attach_document_from(Path(path))

    def attach_document_from(self, path: Path) -> AttachDialog | None:
        """The kind and date dialog for `path`; attaching happens when it is accepted."""
        opportunity_id = self.selected_id()
        shown = self.detail.detail
        if opportunity_id is None or shown is None:
            return None
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # attach() says what is wrong with the file, in its own words
        today = self.clock.now().astimezone(self.clock.tz).date()
        name = f"{shown.company} — {shown.role}"
        from desktop.ui.attach_dialog import AttachDialog  # when first used, not at start

        dialog = AttachDialog(path, size, today, name, self)

        def attach() -> None:
            from desktop.services import documents
            from desktop.services.documents import DocumentError

            try:
                made = documents.attach(
                    self.data_dir,
                    opportunity_id,
                    path,
                    dialog.chosen_kind(),
                    dialog.chosen_date(),
                    self.clock,
                )
            except (DocumentError, NotFound) as error:
                self.show_error(_sentence(error))
                return
            self.apply(made.changes)
            self.show_banner(strings.ATTACHED.format(name=path.name, opportunity=name))

        dialog.accepted.connect(attach)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def open_document(self, link_id: int) -> bool:
        from desktop.services import documents
        from desktop.services.documents import DocumentError

        try:
            path = documents.document_path(self.data_dir, link_id)
        except (DocumentError, NotFound) as error:
            self.show_error(_sentence(error))
            return False
        if self.open_file(QUrl.fromLocalFile(str(path))):
            return True
        self.show_error(strings.NO_PROGRAM.format(name=self._document_name(link_id), path=path))
        return False

    def _document_name(self, link_id: int) -> str:
        return next((d.name for d in self.detail.documents if d.id == link_id), "")

    def remove_document(self, link_id: int) -> None:
        shown = self.detail.detail
        found = next((d for d in self.detail.documents if d.id == link_id), None)
        if shown is None or found is None:
            return
        name = f"{shown.company} — {shown.role}"
        text = strings.CONFIRM_REMOVE_SHARED if found.shared else strings.CONFIRM_REMOVE_LAST
        if not self.confirm(
            strings.CONFIRM_REMOVE_TITLE, text.format(name=found.name, opportunity=name)
        ):
            return
        from desktop.services import documents

        changes = self._run(lambda: documents.remove(self.data_dir, link_id))
        if changes is not None:
            self.apply(changes)
            self.show_banner(strings.REMOVED.format(name=found.name, opportunity=name))


def _sentence(error: Exception) -> str:
    """A refusal begins with the file's own name, kept as it is spelled; "no opportunity
    with id 3" gets its capital."""
    from desktop.services.documents import DocumentError

    text = str(error)
    return text if isinstance(error, DocumentError) else text[:1].upper() + text[1:]
