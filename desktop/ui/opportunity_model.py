"""The opportunity list: a table model over read-model rows, and its filter."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Signal,
)

from desktop.domain.clock import Clock
from desktop.services.search_terms import Found, found_in, matches, terms_of
from desktop.services.vocabulary import Status
from desktop.ui import details_strings, strings
from desktop.ui.formatting import day, short_when, when
from desktop.ui.item_roles import DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE
from desktop.ui.lazy_qt import Qt

if TYPE_CHECKING:
    from desktop.services.queries import OpportunityRow

# FOUND_IN shows only while searching: where the words were found (services.search).
COMPANY, ROLE, STATUS, NEXT_INTERVIEW, LAST_ACTIVITY, FOUND_IN = range(6)
# Plain ints (item_roles.py): `multiData` compares each role asked for with them, for
# every cell painted, and the first frame touches nothing of the `Qt` namespace.
ROW_ID_ROLE = USER_ROLE + 1

_Index = QModelIndex | QPersistentModelIndex
# The column and whether descending: Qt's SortOrder is touched only when Qt sorts.
_Order = tuple[int, bool]
_Roles = QModelRoleDataSpan | QModelRoleData
# Replaced rows beyond this many are freed by another thread, a slice at a time.
FREE_ELSEWHERE_FROM = 1000


class SortedRows(list["OpportunityRow"]):
    """Rows already in a model's order, sorted where they were read (off the GUI thread),
    with that order: `set_rows` takes them as they are if the order is still the model's."""

    def __init__(self, rows: list[OpportunityRow], order: _Order) -> None:
        super().__init__(rows)
        self.order = order


