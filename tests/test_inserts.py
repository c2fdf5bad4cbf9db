"""db/inserts.py: rows written in batches read back as Model.create's, and a batch that
fails part-way leaves nothing behind once its transaction rolls back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from db.connection import DB
from db.inserts import Inserter, stored_date, stored_datetime
from db.models import Company, Opportunity, Reminder

NOW = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)


def test_an_inserted_row_reads_back_as_a_created_one(store) -> None:
    company = Company.create(name="Acme", created_at=NOW)
    made = Opportunity.create(
        company=company, role_title="Analyst", applied_on=date(2026, 11, 1),
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    rows = Inserter(
        Opportunity, ("company", "role_title", "applied_on", "created_at", "updated_at"), ids=True
    )
    with DB.atomic():
        inserted = rows.add(
            (company.id, "Analyst", stored_date(date(2026, 11, 1)), stored_datetime(NOW),
             stored_datetime(NOW))
        )  # fmt: skip
        rows.flush()
    assert inserted == made.id + 1  # the id SQLite would have chosen
    read = list(Opportunity.select().order_by(Opportunity.id).dicts())
    assert [{**row, "id": 0} for row in read[:1]] == [{**row, "id": 0} for row in read[1:]]
    assert read[1]["status"] == "applied" and read[1]["archived"] is False  # the defaults
    assert read[1]["created_at"] == NOW


def test_rows_are_written_at_the_flush_and_numbered_after_the_highest_id(store) -> None:
    Company.create(id=40, name="Acme", created_at=NOW)
    rows = Inserter(Company, ("name", "created_at"), ids=True)
    with DB.atomic():
        ids = [rows.add((name, stored_datetime(NOW))) for name in ("Initech", "Globex")]
        assert Company.select().count() == 1  # held, not yet written
        rows.flush()
    assert ids == [41, 42]
    assert [(c.id, c.name) for c in Company.select().order_by(Company.id)] == [
        (40, "Acme"),
        (41, "Initech"),
        (42, "Globex"),
    ]


def test_a_bad_row_in_the_middle_of_a_batch_leaves_nothing(store) -> None:
    rows = Inserter(Reminder, ("kind", "key", "due_at", "created_at"))
    good = stored_datetime(NOW)
    with pytest.raises(sqlite3.IntegrityError), DB.atomic():
        for n in range(10):
            # The fifth has no kind, which the table refuses; the rows before it are
            # written by the same executemany before it fails.
            rows.add((None if n == 4 else "follow_up", f"k{n}", good, good))
        rows.flush()
    assert Reminder.select().count() == 0


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(TypeError, match="no such field: colour"):
        Inserter(Company, ("name", "colour"))


def test_stored_datetimes_are_what_the_field_stores() -> None:
    field = Reminder.due_at
    for value in (
        NOW,
        NOW.replace(microsecond=999_999),
        datetime(2026, 3, 29, 2, 30, tzinfo=UTC).astimezone(),  # any zone: stored in UTC
        datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC),
    ):
        assert stored_datetime(value) == value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        assert field.db_value(value) == stored_datetime(value)
