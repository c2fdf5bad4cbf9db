"""The list paints its cells through `multiData` (every role of a cell in one call, handed
on by the filter), and answers there exactly what `data()` answers, role by role."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtWidgets import QTableView

from desktop.domain.clock import FixedClock
from desktop.services.queries import OpportunityRow
from desktop.services.search import terms_of
from desktop.services.vocabulary import Status
from desktop.ui.opportunity_model import (
    FOUND_IN,
    ROW_ID_ROLE,
    OpportunityFilter,
    OpportunityTableModel,
)

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
ROLES = [
    *Qt.ItemDataRole.__members__.values(),
    ROW_ID_ROLE,
]


def _row(number: int) -> OpportunityRow:
    return OpportunityRow(
        id=number,
        company=f"Company {number}",
        role=f"Role {number}",
        status=list(Status)[number % len(Status)],
        next_interview=START + timedelta(days=number, hours=3) if number % 2 else None,
        latest_interview=None,
        last_activity=START - timedelta(days=number),
        archived=number % 3 == 0,
        haystack=f"company {number} kumquat",
        fields=(("company", f"Company {number}"), ("notes", f"a kumquat for {number}")),
    )


def _one_call(model: OpportunityFilter, index: QModelIndex, role: int) -> object:
    answer = QModelRoleData(role)
    model.multiData(index, QModelRoleDataSpan(answer))
    return answer.data()


def _models() -> tuple[OpportunityTableModel, OpportunityFilter]:
    model = OpportunityTableModel(FixedClock(START))
    model.set_rows([_row(n) for n in range(1, 13)])
    shown = OpportunityFilter()
    shown.setSourceModel(model)
    shown.set_show_archived(True)
    return model, shown


def test_every_role_of_every_cell_reads_the_same_in_one_call_as_role_by_role(qtbot) -> None:
    model, shown = _models()
    model.update_rows([replace(_row(4), role="Moved up", last_activity=START)], {4})
    for searching in ("", "kumquat"):
        model.set_search_terms(terms_of(searching))
        shown.set_search(searching)
        assert shown.rowCount() == 12
        for row in range(shown.rowCount()):
            for column in range(FOUND_IN + 1):
                index = shown.index(row, column)
                for role in ROLES:
                    assert _one_call(shown, index, role) == index.data(role), (row, column, role)
        # The answers are not all empty: texts, ids and tooltips are there.
        assert shown.index(0, 1).data() == "Moved up"
        assert _one_call(shown, shown.index(0, 0), ROW_ID_ROLE) == 4
    assert _one_call(shown, shown.index(0, FOUND_IN), Qt.ItemDataRole.ToolTipRole.value)
    alone = QModelRoleData(Qt.ItemDataRole.DisplayRole.value)  # one role, not in a span
    shown.multiData(shown.index(0, 0), alone)
    assert alone.data() == "Company 4"


class _Counted(OpportunityTableModel):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.asked: list[int] = []
        self.cells = 0

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        self.asked.append(int(role))
        return super().data(index, role)

    def multiData(self, index, roleDataSpan):  # type: ignore[no-untyped-def]
        self.cells += 1
        super().multiData(index, roleDataSpan)


def test_painting_the_list_asks_each_cell_once_and_never_role_by_role(qtbot) -> None:
    model = _Counted(FixedClock(START))
    model.set_rows([_row(n) for n in range(1, 13)])
    shown = OpportunityFilter()
    shown.setSourceModel(model)
    shown.set_show_archived(True)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(shown)
    view.resize(900, 600)
    view.setColumnHidden(FOUND_IN, True)
    with qtbot.waitExposed(view):
        view.show()
    model.asked.clear()
    model.cells = 0
    view.viewport().repaint()
    assert model.cells >= 12 * FOUND_IN  # every visible cell of the 12 rows
    assert model.asked == []
