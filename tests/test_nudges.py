"""Keep-searching nudges: the rules with hypothesis, and delivery through reminders."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from db.models import Reminder
from db.vocabulary import Status
from desktop.domain.forms import validate_opportunity
from desktop.paths import resources_dir
from desktop.playbook.calendar import QuietHours
from desktop.playbook.nudges import (
    LiveOpportunity,
    NudgeKind,
    NudgeSettings,
    PipelineFacts,
    Sent,
    candidates,
    choose,
    next_message,
    parse_messages,
    weekly_progress,
)
from desktop.services.interviews import log_interview
from desktop.services.nudges import plan_nudge, save_nudge_settings, this_week
from desktop.services.opportunities import change_status, create_opportunity
from desktop.services.queries import opportunity_id_of_interview
from desktop.services.reminders import mark_done, open_reminders_until
from tests.conftest import interview_draft

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)  # a Sunday, 11:00 in Berlin
QUIET = QuietHours(time(21), time(8))


def _days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def test_each_rule_on_a_hand_built_pipeline() -> None:
    thin = PipelineFacts(live=(LiveOpportunity("Acme", False),), applications=(_days_ago(2),))
    assert [n.kind for n in candidates(thin, NudgeSettings(), NOW)] == [NudgeKind.FEW_LIVE]

    basket = PipelineFacts(
        live=(LiveOpportunity("Acme", True), LiveOpportunity("Globex", False)),
        applications=(_days_ago(9),),
    )
    kinds = [n.kind for n in candidates(basket, NudgeSettings(target_live=2), NOW)]
    assert kinds == [NudgeKind.ONE_BASKET, NudgeKind.NO_RECENT_APPLICATION]

    after_no = PipelineFacts(rejections=((_days_ago(1), "Initech"),), applications=(NOW,))
    [first, *_] = candidates(after_no, NudgeSettings(), NOW)
    assert first.kind is NudgeKind.AFTER_NO and first.values == {"company": "Initech"}
    too_soon = PipelineFacts(rejections=((NOW - timedelta(hours=2), "Initech"),))
    assert NudgeKind.AFTER_NO not in [n.kind for n in candidates(too_soon, NudgeSettings(), NOW)]

    silence = tuple(_days_ago(15 + n) for n in range(9))
    many = PipelineFacts(applications=silence, unanswered=silence)
    kinds = [n.kind for n in candidates(many, NudgeSettings(), NOW)]
    assert kinds == [NudgeKind.PAUSE]  # not "send more": a change of approach


def test_one_reply_among_many_applications_is_no_reason_to_pause() -> None:
    sent = tuple(_days_ago(15 + n) for n in range(9))
    facts = PipelineFacts(applications=sent, unanswered=sent[1:])
    assert NudgeKind.PAUSE not in [n.kind for n in candidates(facts, NudgeSettings(), NOW)]


facts_strategy = st.builds(
    PipelineFacts,
    live=st.lists(
        st.builds(LiveOpportunity, st.sampled_from(["Acme", "Globex"]), st.booleans()),
        max_size=5,
    ).map(tuple),
    applications=st.lists(st.floats(0, 60).map(_days_ago), max_size=15).map(tuple),
    unanswered=st.lists(st.floats(0, 60).map(_days_ago), max_size=15).map(tuple),
    rejections=st.lists(st.tuples(st.floats(0, 5).map(_days_ago), st.just("Acme")), max_size=2).map(
        tuple
    ),
)
sent_strategy = st.lists(
    st.builds(Sent, st.sampled_from(list(NudgeKind)), st.floats(0, 10).map(_days_ago),
              st.integers(0, 3)),
    max_size=6,
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    facts=facts_strategy,
    sent=sent_strategy,
    hour=st.floats(0, 24 * 7),
    cap=st.integers(0, 3),
    off=st.sets(st.sampled_from([k.value for k in NudgeKind])),
    quiet_start=st.integers(0, 23),
    quiet_end=st.integers(0, 23),
)
def test_the_cap_quiet_hours_and_switched_off_kinds_always_hold(
    facts, sent, hour, cap, off, quiet_start, quiet_end
) -> None:
    now = NOW + timedelta(hours=hour)
    quiet = QuietHours(time(quiet_start), time(quiet_end))
    chosen = choose(
        facts, NudgeSettings(max_per_day=cap, off=frozenset(off)), sent, now, BERLIN, quiet
    )
    if chosen is None:
        return
    assert not quiet.contains(now.astimezone(BERLIN))
    assert chosen.kind.value not in off
    assert sum(1 for s in sent if now - s.at < timedelta(hours=24)) < cap
    assert not any(s.kind is chosen.kind and now - s.at < timedelta(days=3) for s in sent)


def test_messages_rotate_and_never_repeat_in_a_row() -> None:
    for kind in NudgeKind:
        texts = parse_messages((resources_dir() / "nudges" / kind.message_file).read_text())
        assert len(texts) >= 3 and all(title and body for title, body in texts)
        sent: list[Sent] = []
        previous = None
        for n in range(10):
            index = next_message(kind, len(texts), sent)
            assert index != previous
            previous = index
            sent.append(Sent(kind, NOW + timedelta(days=n), index))


def test_weekly_progress_counts_from_monday_local_time() -> None:
    monday_morning = datetime(2026, 11, 16, 0, 30, tzinfo=BERLIN).astimezone(UTC)
    sunday_night = datetime(2026, 11, 15, 23, 30, tzinfo=BERLIN).astimezone(UTC)
    assert weekly_progress([monday_morning, sunday_night, NOW], NOW, BERLIN) == 2


# ----- through the database ---------------------------------------------------------------


def test_a_nudge_becomes_a_reminder_once_a_day_with_its_words(store, clock) -> None:
    clock.set(NOW - timedelta(days=1))
    log_interview(interview_draft(clock), clock)
    clock.set(NOW)
    first = plan_nudge(clock)
    assert first is not None
    [view] = [v for v in open_reminders_until(NOW) if v.id == first]
    assert view.kind is NudgeKind.FEW_LIVE
    assert (
        view.title == "1 live opportunities — room for a couple more"
        or "1" in view.title + view.why
    )
    assert plan_nudge(clock) is None  # the daily cap
    mark_done(first, clock)  # answered: the usual spacing holds, no backing off
    clock.advance(days=1)
    assert plan_nudge(clock) is None  # the same kind waits three days
    clock.advance(days=3)
    second = plan_nudge(clock)
    assert second is not None
    assert Reminder.get_by_id(second).message != Reminder.get_by_id(first).message


def test_the_day_after_a_rejection_a_kind_nudge_names_the_company(store, clock) -> None:
    clock.set(NOW - timedelta(days=1))
    interview = log_interview(interview_draft(clock, company="Initech"), clock)
    change_status(opportunity_id_of_interview(interview), Status.NOT_THIS_TIME, clock)
    assert plan_nudge(clock) is None  # a new user: nothing before a day has passed
    clock.set(NOW + timedelta(hours=1))
    made = plan_nudge(clock)
    assert made is not None
    reminder = Reminder.get_by_id(made)
    assert reminder.kind == NudgeKind.AFTER_NO.value and "Initech" in reminder.message
    clock.advance(days=3)
    assert (
        Reminder.get_or_none(Reminder.kind == NudgeKind.AFTER_NO.value, Reminder.id != made) is None
    )
    plan_nudge(clock)
    assert Reminder.select().where(Reminder.kind == NudgeKind.AFTER_NO.value).count() == 1


def test_switched_off_and_quiet_hours_make_no_nudge(store, clock) -> None:
    clock.set(NOW - timedelta(days=2))
    log_interview(interview_draft(clock), clock)
    clock.set(NOW)
    save_nudge_settings(NudgeSettings(off=frozenset(k.value for k in NudgeKind)))
    assert plan_nudge(clock) is None
    save_nudge_settings(NudgeSettings())
    clock.set(datetime(2026, 11, 22, 23, 0, tzinfo=BERLIN))
    assert plan_nudge(clock) is None


def test_this_week_counts_applications_against_the_goal(store, clock) -> None:
    clock.set(NOW)
    create_opportunity(validate_opportunity({"company": "Acme", "role": "Analyst"}), clock)
    create_opportunity(validate_opportunity({"company": "Globex", "role": "Analyst"}), clock)
    # An interview logged this week is not an application made this week.
    log_interview(interview_draft(clock, company="Initech"), clock)
    save_nudge_settings(NudgeSettings(weekly_goal=4))
    assert this_week(clock) == (2, 4)


# ----- recharge, and a change of approach after several "no"s ------------------------------


def _kinds(facts: PipelineFacts, at: datetime = NOW) -> list[NudgeKind]:
    return [n.kind for n in candidates(facts, NudgeSettings(), at)]


def test_after_a_no_the_next_nudge_is_a_pause_and_send_more_waits_a_day() -> None:
    thin = dict(live=(LiveOpportunity("Acme", False),), applications=(_days_ago(9),))
    hours_ago = PipelineFacts(rejections=((NOW - timedelta(hours=2), "Initech"),), **thin)
    assert _kinds(hours_ago) == [NudgeKind.RECHARGE]  # no "add one", no "one week without"
    next_day = PipelineFacts(rejections=((_days_ago(1.1), "Initech"),), **thin)
    assert _kinds(next_day)[:1] == [NudgeKind.AFTER_NO]
    assert NudgeKind.FEW_LIVE in _kinds(next_day)


def test_a_debrief_that_felt_bad_also_earns_a_pause(store, clock) -> None:
    from desktop.services.debriefs import DebriefData, save_debrief

    clock.set(NOW - timedelta(days=2))
    interview = log_interview(interview_draft(clock, starts_at="2026-11-22 08:00"), clock)
    clock.set(NOW + timedelta(hours=1))
    save_debrief(interview, DebriefData(felt=1), clock)
    made = plan_nudge(clock)
    assert made is not None
    reminder = Reminder.get_by_id(made)
    assert reminder.kind == NudgeKind.RECHARGE.value
    title, _, body = reminder.message.partition("\n")
    assert "today" in (title + body).lower()
    clock.advance(days=1, hours=1)
    assert Reminder.get_by_id(plan_nudge(clock)).kind != NudgeKind.RECHARGE.value  # once


def test_several_nos_in_a_row_suggest_feedback_or_a_career_counsellor(store, clock) -> None:
    clock.set(NOW - timedelta(days=20))
    opportunities = [
        opportunity_id_of_interview(log_interview(interview_draft(clock, company=f"Co {n}"), clock))
        for n in range(3)
    ]
    for opportunity in opportunities:
        clock.advance(days=4)
        change_status(opportunity, Status.NOT_THIS_TIME, clock)
    clock.set(NOW + timedelta(days=2))  # past the rest and the day after
    made = plan_nudge(clock)
    reminder = Reminder.get_by_id(made)
    assert reminder.kind == NudgeKind.PAUSE.value
    words = reminder.message.casefold()
    assert "3" in words and ("honest feedback" in words or "career counsellor" in words)
    # Good news ends the run: a new interview, and the streak no longer counts.
    facts_after = PipelineFacts(
        rejections=((_days_ago(3), "A"), (_days_ago(2), "B"), (_days_ago(1.5), "C")),
        good_news=(_days_ago(1.2),),
    )
    assert NudgeKind.PAUSE not in _kinds(facts_after)


def test_every_variant_has_words_that_rotate() -> None:
    for name in ("pause_rejections.txt", "recharge.txt"):
        texts = parse_messages((resources_dir() / "nudges" / name).read_text())
        assert len(texts) >= 3 and all(title and body for title, body in texts)
        if name.startswith("pause_rejections"):
            for title, body in texts:
                words = (title + body).casefold()
                assert "honest feedback" in words or "career counsellor" in words, title


def test_a_new_user_is_not_nudged_before_logging_something_and_a_day(store, clock) -> None:
    # Main nudged an empty folder within seconds: "Room for a couple more — You have 0".
    clock.set(NOW)
    assert plan_nudge(clock) is None
    clock.advance(days=3)
    assert plan_nudge(clock) is None  # still nothing logged
    log_interview(interview_draft(clock), clock)
    clock.advance(hours=23)
    assert plan_nudge(clock) is None
    clock.advance(hours=2)
    assert plan_nudge(clock) is not None


def test_a_nudge_says_the_numbers_as_they_are_when_shown(store, clock) -> None:
    from desktop.domain.forms import validate_opportunity
    from desktop.services.reminders import reminder_view

    clock.set(NOW - timedelta(days=1))
    log_interview(interview_draft(clock), clock)
    clock.set(NOW)
    made = plan_nudge(clock)
    assert reminder_view(made).kind is NudgeKind.FEW_LIVE
    assert "1 in play" in reminder_view(made).why or "only 1 " in reminder_view(made).why
    for n in range(7):
        create_opportunity(validate_opportunity({"company": f"Co {n}", "role": "Analyst"}), clock)
    shown = reminder_view(made)
    assert "8" in shown.title + shown.why and " 1 " not in shown.why


def test_an_unanswered_nudge_goes_quiet_when_the_next_one_comes(store, clock) -> None:
    clock.set(NOW - timedelta(days=1))
    log_interview(interview_draft(clock), clock)
    clock.set(NOW)
    first = plan_nudge(clock)
    clock.advance(days=7)
    second = plan_nudge(clock)
    assert first is not None and second is not None
    waiting = {v.id for v in open_reminders_until(clock.now())}
    assert second in waiting and first not in waiting
    assert Reminder.get_by_id(first).state == "past"


def test_unanswered_nudges_back_off_a_week_then_two(store, clock) -> None:
    """Issue #18: a user who never answers was nudged about every two days. Now none
    comes sooner than a week after an unanswered one, two weeks after two in a row."""
    clock.set(NOW - timedelta(days=1))
    log_interview(interview_draft(clock), clock)
    clock.set(NOW)
    first = plan_nudge(clock)
    assert first is not None
    for _ in range(6):
        clock.advance(days=1)
        assert plan_nudge(clock) is None
    clock.advance(days=1)  # a week on
    second = plan_nudge(clock)
    assert second is not None
    clock.advance(days=13)
    assert plan_nudge(clock) is None
    clock.advance(days=1)  # two weeks after the second, also unanswered
    third = plan_nudge(clock)
    assert third is not None
    mark_done(third, clock)  # answered: back to the usual three days per kind
    clock.advance(days=3)
    assert plan_nudge(clock) is not None


def test_backing_off_is_for_send_more_and_counts_a_run_of_unanswered() -> None:
    from desktop.playbook.nudges import unanswered_gap

    few = NudgeKind.FEW_LIVE
    assert unanswered_gap([]) is None
    assert unanswered_gap([Sent(few, _days_ago(2), 0, answered=True)]) is None
    run = [Sent(few, _days_ago(30 - n), n, answered=False) for n in range(5)]
    assert unanswered_gap(run) == (_days_ago(26), timedelta(days=28))  # at most four weeks
    assert unanswered_gap(run[-1:]) == (_days_ago(26), timedelta(days=7))
    # An unanswered pause after a rejection is no reason to hold back "send more".
    assert unanswered_gap([Sent(NudgeKind.RECHARGE, _days_ago(1), 0, answered=False)]) is None


def test_an_interview_logged_without_an_application_is_not_an_application(store, clock) -> None:
    """The nudges count applications by `playbook.weeks.application_day`, as the tray and
    Insights do: an opportunity that began with an interview logged is not one."""
    from desktop.services.nudges import pipeline_facts

    clock.set(NOW - timedelta(days=20))
    log_interview(interview_draft(clock), clock)
    create_opportunity(validate_opportunity({"company": "Globex", "role": "Analyst"}), clock)
    facts = pipeline_facts(BERLIN, NOW)
    assert len(facts.applications) == 1  # Globex, not Acme's interview
    assert len(facts.unanswered) == 1
