"""Seeding a data folder and asking a running Debrief how it is, for end-to-end tests."""

from __future__ import annotations

import subprocess
import uuid
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


def without_quiet_hours(data_dir: Path) -> None:
    """Quiet hours off in this data folder, before anything is planned in it: a step due
    hours ago is then due whatever the hour the suite runs at (by default one planned in
    the night would wait for the morning, and a test run at night would find none due)."""
    open_store(data_dir)
    try:
        save_playbook_settings(PlaybookSettings(quiet=QuietHours(wall_time(0), wall_time(0))))
    finally:
        close_database()


def seed(data_dir: Path, interviews: int = 1, hours_ago: float = 5) -> list[int]:
    """Interviews that ended hours ago, so their debrief, call and thank-you are overdue.
    Quiet hours are off: the suite may run at any hour."""
    without_quiet_hours(data_dir)
    open_store(data_dir)
    try:
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


def seed_one_waiting_for_a_day(data_dir: Path) -> int:
    """One reminder snoozed until tomorrow, the others of the seeded interview answered;
    returns its id."""
    due = seed(data_dir)
    open_store(data_dir)
    try:
        for reminder_id in due[1:]:
            reminders.mark_done(reminder_id, CLOCK)
        reminders.snooze(due[0], CLOCK.now() + timedelta(days=1), CLOCK)
        return due[0]
    finally:
        close_database()


def snooze_seconds(desktop: DesktopSession, data_dir: Path, reminder_id: int, seconds: float):
    """What `debrief snooze` does, to the second: save, then tell the running app, which has
    re-armed once this returns. Returns the due time as stored."""
    open_store(data_dir)
    try:
        reminders.snooze(reminder_id, CLOCK.now() + timedelta(seconds=seconds), CLOCK)
        due_at = Reminder.get_by_id(reminder_id).due_at
    finally:
        close_database()
    name = server_name(data_dir, str(desktop.runtime_dir))
    assert send(name, "changed", timeout_ms=10_000) is not None
    return due_at


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


def quiet(desktop: DesktopSession, data_dir: Path, timeout: float = 30) -> dict[str, object]:
    """The app's status once nothing is due now and no notice is on its way to the daemon."""

    def settled() -> dict[str, object] | None:
        state = status(desktop, data_dir)
        if not state or state["notifying"]:
            return None
        wake = state["next_wake_up"]
        return state if wake is None or datetime.fromisoformat(wake) > CLOCK.now() else None

    answer = wait_until(settled, timeout=timeout, every=0.1)
    assert answer, f"the app never settled: {status(desktop, data_dir)}"
    return answer


def received_up_to_a_marker(desktop: DesktopSession, before: int) -> list[dict[str, object]]:
    """What the daemon got since `before`, up to a marker notification sent now: once the
    marker is recorded, so is everything that reached the daemon before it."""
    marker = f"marker {uuid.uuid4()}"
    subprocess.run(["notify-send", "--app-name", "marker", marker, "-"], env=desktop.env,
                   check=True, timeout=30)  # fmt: skip
    found = wait_until(
        lambda: any(n["summary"] == marker for n in desktop.notifications()[before:]), timeout=30
    )
    assert found, "the marker notification never arrived"
    return [n for n in desktop.notifications()[before:] if n["summary"] != marker]
