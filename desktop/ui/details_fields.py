"""The opportunity form's details (salary, location, work mode, deadline, job description)
and its warning when the opportunity looks like one already here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.duplicates import SimilarOpportunity
from desktop.ui import details_strings as texts
from desktop.ui.form_dialog import FormDialog, OptionalDate
from desktop.ui.formatting import day

FindSimilar = Callable[[str, str], Sequence[SimilarOpportunity]]


def _line(placeholder: str, width_chars: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if width_chars is not None:
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * width_chars + 24)
    return edit


def _combo(choices: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for value, label in choices.items():
        combo.addItem(label, value)
    return combo


def add_place_fields(dialog: FormDialog) -> None:
    """Where the work is done: short fields that sit with what the opportunity is."""
    dialog.add_field("location", texts.LOCATION, _line(texts.LOCATION_PLACEHOLDER))
    dialog.add_field("work_mode", texts.WORK_MODE, _combo(texts.WORK_MODES))


def add_salary_fields(dialog: FormDialog) -> None:
    dialog.add_field("salary_min", texts.SALARY_MIN, _line(texts.SALARY_AMOUNT_PLACEHOLDER, 16))
    dialog.add_field("salary_max", texts.SALARY_MAX, _line(texts.SALARY_AMOUNT_PLACEHOLDER, 16))
    currency = _line(texts.SALARY_CURRENCY_PLACEHOLDER, 8)
    currency.setMaxLength(3)
    dialog.add_field("salary_currency", texts.SALARY_CURRENCY, currency)
    dialog.add_field("salary_basis", texts.SALARY_BASIS, _combo(texts.SALARY_BASES))
    dialog.add_field("deadline", "", OptionalDate(texts.DEADLINE))


def add_job_description(dialog: FormDialog) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(texts.JOB_DESCRIPTION_PLACEHOLDER)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(90)
    dialog.add_field("job_description", texts.JOB_DESCRIPTION, edit)
    return edit


class DuplicateWarning(QFrame):
    """ "You already have Data Analyst at Acme …": shown under the role as it is typed,
    with the way to the existing one and the way past the warning."""

    open_requested = Signal(int)
    add_anyway = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateWarning")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(texts.DUPLICATE_OPEN)
        self.anyway_button = QPushButton(texts.DUPLICATE_ADD_ANYWAY)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.anyway_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.similar: list[SimilarOpportunity] = []
        self.open_button.clicked.connect(self._open_first)
        self.anyway_button.clicked.connect(self.add_anyway)
        self.hide()

    def _open_first(self) -> None:
        if self.similar:
            self.open_requested.emit(self.similar[0].id)

    def show_similar(self, similar: Sequence[SimilarOpportunity], tz: tzinfo) -> None:
        self.similar = list(similar)
        if not self.similar:
            self.hide()
            return
        found = self.similar[0]
        what = texts.DUPLICATE_ITEM.format(
            role=found.role,
            company=found.company,
            status=found.status.label,
            day=day(found.created_at, tz),
        )
        self.label.setText(texts.DUPLICATE_WARNING.format(what=what))
        self.show()
