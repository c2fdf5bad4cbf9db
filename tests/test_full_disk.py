"""A full disk, for real: a small tmpfs filled to the last block, so SQLite meets SQLITE_FULL
and the shared-memory file cannot grow, and Python meets ENOSPC.

Reading still works; a write rolls back and says "Your disk is full" in one line; nothing
is called damaged; no half backup or half PDF is left behind.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db import backups
from db.connection import close_database
from db.store import open_store
from db.vocabulary import Status
from tests.conftest import open_window, run_cli


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs; the tests fill it once the data they need is written."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path) -> Path:
    """Write until the disk refuses a single byte more."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 16, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    assert os.statvfs(disk).f_bavail == 0
    return filler


def log_one(data: Path, company: str = "Acme") -> subprocess.CompletedProcess[str]:
    return run_cli(
        data, "log-interview", "--company", company, "--role", "Data Analyst",
        "--at", "2026-11-25 14:00", "--interviewer", "Dana Li <dana@acme.example>",
    )  # fmt: skip


def assert_one_calm_line(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1, done
    assert done.stderr.startswith("debrief: Your disk is full"), done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    for wrong in ("Traceback", "Logging error", "damaged", "not a readable", "rollback"):
        assert wrong not in done.stderr


def test_reading_works_and_writing_says_the_disk_is_full(disk: Path) -> None:
    data = disk / "data"
    assert log_one(data).returncode == 0
    filler = fill(disk)

    listed = run_cli(data, "list")
    assert listed.returncode == 0 and "Acme" in listed.stdout, listed.stderr
    assert listed.stderr == ""
    assert run_cli(data, "due").returncode == 0

    assert_one_calm_line(log_one(data, "Beta"))
    assert_one_calm_line(run_cli(data, "backup"))
    # Restoring takes the instance lock first, whose file cannot be written: not "running".
    assert_one_calm_line(run_cli(data, "restore", str(data / "debrief.sqlite3")))
    report = disk / "report.pdf"
    assert_one_calm_line(run_cli(data, "export", "--format", "report", "-o", str(report)))
    assert not report.exists()

    filler.unlink()
    assert [p.name for p in (data / "backups").iterdir()] == []
    listed = run_cli(data, "list", "--json")
    assert '"Acme"' in listed.stdout and "Beta" not in listed.stdout
    assert log_one(data, "Beta").returncode == 0


def test_a_write_that_fills_the_disk_rolls_back_cleanly(disk: Path) -> None:
    """With the shared memory already there (the app is running), SQLite gets as far as
    the commit and fails with SQLITE_FULL; the transaction is rolled back, not left open."""
    data = disk / "data"
    assert log_one(data).returncode == 0
    reader = sqlite3.connect(data / "debrief.sqlite3")  # keeps -shm alive, like the tray app
    try:
        reader.execute("SELECT count(*) FROM opportunity").fetchone()
        filler = fill(disk)
        assert_one_calm_line(log_one(data, "Beta"))
        filler.unlink()
        names = [row[0] for row in reader.execute("SELECT name FROM company")]
    finally:
        reader.close()
    assert names == ["Acme"]
    assert "integrity" not in run_cli(data, "list").stderr


def test_a_failed_backup_and_a_failed_report_leave_no_half_file(disk: Path, clock) -> None:
    data = disk / "data"
    assert log_one(data).returncode == 0
    database = open_store(data)
    try:
        fill(disk)
        folder = data / "backups"
        with pytest.raises(sqlite3.OperationalError):
            backups.make_backup(database, folder, backups.MANUAL, datetime.now(UTC))
        assert list(folder.iterdir()) == []
    finally:
        close_database()


def test_the_pdf_report_is_not_written_when_the_disk_is_full(disk: Path, qapp) -> None:
    from desktop.domain.activity_report import ActivityReport
    from desktop.ui.report_pdf import write_report_pdf

    report = ActivityReport(datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date(), [])
    fill(disk)
    with pytest.raises(OSError):
        write_report_pdf(report, disk / "report.pdf")
    assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_the_window_opens_the_data_read_only_on_a_full_disk(disk: Path, clock, qtbot) -> None:
    """What the window gets: the data to read, and a calm refusal for every write."""
    from desktop.faults import explain, read_only_because_disk_full
    from desktop.services.opportunities import change_status
    from desktop.services.queries import list_opportunities

    data = disk / "data"
    assert log_one(data).returncode == 0
    fill(disk)
    open_store(data)
    try:
        assert read_only_because_disk_full()
        assert [row.company for row in list_opportunities(clock.now())] == ["Acme"]
        window = open_window(qtbot, clock, disk)
        window.refresh()
        assert window.filter.rowCount() == 1
        with pytest.raises(Exception) as refused:
            change_status(1, Status.WITHDRAWN, clock)
        assert (explain(refused.value, data) or "").startswith("Your disk is full")
    finally:
        close_database()
    assert not read_only_because_disk_full()


# Run in its own process: a whole launch (app.exec, exit) must not leave this test
# process's QApplication in a quitting state for the tests after it.
_START_AND_LOOK = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from desktop.app import launch
from desktop.ui.main_window import MainWindow

app = QApplication(["debrief"])
seen = {}

def look():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    boxes = [w.text() for w in shown if isinstance(w, QMessageBox)]
    windows = [w for w in shown if isinstance(w, MainWindow)]
    if boxes:
        seen["box"] = boxes
    elif windows and windows[0].filter.rowCount() == 1:
        seen["banner"] = windows[0].banner.label.text()
    else:
        return
    poll.stop()
    QApplication.exit(0)

poll = QTimer()
poll.timeout.connect(look)
poll.start(50)
launch(sys.argv[1])
print(json.dumps(seen))
"""


def test_the_app_starts_on_a_full_disk_showing_the_data_read_only(disk: Path) -> None:
    """The whole start: no lock file can be written and SQLite has no room for its shared
    memory, yet the window opens on the data and says why nothing can be saved (main
    said "Debrief is already running but did not answer")."""
    import json
    import sys

    from desktop import fault_texts
    from tests.conftest import REPO

    data = disk / "data"
    assert log_one(data).returncode == 0
    fill(disk)
    done = subprocess.run(
        [sys.executable, "-c", _START_AND_LOOK, str(data)],
        capture_output=True, text=True, timeout=120, cwd=REPO, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(disk)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"banner": fault_texts.FULL_DISK_BANNER}
