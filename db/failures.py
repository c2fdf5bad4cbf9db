"""Telling a damaged database apart from bad surroundings (full disk, no permission,
another program holding the lock), from the SQLite result code or the OS errno.

Only SQLITE_CORRUPT and SQLITE_NOTADB mean the file itself is damaged. Everything else
is about where the file lives, and is reported as such: calling a full disk "damaged"
sends the user to restore a backup they do not need.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26

DISK_FULL = "disk-full"
NO_PERMISSION = "no-permission"
READ_ONLY_DISK = "read-only-disk"
LOCKED = "locked"
IO_ERROR = "io-error"

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
# Below this, SQLite's "disk I/O error" while growing its shared-memory file is a full disk.
_NEARLY_FULL_BYTES = 256 * 1024


class DatabaseUnavailable(RuntimeError):
    """The database file may be fine, but its surroundings stop Debrief from using it."""

    def __init__(self, reason: str, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.reason = reason
        self.path = path


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)


def sqlite_code(error: BaseException) -> int | None:
    """The primary SQLite result code behind `error` (Peewee wraps sqlite3's errors)."""
    for item in _chain(error):
        code: int | None = getattr(item, "sqlite_errorcode", None)
        if isinstance(item, sqlite3.Error) and code is not None:
            return code & 0xFF
    return None


def os_errno(error: BaseException) -> int | None:
    for item in _chain(error):
        if isinstance(item, OSError) and item.errno is not None:
            return item.errno
    return None


def is_damage(error: BaseException) -> bool:
    return sqlite_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def reason_for(error: BaseException, folder: Path | None = None) -> str | None:
    """Which surroundings problem `error` is, or None for a damaged file or a bug."""
    code, number = sqlite_code(error), os_errno(error)
    if code == SQLITE_FULL or number in _FULL_ERRNOS:
        return DISK_FULL
    if number == errno.EROFS:
        return READ_ONLY_DISK
    if number in (errno.EACCES, errno.EPERM) or code in (SQLITE_PERM, SQLITE_READONLY):
        return NO_PERMISSION
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return LOCKED
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN) or number == errno.EIO:
        if folder is not None and nearly_full(folder):
            return DISK_FULL
        return IO_ERROR if code == SQLITE_IOERR or number == errno.EIO else NO_PERMISSION
    return None


def unavailable(error: BaseException, path: Path) -> DatabaseUnavailable | None:
    reason = reason_for(error, Path(path).parent)
    return DatabaseUnavailable(reason, Path(path), str(error)) if reason else None
