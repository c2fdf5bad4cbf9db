"""Checks that the data folder and the database files are the user's alone, the way
OpenSSH's StrictModes checks ~/.ssh: owned by the user, not writable by anyone else, and
never reached through a symbolic link. POSIX only; elsewhere the checks pass.

A folder that someone else can write lets them swap a file for a link to a place they
can read; a database that is a link sends the user's interviews wherever it points. So
Debrief refuses both, with one sentence that names the path and the fix, and never
follows a link for the database, its -wal/-shm journal, the log or a backup.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

POSIX = os.name == "posix"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class UnsafeLocation(RuntimeError):
    """A data folder or file Debrief will not use; the message says why and how to fix it."""


def _owner_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def _me() -> str:
    return _owner_name(os.geteuid())


def check_folder(path: Path) -> None:
    """The data folder (links to it are followed: the user may keep it elsewhere) must be
    owned by the user and not writable by group or others."""
    if not POSIX:
        return
    info = os.stat(path)
    if info.st_uid != os.geteuid():
        raise UnsafeLocation(
            f"The data folder {path} belongs to {_owner_name(info.st_uid)}, not to you; "
            f"if it is yours, take it back with: sudo chown -R {_me()}: '{path}' "
            "(otherwise choose another folder with --data-dir)"
        )
    if info.st_mode & 0o022:
        raise UnsafeLocation(
            f"The data folder {path} can be changed by other users; "
            f"make it yours alone with: chmod 700 '{path}'"
        )
    if not os.access(path, os.W_OK | os.X_OK):
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            raise UnsafeLocation(
                f"The data folder {path} is on a read-only disk; Debrief needs to write there "
                "(remount it read-write, or choose another folder with --data-dir)"
            )
        raise UnsafeLocation(
            f"Debrief cannot write in its data folder {path}; "
            f"give yourself write access with: chmod u+rwx '{path}'"
        )


def check_own_file(path: Path) -> None:
    """A file Debrief keeps (database, journal, log, backup) must not be a symbolic link
    and must belong to the user. A missing file passes: Debrief creates it privately."""
    if not POSIX:
        return
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeLocation(
            f"{path} is a symbolic link, and Debrief never follows one for your data; "
            "put the real file in its place"
        )
    if info.st_uid != os.geteuid():
        raise UnsafeLocation(
            f"{path} belongs to {_owner_name(info.st_uid)}, not to you; "
            f"if it is yours, take it back with: sudo chown {_me()}: '{path}'"
        )
    if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
        # Ours but readable by others (an older Debrief, or a copy made by hand): tighten.
        os.chmod(path, PRIVATE_FILE, follow_symlinks=False)


def check_database_files(database: Path) -> None:
    """The database and the journal files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        check_own_file(Path(f"{database}{suffix}"))


def open_private(path: Path, flags: int) -> int:
    """os.open for a file only the user can read, refusing to follow a link."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE)
