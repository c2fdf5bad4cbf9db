"""Turning an error from the surroundings (full disk, no permission, a locked or
read-only file, an unsafe folder) into one sentence for the user. No Qt.

Anything not recognised here is a bug: the caller logs its traceback and says so.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from db.connection import DB
from db.failures import (
    DISK_FULL,
    IO_ERROR,
    LOCKED,
    NO_PERMISSION,
    READ_ONLY_DISK,
    DatabaseUnavailable,
    nearly_full,
    reason_for,
)
from db.file_safety import UnsafeLocation
from desktop import fault_texts

_TEXTS = {
    DISK_FULL: fault_texts.DISK_FULL,
    READ_ONLY_DISK: fault_texts.READ_ONLY_DISK,
    NO_PERMISSION: fault_texts.NO_PERMISSION,
    LOCKED: fault_texts.LOCKED,
    IO_ERROR: fault_texts.IO_ERROR,
}


class Unusable(RuntimeError):
    """A surroundings problem already put into the user's words (see cannot_lock)."""


def read_only_because_disk_full() -> bool:
    """The database was opened for reading only, because the disk had no room to open it
    the usual way (db.connection)."""
    return getattr(DB.obj, "read_only_reason", None) == DISK_FULL


def explain(error: BaseException, data_dir: Path) -> str | None:
    """The sentence for an error the user's surroundings caused, or None for a bug."""
    if isinstance(error, (UnsafeLocation, Unusable)):
        return str(error)
    reason: str | None
    if isinstance(error, DatabaseUnavailable):
        reason, path = error.reason, error.path
    else:
        reason = reason_for(error, Path(data_dir))
        path = Path(getattr(error, "filename", None) or data_dir)
        if reason == NO_PERMISSION and read_only_because_disk_full():
            reason = DISK_FULL
    if reason is None:
        return None
    return _TEXTS[reason].format(path=path, folder=Path(data_dir), user=_user_name())


def cannot_lock(data_dir: Path) -> str:
    """Debrief could not write its lock file, and no other Debrief holds it."""
    reason = DISK_FULL if nearly_full(Path(data_dir)) else NO_PERMISSION
    return _TEXTS[reason].format(
        path=Path(data_dir) / "debrief.lock", folder=Path(data_dir), user=_user_name()
    )


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "$USER"
