"""The reminder loop's data side, without Qt: `services.firing.fire_due` on a real file."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from db.connection import DB
from db.models import Reminder
from desktop.playbook.calendar import QuietHours, wake_up_at
from desktop.services.firing import FiringResult, fire_due, next_wake_up, waiting
from desktop.services.interviews import log_interview
from desktop.services.settings import load_playbook_settings, save_playbook_settings
from tests.conftest import interview_draft

BERLIN = ZoneInfo("Europe/Berlin")


def _berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def _quiet(start: int, end: int) -> None:
    save_playbook_settings(
        dataclasses.replace(load_playbook_settings(), quiet=QuietHours(time(start), time(end)))
    )


def _log(clock, **overrides: str) -> int:
    draft = interview_draft(clock, recruiter="Sam <sam@agency.example>", **overrides)
    return log_interview(draft, clock)


@pytest.fixture
def statements():
    """Every SQL statement the connection runs, as SQLite reports them."""
    seen: list[str] = []
    DB.connection().set_trace_callback(seen.append)
    yield seen
    DB.connection().set_trace_callback(None)


def test_one_call_fires_marks_and_says_when_to_wake(store, clock) -> None:
    _log(clock, starts_at="2026-11-22 08:00")
    clock.set(_berlin(22, 11))  # after the call (09:30) and the debrief (10:00)
    result = fire_due(clock)
    assert isinstance(result, FiringResult)
    # One moment, one notice: the thank-you (due 12:00) comes with it.
    (notice,) = result.notices
    assert notice.summary == "After your Acme interview — Sun 22 Nov"
    assert notice.body.splitlines() == [
        "• Call Sam with your feedback",
        "• Write your debrief while it's fresh",
        "• Send a thank-you note to Dana Li",
    ]
    assert (
        sorted(v.id for v in waiting()) == sorted(result.fired_ids) == sorted(notice.reminder_ids)
    )
    assert all(Reminder.get_by_id(i).fired_at == clock.now() for i in result.fired_ids)
    assert result.changed and not result.quiet
    again = fire_due(clock)
    assert (again.notices, again.fired_ids, again.changed) == ((), (), False)
    assert again.next_wake_up == next_wake_up(clock)


def test_two_interviewers_and_a_recruiter_pop_up_once_per_moment(store, clock) -> None:
    """Issue #18: the call, the debrief and a thank-you to each interviewer come due
    together as one notice; the late thank-yous a day on replace it (the same key) and
    still name the debrief that waits."""
    log_interview(
        interview_draft(
            clock,
            starts_at="2026-11-22 08:00",
            interviewers="Dana Li <dana@acme.example>; Lee Park <lee@acme.example>",
            recruiter="Sam Ortiz <sam@acme.example>",
        ),
        clock,
    )
    clock.set(_berlin(22, 9, 30))  # the call's time; the debrief is due 10:00, thanks 12:00
    (notice,) = fire_due(clock).notices
    assert notice.summary == "After your Acme interview — Sun 22 Nov"
    assert len(notice.reminder_ids) == 4
    assert "• Send a thank-you note to Lee Park" in notice.body.splitlines()
    for hour in (10, 12, 14):
        clock.set(_berlin(22, hour))
        assert fire_due(clock).notices == ()  # nothing of that moment pops again
    debrief = Reminder.get(Reminder.kind == "debrief")
    clock.set(_berlin(23, 12))  # a day after: the late thank-yous
    (again,) = fire_due(clock).notices
    assert again.key == notice.key
    assert debrief.id in again.reminder_ids
    assert "• It's not too late to thank Dana Li" in again.body.splitlines()


def test_firing_is_one_transaction(store, clock, statements) -> None:
    """Settings, stale prep, selection, marking and the next due time are read and written
    under one write lock: nothing can slip in between the choice and the marking."""
    log_interview(interview_draft(clock, starts_at="2026-11-22 08:00"), clock)
    clock.set(_berlin(22, 11))
    statements.clear()
    assert fire_due(clock).fired_ids
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    commits = [s for s in statements if s.upper().startswith("COMMIT")]
    assert (len(begins), len(commits)) == (1, 1), statements
    assert statements[0].upper().startswith("BEGIN")
    assert statements[-1].upper().startswith("COMMIT")


def test_quiet_hours_fire_nothing_and_wake_when_they_end(store, clock) -> None:
    _log(clock, starts_at="2026-11-22 18:00")  # call 19:30, debrief 20:00, thank-you 22:00
    clock.set(_berlin(22, 22))
    _quiet(21, 8)
    result = fire_due(clock)
    assert result.quiet
    assert (result.notices, result.fired_ids) == ((), ())
    assert result.next_wake_up == _berlin(23, 8)
    assert waiting() == []
    clock.set(_berlin(23, 8))
    fired = fire_due(clock)
    assert len(fired.fired_ids) == 3 and len(fired.notices) == 1


def test_a_stale_prep_is_cancelled_in_the_same_call(store, clock) -> None:
    log_interview(interview_draft(clock), clock)  # prep due 24 Nov 18:00, interview 25 Nov 14:00
    clock.set(_berlin(25, 14, 10))
    result = fire_due(clock)
    assert result.expired == 1 and result.changed
    assert Reminder.get(Reminder.kind == "prep").state == "cancelled"
    assert all(Reminder.get_by_id(i).kind != "prep" for i in result.fired_ids)


def test_the_first_batch_says_away_and_later_ones_do_not(store, clock) -> None:
    _quiet(0, 0)
    for company in ("Acme", "Globex", "Initech", "Hooli"):
        _log(clock, company=company, starts_at="2026-11-22 08:00")
    clock.set(_berlin(22, 23, 30))
    (away,) = fire_due(clock, away=True).notices
    assert away.summary == "12 reminders while you were away"
    assert away.key == "summary"
    for company in ("Umbrella", "Stark", "Wayne", "Tyrell"):
        _log(clock, company=company, starts_at="2026-11-23 08:00")
    clock.set(_berlin(23, 23, 30))
    (now,) = fire_due(clock).notices
    assert now.summary.endswith(" reminders are due")


def test_nothing_left_means_no_wake_up(store, clock) -> None:
    assert fire_due(clock).next_wake_up is None
    assert next_wake_up(clock) is None


def test_the_wake_up_is_never_in_the_past_nor_in_quiet_hours() -> None:
    night = QuietHours(time(21), time(8))
    now = _berlin(22, 12)
    assert wake_up_at(None, now, BERLIN, night) is None
    assert wake_up_at(_berlin(22, 9), now, BERLIN, night) == now  # overdue: at once
    assert wake_up_at(_berlin(22, 15), now, BERLIN, night) == _berlin(22, 15)
    assert wake_up_at(_berlin(22, 23), now, BERLIN, night) == _berlin(23, 8)
