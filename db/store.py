"""Opening the user's database: refuse what we cannot read, migrate what is old."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from db.connection import DATABASE_FILENAME, DatabaseUnreadable, connect
from db.migrations import SCHEMA_VERSION, DatabaseTooNew, migrate


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "backups"


def peek_version(path: Path) -> int:
    """Read the schema version without writing anything to the file."""
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(probe.execute("PRAGMA user_version").fetchone()[0])
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseUnreadable(f"{path} is not a readable Debrief database ({error})") from error


def open_store(data_dir: Path) -> SqliteDatabase:
    """Open (creating if needed) and migrate the database in `data_dir`.

    Raises DatabaseTooNew or DatabaseUnreadable before anything is written to the file.
    """
    path = database_path(data_dir)
    if path.exists() and path.stat().st_size > 0:
        found = peek_version(path)
        if found > SCHEMA_VERSION:
            raise DatabaseTooNew(found, SCHEMA_VERSION)
    database = connect(path)
    migrate(database, backup_dir=backups_dir(data_dir))
    return database
