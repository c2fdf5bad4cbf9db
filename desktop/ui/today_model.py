"""Today as an item model: sections, the groups in them, and each group's steps.

A tree of three levels: a section ("Waiting for you"), a group ("After your Acme
interview — Sun 22 Nov"), and its steps, each a checkable row. A step of its own (a
follow-up, a nudge) is shown as a row of the section itself. `show` brings the tree in line with a new `TodayList` by keys,
touching only the rows that differ (a step answered is one row removed), so a change
costs what changed, not a rebuild of three hundred rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop.playbook.groups import Group
from desktop.services.reminders import ReminderView
from desktop.services.today import Section, TodayList
from desktop.ui import strings
from desktop.ui.formatting import short_when, when

STEP_ROLE = Qt.ItemDataRole.UserRole + 1  # the ReminderView of a step row, else None
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "section", "group" or "step"

SECTION_TITLES = {
    Section.WAITING: strings.TODAY_OVERDUE,
    Section.LATER_TODAY: strings.TODAY_TODAY,
    Section.THIS_WEEK: strings.TODAY_WEEK,
}

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    kind: str  # "section", "group", "step"
    key: str
    payload: object  # what the row shows: its equality says whether to redraw it
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


# A wanted row: (kind, key, payload, its wanted children).
_Wanted = tuple[str, str, object, list["_Wanted"]]


@dataclass(frozen=True)
class _GroupRow:
    title: str
    count: int
    due_at: datetime


class TodayModel(QAbstractItemModel):
    # A step's check box was ticked (its reminder id): the view marks it done.
    done_requested = Signal(int)

    def __init__(self, tz: tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self._root = _Node("root", "", None)
        self._bold = QFont()
        self._bold.setBold(True)

    # ----- bringing the tree in line ------------------------------------------------------

    def show(self, today: TodayList) -> None:
        wanted: list[_Wanted] = []
        for section, groups in today.sections:
            rows: list[_Wanted] = []
            for group in groups:
                rows.append(self._wanted_group(group))
            wanted.append(("section", section.value, SECTION_TITLES[section], rows))
        self._sync(self._root, QModelIndex(), wanted)

    def _wanted_group(self, group: Group[ReminderView]) -> _Wanted:
        if group.alone:
            return _wanted_step(group.steps[0])
        steps = [_wanted_step(s) for s in group.steps]
        return ("group", f"g:{group.key}", _GroupRow(group.title, len(steps), group.due_at), steps)

    def _sync(self, node: _Node, at: QModelIndex, wanted: list[_Wanted]) -> None:
        keys = {key for _, key, _, _ in wanted}
        for row in range(len(node.children) - 1, -1, -1):
            if node.children[row].key not in keys:
                self.beginRemoveRows(at, row, row)
                del node.children[row]
                self.endRemoveRows()
        for row, (kind, key, payload, children) in enumerate(wanted):
            present = node.children[row] if row < len(node.children) else None
            if present is None or present.key != key:
                later = next((n for n in node.children[row + 1 :] if n.key == key), None)
                if later is not None:
                    source = node.children.index(later)
                    self.beginMoveRows(at, source, source, at, row)
                    node.children.insert(row, node.children.pop(source))
                    self.endMoveRows()
                    present = later
                else:
                    self.beginInsertRows(at, row, row)
                    node.children.insert(row, _build(kind, key, payload, children, node))
                    self.endInsertRows()
                    continue
            if present.payload is not payload and (
                present.payload != payload or present.kind != kind
            ):
                present.kind, present.payload = kind, payload
                index = self.index(row, 0, at)
                self.dataChanged.emit(index, index)
            if children or present.children:  # a step has none: no index to make
                self._sync(present, self.index(row, 0, at), children)

    # ----- reading ------------------------------------------------------------------------

    def step_index(self, reminder_id: int) -> QModelIndex:
        """Where a step is shown, or an invalid index."""
        key = f"s:{reminder_id}"

        def find(node: _Node, at: QModelIndex) -> QModelIndex:
            for row, child in enumerate(node.children):
                here = self.index(row, 0, at)
                if child.key == key:
                    return here
                found = find(child, here)
                if found.isValid():
                    return found
            return QModelIndex()

        return find(self._root, QModelIndex())

    def steps(self) -> list[ReminderView]:
        """Every step shown, top to bottom."""
        out: list[ReminderView] = []

        def walk(node: _Node) -> None:
            for child in node.children:
                if child.kind == "step":
                    assert isinstance(child.payload, ReminderView)
                    out.append(child.payload)
                walk(child)

        walk(self._root)
        return out

    # ----- QAbstractItemModel -------------------------------------------------------------

    def _node(self, index: Index) -> _Node:
        # Called thousands of times a layout: no more than the pointer it holds.
        node: _Node = index.internalPointer() if index.isValid() else self._root
        return node

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        kind = self._node(index).kind
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
        node = self._node(index)
        if role == KIND_ROLE:
            return node.kind
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
        step = node.payload
        assert isinstance(step, ReminderView)
        # Under its group the moment is named already: the step says only its task.
        in_group = node.parent is not None and node.parent.kind == "group"
        name = (step.task or step.title) if in_group else step.title
        due = strings.DUE_AT.format(when=short_when(step.due_at, self.tz))
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
        node = self._node(index)
        if node.kind != "step" or value not in (Qt.CheckState.Checked, Qt.CheckState.Checked.value):
            return False
        assert isinstance(node.payload, ReminderView)
        # Ticked is done: the answer is saved and the refresh that follows removes the row.
        self.done_requested.emit(node.payload.id)
        return True


def _wanted_step(step: ReminderView) -> _Wanted:
    return ("step", f"s:{step.id}", step, [])


def _build(kind: str, key: str, payload: object, children: list[_Wanted], parent: _Node) -> _Node:
    node = _Node(kind, key, payload, parent)
    node.children = [_build(k, key_, p, c, node) for k, key_, p, c in children]
    return node
