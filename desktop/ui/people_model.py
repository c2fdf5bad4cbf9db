"""The People tab's table: a model over the directory's rows, and its filter box's proxy."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.domain.clock import Clock
from desktop.domain.name_match import folded, name_key
from desktop.services.directory import PersonRow
from desktop.ui import people_strings as texts
from desktop.ui.formatting import day, when

# The phone number is in the detail beside the list: the list keeps to what is compared.
NAME, COMPANY, ROLE, EMAIL, INTERVIEWS, NOTES, LAST_SPOKE = range(7)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_LONG_AGO = datetime.min.isoformat()

Index = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock  # its zone is read as each day is shown: it can change
        self.rows: list[PersonRow] = []

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def position_of(self, contact_id: int) -> int | None:
        return next((at for at, row in enumerate(self.rows) if row.id == contact_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(texts.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return texts.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == LAST_SPOKE:
                return texts.DETAIL_LAST_SPOKE_HINT + (
                    f"\n{when(row.last_spoke, self.clock.tz)}" if row.last_spoke else ""
                )
            if column == ROLE and row.job_title:
                return row.job_title
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (INTERVIEWS, NOTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: PersonRow, column: int) -> str:
        if column == LAST_SPOKE:
            return day(row.last_spoke, self.clock.tz) if row.last_spoke else texts.DETAIL_NEVER
        return (
            row.name,
            row.company,
            row.role.label,
            row.email,
            str(row.interviews),
            str(row.notes_sent),
        )[column]

    def _sort_key(self, row: PersonRow, column: int) -> object:
        if column in (INTERVIEWS, NOTES):
            return row.interviews if column == INTERVIEWS else row.notes_sent
        if column == LAST_SPOKE:
            return row.last_spoke.isoformat() if row.last_spoke else _LONG_AGO
        return name_key(self._text(row, column))  # "Émile" beside "Emma"


class PeopleFilter(QSortFilterProxyModel):
    """Keeps the rows whose name, company, email, role or job title hold every word typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        words = folded(text).split()  # as the haystack: "zoe" finds "Zoë"
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PeopleModel)
        haystack = model.rows[source_row].haystack
        return all(word in haystack for word in self.words)
