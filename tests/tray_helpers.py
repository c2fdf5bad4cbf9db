"""Seeding a data folder and asking a running Debrief how it is, for end-to-end tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from zoneinfo import ZoneInfo

from db.connection import close_database
from db.models import Reminder
from db.store import open_store
from desktop.domain.clock import SystemClock
from desktop.domain.forms import validate_interview
from desktop.playbook.calendar import QuietHours
from desktop.playbook.settings import PlaybookSettings
from desktop.services import reminders
from desktop.services.interviews import log_interview
from desktop.services.settings import save_playbook_settings
from desktop.tray.single_instance import send, server_name
from tests.desktop_session import DesktopSession, wait_until

CLOCK = SystemClock(tz=ZoneInfo("Europe/Berlin"))


def seed(data_dir: Path, interviews: int = 1, hours_ago: float = 5) -> list[int]:
    """Interviews that ended hours ago, so their debrief, call and thank-you are overdue.
    Quiet hours are off: the suite may run at any hour."""
    open_store(data_dir)
    try:
        save_playbook_settings(PlaybookSettings(quiet=QuietHours(wall_time(0), wall_time(0))))
        start = (CLOCK.now() - timedelta(hours=hours_ago)).astimezone(CLOCK.tz)
        for number in range(interviews):
            raw = {
                "company": f"Acme {number}" if number else "Acme",
                "role": "Data Analyst",
                "starts_at": start.strftime("%Y-%m-%d %H:%M"),
                "interviewers": "Dana Li <dana@acme.example>",
                "recruiter": "Sam Roe",
            }
            log_interview(validate_interview(raw, CLOCK.tz), CLOCK)
        return [r.id for r in Reminder.select().where(Reminder.due_at <= CLOCK.now())]
    finally:
        close_database()


def seed_one_due_soon(data_dir: Path, seconds: float) -> datetime:
    """One reminder due `seconds` from now, the others of the seeded interview answered;
    returns its due time as stored (to the second)."""
    due = seed(data_dir)
    open_store(data_dir)
    try:
        for reminder_id in due[1:]:
            reminders.mark_done(reminder_id, CLOCK)
        reminders.snooze(due[0], CLOCK.now() + timedelta(seconds=seconds), CLOCK)
        return Reminder.get_by_id(due[0]).due_at
    finally:
        close_database()


def status(desktop: DesktopSession, data_dir: Path) -> dict[str, object] | None:
    return send(server_name(data_dir, str(desktop.runtime_dir)), "status", timeout_ms=2000)


def ready(desktop: DesktopSession, data_dir: Path, timeout: float = 30) -> dict[str, object]:
    answer = wait_until(lambda: status(desktop, data_dir), timeout=timeout, every=0.2)
    assert answer, "the app never answered on its socket"
    return answer


def new_notifications(desktop: DesktopSession, before: int, count: int, timeout: float = 15):
    return (
        wait_until(
            lambda: (found := desktop.notifications()[before:]) and len(found) >= count and found,
            timeout=timeout,
        )
        or desktop.notifications()[before:]
    )
