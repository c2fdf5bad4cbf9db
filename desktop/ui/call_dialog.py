"""The recruiter call as a private checklist: what to say, built from the debrief, ticked
off during the call and answered with "Call done". Nothing here can be sent."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.playbook import texts
from desktop.services import NotFound
from desktop.services.changes import NOTHING
from desktop.services.recruiter_call import CallPlan
from desktop.services.reminders import OPEN_STATE_VALUES, mark_done, reminder_view
from desktop.ui import strings
from desktop.ui.screen_fit import fit_to_screen


class CallDialog(QDialog):
    debrief_requested = Signal(int)  # interview id
    call_done = Signal(int)  # reminder id

    def __init__(self, plan: CallPlan, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.clock = clock
        self.changes = NOTHING  # the reminder answered, for the window once it closes
        title = (
            strings.CALL_TITLE.format(
                recruiter=plan.recruiter, company=plan.company, role=plan.role
            )
            if plan.recruiter
            else strings.CALL_TITLE_NO_RECRUITER.format(company=plan.company, role=plan.role)
        )
        self.setWindowTitle(title)
        fit_to_screen(self, QSize(600, 640))
        layout = QVBoxLayout(self)
        private = QLabel(strings.CALL_PRIVATE)
        private.setEnabled(False)
        layout.addWidget(private)
        intro = QLabel(texts.CALL_INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.debrief_button: QPushButton | None = None
        if not plan.has_debrief and plan.interview_id is not None:
            missing = QLabel(texts.CALL_NO_DEBRIEF)
            missing.setWordWrap(True)
            layout.addWidget(missing)
            self.debrief_button = QPushButton(strings.CALL_WRITE_DEBRIEF)
            self.debrief_button.clicked.connect(self._write_debrief)
            layout.addWidget(self.debrief_button)
        sections = QWidget()
        column = QVBoxLayout(sections)
        self.items: list[QCheckBox] = []
        for section in plan.sections:
            group = QGroupBox(section.title)
            inner = QVBoxLayout(group)
            for item in section.items:
                box = QCheckBox(item)
                self.items.append(box)
                inner.addWidget(_wrapped(box))
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(sections)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(
            strings.CALL_DONE, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(
            strings.CALL_LATER, QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def item_texts(self) -> list[str]:
        return [box.property("fullText") or box.text() for box in self.items]

    def _write_debrief(self) -> None:
        if self.plan.interview_id is not None:
            self.debrief_requested.emit(self.plan.interview_id)

    def accept(self) -> None:
        """Call done: the reminder is answered (unless it was answered elsewhere meanwhile)."""
        try:
            if reminder_view(self.plan.reminder_id).state.value in OPEN_STATE_VALUES:
                self.changes = mark_done(self.plan.reminder_id, self.clock)
        except NotFound:
            pass  # deleted meanwhile: nothing left to answer
        self.call_done.emit(self.plan.reminder_id)
        super().accept()


def _wrapped(box: QCheckBox) -> QWidget:
    """A checkbox whose long text wraps: a checkbox has no word wrap of its own, so the
    words go in a label beside it."""
    text = box.text()
    box.setProperty("fullText", text)
    box.setText("")
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(box, 0)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setBuddy(box)
    # Clicking the words ticks the box, as with a plain checkbox.
    label.mousePressEvent = lambda _event: box.toggle()  # type: ignore[method-assign]
    row.addWidget(label, 1)
    return holder
