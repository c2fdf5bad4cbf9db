"""Today: what needs the user now, each with Done / Snooze / Open, and the week ahead."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.playbook.nudges import NudgeKind
from desktop.playbook.rules import Kind
from desktop.playbook.snooze import CHOICES
from desktop.services import NotFound, counts, reminders
from desktop.services.changes import Changes
from desktop.services.reminders import ReminderView, Snoozed
from desktop.services.vocabulary import InvalidTransition, Status
from desktop.ui import strings
from desktop.ui.formatting import when


class ReminderRow(QFrame):
    def __init__(self, view: ReminderView, tz, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"reminder_{view.id}")
        layout = QVBoxLayout(self)
        # Plain text: user data (names, companies) is never interpreted as markup.
        self.title = QLabel(view.title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.why = QLabel(view.why)
        for label in (self.title, self.why):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.due = QLabel(strings.DUE_AT.format(when=when(view.due_at, tz)))
        # Quieter than the title by size and slant, not by a grey that fades into the
        # panel: the palette's own text colour reads in light and dark themes.
        due_font = self.due.font()
        due_font.setItalic(True)
        self.due.setFont(due_font)
        layout.addWidget(self.title)
        layout.addWidget(self.why)
        layout.addWidget(self.due)
        buttons = QHBoxLayout()
        self.done_button = QPushButton(strings.DONE)
        self.snooze_button = QToolButton()
        self.snooze_button.setText(strings.SNOOZE)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = QPushButton(strings.OPEN)
        self.dismiss_button = QPushButton(strings.DISMISS)
        self.act_button: QPushButton | None = None
        act = strings.ACT_LABELS.get(view.kind.value)
        if act and view.opportunity_id is not None:
            self.act_button = QPushButton(act)
            buttons.addWidget(self.act_button)
        for button in (self.done_button, self.snooze_button, self.open_button, self.dismiss_button):
            buttons.addWidget(button)
        self.no_response_button: QPushButton | None = None
        if view.kind is Kind.NO_RESPONSE_CHECK:
            self.no_response_button = QPushButton(strings.MARK_NO_RESPONSE)
            buttons.addWidget(self.no_response_button)
        # Beside the reply to a "no": the reflection, for whenever the user wants it.
        self.reflect_button: QPushButton | None = None
        if view.kind is Kind.REJECTION_REPLY and view.opportunity_id is not None:
            self.reflect_button = QPushButton(strings.REFLECT)
            buttons.insertWidget(1, self.reflect_button)
        # The re-apply check-in: the posting the company had, one click away.
        self.link_button: QPushButton | None = None
        if view.link:
            self.link_button = QPushButton(strings.OPEN_POSTING)
            self.link_button.setToolTip(view.link)
            buttons.insertWidget(0, self.link_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._name_for_screen_readers(view)

    def _name_for_screen_readers(self, view: ReminderView) -> None:
        """A screen reader moving through the buttons hears "Done: Write your debrief
        while it's fresh — Acme, Data Analyst", not "Done" ten times over."""
        self.setAccessibleName(view.title)
        self.setAccessibleDescription(f"{view.why} {self.due.text()}")
        for button in [*self.findChildren(QPushButton), self.snooze_button]:
            label = button.text().replace("&", "")
            button.setAccessibleName(
                strings.A11Y_REMINDER_BUTTON.format(action=label, title=view.title)
            )