class OpportunityTableModel(QAbstractTableModel):
    """Sorts its own rows, once per sort with Python's sort, rather than letting the proxy
    compare rows pair by pair through Qt: with ten thousand rows that was a second."""

    # The rows were replaced, inside the model's reset, before the proxy refilters: the
    # filter answers for all of them in one pass instead of one Python check per row.
    rows_replaced = Signal()

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock  # its zone is read as each time is shown: it can change
        self._rows: list[OpportunityRow] = []
        # Each row by id: with its sort key, where it is is a binary search, not a walk
        # through ten thousand rows (twice in every change).
        self._by_id: dict[int, OpportunityRow] = {}
        self._order: _Order = (LAST_ACTIVITY, True)
        self._terms: list[str] = []
        # Changes whenever rows are replaced, added, removed or reordered: what the filter
        # worked out by position holds only for the generation it was made for.
        self.generation = 0
        # Where each shown row's search was found, worked out as it is painted: only the
        # rows on screen pay for it, and only once per search text.
        self._found: dict[int, Found | None] = {}

    def set_search_terms(self, terms: list[str]) -> None:
        """Called before the filter changes: its change repaints the rows shown. No
        dataChanged here: over ten thousand rows it made the filter check each again."""
        self._terms = terms
        self._found.clear()

    def found(self, row: OpportunityRow) -> Found | None:
        if row.id not in self._found:
            self._found[row.id] = found_in(row.fields, self._terms) if self._terms else None
        return self._found[row.id]

    def set_rows(self, rows: list[OpportunityRow]) -> None:
        ready = isinstance(rows, SortedRows) and rows.order == self._order
        self.beginResetModel()
        self.generation += 1
        replaced, self._rows = self._rows, list(rows) if ready else self._sorted(rows)
        self._by_id = {row.id: row for row in self._rows}
        self._found.clear()
        self.rows_replaced.emit()
        self.endResetModel()
        if len(replaced) > FREE_ELSEWHERE_FROM:
            # Ten thousand rows freed here took 20 ms of the GUI thread's time.
            from desktop.domain.letting_go import let_go_elsewhere  # not before the paint

            let_go_elsewhere(replaced)

    def sorted_rows(self, rows: list[OpportunityRow]) -> SortedRows:
        """`rows` in the model's present order: for a worker thread (reads only the order
        and pure sort keys), so that `set_rows` on the GUI thread need not sort them."""
        order = self._order
        return SortedRows(self._sorted(rows, order), order)

    def update_rows(self, fresh: list[OpportunityRow], touched: Collection[int]) -> None:
        """Put in the rows a change touched (`fresh`; those of `touched` missing from it
        were deleted), each where the sort order wants it, without resetting the model:
        the view, its filter and the selection keep the other ten thousand as they are."""
        by_id = {row.id: row for row in fresh}
        self.generation += 1
        for row_id in touched:
            self._found.pop(row_id, None)
            at = self.position_of(row_id)
            row = by_id.get(row_id)
            if row is None:
                self._by_id.pop(row_id, None)
            if at is not None and row is not None and self._fits_at(row, at):
                self._rows[at] = row
                self._by_id[row_id] = row
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
                self._by_id[row_id] = row
                self.endInsertRows()

    def position_of(self, row_id: int) -> int | None:
        row = self._by_id.get(row_id)
        if row is None:
            return None
        at = self._insertion_point(row)  # the first row that sorts as this one does
        while at < len(self._rows) and not self._before(row, self._rows[at]):
            if self._rows[at].id == row_id:
                return at
            at += 1
        return next((at for at, row in enumerate(self._rows) if row.id == row_id), None)

    def _before(self, a: OpportunityRow, b: OpportunityRow) -> bool:
        """Whether `a` sorts strictly before `b` in the current order."""
        column, descending = self._order
        key_a, key_b = self._sort_key(a, column), self._sort_key(b, column)
        if descending:
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

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Ascending when no `order` is given, as Qt's default."""
        if not 0 <= column < len(strings.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        self._order = (column, order is not None and order == Qt.SortOrder.DescendingOrder)
        self.generation += 1
        self._rows = self._sorted(self._rows)
        position = {row.id: number for number, row in enumerate(self._rows)}
        after = [
            self.index(position[row_id], index.column())
            for row_id, index in zip(ids, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[OpportunityRow], by: _Order | None = None) -> list[OpportunityRow]:
        column, descending = by or self._order
        return sorted(rows, key=lambda row: self._sort_key(row, column), reverse=descending)

    def row_at(self, row: int) -> OpportunityRow:
        return self._rows[row]

    @property
    def rows(self) -> list[OpportunityRow]:
        return self._rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
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

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> object:
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
        if role == Qt.ItemDataRole.ToolTipRole and column == FOUND_IN:
            return self._display(row, column) or None
        return None

    def multiData(self, index: _Index, roleDataSpan: _Roles) -> None:
        """Every role a cell is asked for at once: the view's delegate asks seven (font,
        alignment, colours, check state, icon, text, background) to paint each cell,
        which through `data()` were seven Python calls, each with the filter's mapping
        and its own `rowCount` and `columnCount` calls; about 2,400 calls to paint the
        list's visible rows after every edit that moves one. The same answers as `data()`."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return
        row = self._rows[index.row()]
        column = index.column()
        asked: Iterable[QModelRoleData] = (
            (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan  # type: ignore[assignment]
        )
        for role_data in asked:
            role = role_data.role()
            if role == DISPLAY_ROLE:
                role_data.setData(self._display(row, column))
            elif role == ROW_ID_ROLE:
                role_data.setData(row.id)
            elif role == TOOLTIP_ROLE:
                role_data.setData(self.data(index, role))

    def _display(self, row: OpportunityRow, column: int) -> str:
        if column == COMPANY:
            return row.company
        if column == ROLE:
            return row.role + (f"  ({strings.DETAIL_ARCHIVED.lower()})" if row.archived else "")
        if column == STATUS:
            return row.status.label
        if column == NEXT_INTERVIEW:
            return (
                short_when(row.next_interview, self._tz, self._clock.now())
                if row.next_interview
                else ""
            )
        if column == FOUND_IN:
            found = self.found(row)
            if found is None:
                return ""
            field = details_strings.SEARCH_FIELDS.get(found.field, found.field.replace("_", " "))
            return details_strings.FOUND_IN.format(field=field, snippet=found.snippet)
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
        if column == FOUND_IN:
            return 0  # where a search was found has no order; the sort keeps the last one
        return row.last_activity.timestamp()


class OpportunityFilter(QSortFilterProxyModel):
    """Search as you type, a status filter, and archived rows hidden unless asked."""

    LIVE = "live"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._status: Status | str | None = None
        self._show_archived = False
        # Every row's answer, worked out in one pass when the filter changes, by position
        # in the source model as it was then (its `generation`). Qt then asks row by row;
        # with ten thousand rows and a long job description in each, a Python check per
        # row cost more than all the rest of a keystroke.
        self._accepted: list[bool] = []
        self._generation = -1
        # The last search's hits: typing on narrows them instead of reading every row.
        self._last_terms: list[str] = []
        self._last_hits: set[int] | None = None

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        if isinstance(model, OpportunityTableModel):
            model.rows_replaced.connect(self._answer_all)

    def multiData(self, index: _Index, roleDataSpan: _Roles) -> None:
        """Handed on to the source model's `multiData` in one call: Qt's proxy would ask
        the source role by role through `data()`."""
        source = self.sourceModel()
        if source is not None and index.isValid():
            source.multiData(self.mapToSource(index), roleDataSpan)

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """The source model sorts; this proxy keeps its order and only filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, Qt.SortOrder.AscendingOrder if order is None else order)

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_terms", terms_of(text)))

    def _answer_all(self) -> None:
        model = self.sourceModel()
        if not isinstance(model, OpportunityTableModel):
            return
        rows = model.rows
        hits = self._search(model)
        live = self._status == self.LIVE
        status = self._status if isinstance(self._status, Status) else None
        self._accepted = [
            (self._show_archived or not row.archived)
            and (not live or row.status.is_live)
            and (status is None or row.status is status)
            and (hits is None or row.id in hits)
            for row in rows
        ]
        self._generation = model.generation

    def _search(self, model: OpportunityTableModel) -> set[int] | None:
        """The ids of the rows holding every term; None when there is no search."""
        if not self._terms:
            self._last_terms, self._last_hits = [], None
            return None
        rows = model.rows
        narrower = (
            self._last_hits is not None
            and self._generation == model.generation
            and len(self._terms) >= len(self._last_terms)
            and all(old in new for old, new in zip(self._last_terms, self._terms, strict=False))
        )
        if narrower:  # typing on: only the rows that matched before can match now
            last = self._last_hits
            rows = [row for row in rows if row.id in last]  # type: ignore[operator]
        for term in self._terms:  # list comprehensions: no Python call per row
            rows = [row for row in rows if term in row.haystack]
        self._last_terms, self._last_hits = list(self._terms), {row.id for row in rows}
        return self._last_hits

    @property
    def terms(self) -> list[str]:
        return self._terms

    def set_status(self, status: Status | str | None) -> None:
        self._refilter(lambda: setattr(self, "_status", status))

    def set_show_archived(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_archived", show))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self._answer_all()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self._answer_all()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, OpportunityTableModel)
        if model.generation == self._generation:
            return self._accepted[source_row]
        # The rows changed since the filter did (an edit, a sort): ask this one alone.
        row = model.row_at(source_row)
        if row.archived and not self._show_archived:
            return False
        if self._status == self.LIVE and not row.status.is_live:
            return False
        if isinstance(self._status, Status) and row.status is not self._status:
            return False
        return matches(row.haystack, self._terms)
