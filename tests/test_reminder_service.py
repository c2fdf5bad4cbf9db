"""Reminder rows follow the playbook on real SQLite: created, moved, cancelled, answered."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from db.models import Interview, Opportunity, Reminder, StatusChange
from db.vocabulary import InvalidTransition, ReminderState, Status
from desktop.playbook.settings import PlaybookSettings
from desktop.services import NotFound
from desktop.services.firing import mark_fired
from desktop.services.interviews import delete_interview, log_interview, update_interview
from desktop.services.opportunities import change_status
from desktop.services.reminders import (
    dismiss,
    facts_for,
    mark_done,
    open_reminders_until,
    reminders_of,
    replan,
    replan_all,
    snooze,
)
from desktop.services.settings import load_playbook_settings, save_playbook_settings
from tests.conftest import interview_draft

FAR = datetime(2030, 1, 1, tzinfo=UTC)


def _states() -> dict[str, tuple[str, datetime]]:
    return {r.key: (r.state, r.due_at) for r in Reminder.select()}


def _open_keys() -> set[str]:
    return {
        r.key for r in Reminder.select().where(Reminder.state.in_(["pending", "fired", "snoozed"]))
    }


def _log(clock, **overrides) -> int:
    return log_interview(
        interview_draft(clock, recruiter="Sam <sam@agency.example>", **overrides), clock
    )


def test_new_steps_are_written_whole_in_one_go(store, clock) -> None:
    """A plan's new steps are inserted together after the others are updated: each row
    still has its kind, key, time, state, opportunity, interview, person and made-at."""
    interview_id = _log(clock)
    interview = Interview.get_by_id(interview_id)
    rows = list(Reminder.select().order_by(Reminder.id))
    assert len(rows) == 8
    assert len({r.key for r in rows}) == 8
    for row in rows:
        assert row.opportunity_id == interview.opportunity_id
        assert row.created_at == clock.now()
        assert row.state == ReminderState.PENDING.value
        assert row.fired_at is None and row.answered_at is None and row.message == ""
        assert row.key.startswith(f"o{interview.opportunity_id}:")
    prep = next(r for r in rows if r.kind == "prep")
    assert prep.interview_id == interview_id
    assert prep.due_at < interview.starts_at
    call = next(r for r in rows if r.kind == "recruiter_call")
    assert call.contact_id == interview.opportunity.recruiter_id


def test_a_status_counts_from_its_own_newest_change_else_the_newest(store, clock) -> None:
    """The facts date the status from the newest change to it (a backdated outcome is
    older than later changes), else from the newest change of all, else the creation."""
    opportunity = Interview.get_by_id(_log(clock)).opportunity
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    StatusChange.delete().execute()
    assert facts_for(opportunity, frozenset()).status_changed_at == opportunity.created_at
    for days, status in ((1, "applied"), (5, "interviewing"), (3, "offer"), (4, "applied")):
        StatusChange.create(
            opportunity=opportunity, to_status=status, changed_at=start + timedelta(days=days)
        )
    for status, days in (("offer", 3), ("applied", 4), ("interviewing", 5), ("withdrawn", 5)):
        Opportunity.update(status=status).where(Opportunity.id == opportunity.id).execute()
        facts = facts_for(Opportunity.get_by_id(opportunity.id), frozenset())
        assert facts.status_changed_at == start + timedelta(days=days), status


def test_logging_an_interview_creates_its_reminders(store, clock) -> None:
    _log(clock)
    kinds = sorted(r.kind for r in Reminder.select())
    assert kinds == sorted(
        [
            "prep",
            "debrief",
            "recruiter_call",
            "thank_you",
            "late_thank_you",
            "follow_up",
            "second_follow_up",
            "no_response_check",
        ]
    )
    debrief = Reminder.get(Reminder.kind == "debrief")
    assert debrief.due_at == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # 16:00 Berlin = end + 1 h
    assert debrief.state == "pending"


def test_replanning_is_idempotent(store, clock) -> None:
    _log(clock)
    before = _states()
    for _ in range(3):
        replan(1, clock)
    assert _states() == before
    assert Reminder.select().count() == len(before)


def test_rescheduling_moves_pending_reminders_like_deleting_and_re_adding(
    store, clock, tmp_path
) -> None:
    interview_id = _log(clock)
    update_interview(
        interview_id,
        interview_draft(clock, starts_at="2026-12-03 09:30", recruiter="Sam <sam@agency.example>"),
        clock,
    )
    moved = {k: v for k, v in _states().items() if v[0] == "pending"}
    assert moved[f"o1:debrief:i{interview_id}"][1] == datetime(2026, 12, 3, 10, 30, tzinfo=UTC)

    delete_interview(interview_id, clock)
    fresh = _log(clock, starts_at="2026-12-03 09:30")
    readded = {
        k.replace(f"i{fresh}", f"i{interview_id}"): v
        for k, v in _states().items()
        if v[0] == "pending"
    }
    assert readded == moved


def test_deleting_an_interview_cancels_its_reminders(store, clock) -> None:
    interview_id = _log(clock)
    delete_interview(interview_id, clock)
    assert _open_keys() == set()
    assert {r.state for r in Reminder.select()} == {"cancelled"}


def test_removing_an_interviewer_cancels_their_thank_you(store, clock) -> None:
    interview_id = _log(
        clock, interviewers="Dana Li <dana@acme.example>\nLee Park <lee@acme.example>"
    )
    assert len([k for k in _open_keys() if ":thank_you:" in k]) == 2
    update_interview(
        interview_id, interview_draft(clock, interviewers="Lee Park <lee@acme.example>"), clock
    )
    assert len([k for k in _open_keys() if k.split(":")[1] == "thank_you"]) == 1


@pytest.mark.parametrize("closing", [Status.ACCEPTED, Status.WITHDRAWN])
def test_accepting_or_withdrawing_leaves_nothing_pending(store, clock, closing) -> None:
    _log(clock)
    mark_done(Reminder.get(Reminder.kind == "prep").id, clock)
    change_status(1, closing, clock)
    assert _open_keys() == set()
    assert Reminder.get(Reminder.kind == "prep").state == "done"  # answered stays answered


def test_rejection_re_plans_and_done_stays_done(store, clock) -> None:
    _log(clock)
    thank_you = Reminder.get(Reminder.kind == "thank_you")
    mark_done(thank_you.id, clock)
    clock.set(datetime(2026, 11, 27, 17, 0, tzinfo=UTC))
    change_status(1, Status.NOT_THIS_TIME, clock, note="internal candidate")
    open_kinds = {r.kind for r in Reminder.select().where(Reminder.state == "pending")}
    assert open_kinds == {"debrief", "rejection_reply", "reapply_check_in"}
    reply = Reminder.get(Reminder.kind == "rejection_reply")
    assert reply.due_at == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday 10:00 Berlin
    assert Reminder.get_by_id(thank_you.id).state == "done"
    # Changing back revives what the rules want again, without duplicating.
    change_status(1, Status.INTERVIEWING, clock)
    assert Reminder.get(Reminder.kind == "follow_up").state == "pending"
    assert Reminder.get(Reminder.kind == "rejection_reply").state == "cancelled"


def test_offer_deadline_plans_the_reply(store, clock) -> None:
    _log(clock)
    change_status(1, Status.OFFER, clock, offer_deadline=date(2026, 12, 10))
    reply = Reminder.get(Reminder.kind == "offer_reply")
    assert reply.due_at == datetime(2026, 12, 9, 9, 0, tzinfo=UTC)
    change_status(1, Status.OFFER, clock, offer_deadline=date(2026, 12, 14))
    assert Reminder.get_by_id(reply.id).due_at == datetime(2026, 12, 11, 9, 0, tzinfo=UTC)


def test_sending_the_thank_you_cancels_the_late_variant(store, clock) -> None:
    _log(clock)
    late = Reminder.get(Reminder.kind == "late_thank_you")
    mark_done(Reminder.get(Reminder.kind == "thank_you").id, clock)
    assert Reminder.get_by_id(late.id).state == "cancelled"


def test_answers_follow_the_state_machine(store, clock) -> None:
    _log(clock)
    debrief = Reminder.get(Reminder.kind == "debrief").id
    mark_fired([debrief], clock)
    until = snooze(debrief, clock.now() + timedelta(hours=2), clock).until
    row = Reminder.get_by_id(debrief)
    assert (row.state, row.due_at) == ("snoozed", until)
    mark_done(debrief, clock)
    assert Reminder.get_by_id(debrief).answered_at == clock.now()
    with pytest.raises(InvalidTransition):
        dismiss(debrief, clock)
    with pytest.raises(NotFound):
        mark_done(9999, clock)


def test_snoozing_into_quiet_hours_lands_in_the_morning(store, clock) -> None:
    _log(clock)
    prep = Reminder.get(Reminder.kind == "prep").id
    landed = snooze(prep, datetime(2026, 11, 22, 22, 0, tzinfo=UTC), clock).until  # 23:00 Berlin
    assert landed == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 08:00 Berlin
    with pytest.raises(ValueError, match="future"):
        snooze(prep, clock.now() - timedelta(minutes=1), clock)


def test_a_snoozed_reminder_is_not_moved_by_replanning(store, clock) -> None:
    interview_id = _log(clock)
    prep = Reminder.get(Reminder.kind == "prep").id
    landed = snooze(prep, datetime(2026, 11, 23, 12, 0, tzinfo=UTC), clock).until
    update_interview(
        interview_id,
        interview_draft(clock, starts_at="2026-11-26 14:00", recruiter="Sam <sam@agency.example>"),
        clock,
    )
    assert Reminder.get_by_id(prep).due_at == landed


def test_settings_change_every_offset_and_replan_all_applies_them(store, clock) -> None:
    _log(clock)
    save_playbook_settings(PlaybookSettings(debrief_after_minutes=30))
    assert load_playbook_settings().debrief_after_minutes == 30
    replan_all(clock)
    assert Reminder.get(Reminder.kind == "debrief").due_at == datetime(
        2026, 11, 25, 14, 30, tzinfo=UTC
    )


def test_due_list_names_the_person_and_the_opportunity(store, clock) -> None:
    _log(clock)
    views = open_reminders_until(FAR)
    titles = [v.title for v in views]
    assert "Send a thank-you note to Dana Li — Acme, Data Analyst" in titles
    assert "Call Sam with your feedback — Acme, Data Analyst" in titles
    assert [v.due_at for v in views] == sorted(v.due_at for v in views)
    # The late thank-you and the second follow-up wait behind their first: one at a time.
    hidden = {"late_thank_you", "second_follow_up"}
    assert len(views) == sum(1 for v in reminders_of(1) if v.kind.value not in hidden)
    mark_done(views[0].id, clock)
    assert views[0].id not in {v.id for v in open_reminders_until(FAR)}
    assert Interview.select().count() == 1
    assert ReminderState.DONE.value == Reminder.get_by_id(views[0].id).state


def test_a_step_counted_from_the_status_comes_back_after_a_new_change(store, clock) -> None:
    """Today's "No response" answers the month-of-silence check; when they write back and
    it waits again, a new silence is counted from then. A second "no" after a reopening
    asks for a new reply. A step about the interview, answered, stays answered."""
    _log(clock)
    change_status(1, Status.AWAITING, clock)
    clock.set(datetime(2026, 12, 28, 11, 0, tzinfo=UTC))
    check = Reminder.get(Reminder.kind == "no_response_check")
    thank_you = Reminder.get(Reminder.kind == "thank_you")
    mark_done(thank_you.id, clock)
    mark_done(check.id, clock)  # what Today's "No response" does, then the status
    change_status(1, Status.NO_RESPONSE, clock)

    clock.set(datetime(2027, 1, 5, 9, 0, tzinfo=UTC))
    change_status(1, Status.AWAITING, clock, note="they wrote back")
    again = Reminder.get_by_id(check.id)
    assert (again.state, again.answered_at, again.fired_at) == ("pending", None, None)
    assert again.due_at == datetime(2027, 2, 4, 9, 0, tzinfo=UTC)  # 30 days on, 10:00 Berlin
    assert Reminder.get_by_id(thank_you.id).state == "done"
    before = _states()
    replan(1, clock)
    assert _states() == before  # and once only

    change_status(1, Status.NOT_THIS_TIME, clock)
    reply = Reminder.get(Reminder.kind == "rejection_reply")
    mark_done(reply.id, clock)
    change_status(1, Status.NOT_THIS_TIME, clock, note="feedback: more SQL")  # no news
    assert Reminder.get_by_id(reply.id).state == "done"
    clock.set(datetime(2027, 1, 12, 9, 0, tzinfo=UTC))
    change_status(1, Status.AWAITING, clock)
    clock.set(datetime(2027, 1, 19, 9, 0, tzinfo=UTC))
    change_status(1, Status.NOT_THIS_TIME, clock)
    second = Reminder.get_by_id(reply.id)
    assert second.state == "pending"
    assert second.due_at == datetime(2027, 1, 20, 9, 0, tzinfo=UTC)  # the next working day
    kinds = [r.key for r in Reminder.select()]
    assert len(kinds) == len(set(kinds))
