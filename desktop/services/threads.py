"""The database connection of a worker thread (desktop/ui/background_op.py).

Peewee keeps one SQLite connection per thread, opened on first use; a worker closes its
own when its work ends, so no connection outlives the thread that opened it."""

from __future__ import annotations

from db.connection import DB


def release() -> None:
    """Close this thread's connection, if it opened one (the others stay open)."""
    database = DB.obj
    if database is not None and not database.is_closed():
        database.close()
