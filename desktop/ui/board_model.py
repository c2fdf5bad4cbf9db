"""The board's data: one list model per outcome, fed from the opportunity list's model.

The board never reads the database itself. It follows the window's `OpportunityTableModel`
(which `MainWindow.apply` keeps up to date, row by row), so a change made anywhere shows
on the board the same way it shows in the list. Each column is its own small model, so a
view draws only the cards in sight: ten thousand opportunities are ten thousand rows in
nine lists, not ten thousand widgets.

A card is dragged as its opportunity's id (`MIME_TYPE`); the column it is dropped on
emits `dropped(ids, status)`, and the window makes the change through the services, the
same status change as everywhere else.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)

from desktop.domain.clock import Clock
from desktop.services.vocabulary import Status
from desktop.ui import board_strings as texts
from desktop.ui.formatting import short_when
from desktop.ui.item_roles import DISPLAY_ROLE, USER_ROLE
from desktop.ui.lazy_qt import Qt
from desktop.ui.opportunity_model import ROW_ID_ROLE, OpportunityTableModel

if TYPE_CHECKING:
    from desktop.services.queries import OpportunityRow

MIME_TYPE = "application/x-debrief-opportunity-ids"
ROLE_ROLE = USER_ROLE + 2  # the card's second line
NEXT_ROLE = USER_ROLE + 3  # its third: the next interview, or ""

_Index = QModelIndex | QPersistentModelIndex


def _order(row: OpportunityRow) -> tuple[float, int]:
    """Most recent activity first, then the newest opportunity: a stable order."""
    return (-row.last_activity.timestamp(), -row.id)


def ids_from(data: QMimeData) -> list[int]:
    """The opportunity ids a drag carries ([] for anything else dropped here)."""
    if not data.hasFormat(MIME_TYPE):
        return []
    import json  # at the first drag or drop, not before the first paint

    try:
        raw = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(raw, list):
        return []
    return [item for item in raw if isinstance(item, int) and not isinstance(item, bool)]


def mime_of(ids: Iterable[int]) -> QMimeData:
    import json

    data = QMimeData()
    data.setData(MIME_TYPE, json.dumps(list(ids)).encode())
    return data


class BoardColumn(QAbstractListModel):
    """The cards of one outcome, most recent activity first."""

    # (ids, status): cards were dropped here; the window decides and makes the change.
    dropped = Signal(object, object)

    def __init__(self, status: Status, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self._clock = clock
        self._rows: list[OpportunityRow] = []

    # ----- contents, set by the Board -------------------------------------------------
    def set_rows(self, rows: list[OpportunityRow]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=_order)
        self.endResetModel()

    def put(self, row: OpportunityRow) -> None:
        at = self._place_for(row)
        self.beginInsertRows(QModelIndex(), at, at)
        insort(self._rows, row, key=_order)
        self.endInsertRows()

    def take(self, row_id: int) -> None:
        at = self.position_of(row_id)
        if at is None:
            return
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._rows[at]
        self.endRemoveRows()

    def replace(self, row: OpportunityRow) -> None:
        """The same card, redrawn in place when its order still holds, else moved."""
        at = self.position_of(row.id)
        if at is not None and _order(self._rows[at]) == _order(row):
            self._rows[at] = row
            self.dataChanged.emit(self.index(at), self.index(at))
            return
        self.take(row.id)
        self.put(row)

    def _place_for(self, row: OpportunityRow) -> int:
        low, high, key = 0, len(self._rows), _order(row)
        while low < high:
            middle = (low + high) // 2
            if _order(self._rows[middle]) < key:
                low = middle + 1
            else:
                high = middle
        return low

    def position_of(self, row_id: int) -> int | None:
        for at, row in enumerate(self._rows):
            if row.id == row_id:
                return at
        return None

    def ids(self) -> list[int]:
        return [row.id for row in self._rows]

    def row_at(self, at: int) -> OpportunityRow:
        return self._rows[at]

    # ----- what the view reads ----------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.company
        if role == ROLE_ROLE:
            return row.role
        if role == NEXT_ROLE:
            return self._next(row.next_interview)
        if role == ROW_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.card_name(row)
        return None

    def card_name(self, row: OpportunityRow) -> str:
        names = {"company": row.company, "role": row.role, "status": row.status.label}
        if row.next_interview is None:
            return texts.A11Y_CARD.format(**names)
        # The time alone: the card's "Next: …" line would read "next interview Next: …".
        when = short_when(row.next_interview, self._clock.tz, self._clock.now())
        return texts.A11Y_CARD_NEXT.format(**names, when=when)

    def _next(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        return texts.CARD_NEXT.format(when=short_when(moment, self._clock.tz, self._clock.now()))

    # ----- drag and drop ----------------------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():  # the column's empty space takes drops
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return mime_of(self._rows[row].id for row in rows)

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        mine = set(self.ids())
        return any(row_id not in mine for row_id in ids_from(data))

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        """Hand the change to the window. False: the model itself moved nothing, so the
        view that the drag came from removes nothing either; the cards move when the
        change has been made (or stay, when it was refused)."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        mine = set(self.ids())
        coming = [row_id for row_id in ids_from(data) if row_id not in mine]
        if coming:
            self.dropped.emit(coming, self.status)
        return False


