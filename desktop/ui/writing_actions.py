"""The window's writing actions: the debrief form, the reflection, and composing notes,
each opened as a modeless dialog so the user can look things up while writing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog

from desktop.services import NotFound
from desktop.services.changes import Changes
from desktop.ui.lazy_qt import Qt
from desktop.ui.window_mixin import WindowMixin

if TYPE_CHECKING:
    from desktop.domain.clock import Clock
    from desktop.services.notes import NoteContext
    from desktop.services.reminders import ReminderView
    from desktop.ui.detail_pane import DetailPane


# The writing dialogs are imported when first opened, not at start-up.


class WritingActions(WindowMixin):
    """Mixed into MainWindow; what it uses of the window is declared below, and mypy checks
    that MainWindow provides it with these types."""

    if TYPE_CHECKING:
        clock: Clock
        confirm: Callable[[str, str], bool]

        @property
        def detail(self) -> DetailPane: ...

        active_dialog: QDialog | None
        data_changed: Signal

        def show_error(self, text: str) -> None: ...
        def refresh(self, select_id: int | None = None) -> None: ...
        def apply(self, changes: Changes, select_id: int | None = None) -> None: ...
        def selected_id(self) -> int | None: ...
        def open_opportunity(self, opportunity_id: int) -> None: ...
        def show_insights(self) -> None: ...
        def new_opportunity(self) -> QDialog: ...

    def act_on_reminder(self, view: ReminderView) -> QDialog | None:
        """A reminder's main action: the debrief form or the note it asks for; otherwise
        its opportunity."""
        from desktop.playbook.nudges import NudgeKind  # the playbook: not before the paint
        from desktop.playbook.rules import FELT_WRONG_KINDS, Kind

        if isinstance(view.kind, NudgeKind):
            return self.act_on_nudge(view)
        if view.kind is Kind.OWN:
            if view.opportunity_id is not None:
                self.open_opportunity(view.opportunity_id)
            return None
        if view.kind is Kind.DEBRIEF and view.interview_id is not None:
            return self.open_debrief(view.interview_id)
        if view.kind is Kind.RECRUITER_CALL:
            return self.open_call(view.id)
        if view.kind in FELT_WRONG_KINDS:
            # Read and acted on: the evidence is the user's whole record, in Insights.
            from desktop.services.reminders import mark_done

            self.data_changed.emit(mark_done(view.id, self.clock))
            self.show_insights()
            return None
        from desktop.services.notes import context_for_reminder

        try:
            context = context_for_reminder(view.id, self.clock)
        except NotFound as error:
            self.show_error(str(error))
            return None
        if context is not None:
            return self.compose(context)
        if view.opportunity_id is not None:
            self.open_opportunity(view.opportunity_id)
        return None

    def act_on_nudge(self, view: ReminderView) -> QDialog | None:
        """Acting on a nudge is answering it: open where the next step happens."""
        from desktop.playbook.nudges import NudgeKind
        from desktop.services.reminders import latest_rejection_reply, mark_done

        self.data_changed.emit(mark_done(view.id, self.clock))
        if view.kind is NudgeKind.PAUSE:
            self.show_insights()
            return None
        if view.kind is NudgeKind.RECHARGE:
            return None  # permission to rest: nothing to open, nothing to add
        if view.kind is NudgeKind.AFTER_NO:
            rejected = latest_rejection_reply()
            if rejected is not None:
                return self.act_on_reminder(rejected)
        return self.new_opportunity()

    def open_debrief(self, interview_id: int) -> QDialog | None:
        from desktop.services.debriefs import lessons_for_interview  # not before first paint

        try:
            lessons = lessons_for_interview(interview_id)
        except NotFound as error:
            self.show_error(str(error).capitalize() + ". It may have been deleted elsewhere.")
            return None
        from desktop.ui.debrief_dialog import DebriefDialog

        dialog = DebriefDialog(interview_id, self.clock, lessons, self)
        dialog.finished_debrief.connect(lambda _id: self._written(dialog.changes))
        return self._show_modeless(dialog)

    def reflect_on_selected(self) -> QDialog | None:
        selected = self.selected_id()
        return self.reflect_on(selected) if selected is not None else None

    def reflect_on(self, opportunity_id: int) -> QDialog | None:
        """The reflection after a "no", from the detail pane or beside the reply's note."""
        from desktop.services.queries import opportunity_detail
        from desktop.ui.reflection_dialog import ReflectionDialog

        try:
            detail = opportunity_detail(opportunity_id)
        except NotFound as error:
            self.show_error(str(error).capitalize() + ". It may have been deleted elsewhere.")
            return None
        dialog = ReflectionDialog(opportunity_id, detail.company, detail.role, self.clock, self)
        return self._show_modeless(dialog)

    def compose_for_selected(self) -> QDialog | None:
        selected = self.selected_id()
        if selected is None:
            return None
        from desktop.services.notes import context_for

        try:
            context = context_for(selected, self.clock)
        except NotFound as error:
            self.show_error(str(error).capitalize() + ". It may have been deleted elsewhere.")
            return None
        return self.compose(context)

    def open_call(self, reminder_id: int) -> QDialog | None:
        """The recruiter call: a private checklist from the debrief, never an email."""
        from desktop.services.recruiter_call import call_plan  # not before the first paint

        try:
            plan = call_plan(reminder_id)
        except NotFound as error:
            self.show_error(str(error).capitalize() + ". It may have been deleted elsewhere.")
            return None
        from desktop.ui.call_dialog import CallDialog

        dialog = CallDialog(plan, self.clock, self)
        dialog.debrief_requested.connect(self.open_debrief)
        dialog.finished.connect(lambda _result: self._written(dialog.changes))
        return self._show_modeless(dialog)

    def compose(self, context: NoteContext) -> QDialog:
        from desktop.ui.compose_dialog import ComposeDialog

        dialog = ComposeDialog(context, self.clock, self.confirm, parent=self)
        dialog.finished.connect(lambda _result: self._written(dialog.changes))
        return self._show_modeless(dialog)

    def _written(self, changes: Changes) -> None:
        """A writing dialog closed: redraw what its saves changed (its opportunity, the
        reminders it answered, the debriefs), and let the scheduler and the tray follow."""
        if changes:
            self.apply(changes)
            self.data_changed.emit(changes)

    def _show_modeless(self, dialog: QDialog) -> QDialog:
        # Modeless: the user can look things up in the window while writing.
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        return dialog
