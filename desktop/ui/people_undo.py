"""The People tab's edits and vCard imports as steps on the window's undo stack: redo is
the service call, undo puts the people it touched back as they were (and removes those it
added), each one transaction in the services."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtGui import QUndoCommand

from desktop.domain.forms import FormError
from desktop.services import NotFound
from desktop.services.changes import Changes
from desktop.services.people_undo import PeopleSnapshot, restore_people, snapshot_people
from desktop.services.person_edit import ImportOutcome

Outcome = Changes | ImportOutcome
After = Callable[[Changes, bool], None]  # (what changed, undone?)


class PeopleCommand(QUndoCommand):
    """`act` edits or imports the people `contact_ids` (those it may change; an import's
    new people it reports itself); `after` redraws what changed."""

    def __init__(
        self, text: str, contact_ids: Collection[int], act: Callable[[], Outcome], after: After
    ) -> None:
        super().__init__(text)
        self._ids, self._act, self._after = tuple(contact_ids), act, after
        self.snapshot: PeopleSnapshot | None = None
        self.outcome: Outcome | None = None
        self.error: Exception | None = None

    @property
    def changes(self) -> Changes:
        if isinstance(self.outcome, ImportOutcome):
            return self.outcome.changes
        return self.outcome if self.outcome is not None else Changes()

    def redo(self) -> None:
        try:
            self.snapshot = snapshot_people(self._ids)
            self.outcome = self._act()
        except (NotFound, FormError) as error:
            # Deleted, or the email taken, elsewhere meanwhile: nothing was done.
            self.error = error
            self.setObsolete(True)
            return
        self._after(self.changes, False)

    def undo(self) -> None:
        assert self.snapshot is not None
        added = self.outcome.added if isinstance(self.outcome, ImportOutcome) else ()
        self._after(restore_people(self.snapshot, added) | self.changes, True)
