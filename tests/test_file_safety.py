"""Hostile or broken surroundings: a folder someone else owns or can write, links where
the database should be, a log that cannot be opened, a read-only disk, half backups left
by a killed run. Each gets one sentence naming the path and the fix, never a traceback."""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
from pathlib import Path

import pytest

from db.connection import close_database
from db.store import open_store
from tests.conftest import run_cli

NOBODY = 65534
posix_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="giving files to another user needs root"
)


def assert_one_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def log_one(data: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(
        data, "log-interview", "--company", "Acme", "--role", "Data Analyst",
        "--at", "2026-11-25 14:00",
    )  # fmt: skip


@posix_root
def test_a_world_writable_folder_made_by_another_user_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "shared"
    data.mkdir()
    os.chmod(data, 0o777)
    os.chown(data, NOBODY, NOBODY)
    done = run_cli(data, "list")
    assert_one_line(done, str(data), "belongs to", "chown")
    assert list(data.iterdir()) == []  # nothing created there


def test_a_folder_others_can_write_is_refused_with_the_chmod_to_fix_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o777)
    assert_one_line(log_one(data), f"chmod 700 '{data}'")
    assert list(data.iterdir()) == []
    os.chmod(data, 0o700)
    assert log_one(data).returncode == 0


def test_the_database_is_never_reached_through_a_symbolic_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "readable-by-others.sqlite3"
    elsewhere.write_bytes(b"")
    os.chmod(elsewhere, 0o644)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "debrief.sqlite3").symlink_to(elsewhere)
    assert_one_line(log_one(data), "symbolic link", "debrief.sqlite3")
    assert elsewhere.read_bytes() == b""


def test_nor_its_journal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert log_one(data).returncode == 0
    elsewhere = tmp_path / "wal-elsewhere"
    (data / "debrief.sqlite3-wal").symlink_to(elsewhere)
    assert_one_line(run_cli(data, "list"), "symbolic link", "debrief.sqlite3-wal")
    assert not elsewhere.exists()


@posix_root
def test_data_left_behind_by_sudo_is_named_with_the_fix(tmp_path: Path) -> None:
    """After `sudo debrief` the files belong to root; here, to another user."""
    data = tmp_path / "data"
    assert log_one(data).returncode == 0
    os.chown(data / "debrief.sqlite3", NOBODY, NOBODY)
    assert_one_line(run_cli(data, "list"), "debrief.sqlite3", "belongs to", "sudo chown")


def test_a_database_readable_by_others_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert log_one(data).returncode == 0
    os.chmod(data / "debrief.sqlite3", 0o644)
    assert run_cli(data, "list").returncode == 0
    assert stat.S_IMODE((data / "debrief.sqlite3").stat().st_mode) == 0o600


def test_a_log_that_cannot_be_opened_costs_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "debrief.log").mkdir()
    logged = log_one(data)
    assert logged.returncode == 0 and logged.stderr == "", logged.stderr
    listed = run_cli(data, "list")
    assert listed.returncode == 0 and "Acme" in listed.stdout and listed.stderr == ""


@posix_root
def test_a_log_owned_by_someone_else_is_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    log = data / "debrief.log"
    log.write_text("")
    os.chown(log, NOBODY, NOBODY)
    done = log_one(data)
    assert done.returncode == 0 and done.stderr == ""
    assert log.read_text() == ""


@posix_root
def test_a_read_only_disk_is_named_as_such(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m,mode=0700", "tmpfs", str(data)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    try:
        assert_one_line(run_cli(data, "list"), str(data), "read-only")
    finally:
        subprocess.run(["umount", "-l", str(data)], check=False)


def test_half_copies_from_a_killed_run_are_removed_at_the_next_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_store(data)
    close_database()
    folder = data / "backups"
    folder.mkdir(mode=0o700)
    stale = folder / "before-migration-v4-20261122T090000Z.partial"
    stale.write_bytes(b"x" * 1000)
    Path(f"{stale}-journal").write_bytes(b"x" * 100)
    busy = folder / "daily-20261122T090000Z.partial"
    busy.write_bytes(b"")
    not_ours = folder / "notes.partial"
    not_ours.write_bytes(b"")
    # Another Debrief still copying holds its half copy locked.
    holder = os.open(busy, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        open_store(data)
        close_database()
    finally:
        os.close(holder)
    assert sorted(p.name for p in folder.iterdir()) == [busy.name, not_ours.name]


def test_a_backup_killed_mid_copy_leaves_a_half_copy_that_the_next_start_removes(
    tmp_path: Path,
) -> None:
    """For real: a process holding the half copy (as make_backup does) is killed."""
    data = tmp_path / "data"
    open_store(data)
    close_database()
    folder = data / "backups"
    folder.mkdir(mode=0o700)
    partial = folder / "manual-20261122T090000Z.partial"
    partial.write_bytes(b"half")
    killed = subprocess.Popen(
        ["python3", "-c", f"import fcntl,os,sys,time; fd=os.open({str(partial)!r}, os.O_RDONLY);"
         " fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert killed.stdout is not None and killed.stdout.readline().strip() == "held"
    open_store(data)
    close_database()
    assert partial.exists()  # still being written: left alone
    killed.kill()
    killed.wait()
    open_store(data)
    close_database()
    assert not partial.exists()


def test_backups_are_never_written_through_a_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert log_one(data).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (data / "backups").symlink_to(elsewhere)
    assert_one_line(run_cli(data, "backup"), "symbolic link", "backups")
    assert list(elsewhere.iterdir()) == []
