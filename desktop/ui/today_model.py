"""Today as an item model: sections, the groups in them, and each group's steps.

A checklist of three levels shown as one flat list: a section ("Waiting for you"), a
group ("After your Acme interview — Sun 22 Nov") set in under it, and its steps, each a
checkable row set in further. A step of its own (a follow-up, a nudge) is set in under
its section. Flat, not a tree: after a row is removed a tree view re-lays out every row
through Python calls (`index`, `parent`, `flags`, and a `parent` per expanded group in
`beginRemoveRows`), about a thousand calls an answer; a list of uniform rows lays out
without asking the model. `show` brings the list in line with a new `TodayList` by keys,
touching only the rows that differ (a step answered is one row removed), so a change
costs what changed, not a rebuild of three hundred rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop.domain.clock import Clock
from desktop.ui import strings
from desktop.ui.formatting import short_when, when

if TYPE_CHECKING:
    from desktop.services.reminders import ReminderView
    from desktop.services.today import TodayList

STEP_ROLE = Qt.ItemDataRole.UserRole + 1  # the ReminderView of a step row, else None
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "section", "group" or "step"
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 3  # 0 a section, 1 under it, 2 a step of a group

# By `services.today.Section` value: that module reads the database, which the window's
# first frame does not import.
SECTION_TITLES = {
    "waiting": strings.TODAY_OVERDUE,
    "later_today": strings.TODAY_TODAY,
    "this_week": strings.TODAY_WEEK,
}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Row:
    kind: str  # "section", "group", "step"
    key: str
    payload: object  # what the row shows: its equality says whether to redraw it
    depth: int


@dataclass(frozen=True)
class _GroupRow:
    title: str
    count: int
    due_at: datetime


class TodayModel(QAbstractListModel):
    # A step's check box was ticked (its reminder id): the view marks it done.
    done_requested = Signal(int)

    def __init__(self, clock: Clock, parent: Any = None) -> None:
        super().__init__(parent)
        self.clock = clock  # its zone and year are read as each step is shown: they change
        self._rows: list[_Row] = []
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def tz(self) -> tzinfo:
        return self.clock.tz

    # ----- bringing the list in line ------------------------------------------------------

    def show(self, today: TodayList) -> None:
        wanted: list[_Row] = []
        for section, groups in today.sections:
            wanted.append(_Row("section", section.value, SECTION_TITLES[section.value], 0))
            for group in groups:
                if group.alone:
                    wanted.append(_step(group.steps[0], 1))
                    continue
                title = _GroupRow(group.title, len(group.steps), group.due_at)
                wanted.append(_Row("group", f"g:{group.key}", title, 1))
                wanted.extend(_step(s, 2) for s in group.steps)
        self._sync(wanted)

    def _sync(self, wanted: list[_Row]) -> None:
        rows = self._rows
        keys = {row.key for row in wanted}
        end = len(rows)
        while end > 0:  # runs of rows no longer wanted, removed from the bottom up
            if rows[end - 1].key in keys:
                end -= 1
                continue
            start = end - 1
            while start > 0 and rows[start - 1].key not in keys:
                start -= 1
            self.beginRemoveRows(QModelIndex(), start, end - 1)
            del rows[start:end]
            self.endRemoveRows()
            end = start
        for at, row in enumerate(wanted):
            present = rows[at] if at < len(rows) else None
            if present is None or present.key != row.key:
                source = next((i for i in range(at + 1, len(rows)) if rows[i].key == row.key), -1)
                if source < 0:
                    self.beginInsertRows(QModelIndex(), at, at)
                    rows.insert(at, row)
                    self.endInsertRows()
                    continue
                self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), at)
                rows.insert(at, rows.pop(source))
                self.endMoveRows()
                present = rows[at]
            if present.payload is not row.payload and (
                present.payload != row.payload
                or present.kind != row.kind
                or present.depth != row.depth
            ):
                rows[at] = row
                index = self.index(at, 0)
                self.dataChanged.emit(index, index)

    # ----- reading ------------------------------------------------------------------------

    def step_index(self, reminder_id: int) -> QModelIndex:
        """Where a step is shown, or an invalid index."""
        key = f"s:{reminder_id}"
        for at, row in enumerate(self._rows):
            if row.key == key:
                return self.index(at, 0)
        return QModelIndex()

    def steps(self) -> list[ReminderView]:
        """Every step shown, top to bottom."""
        return [cast("ReminderView", row.payload) for row in self._rows if row.kind == "step"]

    # ----- QAbstractItemModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        kind = self._rows[index.row()].kind
        if kind == "section":
            return Qt.ItemFlag.ItemIsEnabled
        if kind == "group":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._rows[index.row()]
        if role == KIND_ROLE:
            return node.kind
        if role == DEPTH_ROLE:
            return node.depth
        if node.kind == "section":
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return node.payload
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        if node.kind == "group":
            group = node.payload
            assert isinstance(group, _GroupRow)
            if role == Qt.ItemDataRole.DisplayRole:
                return group.title
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return strings.A11Y_TODAY_GROUP.format(title=group.title, count=group.count)
            return None
        step = cast("ReminderView", node.payload)  # a step row's payload (see _step)
        # Under its group the moment is named already: the step says only its task.
        in_group = node.depth == 2
        name = (step.task or step.title) if in_group else step.title
        due = strings.DUE_AT.format(when=short_when(step.due_at, self.tz, self.clock.now()))
        if role == Qt.ItemDataRole.DisplayRole:
            # One line, as a checklist reads (the card below says why); plain text in a
            # view item, so user data is never read as markup.
            return f"{name}  ·  {due}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Unchecked
        if role == STEP_ROLE:
            return step
        if role == Qt.ItemDataRole.ToolTipRole:
            full = strings.DUE_AT.format(when=when(step.due_at, self.tz))
            return f"{step.title}\n{step.why}\n{full}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{name}. {due}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return step.why
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        node = self._rows[index.row()]
        if node.kind != "step" or value not in (Qt.CheckState.Checked, Qt.CheckState.Checked.value):
            return False
        # Ticked is done: the answer is saved and the refresh that follows removes the row.
        self.done_requested.emit(cast("ReminderView", node.payload).id)
        return True


def _step(step: ReminderView, depth: int) -> _Row:
    return _Row("step", f"s:{step.id}", step, depth)
