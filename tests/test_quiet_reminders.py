"""No duplicates, no stale piles: a late variant supersedes its first, what is long past is
recorded as past silently, and re-planning never pops again what the user has seen."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from db.connection import close_database
from db.models import Reminder
from db.store import open_store
from db.vocabulary import ReminderState, Status
from desktop.domain.bundle import check_bundle
from desktop.domain.forms import validate_opportunity
from desktop.playbook.rules import Kind, Planned, past_on_arrival, successor_key
from desktop.services.export_bundle import build_bundle, bundle_json
from desktop.services.firing import due_to_fire, mark_fired
from desktop.services.import_bundle import Duplicates, apply_bundle
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status, create_opportunity, update_opportunity
from desktop.services.queries import opportunity_form_values
from desktop.services.reminders import open_reminders_until
from tests.conftest import interview_draft

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def _kinds(views) -> list[str]:
    return sorted(v.kind.value for v in views)


def _state(kind: Kind) -> str:
    return Reminder.get(Reminder.kind == kind.value).state


def test_successor_key_and_past_on_arrival_are_pure() -> None:
    assert successor_key("o1:thank_you:i2:p3") == "o1:late_thank_you:i2:p3"
    assert successor_key("o1:follow_up:i2") == "o1:second_follow_up:i2"
    assert successor_key("o1:debrief:i2") is None
    now = T0 + timedelta(days=2)
    first = Planned("o1:thank_you:i2:p3", Kind.THANK_YOU, T0, 1, 2, 3)
    late = Planned("o1:late_thank_you:i2:p3", Kind.LATE_THANK_YOU, T0 + timedelta(days=1), 1)
    old = Planned("o1:rejection_reply", Kind.REJECTION_REPLY, now - timedelta(days=20), 1)
    assert past_on_arrival([first, late, old], now) == {first.key, old.key}


def test_an_interview_logged_the_day_after_plans_only_the_late_thank_you(store, clock) -> None:
    # Logged on Thursday evening for Wednesday 15:00: main planned the first and the late
    # thank-you both due, and both popped together.
    clock.set(datetime(2026, 11, 26, 18, 0, tzinfo=UTC))
    log_interview(interview_draft(clock), clock)
    fired = due_to_fire(clock.now())
    kinds = [v.kind for v in fired]
    assert Kind.LATE_THANK_YOU in kinds and Kind.THANK_YOU not in kinds
    assert _state(Kind.THANK_YOU) == ReminderState.PAST.value
    assert Kind.THANK_YOU not in [v.kind for v in open_reminders_until(clock.now())]


def test_the_late_thank_you_replaces_a_first_left_waiting(store, clock) -> None:
    log_interview(interview_draft(clock), clock)
    clock.set(T0 + timedelta(hours=5))
    first = due_to_fire(clock.now())
    mark_fired([v.id for v in first], clock)
    assert Kind.THANK_YOU in [v.kind for v in first]
    # Closed for two days: the late one comes due and the unanswered first goes quiet.
    clock.set(T0 + timedelta(days=2))
    later = due_to_fire(clock.now())
    assert Kind.LATE_THANK_YOU in [v.kind for v in later]
    waiting = [v.kind for v in open_reminders_until(clock.now())]
    assert Kind.THANK_YOU not in waiting and _state(Kind.THANK_YOU) == ReminderState.PAST.value


def test_an_interview_logged_weeks_later_is_recorded_as_past_silently(store, clock) -> None:
    clock.set(T0 + timedelta(days=21))
    log_interview(interview_draft(clock), clock)
    kinds = {v.kind for v in due_to_fire(clock.now())}
    assert not kinds & {Kind.DEBRIEF, Kind.THANK_YOU, Kind.LATE_THANK_YOU, Kind.FOLLOW_UP}
    assert _state(Kind.DEBRIEF) == ReminderState.PAST.value
    # A follow-up is still useful while waiting for an answer.
    assert Kind.SECOND_FOLLOW_UP in kinds


def test_an_imported_not_this_time_from_weeks_ago_does_not_pop(store, clock, tmp_path) -> None:
    draft = validate_opportunity({"company": "Acme", "role": "Analyst"})
    oid = create_opportunity(draft, clock)
    change_status(oid, Status.NOT_THIS_TIME, clock)
    bundle = json.loads(bundle_json(build_bundle(clock.now())))
    for opp in bundle["opportunities"]:
        opp["reminders"] = []  # history from elsewhere: no reminders with it
    close_database()
    open_store(tmp_path / "other")
    clock.set(clock.now() + timedelta(weeks=3))
    apply_bundle(check_bundle(bundle), Duplicates.SKIP, clock)
    assert _state(Kind.REJECTION_REPLY) == ReminderState.PAST.value
    assert Kind.REJECTION_REPLY not in [v.kind for v in due_to_fire(clock.now())]
    assert not open_reminders_until(clock.now())


def _fire_all(clock) -> list:
    fired = due_to_fire(clock.now())
    mark_fired([v.id for v in fired], clock)
    return fired


def test_reverting_a_status_does_not_pop_what_was_seen(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    clock.set(T0 + timedelta(hours=5))
    assert _fire_all(clock)
    oid = Reminder.get(Reminder.interview == interview).opportunity_id
    change_status(oid, Status.NOT_THIS_TIME, clock)
    assert _state(Kind.THANK_YOU) == ReminderState.CANCELLED.value
    change_status(oid, Status.INTERVIEWING, clock)  # a slip of the finger, reverted
    assert _state(Kind.THANK_YOU) == ReminderState.FIRED.value  # waiting, as before
    assert not [v for v in due_to_fire(clock.now()) if v.kind is Kind.THANK_YOU]


def test_fixing_the_recruiters_name_does_not_pop_the_call_again(store, clock) -> None:
    log_interview(interview_draft(clock, recruiter="Sam Ortis <sam@agency.example>"), clock)
    clock.set(T0 + timedelta(hours=5))
    assert Kind.RECRUITER_CALL in [v.kind for v in _fire_all(clock)]
    oid = Reminder.get(Reminder.kind == Kind.RECRUITER_CALL.value).opportunity_id
    values = opportunity_form_values(oid)
    values["recruiter"] = "Sam Ortiz <sam.ortiz@agency.example>"
    update_opportunity(oid, validate_opportunity(values), clock)
    call = Reminder.get(Reminder.kind == Kind.RECRUITER_CALL.value)
    assert call.state == ReminderState.FIRED.value and call.contact.name == "Sam Ortiz"
    assert Reminder.select().where(Reminder.kind == Kind.RECRUITER_CALL.value).count() == 1
    assert not due_to_fire(clock.now())
