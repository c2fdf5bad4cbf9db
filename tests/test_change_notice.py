"""A change made from the command line in another session (no XDG_RUNTIME_DIR: cron, ssh,
another login) reaches the running app through the marker file it watches, without any
polling timer."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from db.models import Reminder
from desktop.change_marker import marker_path
from desktop.domain.clock import SystemClock
from desktop.services.interviews import log_interview
from desktop.tray.companion import Companion
from desktop.tray.single_instance import InstanceLock, server_name
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences_dialog import PreferencesDialog
from tests.conftest import REPO, interview_draft
from tests.tray_doubles import Recording, parts_for_tests


def _inotify_handles() -> int:
    fds = Path("/proc/self/fd")
    return sum(1 for fd in fds.iterdir() if "inotify" in os.path.realpath(fd))


@pytest.fixture
def clock():
    """The real clock: with a fixed one in the past, the scheduler's real timer would wake
    at once and keep re-reading, hiding whether the change notice did."""
    return SystemClock(ZoneInfo("Europe/Berlin"))


@pytest.fixture
def companion(qtbot, store, clock, tmp_path, data_dir):
    runtime = tmp_path / "run"  # the app's own session has a runtime folder...
    runtime.mkdir(mode=0o700)
    lock = InstanceLock(data_dir)
    assert lock.acquire()
    ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(clock, ui_state, data_dir, confirm=lambda *_: True)
    qtbot.addWidget(window)
    made = Companion(
        QApplication.instance(),
        window,
        clock,
        data_dir,
        ui_state,
        lock,
        parts_for_tests(
            clock, data_dir, server_name(data_dir, str(runtime)), tmp_path, Recording()
        ),
        make_preferences=PreferencesDialog,
    )
    made.start(background=True)
    yield made
    made.shut_down()


def _cli_from_another_session(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # ...the command line's has none, so it cannot find the app's socket.
    env = {k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**env, "TZ": "Europe/Berlin"},
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_done_from_another_session_reaches_the_running_app(qtbot, companion, clock, data_dir):
    starts = (clock.now() + timedelta(days=30)).astimezone(clock.tz)
    log_interview(interview_draft(clock, starts_at=f"{starts:%Y-%m-%d} 14:00"), clock)
    companion.reload()
    prep = Reminder.get(Reminder.kind == "prep")
    assert companion.scheduler.scheduled_for == prep.due_at
    reloads: list[None] = []
    companion.change_watch.changed.connect(lambda: reloads.append(None))

    done = _cli_from_another_session(data_dir, "done", str(prep.id))
    assert done.returncode == 0, done.stderr

    after = Reminder.select().where(Reminder.state == "pending").order_by(Reminder.due_at).get()
    qtbot.waitUntil(lambda: companion.scheduler.scheduled_for == after.due_at, timeout=20_000)
    assert reloads == [None]  # one reload, from the marker file
    assert oct(marker_path(data_dir).stat().st_mode & 0o777) == "0o600"


def test_the_app_waits_for_changes_without_polling(companion) -> None:
    polling = [
        timer
        for timer in companion.findChildren(QTimer)
        if timer.isActive() and not timer.isSingleShot() and timer.interval() < 60_000
    ]
    assert polling == []
    watcher = companion.change_watch.watcher
    assert str(marker_path(companion.data_dir)) in watcher.files()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_the_watch_is_inotify_not_a_polling_fallback(companion, tmp_path) -> None:
    from desktop.tray.change_watch import ChangeWatch

    before = _inotify_handles()
    other = tmp_path / "other"
    other.mkdir()
    watch = ChangeWatch(other)
    assert _inotify_handles() == before + 1  # Qt's poller would open none
    watch.stop()


def test_the_apps_own_writes_do_not_reload_it(qtbot, companion, clock) -> None:
    reloads: list[None] = []
    companion.change_watch.changed.connect(lambda: reloads.append(None))
    before = marker_path(companion.data_dir).stat().st_mtime_ns
    starts = (clock.now() + timedelta(days=30)).astimezone(clock.tz)
    log_interview(interview_draft(clock, starts_at=f"{starts:%Y-%m-%d} 14:00"), clock)
    companion.after_change()
    assert marker_path(companion.data_dir).stat().st_mtime_ns == before
    assert not companion.change_watch.debounce.isActive() and reloads == []
