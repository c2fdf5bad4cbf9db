"""One SQLite file, opened with the pragmas Debrief needs, behind a Peewee proxy.

The proxy lets models be declared before the composition root (or a test) chooses the
file: `open_database(path)` binds it, `close_database()` releases it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

DB = DatabaseProxy()

# WAL lets the tray process read while a command-line call writes; synchronous=FULL makes a
# transaction that returned durable even if the machine loses power right after.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "full",
}

DATABASE_FILENAME = "debrief.sqlite3"


class DatabaseUnreadable(RuntimeError):
    """The file exists but SQLite cannot use it (corrupt, not a database, unreadable)."""


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it already exists."""
    if path.exists():
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def connect(path: Path) -> SqliteDatabase:
    """Open `path` with Debrief's pragmas and bind the models to it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(path)
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        if not database.is_closed():
            database.close()
        raise DatabaseUnreadable(f"{path} is not a readable Debrief database ({error})") from error
    DB.initialize(database)
    return database


def close_database() -> None:
    if DB.obj is not None and not DB.obj.is_closed():
        DB.obj.close()
    DB.initialize(None)


def integrity_ok(database: SqliteDatabase) -> tuple[bool, str]:
    rows = database.execute_sql("PRAGMA integrity_check").fetchall()
    text = "; ".join(str(row[0]) for row in rows)
    return text == "ok", text


def backup_to(database: SqliteDatabase, target: Path) -> Path:
    """Copy the live database to `target` with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(target)
    destination = sqlite3.connect(str(target))
    try:
        database.connection().backup(destination)
    finally:
        destination.close()
    return target
