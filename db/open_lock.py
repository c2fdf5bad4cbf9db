"""A lock file that lets one process at a time open (create, check, migrate) the database.

Two processes creating the tables of a brand-new file, or migrating an old one, at the
same moment would each try every step: the second fails with "table already exists" or
"duplicate column". With this lock the second waits, then finds the work done.

An OS file lock (fcntl on POSIX, msvcrt on Windows) is released by the kernel when its
holder dies, so a crash never leaves it stuck. No Qt here: db/ stays free of it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.connection import DatabaseBusy

OPEN_LOCK_FILE = "debrief-open.lock"
POLL_SECONDS = 0.02


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def opening_alone(data_dir: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the data folder's open lock for the block; DatabaseBusy if another process
    keeps it longer than `wait_seconds`."""
    path = Path(data_dir) / OPEN_LOCK_FILE
    # Created for the owner only; it stays, as deleting a lock file others may hold races.
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        deadline = time.monotonic() + wait_seconds
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise DatabaseBusy("another process is opening the database")
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
