"""Adding many rows fast, for the import of a whole history: one prepared INSERT per
table, rows sent in batches with `executemany`.

`Model.create` builds its SQL anew for every row, and converts every value through its
field; importing a year of history (160,000 rows) spent most of its time there. An
`Inserter` builds the statement once, takes each row as a tuple already in the form the
database stores (`stored_datetime`, `date.isoformat()`, ids for foreign keys), fills in
the defaults of the fields it was not given, and writes what it holds when `flush` is
called. Rows go into the caller's transaction like any other write, so a row that fails
(in the middle of a batch or not) rolls back with everything else.

A row another row refers to needs its id before it is written: an Inserter made with
`ids=True` numbers its rows itself, from the table's highest id + 1, which is what SQLite
would choose (the tables have no AUTOINCREMENT). It reads that id inside the caller's
transaction, which holds the write lock (every transaction begins IMMEDIATE), so no other
process can take the same numbers; within the transaction, every row of that table must
go through the Inserter, and the caller flushes the tables a row refers to first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from peewee import Model

from db.connection import DB
from db.fields import stored_datetime

__all__ = ["Inserter", "stored_date", "stored_datetime"]


def stored_date(value: date | None) -> str | None:
    """A date as SQLite's adapter (and so `DateField`) stores it."""
    return None if value is None else value.isoformat()


class Inserter:
    def __init__(self, model: type[Model], names: Sequence[str], ids: bool = False) -> None:
        """`names`: the fields each row gives, in its order (foreign keys by field name,
        as ids); the others take their defaults. `ids`: number the rows here (above)."""
        meta: Any = model._meta
        fields = [f for f in meta.sorted_fields if not f.primary_key]
        known = {f.name for f in fields}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise TypeError(f"no such field: {', '.join(unknown)}")
        given = set(names)
        rest = [f for f in fields if f.name not in given]
        # The defaults are constants (checked here): converted once, added to every row.
        if any(callable(f.default) for f in rest):
            raise TypeError(f"{meta.table_name}: give the fields whose default is computed")
        self.defaults = tuple(f.db_value(f.default) for f in rest)
        by_name = {f.name: f for f in fields}
        columns = [by_name[name].column_name for name in names] + [f.column_name for f in rest]
        if ids:
            columns.insert(0, meta.primary_key.column_name)
        self.table = meta.table_name
        self.key = meta.primary_key.column_name
        quoted = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join("?" for _ in columns)
        self.sql = f'INSERT INTO "{self.table}" ({quoted}) VALUES ({marks})'
        self.numbered = ids
        self.next_id: int | None = None
        self.pending: list[tuple[Any, ...]] = []

    def add(self, row: tuple[Any, ...]) -> int:
        """Hold one row, to be written at the next flush; its id (0 without `ids`)."""
        if not self.numbered:
            self.pending.append(row + self.defaults if self.defaults else row)
            return 0
        if self.next_id is None:
            (highest,) = (
                DB.obj.connection()
                .execute(f'SELECT max("{self.key}") FROM "{self.table}"')
                .fetchone()
            )
            self.next_id = (highest or 0) + 1
        row_id = self.next_id
        self.next_id += 1
        self.pending.append((row_id, *row, *self.defaults))
        return row_id

    def flush(self) -> None:
        """Write the rows held (a failure raises sqlite3's error; the caller's transaction
        then rolls back every row, written or not)."""
        if self.pending:
            rows, self.pending = self.pending, []
            DB.obj.connection().executemany(self.sql, rows)
