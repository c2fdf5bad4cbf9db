"""Today: what needs the user now and the week ahead, the steps of one moment grouped as
a checklist; the current step's card below it answers it (Done / Snooze / Open…)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.services import NotFound
from desktop.services.changes import Changes
from desktop.services.vocabulary import InvalidTransition, Status
from desktop.ui import strings
from desktop.ui.formatting import when
from desktop.ui.today_model import DEPTH_ROLE, STEP_ROLE, TodayModel

if TYPE_CHECKING:
    from desktop.services.reminders import ReminderView, Snoozed

# The playbook's kinds and snooze choices are imported where a step is shown or answered:
# the first frame shows no step, and the rules and nudges cost 13 ms before its paint.


class ReminderRow(QFrame):
    def __init__(self, view: ReminderView, tz: tzinfo, parent: QWidget | None = None) -> None:
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
        from desktop.playbook.rules import Kind

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
        self._buttons = buttons
        self._name_for_screen_readers(view)

    def answer_buttons(self) -> list[QPushButton]:
        """Its push buttons in the order shown (the snooze button has its own menu)."""
        out = []
        for at in range(self._buttons.count()):
            item = self._buttons.itemAt(at)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton):
                out.append(widget)
        return out

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


# A partial re-read (`TodayView.apply`) is exact for what changed; steps of other
# opportunities only enter the week ahead as time passes, so a full read is this recent.
FULL_READ_EVERY = timedelta(minutes=5)
# Steps read off the GUI thread are shown if no older than this when the refresh comes.
HANDED_OVER_FOR = timedelta(seconds=30)
ROW_PADDING = 8  # pixels added to each row's height
INDENT = 18  # pixels a group is set in under its section, and a step under its group


class _Roomy(QStyledItemDelegate):
    """Rows a little taller than the text: a checklist to tick, not a dense table; each
    set in by its depth, as a tree would indent it."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, _set_in(option, index), index)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        # The check box is where it was painted: the click must be measured there too.
        return super().editorEvent(event, model, _set_in(option, index), index)


def _set_in(
    option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
) -> QStyleOptionViewItem:
    depth = index.data(DEPTH_ROLE)
    if not depth:
        return option
    moved = QStyleOptionViewItem(option)
    moved.rect = option.rect.adjusted(INDENT * int(depth), 0, 0, 0)
    return moved


class _TodayTree(QListView):
    """The checklist. Keys for the current step: Space ticks it done (the check box),
    Enter opens it, S opens the snooze choices, Delete dismisses it; the menu key shows
    every answer."""

    key_action = Signal(str)  # "snooze", "dismiss"

    def event(self, event: QEvent) -> bool:
        # Delete is also the window's "delete the selected opportunity": in the list the
        # key belongs to the step, so the window's shortcut must not take it first.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _plain(event)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_S)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _plain(event):
            if event.key() == Qt.Key.Key_S:
                self.key_action.emit("snooze")
                return
            if event.key() == Qt.Key.Key_Delete:
                self.key_action.emit("dismiss")
                return
        super().keyPressEvent(event)


