"""A damaged database at start: found, never written to, and recovered from by choice."""

from __future__ import annotations

import pytest
from peewee import OperationalError
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db.connection import DatabaseUnreadable, close_database
from db.models import Opportunity
from db.store import database_path, open_store
from desktop.app import recover
from desktop.services import backups
from desktop.services.interviews import log_interview
from desktop.startup_probe import ENV as PROBE_ENV
from desktop.ui import strings
from desktop.ui.damaged_dialog import Choice, damaged_box
from tests.conftest import interview_draft
from tests.desktop_session import wait_until


def _history_with_backup(data_dir, clock) -> None:
    open_store(data_dir)
    log_interview(interview_draft(clock), clock)
    backups.back_up(data_dir, "manual", clock)
    log_interview(interview_draft(clock, company="Globex"), clock)
    close_database()


def _damage_pages(data_dir) -> bytes:
    """Keep the header (SQLite still opens the file) and scribble over the pages after it."""
    path = database_path(data_dir)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : page * 3] = b"\xa5" * (page * 2)
    path.write_bytes(bytes(data))
    return bytes(data)


def _click_when_shown(name: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        next(b for b in box.buttons() if b.objectName() == name).click()

    QTimer.singleShot(20, click)


def test_damaged_pages_are_found_before_anything_is_written(data_dir, clock) -> None:
    _history_with_backup(data_dir, clock)
    damaged = _damage_pages(data_dir)
    with pytest.raises(DatabaseUnreadable, match="is damaged"):
        open_store(data_dir)
    assert database_path(data_dir).read_bytes() == damaged


def test_choosing_restore_puts_back_the_latest_good_backup(qtbot, data_dir, clock) -> None:
    _history_with_backup(data_dir, clock)
    damaged = _damage_pages(data_dir)
    _click_when_shown(Choice.RESTORE.value)
    assert recover(data_dir, "malformed", clock) is False
    assert Opportunity.select().count() == 1  # as it was at the backup
    [kept] = [b for b in backups.list_all(data_dir) if b.kind == "before-restore"]
    assert kept.path.read_bytes() == damaged
    close_database()


def test_choosing_read_only_opens_a_copy_that_refuses_writes(qtbot, data_dir, clock) -> None:
    open_store(data_dir)
    log_interview(interview_draft(clock), clock)
    close_database()
    original = database_path(data_dir).read_bytes()
    _click_when_shown(Choice.READ_ONLY.value)
    assert recover(data_dir, "malformed", clock) is True
    assert Opportunity.select().count() == 1
    with pytest.raises(OperationalError, match="readonly"):
        log_interview(interview_draft(clock, company="Globex"), clock)
    close_database()
    assert database_path(data_dir).read_bytes() == original


def test_choosing_quit_changes_nothing(qtbot, data_dir, clock) -> None:
    _history_with_backup(data_dir, clock)
    damaged = _damage_pages(data_dir)
    _click_when_shown(Choice.QUIT.value)
    assert recover(data_dir, "malformed", clock) is None
    assert database_path(data_dir).read_bytes() == damaged


def test_without_a_good_backup_restore_cannot_be_chosen(qtbot) -> None:
    box = damaged_box("malformed", None)
    qtbot.addWidget(box)
    restore = next(b for b in box.buttons() if b.objectName() == Choice.RESTORE.value)
    assert not restore.isEnabled()
    assert box.defaultButton().objectName() == Choice.QUIT.value


def test_a_file_checked_just_before_is_not_checked_again_when_opened(data_dir, clock) -> None:
    # A restore checks the copy whole in its worker (integrity_check), then opens it on
    # the window's thread with `checked`: the 60 ms quick_check is not run twice. Shown
    # here with a damaged file, which only the check finds.
    _history_with_backup(data_dir, clock)
    _damage_pages(data_dir)
    with pytest.raises(DatabaseUnreadable, match="is damaged"):
        open_store(data_dir)
    open_store(data_dir, checked=True)
    close_database()


@pytest.mark.desktop_session
def test_a_start_at_login_takes_its_early_icon_down_before_saying_the_file_is_damaged(
    desktop, apps, data_dir, clock, tmp_path
) -> None:
    """At login the icon shows before the database is checked (tray/early_icon.py); a
    damaged file then takes it down, asks as before, and is never written to."""
    _history_with_backup(data_dir, clock)
    damaged = _damage_pages(data_dir)
    marks = tmp_path / "marks"
    apps.append(desktop.launch(data_dir, "--background", env={PROBE_ENV: str(marks)}))
    assert wait_until(lambda: desktop.top_level_named(strings.DAMAGED_TITLE), timeout=30)
    assert marks.read_text().split()[0] == "tray"  # the icon was up before the check
    assert wait_until(lambda: desktop.tray_icon_window() is None, timeout=10)
    assert desktop.top_level_named(strings.DAMAGED_TITLE)  # still asking, no icon
    assert database_path(data_dir).read_bytes() == damaged


@pytest.mark.desktop_session
def test_a_window_start_paints_then_hides_its_window_to_ask_about_a_damaged_file(
    desktop, apps, data_dir, clock, tmp_path
) -> None:
    """The window paints before the database is opened (app.py); a damaged file then
    hides it, and the question stands alone, as before. The file is never written to."""
    _history_with_backup(data_dir, clock)
    damaged = _damage_pages(data_dir)
    marks = tmp_path / "marks"
    apps.append(desktop.launch(data_dir, env={PROBE_ENV: str(marks)}))
    assert wait_until(lambda: desktop.top_level_named(strings.DAMAGED_TITLE), timeout=30)
    assert marks.read_text().split()[0] == "painted"  # the window was up before the check
    assert not desktop.top_level_named(strings.APP_TITLE)
    assert database_path(data_dir).read_bytes() == damaged
