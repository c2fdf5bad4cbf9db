"""The files behind the `document` table: stored once by content, never half-written.

Each file lives in `<data folder>/documents/` under `<sha256><.suffix>`, 0600 in a 0700
folder. It is written to a temporary name beside its final one, fsynced and renamed, so a
crash or a full disk leaves either the whole file or none. The backups folder keeps its own
`documents/` pool (hard links where the disk allows, else copies) of every file a backup's
database names, so restoring a backup brings its documents back even after they were
removed from the data folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from db.file_safety import PRIVATE_FOLDER, UnsafeLocation, check_own_file

DOCUMENTS = "documents"
CHUNK = 1024 * 1024
# What a stored name may be; anything else (from a file, a bundle, a backup) is never
# joined to a path.
_STORED_NAME = re.compile(r"^[0-9a-f]{64}(\.[a-z0-9]{1,10})?$")
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")
_TEMPORARY = ".incoming-"


class TooLarge(ValueError):
    """The file grew past the limit while it was being copied."""


def is_stored_name(name: str) -> bool:
    return bool(_STORED_NAME.match(name))


def stored_name(sha256: str, original_name: str) -> str:
    """`<sha256>` plus the original's suffix when it is a plain one (.pdf, .docx), so the
    system opens the stored file with the right program."""
    suffix = Path(original_name).suffix.lower()
    return sha256 + (suffix if _SUFFIX.match(suffix) else "")


def documents_dir(data_dir: Path) -> Path:
    return Path(data_dir) / DOCUMENTS


def ensure_folder(folder: Path) -> Path:
    """The folder, made 0700 if new; a link in its place is refused."""
    check_own_file(folder)
    if folder.is_symlink():  # check_own_file passes everything off POSIX
        raise UnsafeLocation(f"{folder} is a symbolic link; put a real folder in its place")
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, PRIVATE_FOLDER, follow_symlinks=False)
    return folder


def write_stream(source: IO[bytes], folder: Path, limit: int) -> tuple[Path, str, int]:
    """Copy `source` to a private temporary file in `folder`, hashing as it goes.

    Returns (temporary path, sha256, size). Raises TooLarge past `limit` bytes and lets
    OSError through; either way no temporary file is left behind."""
    handle, temporary = tempfile.mkstemp(prefix=_TEMPORARY, dir=ensure_folder(folder))
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge(size)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary), digest.hexdigest(), size


def put_in_place(temporary: Path, target: Path) -> bool:
    """Rename the temporary file to `target`; True if it was new. A regular file already
    there has the same content (the name is its hash) and is kept."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        temporary.unlink(missing_ok=True)
        return False
    # A link or anything else in its place is replaced, never followed: rename replaces
    # the name itself.
    os.replace(temporary, target)
    _sync_folder(target.parent)
    return True


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_stored(path: Path) -> IO[bytes]:
    """A stored file, read without following a link."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(fd, "rb")


def has_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


# ----- backups ----------------------------------------------------------------------------


def names_in(database_file: Path, finished: bool = False) -> set[str]:
    """The stored names a database file (live or a backup) refers to; none if it has no
    document table (an older schema) or cannot be read.

    `finished`: a copy no connection writes any more (a backup), read as it is on disk.
    SQLite then leaves no -wal/-shm beside it, as it would for a read-only WAL reader."""
    mode = "immutable=1" if finished else "mode=ro"
    try:
        probe = sqlite3.connect(f"file:{database_file}?{mode}", uri=True)
    except sqlite3.Error:
        return set()
    try:
        rows = probe.execute("SELECT stored_name FROM document").fetchall()
    except sqlite3.Error:
        return set()
    finally:
        probe.close()
    return {row[0] for row in rows if isinstance(row[0], str) and is_stored_name(row[0])}


def copy_files(names: Iterable[str], source: Path, target: Path) -> list[str]:
    """Put each named file of `source` into `target` where it is missing: a hard link
    (costs no room: stored files are never changed in place) or else a copy made whole
    before it gets its name. Returns the names found in neither."""
    missing: list[str] = []
    names = [name for name in names if is_stored_name(name)]
    if not names:
        return missing
    ensure_folder(target)
    for name in names:
        if has_file(target / name):
            continue
        if not has_file(source / name):
            missing.append(name)
            continue
        try:
            os.link(source / name, target / name)  # a regular file: checked above
            continue
        except OSError:
            pass
        with open_stored(source / name) as reading:
            temporary, _, _ = write_stream(reading, target, limit=2**63)
        put_in_place(temporary, target / name)
    return missing


def sweep(folder: Path, keep: set[str]) -> list[Path]:
    """Remove the stored files in `folder` whose names are not in `keep`."""
    removed: list[Path] = []
    if not folder.is_dir() or folder.is_symlink():
        return removed
    for path in folder.iterdir():
        if is_stored_name(path.name) and path.name not in keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed
