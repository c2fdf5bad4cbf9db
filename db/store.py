"""Opening the user's database: refuse what we cannot read, migrate what is old."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from db.backups import remove_stale_partials
from db.connection import (
    DATABASE_FILENAME,
    PRAGMAS,
    DatabaseBusy,
    DatabaseUnreadable,
    close_database,
    connect,
    is_busy,
    is_disk_full,
    opening_problem,
)
from db.failures import unavailable
from db.file_safety import check_database_files
from db.migrations import SCHEMA_VERSION, DatabaseTooNew, migrate
from db.open_lock import opening_alone

log = logging.getLogger(__name__)


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "backups"


def peek_version(path: Path) -> int:
    """Read the schema version without writing anything to the file."""
    try:
        return _read_version(f"file:{path}?mode=ro")
    except sqlite3.DatabaseError as error:
        problem = opening_problem(error, path)
        if not is_disk_full(problem):
            raise problem from error
    # No room for the shared-memory file: connect() decides whether reading is still safe.
    try:
        return _read_version(f"file:{path}?immutable=1")
    except sqlite3.DatabaseError as error:
        raise unavailable(error, path) or DatabaseUnreadable(str(error)) from error


def _read_version(uri: str) -> int:
    probe = sqlite3.connect(uri, uri=True)
    try:
        return int(probe.execute("PRAGMA user_version").fetchone()[0])
    finally:
        probe.close()


def open_store(
    data_dir: Path, busy_timeout_ms: int | None = None, checked: bool = False
) -> SqliteDatabase:
    """Open (creating if needed) and migrate the database in `data_dir`.

    `checked`: the file was checked whole just before (a restored backup passes
    `integrity_check` in a worker): its `quick_check`, 60 ms at 10,000 opportunities on
    the thread that opens it, is not run again.

    Raises DatabaseTooNew or DatabaseUnreadable before anything is written to the file,
    and DatabaseBusy when other processes kept it locked for longer than
    `busy_timeout_ms` (the connection's usual wait when None): busy is never "damaged".
    """
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    wait_ms = busy_timeout_ms if busy_timeout_ms is not None else PRAGMAS["busy_timeout"]
    try:
        # One process at a time creates, checks and migrates; the next finds it done.
        with opening_alone(Path(data_dir), wait_ms / 1000):
            return _open(data_dir, busy_timeout_ms, checked)
    except (sqlite3.DatabaseError, PeeweeDatabaseError) as error:
        if is_busy(error):
            close_database()
            raise DatabaseBusy(str(error)) from error
        raise


def _open(data_dir: Path, busy_timeout_ms: int | None, checked: bool = False) -> SqliteDatabase:
    path = database_path(data_dir)
    check_database_files(path)
    remove_stale_partials(backups_dir(data_dir))
    if path.exists() and path.stat().st_size > 0:
        found = peek_version(path)
        if found > SCHEMA_VERSION:
            raise DatabaseTooNew(found, SCHEMA_VERSION)
    database = connect(path, busy_timeout_ms)
    try:
        # A file can have a good header and damaged pages; find out before writing to it.
        if not checked:
            verdict = database.execute_sql("PRAGMA quick_check").fetchall()
            if [row[0] for row in verdict] != ["ok"]:
                raise sqlite3.DatabaseError(str(verdict[0][0]))
        migrate(database, backup_dir=backups_dir(data_dir))
    except (sqlite3.DatabaseError, PeeweeDatabaseError, OSError) as error:
        close_database()
        if is_busy(error):
            raise DatabaseBusy(str(error)) from error
        problem = unavailable(error, path)
        if problem is not None:
            raise problem from error
        if isinstance(error, OSError):
            raise
        raise DatabaseUnreadable(f"{path} is damaged ({error})") from error
    except BaseException:
        close_database()
        raise
    return database


def open_read_only_copy(data_dir: Path, into: Path) -> SqliteDatabase:
    """Copy the (damaged) database into the folder `into` and open the copy, refusing
    writes; the original is only read. Raises DatabaseUnreadable if not even that works."""
    source = database_path(data_dir)
    into.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        side = Path(f"{source}{suffix}")
        if side.exists():
            shutil.copyfile(side, Path(f"{database_path(into)}{suffix}"))
    database = connect(database_path(into))
    try:
        migrate(database)  # the copy may be older than this Debrief
    except sqlite3.DatabaseError as error:
        log.warning("read-only copy left at its old version: %s", error)
    database.execute_sql("PRAGMA query_only = 1")
    return database
