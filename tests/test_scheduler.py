"""The reminder scheduler on a real database with a fixed clock: what fires, when, once."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from db.models import Reminder
from desktop.playbook.calendar import QuietHours
from desktop.services.firing import next_due_at, waiting
from desktop.services.interviews import log_interview
from desktop.services.settings import load_playbook_settings, save_playbook_settings
from desktop.tray.notifier import Notifier
from desktop.tray.scheduler import ReminderScheduler
from tests.conftest import interview_draft
from tests.tray_doubles import Recording


@pytest.fixture
def sent(qtbot, store, clock):
    backend = Recording()
    notifier = Notifier(backend, [])
    scheduler = ReminderScheduler(clock, notifier)
    yield scheduler, backend, notifier
    scheduler.shutdown()
    notifier.shutdown()


def _fire(qtbot, scheduler, notifier, expected: int) -> list[int]:
    if expected == 0:
        return scheduler.fire_due()
    with qtbot.waitSignals([notifier.delivered] * expected, timeout=5000):
        return scheduler.fire_due()


def _log(clock, **overrides: str) -> int:
    return log_interview(
        interview_draft(clock, recruiter="Sam <sam@agency.example>", **overrides), clock
    )


def _berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)


def test_it_wakes_for_the_earliest_unfired_reminder(sent, clock) -> None:
    scheduler, _backend, _notifier = sent
    log_interview(interview_draft(clock), clock)
    scheduler.rearm()
    prep = Reminder.get(Reminder.kind == "prep")
    assert scheduler.scheduled_for == prep.due_at == next_due_at()
    assert scheduler.scheduled_for == _berlin(24, 18)


def test_due_reminders_fire_once_and_then_wait_for_an_answer(qtbot, sent, clock) -> None:
    scheduler, backend, notifier = sent
    _log(clock, starts_at="2026-11-22 08:00")
    clock.set(_berlin(22, 11, 0))  # after the call (09:30) and debrief (10:00), before 12:00
    # One moment, one notice: the thank-you due at 12:00 comes with them.
    fired = _fire(qtbot, scheduler, notifier, 1)
    assert [n.summary for n in backend.sent] == ["After your Acme interview — Sun 22 Nov"]
    assert sorted(v.id for v in waiting()) == sorted(fired)
    assert len(fired) == 3
    assert all(Reminder.get_by_id(i).fired_at == clock.now() for i in fired)
    assert _fire(qtbot, scheduler, notifier, 0) == []
    assert len(backend.sent) == 1
    late = Reminder.get(Reminder.kind == "late_thank_you")
    assert scheduler.scheduled_for == late.due_at


def test_many_due_at_start_become_one_summary(qtbot, sent, clock) -> None:
    scheduler, backend, notifier = sent
    for company in ("Acme", "Globex", "Initech", "Hooli"):
        _log(clock, company=company, starts_at="2026-11-22 08:00")
    clock.set(_berlin(22, 23, 30))  # the evening: debriefs, calls, thank-yous, all missed
    save_playbook_settings(
        dataclasses.replace(load_playbook_settings(), quiet=QuietHours(time(0), time(0)))
    )
    fired = _fire(qtbot, scheduler, notifier, 1)  # four moments: more than a few
    assert len(fired) == 12
    assert [n.summary for n in backend.sent] == ["12 reminders while you were away"]
    assert set(backend.sent[0].reminder_ids) == set(fired)
    assert len(waiting()) == 12


def test_quiet_hours_hold_a_reminder_until_morning(qtbot, sent, clock) -> None:
    scheduler, backend, notifier = sent
    save_playbook_settings(
        dataclasses.replace(load_playbook_settings(), quiet=QuietHours(time(0), time(0)))
    )
    _log(clock, starts_at="2026-11-22 18:00")  # call 19:30, debrief 20:00, thank-you 22:00
    clock.set(_berlin(22, 22, 0))
    save_playbook_settings(
        dataclasses.replace(load_playbook_settings(), quiet=QuietHours(time(21), time(8)))
    )  # the user has since turned quiet hours on: they count at fire time too
    assert _fire(qtbot, scheduler, notifier, 0) == []
    assert backend.sent == []
    assert scheduler.scheduled_for == _berlin(23, 8)
    clock.set(_berlin(23, 8))
    assert len(_fire(qtbot, scheduler, notifier, 1)) == 3  # one moment, one notice


def test_silenced_kinds_wait_in_the_tray_without_popping_up(qtbot, sent, clock) -> None:
    scheduler, backend, notifier = sent
    save_playbook_settings(
        dataclasses.replace(load_playbook_settings(), silenced_kinds=frozenset({"debrief"}))
    )
    _log(clock, starts_at="2026-11-22 08:00")
    clock.set(_berlin(22, 11, 0))
    fired = _fire(qtbot, scheduler, notifier, 1)
    assert len(fired) == 3  # the call, the debrief, and the thank-you of the same moment
    (notice,) = backend.sent
    assert "debrief" not in notice.body
    assert notice.body.splitlines() == [
        "• Call Sam with your feedback",
        "• Send a thank-you note to Dana Li",
    ]
    assert {v.kind.value for v in waiting()} == {"debrief", "recruiter_call", "thank_you"}


def test_a_prep_reminder_missed_until_the_interview_is_cancelled_not_fired(
    qtbot, sent, clock
) -> None:
    scheduler, backend, notifier = sent
    log_interview(interview_draft(clock), clock)  # prep due 24 Nov 18:00
    clock.set(_berlin(25, 14, 10))  # the app was closed until the interview had begun
    _fire(qtbot, scheduler, notifier, 0)
    assert Reminder.get(Reminder.kind == "prep").state == "cancelled"
    assert backend.sent == []


def test_nothing_fires_after_shutdown(sent, clock) -> None:
    scheduler, backend, _notifier = sent
    _log(clock, starts_at="2026-11-22 08:00")
    clock.set(_berlin(22, 12, 30))
    scheduler.shutdown()
    assert scheduler.fire_due() == []
    assert waiting() == []
    assert backend.sent == []


def test_the_wake_up_is_precise_and_apscheduler_waits_for_start(sent, clock) -> None:
    from PySide6.QtCore import Qt

    scheduler, _backend, _notifier = sent
    log_interview(interview_draft(clock), clock)
    scheduler.rearm()  # before start: the time is known, no APScheduler job exists yet
    assert scheduler._scheduler is None and scheduler.scheduled_for is not None
    scheduler.start()
    # A coarse timer may be 5 % late: three minutes on an hour's wait.
    assert scheduler._scheduler._wake.timerType() == Qt.TimerType.PreciseTimer
    assert scheduler._job is not None and scheduler._job.next_run_time == scheduler.scheduled_for
