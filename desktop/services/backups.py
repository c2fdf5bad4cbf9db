"""Backups of the open database, and restoring one in its place."""

from __future__ import annotations

from pathlib import Path

from db import backups

# Re-exported, so the backups window needs nothing from `db`.
from db.backups import Backup as Backup
from db.backups import BackupUnusable as BackupUnusable
from db.connection import DB, close_database
from db.migrations import SCHEMA_VERSION
from db.models import Opportunity
from db.store import backups_dir, database_path, open_store
from desktop.domain.clock import Clock
from desktop.domain.progress import Progress, no_progress, step


def folder(data_dir: Path) -> Path:
    """Where the copies are kept, for the user to open."""
    return backups_dir(data_dir)


def back_up_now(data_dir: Path, clock: Clock, progress: Progress | None = None) -> Path:
    """The user's own copy, which pruning never removes. `progress` hears of the pages
    copied and may stop the copy (Cancelled; no partial file is left)."""
    return back_up(data_dir, backups.MANUAL, clock, progress)


def back_up(data_dir: Path, kind: str, clock: Clock, progress: Progress | None = None) -> Path:
    watch = None
    if progress is not None:
        told = progress

        def watch(done: int, total: int) -> None:
            step(told, done, total)

    made = backups.make_backup(DB.obj, backups_dir(data_dir), kind, clock.now(), watch)
    backups.prune(backups_dir(data_dir))
    return made


def back_up_before_import(data_dir: Path, clock: Clock) -> Path | None:
    """Nothing to keep in a new, empty folder."""
    if not Opportunity.select().exists():
        return None
    return back_up(data_dir, backups.BEFORE_IMPORT, clock)


def daily_if_due(data_dir: Path, clock: Clock) -> Path | None:
    if not backups.daily_due(backups_dir(data_dir), clock.now()):
        return None
    return back_up(data_dir, backups.DAILY, clock)


def list_all(data_dir: Path) -> list[backups.Backup]:
    return backups.list_backups(backups_dir(data_dir))


def latest_good(data_dir: Path) -> backups.Backup | None:
    return backups.latest_good(backups_dir(data_dir), SCHEMA_VERSION)


def prepare_restore(data_dir: Path, source: Path, progress: Progress = no_progress) -> Path:
    """The slow half of a restore, fit for a worker thread while the database stays open:
    check the copy `source` (BackupUnusable if it will not do) and stage it beside the
    database. `finish_restore` then swaps it in; `backups.discard` drops it. A cancel
    (`progress` returning False) leaves nothing behind."""
    folder = backups_dir(data_dir)
    live = database_path(data_dir)
    step(progress, 0, 3)
    with backups.readable_copy(Path(source), folder) as copy:
        step(progress, 1, 3)
        backups.check_backup(copy, SCHEMA_VERSION)
        step(progress, 2, 3)
        staged = backups.stage(copy, live)
    try:
        step(progress, 3, 3)
    except BaseException:
        backups.discard(staged)
        raise
    return staged


def discard_restore(staged: Path) -> None:
    backups.discard(staged)


def finish_restore(data_dir: Path, staged: Path, clock: Clock) -> Path | None:
    """Swap the staged copy in for the database (on the thread that owns the connection):
    close, move the current file aside as a before-restore copy (returned), rename, open."""
    close_database()
    try:
        kept = backups.swap_in(staged, database_path(data_dir), backups_dir(data_dir), clock.now())
    except BaseException:
        backups.discard(staged)
        # Not swapped in: the window goes on with the old database.
        open_store(data_dir)
        raise
    # Checked whole by `prepare_restore` (integrity_check, in the worker) moments ago.
    open_store(data_dir, checked=True)
    return kept


def restore(data_dir: Path, source: Path, clock: Clock) -> Path | None:
    """Replace the database with the copy `source` and open it; returns where the replaced
    one was kept. The open database, if any, is closed first and reopened after."""
    folder = backups_dir(data_dir)
    # Read from a private copy: nothing is written beside the source, which may be on a
    # read-only disk.
    with backups.readable_copy(Path(source), folder) as copy:
        backups.check_backup(copy, SCHEMA_VERSION)
        close_database()
        kept = backups.restore_file(copy, database_path(data_dir), folder, clock.now())
    open_store(data_dir)
    return kept
