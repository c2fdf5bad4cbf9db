"""One SQLite file, opened with the pragmas Debrief needs, behind a Peewee proxy.

The proxy lets models be declared before the composition root (or a test) chooses the
file: `open_database(path)` binds it, `close_database()` releases it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypedDict

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import DatabaseProxy, SqliteDatabase

from db.failures import DISK_FULL, DatabaseUnavailable, unavailable
from db.file_safety import check_database_files, open_private

DB = DatabaseProxy()


class _Pragmas(TypedDict):
    journal_mode: str
    foreign_keys: int
    busy_timeout: int  # milliseconds
    synchronous: str


# WAL lets the tray process read while a command-line call writes; synchronous=FULL makes a
# transaction that returned durable even if the machine loses power right after.
PRAGMAS: _Pragmas = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "full",
}

# Every transaction takes the write lock when it begins. A deferred one that has read and
# then wants to write gets "database is locked" at once when another process writes, as
# SQLite skips the busy wait there (waiting could deadlock); an immediate one waits its turn.
LOCK_TYPE = "IMMEDIATE"

DATABASE_FILENAME = "debrief.sqlite3"


class DatabaseUnreadable(RuntimeError):
    """The file exists but SQLite cannot use it (corrupt, not a database, unreadable)."""


class DatabaseBusy(RuntimeError):
    """Another process kept the database locked for longer than we waited. Nothing is
    wrong with the file; trying again later works."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("Another program is holding the database; try again in a moment.")
        self.detail = detail


def is_busy(error: BaseException) -> bool:
    """Whether `error` (sqlite3's, or Peewee's wrapping of it) means "locked by someone
    else" rather than anything wrong with the file."""
    if isinstance(error, DatabaseBusy):
        return True
    original = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(original)
    return "database is locked" in text or "database table is locked" in text


def opening_problem(error: BaseException, path: Path) -> Exception:
    """What an error while opening `path` means, as the exception to raise: another process
    holds the lock (DatabaseBusy), the surroundings stop us (DatabaseUnavailable: a full
    disk, no permission), or SQLite cannot read the file (DatabaseUnreadable)."""
    if is_busy(error):
        return DatabaseBusy(str(error))
    return unavailable(error, path) or DatabaseUnreadable(
        f"{path} is not a readable Debrief database ({error})"
    )


def is_disk_full(problem: Exception) -> bool:
    return isinstance(problem, DatabaseUnavailable) and problem.reason == DISK_FULL


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it already exists."""
    if path.exists():
        return
    fd = open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    os.close(fd)


class DebriefDatabase(SqliteDatabase):
    """SQLite rolls a transaction back by itself when a write fails with SQLITE_FULL or an
    I/O error; Peewee's atomic() then sends ROLLBACK anyway, and "cannot rollback - no
    transaction is active" would replace the real cause. Skip what SQLite already did."""

    read_only_reason: str | None = None

    def _nothing_to_undo(self) -> bool:
        return not self.is_closed() and not self.connection().in_transaction

    def rollback(self) -> None:
        if not self._nothing_to_undo():
            super().rollback()

    # Any, as in Peewee: the cursor, or None for a rollback SQLite already made.
    def execute_sql(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if sql.startswith("ROLLBACK TO SAVEPOINT") and self._nothing_to_undo():
            return None
        # Unannotated in Peewee's stubs; untyped_calls_exclude does not reach through super().
        return super().execute_sql(sql, params, *args, **kwargs)  # type: ignore[no-untyped-call]


def connect(path: Path, busy_timeout_ms: int | None = None) -> SqliteDatabase:
    """Open `path` with Debrief's pragmas and bind the models to it.

    `busy_timeout_ms`: how long a statement waits for another process's write lock."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    check_database_files(path)
    create_private_file(path)
    pragmas = dict(PRAGMAS)
    if busy_timeout_ms is not None:
        pragmas["busy_timeout"] = busy_timeout_ms
    database = DebriefDatabase(
        str(path), pragmas=pragmas, check_same_thread=False, lock_type=LOCK_TYPE
    )
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, PeeweeDatabaseError) as error:
        if not database.is_closed():
            database.close()
        problem = opening_problem(error, path)
        reader = _reader_on_full_disk(path) if is_disk_full(problem) else None
        if reader is None:
            raise problem from error
        database = reader
    DB.initialize(database)
    return database


@contextmanager
def waiting_at_most(milliseconds: int) -> Iterator[None]:
    """Within this block, a locked database fails after `milliseconds` instead of the
    usual wait: for work on the GUI thread that is retried later rather than freezing the
    window while another process writes."""
    database = DB.obj
    if database is None:
        yield
        return
    usual = database.execute_sql("PRAGMA busy_timeout").fetchone()[0]
    database.execute_sql(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA busy_timeout = {int(usual)}")


def _reader_on_full_disk(path: Path) -> DebriefDatabase | None:
    """With no room for SQLite's shared-memory file, a WAL database cannot be opened the
    usual way, yet the user should still see their data. When the write-ahead log is empty
    (Debrief closed cleanly), the main file holds everything: read it as immutable, which
    needs no lock and no shared memory, and refuse writes."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    reader = DebriefDatabase(
        f"file:{path}?immutable=1",
        uri=True,
        pragmas={"foreign_keys": 1, "query_only": 1},
        check_same_thread=False,
    )
    try:
        reader.connect()
        reader.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, PeeweeDatabaseError):
        if not reader.is_closed():
            reader.close()
        return None
    reader.read_only_reason = DISK_FULL
    return reader


def close_database() -> None:
    if DB.obj is not None and not DB.obj.is_closed():
        DB.obj.close()
    DB.initialize(None)


def release_cache() -> None:
    """Give back the open connection's page cache (SQLite's `shrink_memory`): once start-up
    has read what it needs, the pages its checks and first reads left there (up to 2 MiB)
    only hold memory; a later query reads its pages again from the file."""
    if DB.obj is not None and not DB.obj.is_closed():
        DB.obj.execute_sql("PRAGMA shrink_memory")


def integrity_ok(database: SqliteDatabase) -> tuple[bool, str]:
    rows = database.execute_sql("PRAGMA integrity_check").fetchall()
    text = "; ".join(str(row[0]) for row in rows)
    return text == "ok", text


# Pages copied per step when someone watches the copy: about 4 MiB at SQLite's 4 KiB pages.
BACKUP_STEP_PAGES = 1024


def backup_to(
    database: SqliteDatabase, target: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Copy the live database to `target` with SQLite's online backup API.

    `progress(done_pages, total_pages)` is called after every step; an exception it raises
    stops the copy and reaches the caller (which removes the half-made target)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(target)
    destination = sqlite3.connect(str(target))
    try:
        if progress is None:
            database.connection().backup(destination)
        else:

            def step(status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total)

            database.connection().backup(destination, pages=BACKUP_STEP_PAGES, progress=step)
    finally:
        destination.close()
    return target
