"""The debrief form: one per interview, saved as the user types, reopened where they left."""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calibration import PastFeeling, calibration, is_doubt
from desktop.domain.clock import Clock
from desktop.playbook.lessons import Lessons
from desktop.playbook.reflection import COMMON_MISTAKES, FELT, PREDICTIONS
from desktop.services import NotFound, debriefs
from desktop.services.busy import waiting_at_most
from desktop.services.changes import NOTHING
from desktop.services.debriefs import DebriefData, MistakeEntry, QuestionEntry
from desktop.services.vocabulary import StorageError
from desktop.ui import strings
from desktop.ui.autosave import CLOSING_WAIT_MS, Autosave
from desktop.ui.formatting import when
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.scrolling_form import scrolling_form


def _section(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _text_box(placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(70)
    return box


class PairRows(QWidget):
    """A growing list of (text, text) rows, e.g. question + note, with Add and Remove."""

    changed = Signal()

    def __init__(self, first: str, second: str, add_text: str) -> None:
        super().__init__()
        self._placeholders = (first, second)
        self.rows: list[tuple[QLineEdit, QLineEdit, QWidget]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(lambda: self.add_row().setFocus())
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, left: str = "", right: str = "") -> QLineEdit:
        first, second = QLineEdit(left), QLineEdit(right)
        first.setPlaceholderText(self._placeholders[0])
        second.setPlaceholderText(self._placeholders[1])
        remove = QPushButton("✕")
        remove.setToolTip(strings.REMOVE)
        remove.setFixedWidth(32)
        row = len(self.rows)
        self.grid.addWidget(first, row, 0)
        self.grid.addWidget(second, row, 1)
        self.grid.addWidget(remove, row, 2)
        entry = (first, second, remove)
        self.rows.append(entry)
        for edit in (first, second):
            edit.textChanged.connect(lambda _text: self.changed.emit())
        remove.clicked.connect(lambda: self._remove(entry))
        return first

    def _remove(self, entry: tuple[QLineEdit, QLineEdit, QWidget]) -> None:
        self.rows.remove(entry)
        for widget in entry:
            widget.hide()
            widget.deleteLater()
        self.changed.emit()

    def values(self) -> list[tuple[str, str]]:
        return [(a.text(), b.text()) for a, b, _ in self.rows]


class DebriefDialog(QDialog):
    finished_debrief = Signal(int)  # interview id: closed, saved, its reminder maybe answered

    def __init__(
        self, interview_id: int, clock: Clock, lessons: Lessons, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.interview_id = interview_id
        self.clock = clock
        self.changes = NOTHING  # what its saves changed, for the window once it closes
        self.heading = debriefs.heading(interview_id)
        self.setWindowTitle(
            strings.DEBRIEF_TITLE.format(company=self.heading.company, role=self.heading.role)
        )
        fit_to_screen(self, QSize(720, 780))
        self.autosave = Autosave(self.save_now, self)
        self._build(lessons)
        self.autosave.failed.connect(lambda: self._say(strings.NOT_SAVED_RETRYING, warn=True))
        loaded = debriefs.load_debrief(interview_id)
        self.set_data(loaded)
        self.autosave.dirty = False
        # Reopened after a hard one: the evidence is still where it was left.
        self.show_calibration(loaded.felt, loaded.prediction)
        self._connect()

    # ----- layout -----------------------------------------------------------------------
    def _build(self, lessons: Lessons) -> None:
        outer, form = scrolling_form(self)

        about = " · ".join(
            p for p in (self.heading.round_label, when(self.heading.starts_at, self.clock.tz)) if p
        )
        intro = QLabel(f"{about}\n{strings.DEBRIEF_INTRO}")
        intro.setWordWrap(True)
        form.addWidget(intro)
        if lessons:
            form.addWidget(_section(strings.DEBRIEF_LESSONS))
            self.lessons_label = QLabel(_lessons_text(lessons))
            self.lessons_label.setTextFormat(Qt.TextFormat.PlainText)
            self.lessons_label.setWordWrap(True)
            form.addWidget(self.lessons_label)

        form.addWidget(_section(strings.DEBRIEF_FELT))
        felt_row = QHBoxLayout()
        self.felt = QButtonGroup(self)
        for value, label in FELT.items():
            button = QRadioButton(f"{value} · {label}")
            self.felt.addButton(button, value)
            felt_row.addWidget(button)
        felt_row.addStretch(1)
        form.addLayout(felt_row)

        form.addWidget(_section(strings.DEBRIEF_PREDICTION))
        self.prediction = QComboBox()
        self.prediction.addItem(strings.DEBRIEF_PREDICTION_NONE, "")
        for key, label in PREDICTIONS.items():
            self.prediction.addItem(label, key)
        form.addWidget(self.prediction, 0, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(self._calibration_panel())

        form.addWidget(_section(strings.DEBRIEF_ACCOUNT))
        self.account = _text_box()
        self.account.setMinimumHeight(140)
        form.addWidget(self.account)

        form.addWidget(_section(strings.DEBRIEF_QUESTIONS))
        self.questions = PairRows(
            strings.DEBRIEF_QUESTION_PLACEHOLDER,
            strings.DEBRIEF_NOTE_PLACEHOLDER,
            strings.DEBRIEF_ADD_QUESTION,
        )
        form.addWidget(self.questions)

        form.addWidget(_section(strings.DEBRIEF_WENT_WELL))
        self.went_well = _text_box()
        form.addWidget(self.went_well)

        form.addWidget(_section(strings.DEBRIEF_MISTAKES))
        grid = QGridLayout()
        self.common: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        for row, (key, label) in enumerate(COMMON_MISTAKES.items()):
            box = QCheckBox(label)
            why = QLineEdit()
            why.setPlaceholderText(strings.DEBRIEF_WHY_PLACEHOLDER)
            why.setEnabled(False)
            box.toggled.connect(why.setEnabled)
            grid.addWidget(box, row, 0)
            grid.addWidget(why, row, 1)
            self.common[key] = (box, why)
        form.addLayout(grid)
        self.own_mistakes = PairRows(
            strings.DEBRIEF_OWN_MISTAKE_PLACEHOLDER,
            strings.DEBRIEF_WHY_PLACEHOLDER,
            strings.DEBRIEF_ADD_MISTAKE,
        )
        form.addWidget(self.own_mistakes)

        form.addWidget(_section(strings.DEBRIEF_MADE_HARDER))
        self.made_harder = _text_box(strings.DEBRIEF_MADE_HARDER_NOTE)
        form.addWidget(self.made_harder)

        form.addWidget(_section(strings.DEBRIEF_LESSONS_NEXT))
        self.lessons = _text_box()
        form.addWidget(self.lessons)

        form.addWidget(_section(strings.DEBRIEF_FEEDBACK))
        self.feedback = _text_box(strings.DEBRIEF_FEEDBACK_NOTE)
        form.addWidget(self.feedback)

        bottom = QHBoxLayout()
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setEnabled(False)
        bottom.addWidget(self.saved_label, 1)
        self.done_button = QPushButton(strings.DEBRIEF_DONE)
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        bottom.addWidget(self.done_button)
        outer.addLayout(bottom)

    def _connect(self) -> None:
        changed = self.autosave.changed
        self.felt.idToggled.connect(changed)
        self.prediction.currentIndexChanged.connect(changed)
        for box in (self.account, self.went_well, self.made_harder, self.lessons, self.feedback):
            box.textChanged.connect(changed)
        for check, why in self.common.values():
            check.toggled.connect(changed)
            why.textChanged.connect(changed)
        self.questions.changed.connect(changed)
        self.own_mistakes.changed.connect(changed)

    # ----- data -------------------------------------------------------------------------
    def data(self) -> DebriefData:
        felt = self.felt.checkedId()
        mistakes = [
            MistakeEntry(key, why.text())
            for key, (box, why) in self.common.items()
            if box.isChecked()
        ]
        mistakes += [MistakeEntry(text, why) for text, why in self.own_mistakes.values()]
        return DebriefData(
            felt=felt if felt in FELT else None,
            prediction=self.prediction.currentData() or "",
            account=self.account.toPlainText(),
            questions=tuple(QuestionEntry(q, n) for q, n in self.questions.values()),
            went_well=self.went_well.toPlainText(),
            mistakes=tuple(mistakes),
            made_harder=self.made_harder.toPlainText(),
            lessons=self.lessons.toPlainText(),
            feedback=self.feedback.toPlainText(),
        )

    def set_data(self, data: DebriefData) -> None:
        if data.felt in FELT:
            self.felt.button(data.felt).setChecked(True)
        self.prediction.setCurrentIndex(max(0, self.prediction.findData(data.prediction)))
        self.account.setPlainText(data.account)
        self.went_well.setPlainText(data.went_well)
        self.made_harder.setPlainText(data.made_harder)
        self.lessons.setPlainText(data.lessons)
        self.feedback.setPlainText(data.feedback)
        for entry in data.questions:
            self.questions.add_row(entry.question, entry.note)
        for made in data.mistakes:
            if made.mistake in self.common:
                box, why = self.common[made.mistake]
                box.setChecked(True)
                why.setText(made.why)
            else:
                self.own_mistakes.add_row(made.mistake, made.why)
        if not data.questions:
            self.questions.add_row()

    def save_now(self) -> None:
        data = self.data()
        try:
            self.changes |= debriefs.save_debrief(self.interview_id, data, self.clock)
        except NotFound:  # the interview was deleted elsewhere while this was open
            self._say(strings.DELETED_ELSEWHERE)
            return
        local: datetime = self.clock.now().astimezone(self.clock.tz)
        self._say(strings.DEBRIEF_SAVED.format(time=f"{local:%H:%M}"))
        self.show_calibration(data.felt, data.prediction)

    def _say(self, text: str, warn: bool = False) -> None:
        """A quiet grey "Saved"; a warning is shown in full colour."""
        self.saved_label.setText(text)
        self.saved_label.setEnabled(warn)

    # ----- evidence at the moment of doubt ----------------------------------------------
    def _calibration_panel(self) -> QFrame:
        self.calibration = QFrame()
        self.calibration.setObjectName("calibration")
        self.calibration.setFrameShape(QFrame.Shape.StyledPanel)
        # The palette's own colours: readable in light and dark themes alike.
        self.calibration.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.calibration.setAutoFillBackground(True)
        column = QVBoxLayout(self.calibration)
        heading = QLabel(f"<b>{strings.DEBRIEF_CALIBRATION}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.calibration_text = QLabel()
        self.calibration_text.setObjectName("calibrationText")
        self.calibration_text.setTextFormat(Qt.TextFormat.PlainText)
        self.calibration_text.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(self.calibration_text)
        self.calibration.hide()
        self._past: list[PastFeeling] | None = None  # read once, when first needed
        return self.calibration

    def show_calibration(self, felt: int | None, prediction: str) -> None:
        """Once a save says it went badly (or a no is expected), the user's own record
        for that feeling appears beside it; otherwise the panel stays out of the way."""
        if not is_doubt(felt, prediction):
            self.calibration.hide()
            return
        if self._past is None:
            self._past = debriefs.past_feelings()
        self.calibration_text.setText(calibration(self._past, felt, prediction, self.interview_id))
        self.calibration.show()

    def done(self, result: int) -> None:
        if not self.autosave.flush(wait_ms=CLOSING_WAIT_MS):
            # Closing now would lose what was typed: stay open, keep retrying, say so.
            self._say(strings.NOT_SAVED_KEPT_OPEN, warn=True)
            return
        try:
            with contextlib.suppress(NotFound), waiting_at_most(CLOSING_WAIT_MS):
                # Once it says something, its reminder is answered.
                self.changes |= debriefs.finish_debrief(self.interview_id, self.clock)
        except StorageError:
            self._say(strings.NOT_SAVED_KEPT_OPEN, warn=True)  # the text is saved; try again
            return
        self.finished_debrief.emit(self.interview_id)
        super().done(result)


def _lessons_text(lessons: Lessons) -> str:
    lines = [
        f"• {label}" + (f" (×{count})" if count > 1 else "")
        for label, count in lessons.mistakes[:3]
    ]
    lines += [f"• {lesson}" for lesson in lessons.lessons[:3]]
    lines += [f"• {line}" for line in lessons.feedback_lines(2)]
    return "\n".join(lines)