class Board(QObject):
    """The nine columns, kept in step with the list's model: archived opportunities are
    left out, and the search box narrows the cards as it narrows the list. While the list
    is what is shown the board sleeps, and it catches up in one pass when woken."""

    changed = Signal()  # a column gained or lost cards: the headers' counts

    def __init__(
        self, source: OpportunityTableModel, clock: Clock, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self.columns = {status: BoardColumn(status, clock, self) for status in Status}
        self._where: dict[int, Status] = {}  # the card's column, by opportunity id
        self._terms: list[str] = []
        self._awake = False
        source.modelReset.connect(self._on_reset)
        source.rowsInserted.connect(self._on_inserted)
        source.rowsAboutToBeRemoved.connect(self._on_removing)
        source.dataChanged.connect(self._on_data_changed)

    # ----- the window's side ------------------------------------------------------------
    def wake(self, awake: bool) -> None:
        was, self._awake = self._awake, awake
        if awake and not was:
            self._rebuild()

    def set_search(self, text: str) -> None:
        terms = text.casefold().split()
        if terms != self._terms:
            self._terms = terms
            if self._awake:
                self._rebuild()

    def column_of(self, row_id: int) -> Status | None:
        return self._where.get(row_id)

    def shown(self) -> int:
        return len(self._where)

    # ----- following the list's model --------------------------------------------------
    def _shows(self, row: OpportunityRow) -> bool:
        return not row.archived and all(term in row.haystack for term in self._terms)

    def _rebuild(self) -> None:
        by_status: dict[Status, list[OpportunityRow]] = {status: [] for status in Status}
        for at in range(self._source.rowCount()):
            row = self._source.row_at(at)
            if self._shows(row):
                by_status[row.status].append(row)
        self._where = {row.id: status for status, rows in by_status.items() for row in rows}
        for status, rows in by_status.items():
            self.columns[status].set_rows(rows)
        self.changed.emit()

    def _on_reset(self) -> None:
        if self._awake:
            self._rebuild()

    def _rows_between(self, first: int, last: int) -> list[OpportunityRow]:
        return [self._source.row_at(at) for at in range(first, last + 1)]

    def _on_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._awake:
            self._follow(self._rows_between(first, last))

    def _on_removing(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._awake:
            for row in self._rows_between(first, last):
                self._drop_card(row.id)
            self.changed.emit()

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        if self._awake:
            self._follow(self._rows_between(top_left.row(), bottom_right.row()))

    def _follow(self, rows: list[OpportunityRow]) -> None:
        for row in rows:
            was = self._where.get(row.id)
            if not self._shows(row):
                self._drop_card(row.id)
            elif was is row.status:
                self.columns[row.status].replace(row)
            else:
                self._drop_card(row.id)
                self.columns[row.status].put(row)
                self._where[row.id] = row.status
        self.changed.emit()

    def _drop_card(self, row_id: int) -> None:
        status = self._where.pop(row_id, None)
        if status is not None:
            self.columns[status].take(row_id)
