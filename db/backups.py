"""Rolling copies of the database, made with SQLite's online backup API, and restoring one.

Each copy is a whole SQLite file named `<kind>-<UTC stamp>.sqlite3` in the backups folder,
so the folder can be read (and a copy restored) with nothing but this naming rule.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from peewee import SqliteDatabase

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from db.connection import backup_to, create_private_file
from db.document_files import DOCUMENTS, copy_files, names_in, sweep
from db.file_safety import check_own_file

STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
DAILY = "daily"
MANUAL = "manual"
BEFORE_IMPORT = "before-import"
BEFORE_RESTORE = "before-restore"
KEEP_DAILY, KEEP_WEEKLY = 7, 4
# Copies made before a risky step are few; these many of each kind are kept.
KEEP_SAFETY_COPIES = 10

_NAME = re.compile(r"^(?P<kind>[a-z0-9-]+?)-(?P<stamp>\d{8}T\d{6}Z)(?:-\d+)?\.sqlite3$")


class BackupUnusable(ValueError):
    """A file offered for restoring that is not a whole Debrief database."""


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    made_at: datetime  # aware UTC
    size: int


def list_backups(folder: Path) -> list[Backup]:
    """Every copy in `folder`, newest first."""
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        made_at = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
        found.append(Backup(path, match["kind"], made_at, path.stat().st_size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def make_backup(
    database: SqliteDatabase,
    folder: Path,
    kind: str,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Copy the live database into `folder`; never replaces an existing copy. An exception
    from `progress` (see connection.backup_to) stops it and leaves no partial file."""
    target = _free_name(folder, f"{kind}-{now.astimezone(UTC).strftime(STAMP_FORMAT)}")
    partial = target.with_suffix(PARTIAL)
    check_own_file(folder)
    partial.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    create_private_file(partial)
    # Held while copying, so another Debrief starting meanwhile knows this one is not stale.
    with _claimed(partial):
        try:
            backup_to(database, partial, progress)
            keep_documents(partial, folder)
            # A copy appears under its final name only when complete, so a crash mid-copy
            # never leaves a half file that looks restorable.
            partial.replace(target)
        except BaseException:
            _remove_partial(partial)
            raise
    return target


PARTIAL = ".partial"
_PARTIAL_NAME = re.compile(r"^[a-z0-9-]+-\d{8}T\d{6}Z(?:-\d+)?\.partial(?:-journal|-wal|-shm)?$")


def remove_stale_partials(folder: Path) -> list[Path]:
    """Half copies left by a Debrief killed mid-backup: only Debrief's own names, only in
    its backups folder, and only those no running Debrief is still writing."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.iterdir()):
        if not _PARTIAL_NAME.match(path.name) or path.is_symlink() or not path.is_file():
            continue
        base = folder / path.name.split(PARTIAL)[0]
        base = base.with_name(base.name + PARTIAL)
        if base != path and base.exists():
            continue  # its journal goes with the base file, below
        if _in_use(base if base.exists() else path):
            continue
        for side in (base, *(Path(f"{base}{s}") for s in ("-journal", "-wal", "-shm"))):
            if side.exists() and not side.is_symlink():
                side.unlink()
                removed.append(side)
    return removed


def _remove_partial(partial: Path) -> None:
    for side in (partial, *(Path(f"{partial}{s}") for s in ("-journal", "-wal", "-shm"))):
        side.unlink(missing_ok=True)


class _claimed:
    """An exclusive flock on the partial file for the time of the copy (POSIX; flock is
    independent of the fcntl locks SQLite takes on the same file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> _claimed:
        if fcntl is not None:
            self.fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)


def _in_use(path: Path) -> bool:
    if fcntl is None:  # no flock: only a day-old half copy is surely abandoned
        return datetime.now().timestamp() - path.stat().st_mtime < 86_400
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def daily_due(folder: Path, now: datetime) -> bool:
    latest = next((b for b in list_backups(folder) if b.kind == DAILY), None)
    return latest is None or now - latest.made_at >= timedelta(hours=23)


def to_prune(
    backups: list[Backup], keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY
) -> list[Backup]:
    """Daily copies beyond the newest `keep_daily`, except the newest of each of the
    `keep_weekly` most recent ISO weeks among the older ones; and safety copies beyond
    KEEP_SAFETY_COPIES of their kind. Manual copies are the user's: never pruned."""
    daily = sorted((b for b in backups if b.kind == DAILY), key=lambda b: b.made_at, reverse=True)
    keep = set(daily[:keep_daily])
    weeks_kept: set[tuple[int, int]] = set()
    for backup in daily[keep_daily:]:
        week = backup.made_at.isocalendar()[:2]
        if week not in weeks_kept and len(weeks_kept) < keep_weekly:
            weeks_kept.add(week)
            keep.add(backup)
    doomed = [b for b in daily if b not in keep]
    by_kind: dict[str, list[Backup]] = {}
    for backup in backups:
        if backup.kind not in (DAILY, MANUAL):
            by_kind.setdefault(backup.kind.split("-v")[0], []).append(backup)
    for copies in by_kind.values():
        copies.sort(key=lambda b: b.made_at, reverse=True)
        doomed.extend(copies[KEEP_SAFETY_COPIES:])
    return doomed


def prune(folder: Path) -> list[Path]:
    removed = []
    for backup in to_prune(list_backups(folder)):
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    if removed:
        removed += sweep_documents(folder)
    return removed


