"""Undo for the window's actions that lose or change something: delete, archive, a
change of outcome and answering a reminder. Each goes on a QUndoStack as a command whose
redo is the service call and whose undo puts the snapshot taken just before it back,
each one transaction in the services. Ctrl+Z in the Edit menu, and an Undo button on the
brief message that follows the action."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu

from desktop.services import NotFound
from desktop.services.changes import Changes
from desktop.services.vocabulary import InvalidTransition
from desktop.ui import strings
from desktop.ui.window_mixin import WindowMixin

if TYPE_CHECKING:
    from PySide6.QtCore import Signal

    from desktop.services.undo import Snapshot, Snapshots, Tables
    from desktop.ui.banner import Banner
    from desktop.ui.people_undo import PeopleCommand

# The snapshots (services/undo.py, and the people's behind it) are imported at the first
# undoable action, not before the window's first paint (benchmarks/README.md).

# Long enough to read the line and reach the button; Ctrl+Z stays after it has gone.
MESSAGE_MS = 10_000
_EXPECTED = (NotFound, InvalidTransition, ValueError)


class ServiceCommand(QUndoCommand):
    """`act` is the service call; `take` the snapshot it is undone to; `after` redraws
    what the call changed (its Changes; everything when it cannot say)."""

    def __init__(
        self,
        text: str,
        take: Callable[[], Snapshot | Snapshots],
        act: Callable[[], object],
        after: Callable[[Changes], None],
    ) -> None:
        super().__init__(text)
        self._take, self._act, self._after = take, act, after
        self.snapshot: Snapshot | Snapshots | None = None
        self.error: Exception | None = None
        self.changes = Changes.everything()

    def redo(self) -> None:
        try:
            self.snapshot = self._take()
            done = self._act()
        except _EXPECTED as error:
            # Gone or changed elsewhere meanwhile: nothing was done, nothing to undo.
            self.error = error
            self.setObsolete(True)
            self._after(Changes.everything())
            return
        from desktop.services.reminders import Snoozed  # imported by now: the act was one

        if isinstance(done, Snoozed):
            done = done.changes
        self.changes = done if isinstance(done, Changes) else Changes.everything()
        self._after(self.changes)

    def undo(self) -> None:
        from desktop.services.undo import restore

        assert self.snapshot is not None
        try:
            restore(self.snapshot)
        except _EXPECTED as error:
            self.error = error
            self._after(Changes.everything())
            return
        # The snapshot puts back what the call touched: the same opportunity, with its
        # interviews and reminders.
        self._after(Changes(self.changes.opportunities, reminders=True, interviews=True))


class UndoActions(WindowMixin):
    """Mixed into MainWindow, whose apply, banner, show_error and data_changed it uses."""

    if TYPE_CHECKING:
        banner: Banner
        data_changed: Signal

        def apply(self, changes: Changes, select_id: int | None = None) -> None: ...
        def show_error(self, text: str) -> None: ...

    def build_undo(self, menu: QMenu) -> None:
        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, strings.UNDO)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, strings.REDO)
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo)])
        self.undo_action.triggered.connect(self._say_undone)
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()

    def undoable(
        self,
        text: str,
        message: str,
        take: Callable[[], Snapshot | Snapshots],
        act: Callable[[], object],
        select_id: int | None = None,
        refused: str | None = None,
    ) -> bool:
        """Do `act` as an undoable step; say `message` with an Undo button. False when
        it could not be done (the message, or `refused` when given, then says why)."""

        def after(changes: Changes) -> None:
            self.apply(changes, select_id=select_id)
            self.data_changed.emit(changes)

        command = ServiceCommand(text, take, act, after)
        if not self.push_undoable(command, message):
            error = str(command.error).capitalize()
            self.show_error(refused or strings.UNDO_GONE.format(error=error))
            return False
        return True

    def push_undoable(self, command: ServiceCommand | PeopleCommand, message: str) -> bool:
        """Do a command as an undoable step (pushing runs its redo) and say `message` with
        an Undo button; False when it could not be done (its `error` says why)."""
        self.undo_stack.push(command)
        if command.error is not None:
            return False
        self.banner.show_text(message, [(strings.UNDO, self.undo_action.trigger)], MESSAGE_MS)
        return True

    def undoable_opportunity(
        self,
        opportunity_id: int,
        text: str,
        message: str,
        act: Callable[[], object],
        tables: Tables | None = None,
    ) -> bool:
        """`tables`: those `act` can change, when fewer than all of the opportunity's."""
        from desktop.services.undo import OPPORTUNITY_TABLES, snapshot_opportunity

        kept = OPPORTUNITY_TABLES if tables is None else tables
        return self.undoable(
            text, message, lambda: snapshot_opportunity(opportunity_id, kept), act, opportunity_id
        )

    def undoable_answer(self, reminder_id: int, text: str, act: Callable[[], object]) -> bool:
        from desktop.services.undo import snapshot_reminder

        return self.undoable(text, text + ".", lambda: snapshot_reminder(reminder_id), act)

    def _say_undone(self) -> None:
        # Ctrl+Z from the menu: the strip says what came back.
        done = self.undo_stack.command(self.undo_stack.index())
        if done is not None:
            self.banner.show_text(strings.UNDONE.format(what=done.text()), (), MESSAGE_MS)
