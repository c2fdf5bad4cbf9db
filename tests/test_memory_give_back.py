"""What start-up gives back once it has settled: SQLite's page cache
(`db.connection.release_cache`) and glibc's free heap pages (`desktop/heap_trim.py`)."""

from __future__ import annotations

import ctypes
import sys

import pytest

from db.connection import DB, close_database, release_cache
from desktop.heap_trim import trim_heap

glibc_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's call")


def sqlite_memory_used() -> int:
    """The bytes SQLite has allocated in this process (its own count, all connections)."""
    library = ctypes.CDLL("libsqlite3.so.0")  # the one `_sqlite3` already loaded
    library.sqlite3_memory_used.restype = ctypes.c_int64
    return int(library.sqlite3_memory_used())


@glibc_only
def test_the_page_cache_filled_by_a_read_is_given_back_and_reads_still_work(store) -> None:
    database = DB.obj
    database.execute_sql("CREATE TABLE filler (body BLOB)")
    with database.atomic():
        for _ in range(1500):  # about 1.5 MiB: most of the 2 MiB cache
            database.execute_sql("INSERT INTO filler VALUES (zeroblob(1000))")
    assert database.execute_sql("SELECT count(*), sum(length(body)) FROM filler").fetchone()
    filled = sqlite_memory_used()
    release_cache()
    assert sqlite_memory_used() < filled - 1_000_000
    assert database.execute_sql("SELECT count(*) FROM filler").fetchone() == (1500,)


def test_giving_back_the_cache_without_a_database_does_nothing(store) -> None:
    close_database()
    release_cache()  # no error: the window may have closed it (a read-only start)
    assert DB.obj is None


@glibc_only
def test_free_heap_pages_go_back_to_the_system() -> None:
    # Many blocks above Python's small-object size come from malloc's heap, not its mmaps.
    blocks = [bytes(2000) for _ in range(20_000)]
    del blocks
    assert trim_heap()
