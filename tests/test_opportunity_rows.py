"""The list model finds a row by id through its sort order (a binary search), and finds
the same place a walk through every row would, through ties, sorts, updates and
deletions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from desktop.domain.clock import FixedClock
from desktop.services.queries import OpportunityRow
from desktop.services.vocabulary import Status
from desktop.ui.opportunity_model import FOUND_IN, OpportunityTableModel

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _row(number: int) -> OpportunityRow:
    # Few distinct companies, statuses and days: many rows sort the same.
    return OpportunityRow(
        id=number,
        company=f"Company {number % 4}",
        role=f"Role {number % 3}",
        status=list(Status)[number % 3],
        next_interview=START + timedelta(days=number % 5) if number % 2 else None,
        latest_interview=None,
        last_activity=START + timedelta(days=number % 6),
        archived=False,
        haystack="",
    )


def _walked(model: OpportunityTableModel, row_id: int) -> int | None:
    return next((at for at, row in enumerate(model.rows) if row.id == row_id), None)


def _everyone_found(model: OpportunityTableModel, ids: range) -> None:
    assert [model.position_of(i) for i in ids] == [_walked(model, i) for i in ids]


def test_a_row_is_found_where_it_is_through_ties_sorts_and_changes() -> None:
    model = OpportunityTableModel(FixedClock(START))
    model.set_rows([_row(n) for n in range(1, 61)])
    ids = range(0, 63)  # 0, 61 and 62 are not there
    _everyone_found(model, ids)
    for column in range(FOUND_IN + 1):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            _everyone_found(model, ids)
    moved = [replace(_row(n), last_activity=START + timedelta(days=9)) for n in (5, 17, 40)]
    model.update_rows([*moved, _row(61)], {5, 17, 40, 61, 33})  # 33 deleted, 61 added
    assert _walked(model, 33) is None and model.position_of(33) is None
    assert model.position_of(61) is not None
    _everyone_found(model, ids)
