"""The opportunity list: a table model over read-model rows, and its filter."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.domain.clock import Clock
from desktop.services.queries import OpportunityRow
from desktop.services.vocabulary import Status
from desktop.ui import strings
from desktop.ui.formatting import day, short_when, when

COMPANY, ROLE, STATUS, NEXT_INTERVIEW, LAST_ACTIVITY = range(5)
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class OpportunityTableModel(QAbstractTableModel):
    """Sorts its own rows, once per sort with Python's sort, rather than letting the proxy
    compare rows pair by pair through Qt: with ten thousand rows that was a second."""

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock  # its zone is read as each time is shown: it can change
        self._rows: list[OpportunityRow] = []
        self._order = (LAST_ACTIVITY, Qt.SortOrder.DescendingOrder)

    def set_rows(self, rows: list[OpportunityRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def update_rows(self, fresh: list[OpportunityRow], touched: Collection[int]) -> None:
        """Put in the rows a change touched (`fresh`; those of `touched` missing from it
        were deleted), each where the sort order wants it, without resetting the model:
        the view, its filter and the selection keep the other ten thousand as they are."""
        by_id = {row.id: row for row in fresh}
        for row_id in touched:
            at = self.position_of(row_id)
            row = by_id.get(row_id)
            if at is not None and row is not None and self._fits_at(row, at):
                self._rows[at] = row
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(strings.COLUMNS) - 1))
                continue
            if at is not None:
                self.beginRemoveRows(QModelIndex(), at, at)
                del self._rows[at]
                self.endRemoveRows()
            if row is not None:
                to = self._insertion_point(row)
                self.beginInsertRows(QModelIndex(), to, to)
                self._rows.insert(to, row)
                self.endInsertRows()

    def position_of(self, row_id: int) -> int | None:
        for at, row in enumerate(self._rows):
            if row.id == row_id:
                return at
        return None

    def _before(self, a: OpportunityRow, b: OpportunityRow) -> bool:
        """Whether `a` sorts strictly before `b` in the current order."""
        column, order = self._order
        key_a, key_b = self._sort_key(a, column), self._sort_key(b, column)
        if order == Qt.SortOrder.DescendingOrder:
            return bool(key_b < key_a)
        return bool(key_a < key_b)

    def _fits_at(self, row: OpportunityRow, at: int) -> bool:
        after_previous = at == 0 or not self._before(row, self._rows[at - 1])
        before_next = at == len(self._rows) - 1 or not self._before(self._rows[at + 1], row)
        return after_previous and before_next

    def _insertion_point(self, row: OpportunityRow) -> int:
        low, high = 0, len(self._rows)
        while low < high:  # the first place whose row does not sort before this one
            middle = (low + high) // 2
            if self._before(self._rows[middle], row):
                low = middle + 1
            else:
                high = middle
        return low

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(strings.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        self._order = (column, order)
        self._rows = self._sorted(self._rows)
        position = {row.id: number for number, row in enumerate(self._rows)}
        after = [
            self.index(position[row_id], index.column())
            for row_id, index in zip(ids, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[OpportunityRow]) -> list[OpportunityRow]:
        column, order = self._order
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=lambda row: self._sort_key(row, column), reverse=descending)

    def row_at(self, row: int) -> OpportunityRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(strings.COLUMNS)
        ):
            return strings.COLUMNS[section]
        return None

    @property
    def _tz(self) -> tzinfo:
        return self._clock.tz

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ROW_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == NEXT_INTERVIEW and row.next_interview:
            return when(row.next_interview, self._tz)
        return None

    def _display(self, row: OpportunityRow, column: int) -> str:
        if column == COMPANY:
            return row.company
        if column == ROLE:
            return row.role + (f"  ({strings.DETAIL_ARCHIVED.lower()})" if row.archived else "")
        if column == STATUS:
            return row.status.label
        if column == NEXT_INTERVIEW:
            return short_when(row.next_interview, self._tz) if row.next_interview else ""
        return day(row.last_activity, self._tz)

    def _sort_key(self, row: OpportunityRow, column: int) -> Any:
        """Text or a number, whichever the column sorts by (one kind per column)."""
        if column == COMPANY:
            return row.company.casefold()
        if column == ROLE:
            return row.role.casefold()
        if column == STATUS:
            return list(Status).index(row.status)
        if column == NEXT_INTERVIEW:
            # Opportunities with nothing scheduled sort after every dated one.
            return row.next_interview.timestamp() if row.next_interview else float("inf")
        return row.last_activity.timestamp()


class OpportunityFilter(QSortFilterProxyModel):
    """Search as you type, a status filter, and archived rows hidden unless asked."""

    LIVE = "live"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._status: Status | str | None = None
        self._show_archived = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts; this proxy keeps its order and only filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_terms", text.casefold().split()))

    def set_status(self, status: Status | str | None) -> None:
        self._refilter(lambda: setattr(self, "_status", status))

    def set_show_archived(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_archived", show))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, OpportunityTableModel)
        row = model.row_at(source_row)
        if row.archived and not self._show_archived:
            return False
        if self._status == self.LIVE and not row.status.is_live:
            return False
        if isinstance(self._status, Status) and row.status is not self._status:
            return False
        return all(term in row.haystack for term in self._terms)