class TodayView(QWidget):
    open_requested = Signal(int)  # opportunity id
    act_requested = Signal(object)  # ReminderView: write the debrief or the note it asks for
    reflect_requested = Signal(int)  # opportunity id: the reflection after a "no"
    link_requested = Signal(str)  # a posting to open in the browser
    # Something was answered (its Changes): the owner redraws what it touched, this view
    # included, once.
    changed = Signal(object)

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.rows: dict[int, ReminderRow] = {}
        # (reminder id, what was done, the service call): set by the window to make
        # answers undoable; without it they run directly.
        self.answer: Callable[[int, str, Callable[[], object]], object] | None = None
        self.due_count = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        self.content = QWidget()
        self.content.setAccessibleName(strings.A11Y_TODAY)
        self.column = QVBoxLayout(self.content)
        self.column.addStretch(1)
        scroll.setWidget(self.content)
        self._empty = QLabel(strings.TODAY_EMPTY)
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._headers = {
            heading: QLabel(f"<h3>{heading}</h3>")
            for heading in (strings.TODAY_OVERDUE, strings.TODAY_TODAY, strings.TODAY_WEEK)
        }
        for label in (self._empty, *self._headers.values()):
            label.hide()

    def refresh(self) -> None:
        """Re-read what is open this week. Rows whose reminder reads the same stay in
        place, not rebuilt: answering one of three hundred costs one row, not all."""
        now = self.clock.now()
        local_now = now.astimezone(self.clock.tz)
        end_of_today = datetime.combine(local_now.date(), time.max, self.clock.tz)
        waiting = counts.waiting_now(now)
        ahead = [
            v for v in reminders.open_reminders_until(now + timedelta(days=7)) if v.due_at > now
        ]
        views = waiting + ahead
        groups = (
            (strings.TODAY_OVERDUE, waiting),
            (strings.TODAY_TODAY, [v for v in ahead if v.due_at <= end_of_today]),
            (strings.TODAY_WEEK, [v for v in ahead if v.due_at > end_of_today]),
        )
        # What is waiting now, as the tray badge and `debrief due` count it: later today
        # is listed but not counted.
        self.due_count = len(waiting)
        wanted: list[QWidget] = []
        if not views:
            wanted.append(self._empty)
        rows: dict[int, ReminderRow] = {}
        for heading, members in groups:
            if not members:
                continue
            wanted.append(self._headers[heading])
            for view in members:
                row = self.rows.get(view.id)
                if row is None or row.view != view:
                    row = ReminderRow(view, self.clock.tz)
                    self._wire(row)
                rows[view.id] = row
                wanted.append(row)
        self.rows = rows
        self._lay_out(wanted)

    def _lay_out(self, wanted: list[QWidget]) -> None:
        """Make the column show `wanted` in order (then the stretch), touching only what
        differs: each widget taken out or put in makes the layout measure again."""
        keep = set(wanted)
        at = 0
        while at < self.column.count() - 1:  # the last item is the stretch
            widget = self.column.itemAt(at).widget()
            if widget is not None and widget not in keep:
                self.column.takeAt(at)
                widget.hide()
                if isinstance(widget, ReminderRow):  # a heading or the empty note returns
                    widget.deleteLater()
                continue
            at += 1
        for at, widget in enumerate(wanted):
            item = self.column.itemAt(at)
            if item is not None and item.widget() is widget:
                continue
            if self.column.indexOf(widget) >= 0:
                self.column.removeWidget(widget)
            self.column.insertWidget(at, widget)
            widget.show()

    def _wire(self, row: ReminderRow) -> None:
        ident = row.view.id
        row.done_button.clicked.connect(
            lambda: self._answer(
                lambda: reminders.mark_done(ident, self.clock), ident, strings.DID_DONE
            )
        )
        row.dismiss_button.clicked.connect(
            lambda: self._answer(
                lambda: reminders.dismiss(ident, self.clock), ident, strings.DID_DISMISS
            )
        )
        for choice, label in CHOICES.items():
            action = row.snooze_menu.addAction(label)
            action.setData(choice)
            action.triggered.connect(lambda _=False, c=choice: self.snooze(ident, c))
        if row.act_button is not None:
            row.act_button.clicked.connect(lambda: self.act_requested.emit(row.view))
        if row.reflect_button is not None and row.view.opportunity_id is not None:
            about = row.view.opportunity_id
            row.reflect_button.clicked.connect(lambda: self.reflect_requested.emit(about))
        if row.link_button is not None:
            link = row.view.link
            row.link_button.clicked.connect(lambda: self.link_requested.emit(link))
        if row.view.opportunity_id is not None:
            target = row.view.opportunity_id
            row.open_button.clicked.connect(lambda: self.open_requested.emit(target))
            if row.no_response_button is not None:
                row.no_response_button.clicked.connect(
                    lambda: self._mark_no_response(ident, target)
                )
        elif isinstance(row.view.kind, NudgeKind) and row.view.kind is not NudgeKind.RECHARGE:
            # A nudge opens where its next step happens: Add an opportunity, the rejection
            # reply, or Insights (a pause to rest has nothing to open).
            row.open_button.clicked.connect(lambda: self.act_requested.emit(row.view))
        else:
            row.open_button.setEnabled(False)

    def snooze(self, reminder_id: int, choice: str) -> None:
        self._answer(
            lambda: reminders.snooze_choice(reminder_id, choice, self.clock),
            reminder_id,
            strings.DID_SNOOZE,
        )

    def _mark_no_response(self, reminder_id: int, opportunity_id: int) -> None:
        from desktop.services.opportunities import change_status

        def act() -> Changes:
            # Done first: the status change would otherwise cancel the check unanswered.
            answered = reminders.mark_done(reminder_id, self.clock)
            return answered | change_status(opportunity_id, Status.NO_RESPONSE, self.clock)

        self._answer(act, reminder_id, strings.DID_NO_RESPONSE)

    def _answer(
        self,
        action: Callable[[], Changes | Snoozed | None],
        reminder_id: int | None = None,
        said: str = "",
    ) -> None:
        view = self.rows[reminder_id].view if reminder_id in self.rows else None
        if self.answer is not None and view is not None:
            # The window's undo stack runs it, redraws what it changed and offers Undo.
            self.answer(reminder_id, said.format(title=view.title), action)
            return
        # Answered elsewhere meanwhile (tray, command line): the refresh shows it.
        done: Changes | Snoozed | None = None
        with contextlib.suppress(NotFound, InvalidTransition):
            done = action()
        if isinstance(done, Snoozed):
            done = done.changes
        self.changed.emit(done if done is not None else Changes(reminders=True))
