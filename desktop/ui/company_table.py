"""Insights' "What each company did": a read-only table model over CompanyMemory."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.domain.insights import CompanyMemory
from desktop.ui import strings

_Index = QModelIndex | QPersistentModelIndex


def answered_words(memory: CompanyMemory) -> str:
    """The usual wait in words; a company that never answered says so, never "0 days"."""
    if memory.answered_in_days is None:
        # Answered, but when the application went out is not known: no wait to tell.
        return strings.COMPANY_NONE if memory.heard_back else strings.COMPANY_NO_ANSWER
    days = round(memory.answered_in_days)
    if days == 0:
        return strings.COMPANY_SAME_DAY
    return strings.COMPANY_ONE_DAY if days == 1 else strings.COMPANY_DAYS.format(days=days)


def _count(value: int) -> str:
    return str(value) if value else strings.COMPANY_NONE


class CompanyModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CompanyMemory] = []

    def set_rows(self, rows: list[CompanyMemory]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.INSIGHTS_COMPANY_COLUMNS)

    def text(self, row: int, column: int) -> str:
        memory = self.rows[row]
        return (
            memory.company,
            str(memory.applications),
            answered_words(memory),
            _count(memory.said_no),
            _count(memory.went_silent),
        )[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 3, 4):
            return int(Qt.AlignmentFlag.AlignCenter)  # a count under its heading
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            memory = self.rows[index.row()]
            if memory.answered:
                return strings.COMPANY_ANSWERED_TIP.format(count=memory.answered)
            if memory.heard_back:
                return strings.COMPANY_WAIT_UNKNOWN_TIP
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return strings.INSIGHTS_COMPANY_COLUMNS[section]
        return None
