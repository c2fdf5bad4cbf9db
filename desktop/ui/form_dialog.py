"""A dialog whose fields show their own error messages, and that saves nothing until valid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.forms import FormError, parse_clock_time
from desktop.ui import strings
from desktop.ui.error_line import ErrorLine, announce
from desktop.ui.screen_fit import fit_to_screen

ROOM_TO_TYPE = 120  # px over the fields' minimum height that a form opens with

# One date format everywhere a date is shown for editing: the ISO order forms are typed in.
DATE_DISPLAY = "yyyy-MM-dd"


_Field = TypeVar("_Field", bound=QWidget)


def read_widget(widget: QWidget) -> str:
    """The raw text a field holds, as the validators expect it."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return str(data) if data is not None else widget.currentText()
    if isinstance(widget, QSpinBox):
        return str(widget.value())
    if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        return widget.dateTime().toString("yyyy-MM-dd HH:mm")
    if isinstance(widget, QDateEdit):
        return widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, OptionalDate | DateAndTime):
        return widget.text()
    raise TypeError(f"no reader for {type(widget).__name__}")


def write_widget(widget: QWidget, value: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        found = widget.findData(value)
        if found < 0:
            found = widget.findText(value)
        if found >= 0:
            widget.setCurrentIndex(found)
        elif widget.isEditable():
            widget.setEditText(value)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        widget.setDateTime(QDateTime.fromString(value, "yyyy-MM-dd HH:mm"))
    elif isinstance(widget, OptionalDate | DateAndTime):
        widget.set_text(value)


class OptionalDate(QWidget):
    """A date the user may leave out: a checkbox enables the picker."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.picker = QDateEdit(QDate.currentDate())
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat(DATE_DISPLAY)
        self.picker.setEnabled(False)
        self.check.toggled.connect(self.picker.setEnabled)
        layout.addWidget(self.check)
        layout.addWidget(self.picker, 1)
        self.setFocusProxy(self.check)

    def text(self) -> str:
        return self.picker.date().toString("yyyy-MM-dd") if self.check.isChecked() else ""

    def set_text(self, value: str) -> None:
        self.check.setChecked(bool(value))
        if value:
            self.picker.setDate(QDate.fromString(value, "yyyy-MM-dd"))


class TimeField(QLineEdit):
    """A time of day typed as text ("21:00"): what is not one is refused with a message
    by whoever reads it, never turned into another time as QTimeEdit does ("25:99" →
    "21:09")."""

    timeChanged = Signal(QTime)

    def __init__(self, value: QTime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(strings.TIME_PLACEHOLDER)
        self.setMaxLength(8)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00") * 3)
        self.setTime(value)
        self.textChanged.connect(lambda _text: self.timeChanged.emit(self.time()))

    def time(self) -> QTime:
        """The time typed, or an invalid QTime when the text is not a time of day."""
        try:
            moment = parse_clock_time(self.text())
        except ValueError:
            return QTime()
        return QTime(moment.hour, moment.minute, moment.second)

    def problem(self) -> str | None:
        """Why the text is not a time of day, in a sentence; None when it is one."""
        try:
            parse_clock_time(self.text())
        except ValueError as error:
            return str(error)
        return None

    def setTime(self, value: QTime) -> None:
        self.setText(value.toString("HH:mm"))


class DateAndTime(QWidget):
    """A date picker and a typed time of day. The time is text the form's validator
    checks, so "25:99" is refused with a message instead of being turned into 02:09 as
    a QDateTimeEdit would."""

    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.picker = QDateEdit(QDate.currentDate())
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat(DATE_DISPLAY)
        self.picker.setAccessibleName(strings.DATE_ACCESSIBLE)
        self.time = TimeField(QTime(10, 0))
        self.time.setAccessibleName(strings.TIME_ACCESSIBLE)
        layout.addWidget(self.picker)
        layout.addWidget(self.time)
        layout.addStretch(1)
        self.setFocusProxy(self.picker)
        self.picker.dateChanged.connect(lambda _date: self.textChanged.emit(self.text()))
        self.time.textChanged.connect(lambda _text: self.textChanged.emit(self.text()))

    def text(self) -> str:
        return f"{self.picker.date().toString('yyyy-MM-dd')} {self.time.text().strip()}"

    def set_text(self, value: str) -> None:
        day, _, clock = value.partition(" ")
        self.picker.setDate(QDate.fromString(day, "yyyy-MM-dd"))
        self.time.setText(clock)

    def setDateTime(self, value: datetime | QDateTime) -> None:
        moment = value.toPython() if isinstance(value, QDateTime) else value
        assert isinstance(moment, datetime)
        self.set_text(moment.strftime("%Y-%m-%d %H:%M"))


class FormDialog(QDialog):
    """Fields in a form layout, each with an error label under it.

    Subclasses add fields with `add_field` and give a validator; `draft` holds the clean
    result once the user saved valid input.
    """

    # The fields' scroll area. It hides QWidget.scroll(), which no form calls.
    scroll: QScrollArea  # type: ignore[assignment]

    def __init__(
        self, title: str, validator: Callable[[dict[str, str]], object], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._validator = validator
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.error_lines: dict[str, ErrorLine] = {}
        self.draft: object | None = None
        self._tried = False
        self.last_announcement = ""
        self._focus_given = False
        # The fields scroll and the buttons stay below them, so a small screen shows Save.
        outer = QVBoxLayout(self)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        self.form = QFormLayout(content)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(strings.SAVE)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def fit(self, width: int = 520) -> None:
        """Open as tall as the fields want, or as the screen allows (then they scroll)."""
        fields, layout = self.scroll.widget(), self.layout()
        assert fields is not None and layout is not None  # both made in __init__
        content = fields.sizeHint()
        # Text boxes ask for 190 px each; a little over their minimum is plenty to start
        # (they grow with the dialog), and it leaves the window behind in view.
        least = fields.minimumSizeHint().height() + ROOM_TO_TYPE
        margins = layout.contentsMargins()
        chrome = margins.top() + margins.bottom() + layout.spacing()
        height = min(content.height(), least) + self.buttons.sizeHint().height() + chrome + 4
        fit_to_screen(self, QSize(max(width, content.width() + 40), height))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focus_given:
            # The buttons are made before the fields, so Qt would start on Save: the
            # first word typed would be lost and the first Space would save.
            self._focus_given = True
            self._order_focus()
            first = next(iter(self.fields.values()), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _order_focus(self) -> None:
        chain = [
            w
            for w in self.fields.values()
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus or w.focusProxy() is not None
        ]
        chain += [b for b in self.buttons.buttons() if b.isVisible()]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def add_field(self, name: str, label: str, widget: _Field) -> _Field:
        line = ErrorLine()
        error = line.label
        error.setObjectName(f"error_{name}")
        error.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(line)
        self.form.addRow(label, holder)
        widget.setObjectName(name)
        self.fields[name] = widget
        self.error_labels[name] = error
        self.error_lines[name] = line
        if label:
            widget.setAccessibleName(label)
        self._watch(widget)
        return widget

    def add_hint(self, name: str, lookup: Callable[[str], str | None]) -> QLabel:
        """A quiet line under field `name`, from `lookup(its text)`, kept in step as the
        user types (e.g. what a company did last time)."""
        hint = QLabel()
        hint.setObjectName(f"hint_{name}")
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.hide()
        field = self.fields[name]
        holder = field.parentWidget()
        row = holder.layout() if holder is not None else None
        assert isinstance(field, QLineEdit) and row is not None  # a line made by add_field
        row.addWidget(hint)

        def update() -> None:
            text = lookup(read_widget(self.fields[name]).strip())
            hint.setText(text or "")
            hint.setVisible(bool(text))

        field.textChanged.connect(update)
        update()
        return hint

    def _watch(self, widget: QWidget) -> None:
        signal = None
        if isinstance(widget, QLineEdit | QPlainTextEdit | DateAndTime):
            signal = widget.textChanged
        elif isinstance(widget, QComboBox):
            signal = widget.currentTextChanged
        if signal is not None:
            signal.connect(self._revalidate)

    def _revalidate(self) -> None:
        # Messages appear once the user has tried to save, then follow every edit.
        if self._tried:
            self.validate()

    def raw(self) -> dict[str, str]:
        return {name: read_widget(widget) for name, widget in self.fields.items()}

    def set_values(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            if name in self.fields:
                write_widget(self.fields[name], value)

    def validate(self) -> bool:
        try:
            self.draft = self._validator(self.raw())
            errors: dict[str, str] = {}
        except FormError as error:
            self.draft = None
            errors = error.errors
        for name, line in self.error_lines.items():
            line.show_message(errors.get(name, ""), self.fields[name])
        return not errors

    def accept(self) -> None:
        self._tried = True
        if self.validate():
            super().accept()
        else:
            first = next(n for n, line in self.error_lines.items() if line.label.text())
            self.fields[first].setFocus()
            # Said as well as shown: a screen reader hears what to fix and where.
            count = sum(1 for line in self.error_lines.values() if line.label.text())
            self.last_announcement = strings.FORM_ERRORS_ANNOUNCED.format(
                first=self.error_labels[first].text()
            ) + (strings.FORM_ERRORS_MORE.format(count=count) if count > 1 else "")
            announce(self.fields[first], self.last_announcement)