def documents_of(folder: Path) -> Path:
    """The backups' own copies of the documents their databases name."""
    return folder / DOCUMENTS


def keep_documents(database_file: Path, folder: Path, finished: bool = True) -> None:
    """Put the documents `database_file` names into the backups' pool, from the data
    folder (the backups folder's parent), so restoring it brings them back."""
    copy_files(names_in(database_file, finished), folder.parent / DOCUMENTS, documents_of(folder))


def sweep_documents(folder: Path) -> list[Path]:
    """Pool files no backup names any more. Not while a copy is being made: its database
    is not under its final name yet, and the files it just put in the pool would go."""
    if any(path.name.endswith(PARTIAL) for path in folder.iterdir()):
        return []
    keep: set[str] = set()
    for backup in list_backups(folder):
        keep |= names_in(backup.path, finished=True)
    return sweep(documents_of(folder), keep)


@contextmanager
def readable_copy(source: Path, folder: Path) -> Iterator[Path]:
    """`source`, with its write-ahead log if it has one, copied into a private folder made
    inside `folder`, under the same name; removed afterwards.

    SQLite writes beside any file it opens (`-wal`, `-shm`, even read-only), and cannot
    open a WAL-mode file at all where it may not write them: a backup on a read-only disk,
    or in someone else's folder, is read from a copy so nothing is written next to it."""
    source = Path(source)
    if not source.is_file():
        raise BackupUnusable(f"{source} does not exist")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".reading-", dir=folder) as private:  # mode 0700
        copy = Path(private) / source.name
        try:
            shutil.copyfile(source, copy)
            log_file = Path(f"{source}-wal")  # committed changes not yet in the file itself
            if log_file.is_file():
                shutil.copyfile(log_file, Path(f"{copy}-wal"))
        except OSError as error:
            raise BackupUnusable(
                f"{source.name} cannot be read ({error.strerror or error})"
            ) from error
        yield copy


def check_backup(path: Path, newest_schema: int) -> int:
    """The schema version of a copy fit to restore; BackupUnusable with the reason if not."""
    path = Path(path)
    if not path.is_file():
        raise BackupUnusable(f"{path} does not exist")
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = probe.execute("PRAGMA integrity_check").fetchone()[0]
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master")}
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise BackupUnusable(f"{path.name} is not a readable database ({error})") from error
    if verdict != "ok":
        raise BackupUnusable(f"{path.name} is damaged ({verdict})")
    if version < 1 or "opportunity" not in tables:
        raise BackupUnusable(f"{path.name} is not a Debrief database")
    if version > newest_schema:
        raise BackupUnusable(f"{path.name} was written by a newer Debrief (schema {version})")
    return version


def latest_good(folder: Path, newest_schema: int) -> Backup | None:
    for backup in list_backups(folder):
        try:
            check_backup(backup.path, newest_schema)
        except BackupUnusable:
            continue
        return backup
    return None


def restore_file(source: Path, live: Path, folder: Path, now: datetime) -> Path | None:
    """Put the copy `source` in place of the (closed) database file `live`.

    What it replaces is first moved aside into `folder` as a before-restore copy (returned),
    so a restore can itself be undone. Works on a damaged live file too: it is moved, never
    read or deleted. The caller must have closed every connection to `live`.
    """
    return swap_in(stage(source, live), live, folder, now)


def stage(source: Path, live: Path) -> Path:
    """Copy `source` beside `live` under a name of its own (`.restoring`), ready for
    `swap_in`; the slow half of a restore, which can run while `live` is still open.
    Nothing is left behind if the copy fails; `discard` removes a staged copy not used."""
    incoming = live.with_suffix(".restoring")
    incoming.unlink(missing_ok=True)
    create_private_file(incoming)
    try:
        source_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target_db = sqlite3.connect(str(incoming))
        try:
            source_db.backup(target_db)
        finally:
            source_db.close()
            target_db.close()
    except BaseException:
        _remove_partial(incoming)  # the live file was not touched yet
        raise
    return incoming


def discard(staged: Path) -> None:
    _remove_partial(staged)


def swap_in(incoming: Path, live: Path, folder: Path, now: datetime) -> Path | None:
    """Put the staged copy `incoming` in place of the (closed) `live`, keeping what it
    replaces in `folder` first (returned). Quick: links and one rename."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = None
    if live.exists():
        # The replaced data's documents stay restorable (the live file may have a log).
        keep_documents(live, folder, finished=False)
        kept = _free_name(folder, f"{BEFORE_RESTORE}-{now.astimezone(UTC).strftime(STAMP_FORMAT)}")
        # Kept byte for byte with its write-ahead log, so a damaged file stays as it was.
        for side, copy in _with_sidecars(live, kept):
            _link_or_copy(side, copy)
    for side, _ in _with_sidecars(live, live)[1:]:
        side.unlink()
    # One rename: at every moment there is a whole database under the live name.
    incoming.replace(live)
    # Documents removed since the copy was made come back from the pool.
    copy_files(names_in(live), documents_of(folder), live.parent / DOCUMENTS)
    return kept


def _with_sidecars(path: Path, twin: Path) -> list[tuple[Path, Path]]:
    pairs = [(path, twin)]
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            pairs.append((side, Path(f"{twin}{suffix}")))
    return pairs


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _free_name(folder: Path, stem: str) -> Path:
    target = folder / f"{stem}.sqlite3"
    counter = 1
    while target.exists():
        target = folder / f"{stem}-{counter}.sqlite3"
        counter += 1
    return target
