"""After picking a file: what it is, and the day it was sent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from desktop.domain.documents import DocumentKind, size_text
from desktop.ui import document_strings as strings
from desktop.ui.form_dialog import DATE_DISPLAY
from desktop.ui.html_escape import escape

# A first guess at the kind, from words in the file name; the user sees it and can change it.
_HINTS = (
    (("cover", "anschreiben", "motivation"), DocumentKind.COVER_LETTER),
    (("offer", "contract", "angebot"), DocumentKind.OFFER_LETTER),
    (("portfolio", "samples", "work"), DocumentKind.PORTFOLIO),
    (("cv", "resume", "résumé", "lebenslauf"), DocumentKind.CV),
)


def guess_kind(name: str) -> DocumentKind:
    words = "".join(ch if ch.isalnum() else " " for ch in Path(name).stem.casefold()).split()
    for hints, kind in _HINTS:
        if any(word in hints for word in words):
            return kind
    return DocumentKind.OTHER


class AttachDialog(QDialog):
    def __init__(
        self,
        path: Path,
        size: int,
        today: date,
        opportunity: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(strings.PICK_TITLE)
        # Room for a long file name on its own line, less than the smallest screen.
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        note = QLabel(strings.SIZE_NOTE.format(size=size_text(size), opportunity=opportunity))
        note.setWordWrap(True)
        form.addRow(QLabel(f"<b>{escape(path.name)}</b>"))
        form.addRow(note)
        self.kind = QComboBox()
        for kind in DocumentKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(list(DocumentKind).index(guess_kind(path.name)))
        form.addRow(strings.KIND, self.kind)
        self.sent = QCheckBox(strings.SENT)
        self.sent.setChecked(True)
        self.sent_on = QDateEdit()
        self.sent_on.setCalendarPopup(True)
        self.sent_on.setDisplayFormat(DATE_DISPLAY)
        self.sent_on.setDate(QDate(today.year, today.month, today.day))
        self.sent_on.setMaximumDate(QDate(today.year, today.month, today.day))  # sent, not planned
        self.sent_on.setAccessibleName(strings.SENT)
        self.sent.toggled.connect(self.sent_on.setEnabled)
        form.addRow(self.sent, self.sent_on)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.attach_button = buttons.addButton(
            strings.ATTACH_BUTTON, QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_kind(self) -> DocumentKind:
        return DocumentKind(self.kind.currentData())

    def chosen_date(self) -> date | None:
        if not self.sent.isChecked():
            return None
        chosen = self.sent_on.date().toPython()
        assert isinstance(chosen, date)  # QDate.toPython is typed as object in the stubs
        return chosen
