"""After "Not this time": what was likely outside the user's control, what is worth an
honest look, and the feedback the company gave. Optional, and saved as the user types."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.playbook.reflection import OUTSIDE_REASONS, WORTH_CHECKING
from desktop.services import NotFound
from desktop.services.reflections import ReflectionData, load_reflection, save_reflection
from desktop.ui import strings
from desktop.ui.autosave import CLOSING_WAIT_MS, Autosave
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.scrolling_form import scrolling_form


class ReflectionDialog(QDialog):
    def __init__(
        self,
        opportunity_id: int,
        company: str,
        role: str,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.opportunity_id = opportunity_id
        self.clock = clock
        self.setWindowTitle(strings.REFLECTION_TITLE.format(company=company, role=role))
        fit_to_screen(self, QSize(640, 720))
        self.autosave = Autosave(self.save_now, self)
        outer, form = scrolling_form(self)
        intro = QLabel(strings.REFLECTION_INTRO)
        intro.setWordWrap(True)
        form.addWidget(intro)

        form.addWidget(QLabel(f"<b>{strings.REFLECTION_OUTSIDE}</b>"))
        self.outside: list[QCheckBox] = []
        for reason in OUTSIDE_REASONS:
            box = QCheckBox(reason)
            self.outside.append(box)
            form.addWidget(box)

        form.addWidget(QLabel(f"<b>{strings.REFLECTION_CHECKING}</b>"))
        self.checks: list[QLineEdit] = []
        for question in WORTH_CHECKING:
            label = QLabel(question)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            note = QLineEdit()
            note.setPlaceholderText(strings.REFLECTION_CHECK_PLACEHOLDER)
            self.checks.append(note)
            form.addWidget(label)
            form.addWidget(note)

        form.addWidget(QLabel(f"<b>{strings.REFLECTION_FEEDBACK}</b>"))
        self.feedback = QPlainTextEdit()
        self.feedback.setTabChangesFocus(True)
        form.addWidget(self.feedback)

        # Silent while saves land; speaks up only when one could not (the database busy).
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        outer.addWidget(self.saved_label)
        self.autosave.failed.connect(lambda: self.saved_label.setText(strings.NOT_SAVED_RETRYING))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self.set_data(load_reflection(opportunity_id))
        for box in self.outside:
            box.toggled.connect(self.autosave.changed)
        for note in self.checks:
            note.textChanged.connect(self.autosave.changed)
        self.feedback.textChanged.connect(self.autosave.changed)

    def data(self) -> ReflectionData:
        return ReflectionData(
            outside=frozenset(i for i, box in enumerate(self.outside) if box.isChecked()),
            checks={i: note.text() for i, note in enumerate(self.checks) if note.text().strip()},
            feedback=self.feedback.toPlainText(),
        )

    def set_data(self, data: ReflectionData) -> None:
        for index, box in enumerate(self.outside):
            box.setChecked(index in data.outside)
        for index, note in enumerate(self.checks):
            note.setText(data.checks.get(index, ""))
        self.feedback.setPlainText(data.feedback)

    def save_now(self) -> None:
        # Deleted elsewhere while open: there is nothing left to attach the reflection to.
        with contextlib.suppress(NotFound):
            save_reflection(self.opportunity_id, self.data(), self.clock)
        self.saved_label.clear()

    def done(self, result: int) -> None:
        if not self.autosave.flush(wait_ms=CLOSING_WAIT_MS):
            # Closing now would lose what was typed: stay open, keep retrying, say so.
            self.saved_label.setText(strings.NOT_SAVED_KEPT_OPEN)
            return
        super().done(result)
