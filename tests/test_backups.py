"""Rolling backups: what is kept, what is pruned, and restoring on real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db import backups
from db.backups import Backup, BackupUnusable, check_backup, to_prune
from db.migrations import SCHEMA_VERSION
from db.store import backups_dir
from desktop.services import backups as service
from desktop.services.interviews import log_interview
from tests.conftest import interview_draft

START = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def _daily(days: int) -> list[Backup]:
    return [
        Backup(Path(f"daily-{n}"), backups.DAILY, START + timedelta(days=n), 1) for n in range(days)
    ]


def test_seven_daily_and_four_weekly_copies_are_kept() -> None:
    every_day = _daily(60)
    doomed = set(to_prune(every_day))
    kept = sorted((b for b in every_day if b not in doomed), key=lambda b: b.made_at)
    assert len(kept) == 11
    assert kept[-7:] == every_day[-7:]
    weeks = {b.made_at.isocalendar()[:2] for b in kept[:-7]}
    assert len(weeks) == 4


def test_manual_copies_are_never_pruned_and_safety_copies_are_capped() -> None:
    manual = [
        Backup(Path(f"m{n}"), backups.MANUAL, START + timedelta(days=n), 1) for n in range(30)
    ]
    safety = [
        Backup(Path(f"i{n}"), backups.BEFORE_IMPORT, START + timedelta(days=n), 1)
        for n in range(15)
    ]
    doomed = to_prune(manual + safety)
    assert not [b for b in doomed if b.kind == backups.MANUAL]
    assert sorted(b.path.name for b in doomed) == sorted(f"i{n}" for n in range(5))


def test_daily_backup_is_made_once_a_day_and_is_a_whole_database(store, clock, data_dir) -> None:
    log_interview(interview_draft(clock), clock)
    first = service.daily_if_due(data_dir, clock)
    assert first is not None and check_backup(first, SCHEMA_VERSION) == SCHEMA_VERSION
    clock.advance(hours=5)
    assert service.daily_if_due(data_dir, clock) is None
    clock.advance(hours=20)
    assert service.daily_if_due(data_dir, clock) is not None
    assert not list(backups_dir(data_dir).glob("*.partial"))


def test_backups_of_a_year_are_pruned_as_they_go(store, clock, data_dir) -> None:
    for _ in range(40):
        service.daily_if_due(data_dir, clock)
        clock.advance(days=1)
    daily = [b for b in service.list_all(data_dir) if b.kind == backups.DAILY]
    assert 8 <= len(daily) <= 11


def test_restore_in_a_running_process_replaces_and_keeps(store, clock, data_dir) -> None:
    from db.models import Opportunity

    log_interview(interview_draft(clock), clock)
    copy = service.back_up(data_dir, backups.MANUAL, clock)
    log_interview(interview_draft(clock, company="Globex"), clock)
    kept = service.restore(data_dir, copy, clock)
    assert Opportunity.select().count() == 1  # the reopened database is the restored one
    connection = sqlite3.connect(kept)
    assert connection.execute("SELECT count(*) FROM opportunity").fetchone()[0] == 2
    connection.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "not a Debrief database"), (b"hello" * 100, "not a readable database")],
)
def test_unusable_backups_are_refused_with_the_reason(tmp_path, content, reason) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(content)
    with pytest.raises(BackupUnusable, match=reason):
        check_backup(path, SCHEMA_VERSION)


def test_a_backup_from_a_newer_debrief_is_refused(tmp_path) -> None:
    path = tmp_path / "new.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE opportunity (id INTEGER)")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    with pytest.raises(BackupUnusable, match="newer Debrief"):
        check_backup(path, SCHEMA_VERSION)


def test_restore_writes_nothing_beside_its_source(store, clock, data_dir, tmp_path) -> None:
    # SQLite opened the source in place and left -wal and -shm files next to it.
    from db.models import Opportunity

    log_interview(interview_draft(clock), clock)
    made = service.back_up(data_dir, backups.MANUAL, clock)
    elsewhere = tmp_path / "usb-stick"
    elsewhere.mkdir()
    source = elsewhere / made.name
    source.write_bytes(made.read_bytes())
    log_interview(interview_draft(clock, company="Globex"), clock)

    service.restore(data_dir, source, clock)
    assert Opportunity.select().count() == 1
    assert sorted(p.name for p in elsewhere.iterdir()) == [made.name]
    assert not list(backups_dir(data_dir).glob(".reading-*"))  # the private copy is gone


def test_a_source_copied_with_its_write_ahead_log_is_restored_whole(
    store, clock, data_dir, tmp_path
) -> None:
    """A database copied off a disk while open comes with a -wal file holding changes the
    file itself does not have yet; the private copy takes both."""
    from db.models import Company

    live = tmp_path / "live.sqlite3"
    live.write_bytes(service.back_up(data_dir, backups.MANUAL, clock).read_bytes())
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "INSERT INTO company (name, created_at) VALUES ('Only in the log', '2026-01-01')"
    )
    writer.commit()
    source = tmp_path / "copied" / "debrief.sqlite3"
    source.parent.mkdir()
    source.write_bytes(live.read_bytes())
    Path(f"{source}-wal").write_bytes(Path(f"{live}-wal").read_bytes())
    writer.close()

    service.restore(data_dir, source, clock)
    assert Company.select().where(Company.name == "Only in the log").exists()
