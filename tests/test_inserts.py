"""db/inserts.py: rows added through one prepared statement read back as Model.create's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from db.inserts import Inserter
from db.models import Company, Opportunity


def test_an_inserted_row_reads_back_as_a_created_one(store) -> None:
    now = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)
    company = Company.create(name="Acme", created_at=now)
    made = Opportunity.create(
        company=company, role_title="Analyst", applied_on=date(2026, 11, 1),
        created_at=now, updated_at=now,
    )  # fmt: skip
    inserted = Inserter(Opportunity)(
        company=company.id, role_title="Analyst", applied_on=date(2026, 11, 1),
        created_at=now, updated_at=now,
    )  # fmt: skip
    assert inserted == made.id + 1
    rows = list(Opportunity.select().order_by(Opportunity.id).dicts())
    assert [{**row, "id": 0} for row in rows[:1]] == [{**row, "id": 0} for row in rows[1:]]
    assert rows[1]["status"] == "applied" and rows[1]["archived"] is False  # the defaults
    assert rows[1]["created_at"] == now


def test_an_unknown_field_is_refused(store) -> None:
    with pytest.raises(TypeError, match="no such field: colour"):
        Inserter(Company)(name="Acme", colour="red")
