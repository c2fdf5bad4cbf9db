"""Another process holds the write lock across a reminder's due time: the scheduler keeps
trying and fires it within moments of the lock's release, and is never left unarmed."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import time, timedelta
from time import monotonic
from zoneinfo import ZoneInfo

import pytest

from db.models import Reminder
from db.store import database_path
from desktop.domain.clock import SystemClock
from desktop.playbook.calendar import QuietHours
from desktop.services.interviews import log_interview
from desktop.services.reminders import snooze
from desktop.services.settings import load_playbook_settings, save_playbook_settings
from desktop.tray.notifier import Notifier
from desktop.tray.scheduler import ReminderScheduler
from tests.conftest import interview_draft
from tests.tray_doubles import Recording


@pytest.fixture
def holder(data_dir):
    """A second connection, like another Debrief writing: `.execute("BEGIN IMMEDIATE")`."""
    connection = sqlite3.connect(database_path(data_dir), isolation_level=None)
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_a_reminder_due_under_a_lock_fires_soon_after_its_release(
    qtbot, store, holder, capsys
) -> None:
    # The real clock: the scheduler's timer must really wake at the due time.
    clock = SystemClock(ZoneInfo("Europe/Berlin"))
    save_playbook_settings(  # no quiet hours, whatever the hour this test runs at
        dataclasses.replace(load_playbook_settings(), quiet=QuietHours(time(0), time(0)))
    )
    starts = (clock.now() + timedelta(days=30)).astimezone(clock.tz)
    log_interview(interview_draft(clock, starts_at=f"{starts:%Y-%m-%d %H:%M}"), clock)
    prep = Reminder.get(Reminder.kind == "prep")
    snooze(prep.id, clock.now() + timedelta(seconds=2.5), clock)
    due = Reminder.get_by_id(prep.id).due_at  # as stored: to the second
    backend = Recording()
    notifier = Notifier(backend, [])
    scheduler = ReminderScheduler(clock, notifier)
    try:
        scheduler.start()
        assert scheduler.scheduled_for == due  # armed before the lock is taken

        holder.execute("BEGIN IMMEDIATE")
        # The due time passes under the lock; the job fires, fails, and keeps retrying.
        qtbot.waitUntil(lambda: scheduler.failed_attempts >= 3, timeout=20_000)
        assert clock.now() > due
        assert backend.sent == []

        with qtbot.waitSignal(notifier.delivered, timeout=20_000):
            released = monotonic()
            holder.execute("COMMIT")
        delay = monotonic() - released
        with capsys.disabled():
            print(f"\nlock-across-due: fired {delay:.2f} s after the lock was released")
        assert [n.reminder_ids for n in backend.sent] == [(prep.id,)]
        assert Reminder.get_by_id(prep.id).state == "fired"
        assert scheduler.failed_attempts == 0
        assert scheduler.scheduled_for is not None  # armed for what comes next
    finally:
        scheduler.shutdown()
        notifier.shutdown()