def _plain(event: QKeyEvent) -> bool:
    return event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class TodayView(QWidget):
    """Groups with their steps as a checklist (a model/view tree that updates only the
    rows that changed), and below it the current step with all its answers."""

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
        self._rows: dict[int, ReminderView] = {}  # every step shown, by reminder id
        # Read but not yet shown: the view was hidden (another tab, the window in the
        # tray), and is brought in line when next shown or asked for its rows.
        self._behind = False
        self.card: ReminderRow | None = None  # the current step's answers
        # (reminder id, what was done, the service call): set by the window to make
        # answers undoable; without it they run directly.
        self.answer: Callable[[int, str, Callable[[], object]], object] | None = None
        self.due_count = 0
        self._steps: list[ReminderView] = []  # what was read, oldest first
        self._read_at: datetime | None = None  # when all of it was last read
        self._ready: tuple[datetime, list[ReminderView]] | None = None  # see hand_over
        self.model = TodayModel(clock, self)
        self.model.done_requested.connect(self._done)
        self.tree = _TodayTree()
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(_Roomy(self.tree))
        # Every row is one line: the view never measures three hundred rows one by one.
        self.tree.setUniformItemSizes(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(False)
        self.tree.setAccessibleName(strings.A11Y_TODAY)
        self.tree.setAccessibleDescription(strings.A11Y_TODAY_DESCRIPTION)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(self._activated)
        self.tree.key_action.connect(self._key_action)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_card())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._empty = QLabel(strings.TODAY_EMPTY)
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.hide()
        self._hint = QLabel(strings.TODAY_CHOOSE_STEP)
        self._hint.setWordWrap(True)
        self._hint.hide()
        self._card_box = QVBoxLayout()
        self._card_box.setContentsMargins(0, 0, 0, 0)
        self._card_box.addWidget(self._hint)
        outer.addWidget(self.tree, 1)
        outer.addWidget(self._empty, 1)
        outer.addLayout(self._card_box)

    def refresh(self) -> None:
        """Re-read what is open this week (or take what `hand_over` gave, if just read).
        Only the rows that differ change in the model: answering one step of three
        hundred removes one row."""
        now = self.clock.now()
        ready, self._ready = self._ready, None
        if ready is not None and timedelta(0) <= now - ready[0] <= HANDED_OVER_FOR:
            self._read_at, self._steps = ready
        else:
            from desktop.services.today import open_steps

            self._steps = open_steps(now)
            self._read_at = now
        self._show(now)

    def hand_over(self, steps: list[ReminderView], read_at: datetime) -> None:
        """Steps read at `read_at` by a worker (with the list, after an import or a
        restore): the next `refresh` shows them instead of reading them on the GUI
        thread (20-40 ms at 10,000 opportunities)."""
        self._ready = (read_at, steps)

    def apply(self, changes: Changes) -> None:
        """Re-read only the steps of the opportunities `changes` names, and every prep
        when the lessons may have changed (a prep quotes those of earlier debriefs). Anything
        wider re-reads all: every opportunity, settings, a nudge (no opportunity), or a
        list read long ago (steps enter the week ahead as time passes)."""
        now = self.clock.now()
        ids = changes.opportunities
        if (
            not isinstance(ids, frozenset)
            or not ids
            or changes.settings
            or self._read_at is None
            or not timedelta(0) <= now - self._read_at <= FULL_READ_EVERY
        ):
            self.refresh()
            return
        from desktop.playbook.rules import Kind

        kinds = frozenset({Kind.PREP}) if changes.lessons_changed else frozenset()
        kept = [v for v in self._steps if v.opportunity_id not in ids and v.kind not in kinds]
        from desktop.services.today import open_steps

        fresh = open_steps(now, ids, kinds)
        self._steps = sorted([*kept, *fresh], key=lambda v: (v.due_at, v.id))
        self._show(now)

    @property
    def rows(self) -> dict[int, ReminderView]:
        """Every step shown, by reminder id."""
        self._catch_up()
        return self._rows

    def showEvent(self, event: QShowEvent) -> None:
        self._catch_up()  # before the first paint
        super().showEvent(event)

    def _catch_up(self) -> None:
        if self._behind:
            self._sync(self.clock.now())

    def _show(self, now: datetime) -> None:
        # What is waiting now, as the tray badge and `debrief due` count it: later today
        # is listed but not counted.
        self.due_count = sum(1 for view in self._steps if view.due_at <= now)
        if self.isVisible():
            self._sync(now)
        else:  # nobody sees the list: it is laid out once, when next shown
            self._behind = True

    def _sync(self, now: datetime) -> None:
        self._behind = False
        from desktop.services.today import today_list

        today = today_list(self._steps, now, self.clock.tz)
        before = self.current_step()
        order = list(self._rows)
        at = order.index(before.id) if before is not None and before.id in self._rows else 0
        self.model.show(today)
        self._rows = {view.id: view for view in self.model.steps()}
        empty = not self._rows
        self.tree.setVisible(not empty)
        self._empty.setVisible(empty)
        gone = before is not None and before.id not in self._rows
        if self._rows and (gone or not self.tree.currentIndex().isValid()):
            # The step just answered is gone: the one that took its place is next, as
            # a checklist is worked down (not back to the top).
            ids = list(self._rows)
            self.tree.setCurrentIndex(self.model.step_index(ids[min(at, len(ids) - 1)]))
        else:
            self._show_card()

    def current_step(self) -> ReminderView | None:
        # A step row's ReminderView, None on a section's or a group's row.
        return cast("ReminderView | None", self.tree.currentIndex().data(STEP_ROLE))

    def actions_for(self, reminder_id: int) -> ReminderRow:
        """Make this step the current one and give its answers (the card below the
        list), as a click or the arrow keys would."""
        self._catch_up()
        index = self.model.step_index(reminder_id)
        if not index.isValid():
            raise KeyError(reminder_id)
        self.tree.setCurrentIndex(index)
        assert self.card is not None and self.card.view.id == reminder_id
        return self.card

    def _show_card(self) -> None:
        view = self.current_step()
        if self.card is not None and view is not None and self.card.view == view:
            return
        had_focus = self.card is not None and self.card.isAncestorOf(self.focusWidget())
        if self.card is not None:
            self._card_box.removeWidget(self.card)
            self.card.hide()
            self.card.deleteLater()
            self.card = None
        self._hint.setVisible(view is None and bool(self._rows))
        if view is not None:
            self.card = ReminderRow(view, self.clock.tz)
            self._wire(self.card)
            self._card_box.addWidget(self.card)
        if had_focus:
            # The step answered from its card is gone: the list keeps the keyboard.
            self.tree.setFocus()

    def _activated(self, index: QModelIndex) -> None:
        """Enter or a double click on a step: open what it is about."""
        view = index.data(STEP_ROLE)
        card = self.card
        if view is not None and card is not None and card.open_button.isEnabled():
            card.open_button.click()

    def _key_action(self, action: str) -> None:
        view = self.current_step()
        if view is None or self.card is None:
            return
        if action == "snooze":
            rect = self.tree.visualRect(self.tree.currentIndex())
            self.card.snooze_menu.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))
        elif action == "dismiss":
            self.card.dismiss_button.click()

    def _context_menu(self, at: QPoint) -> None:
        index = self.tree.indexAt(at)
        if not index.isValid() or index.data(STEP_ROLE) is None:
            return
        self.tree.setCurrentIndex(index)
        card = self.card
        if card is None:
            return
        menu = QMenu(self)
        for button in card.answer_buttons():
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.addMenu(card.snooze_menu).setText(strings.SNOOZE)
        menu.popup(self.tree.viewport().mapToGlobal(at))

    def _done(self, reminder_id: int) -> None:
        from desktop.services import reminders

        self._answer(
            lambda: reminders.mark_done(reminder_id, self.clock), reminder_id, strings.DID_DONE
        )

    def _wire(self, row: ReminderRow) -> None:
        from desktop.playbook.nudges import NudgeKind
        from desktop.playbook.snooze import CHOICES
        from desktop.services import reminders

        ident = row.view.id
        row.done_button.clicked.connect(lambda: self._done(ident))
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
        from desktop.services import reminders

        self._answer(
            lambda: reminders.snooze_choice(reminder_id, choice, self.clock),
            reminder_id,
            strings.DID_SNOOZE,
        )

    def _mark_no_response(self, reminder_id: int, opportunity_id: int) -> None:
        from desktop.services import reminders
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
        view = self.rows.get(reminder_id) if reminder_id is not None else None
        if self.answer is not None and view is not None:
            # The window's undo stack runs it, redraws what it changed and offers Undo.
            self.answer(view.id, said.format(title=view.title), action)
            return
        # Answered elsewhere meanwhile (tray, command line): the refresh shows it.
        done: Changes | Snoozed | None = None
        with contextlib.suppress(NotFound, InvalidTransition):
            done = action()
        from desktop.services.reminders import Snoozed

        if isinstance(done, Snoozed):
            done = done.changes
        self.changed.emit(done if done is not None else Changes(reminders=True))
