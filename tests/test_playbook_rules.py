"""The playbook rules: unit cases at known local times, and properties over random histories."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from db.vocabulary import RecruiterKind, Status
from desktop.playbook.calendar import QuietHours, add_business_days, allowed
from desktop.playbook.rules import (
    InterviewFacts,
    Kind,
    OpportunityFacts,
    Person,
    plan,
    reminder_key,
)
from desktop.playbook.settings import PlaybookSettings
from desktop.playbook.snooze import parse_duration, snooze_until

BERLIN = ZoneInfo("Europe/Berlin")
DEFAULTS = PlaybookSettings()
LOGGED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
DANA, LEE, SAM = Person(1, "Dana Li"), Person(2, "Lee Park"), Person(3, "Sam Ortiz")


def _interview(
    start_local: str, iid: int = 10, people=(DANA,), hear_by=None, logged=LOGGED
) -> InterviewFacts:
    start = datetime.fromisoformat(start_local).replace(tzinfo=BERLIN).astimezone(UTC)
    return InterviewFacts(iid, start, 60, logged, hear_by, tuple(people))


def _facts(*interviews: InterviewFacts, status=Status.INTERVIEWING, **kw) -> OpportunityFacts:
    return OpportunityFacts(
        id=5,
        status=status,
        status_changed_at=kw.pop("changed", LOGGED),
        interviews=interviews,
        **kw,
    )


def _local(planned) -> dict[str, str]:
    return {p.key: p.due_at.astimezone(BERLIN).strftime("%a %Y-%m-%d %H:%M") for p in planned}


def test_one_interview_gets_the_whole_after_interview_sequence() -> None:
    # Wednesday 25 Nov 2026, 14:00–15:00 in Berlin, with a recruiter involved.
    due = _local(plan(_facts(_interview("2026-11-25 14:00"), recruiter=SAM), DEFAULTS, BERLIN))
    assert due == {
        "o5:debrief:i10": "Wed 2026-11-25 16:00",
        "o5:prep:i10": "Tue 2026-11-24 18:00",
        "o5:recruiter_call:i10:p3": "Wed 2026-11-25 15:30",
        "o5:thank_you:i10:p1": "Wed 2026-11-25 18:00",
        "o5:late_thank_you:i10:p1": "Thu 2026-11-26 15:00",
        "o5:follow_up:i10": "Wed 2026-12-09 10:00",  # 10 business days later
        "o5:second_follow_up:i10": "Wed 2026-12-16 10:00",
        "o5:no_response_check:i10": "Fri 2026-12-25 10:00",
    }


def test_a_stated_decision_date_moves_the_follow_up() -> None:
    facts = _facts(_interview("2026-11-25 14:00", hear_by=date(2026, 12, 4)))  # a Friday
    due = _local(plan(facts, DEFAULTS, BERLIN))
    assert due["o5:follow_up:i10"] == "Tue 2026-12-08 10:00"  # + 2 business days
    assert due["o5:second_follow_up:i10"] == "Tue 2026-12-15 10:00"


def test_an_evening_interview_pushes_after_care_out_of_quiet_hours() -> None:
    due = _local(plan(_facts(_interview("2026-11-25 19:30")), DEFAULTS, BERLIN))
    assert due["o5:debrief:i10"] == "Thu 2026-11-26 08:00"  # 21:30 is quiet
    assert due["o5:thank_you:i10:p1"] == "Thu 2026-11-26 08:00"


def test_one_thank_you_per_interviewer_and_no_late_one_once_sent() -> None:
    answered = frozenset({reminder_key(5, Kind.THANK_YOU, 10, 1)})
    keys = {
        p.key
        for p in plan(
            _facts(_interview("2026-11-25 14:00", people=(DANA, LEE)), answered=answered),
            DEFAULTS,
            BERLIN,
        )
    }
    assert {"o5:thank_you:i10:p1", "o5:thank_you:i10:p2"} <= keys
    assert "o5:late_thank_you:i10:p1" not in keys
    assert "o5:late_thank_you:i10:p2" in keys


def test_no_prep_for_an_interview_logged_after_the_evening_before() -> None:
    late_log = _interview("2026-11-25 09:00")
    late_log = InterviewFacts(
        late_log.id, late_log.starts_at, 60, late_log.starts_at - timedelta(hours=2), None, (DANA,)
    )
    assert Kind.PREP not in {p.kind for p in plan(_facts(late_log), DEFAULTS, BERLIN)}


def test_not_this_time_plans_a_gracious_reply_and_a_reapply_check_in() -> None:
    friday_evening = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    facts = _facts(
        _interview("2026-11-25 14:00"), status=Status.NOT_THIS_TIME, changed=friday_evening
    )
    due = _local(plan(facts, DEFAULTS, BERLIN))
    assert due["o5:rejection_reply"] == "Mon 2026-11-30 10:00"  # next business day
    assert due["o5:reapply_check_in"] == "Fri 2027-05-28 10:00"
    assert "o5:follow_up:i10" not in due and "o5:thank_you:i10:p1" not in due
    assert "o5:debrief:i10" in due  # a debrief is still worth writing


def test_offer_reply_comes_before_the_deadline() -> None:
    facts = _facts(
        _interview("2026-11-25 14:00"), status=Status.OFFER, offer_deadline=date(2026, 12, 10)
    )
    assert _local(plan(facts, DEFAULTS, BERLIN))["o5:offer_reply"] == "Wed 2026-12-09 10:00"


def test_cancelled_position_plans_keep_in_touch() -> None:
    facts = _facts(status=Status.CANCELLED, changed=datetime(2026, 11, 22, 9, tzinfo=UTC))
    assert _local(plan(facts, DEFAULTS, BERLIN)) == {"o5:keep_in_touch": "Fri 2027-01-22 10:00"}


def test_accepted_or_withdrawn_wants_nothing() -> None:
    for status in (Status.ACCEPTED, Status.WITHDRAWN):
        assert (
            plan(
                _facts(_interview("2026-11-25 14:00"), status=status, recruiter=SAM),
                DEFAULTS,
                BERLIN,
            )
            == []
        )


def test_weekends_can_be_skipped() -> None:
    quiet = QuietHours(skip_weekends=True)
    saturday_noon = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    assert allowed(saturday_noon, BERLIN, quiet).astimezone(BERLIN) == datetime(
        2026, 11, 30, 8, 0, tzinfo=BERLIN
    )


def test_business_days_skip_weekends() -> None:
    assert add_business_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert add_business_days(date(2026, 11, 25), 10) == date(2026, 12, 9)


def test_daylight_saving_neither_drops_nor_doubles() -> None:
    # Berlin springs forward on 29 Mar 2026 at 02:00 and falls back on 25 Oct at 03:00.
    early = datetime(2026, 1, 1, tzinfo=UTC)
    spring = _facts(_interview("2026-03-30 10:00", logged=early))
    autumn = _facts(_interview("2026-10-26 10:00", logged=early))
    for facts in (spring, autumn):
        due = _local(plan(facts, DEFAULTS, BERLIN))
        assert due["o5:prep:i10"].endswith("18:00")
        assert len(due) == len(set(due))


def test_snooze_choices_land_where_promised() -> None:
    now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wed 16:00 in Berlin
    quiet = QuietHours()

    def at(choice: str) -> str:
        return snooze_until(choice, now, BERLIN, quiet).astimezone(BERLIN).strftime("%a %H:%M")

    assert at("1h") == "Wed 17:00"
    assert at("evening") == "Wed 19:00"
    assert at("tomorrow") == "Thu 09:00"
    assert at("next_week") == "Mon 09:00"
    late = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)  # 21:30: one hour lands in quiet hours
    assert (
        snooze_until("1h", late, BERLIN, quiet).astimezone(BERLIN).strftime("%a %H:%M")
        == "Thu 08:00"
    )


def test_snooze_durations_parse() -> None:
    assert parse_duration("2h") == timedelta(hours=2)
    assert parse_duration(" 1W ") == timedelta(weeks=1)
    for bad in ("", "2", "h", "0h", "9999d", "2 hours"):
        try:
            parse_duration(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


# ----- properties ------------------------------------------------------------------------

ZONES = st.sampled_from(
    [
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "UTC",
        "America/Santiago",
        "Pacific/Chatham",
    ]
)
STARTS = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC, second=0, microsecond=0)
)
HOURS = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@st.composite
def histories(draw) -> OpportunityFacts:
    people = [Person(i, f"P{i}") for i in range(1, 5)]
    interviews = tuple(
        InterviewFacts(
            id=100 + n,
            starts_at=draw(STARTS),
            duration_minutes=draw(st.integers(15, 240)),
            created_at=draw(STARTS),
            hear_by=draw(st.none() | st.dates(date(2025, 1, 1), date(2029, 1, 1))),
            interviewers=tuple(draw(st.lists(st.sampled_from(people), unique=True, max_size=3))),
            felt=draw(st.none() | st.integers(1, 5)),
            prediction=draw(st.sampled_from(["", "move_forward", "not", "unsure"])),
            debriefed_at=draw(st.none() | STARTS),
        )
        for n in range(draw(st.integers(0, 4)))
    )
    return OpportunityFacts(
        id=draw(st.integers(1, 10_000)),
        status=draw(st.sampled_from(list(Status))),
        status_changed_at=draw(STARTS),
        interviews=interviews,
        recruiter=draw(st.none() | st.just(Person(9, "R"))),
        recruiter_kind=draw(st.sampled_from(list(RecruiterKind))),
        offer_deadline=draw(st.none() | st.dates(date(2025, 1, 1), date(2029, 1, 1))),
    )


@st.composite
def playbook_settings(draw) -> PlaybookSettings:
    return PlaybookSettings(
        prep_time=draw(HOURS),
        debrief_after_minutes=draw(st.integers(0, 600)),
        follow_up_after_interview_business_days=draw(st.integers(1, 30)),
        morning=draw(HOURS),
        quiet=QuietHours(draw(HOURS), draw(HOURS), draw(st.booleans())),
    )


@settings(max_examples=300, deadline=None)
@given(facts=histories(), config=playbook_settings(), zone=ZONES)
def test_no_reminder_in_quiet_hours_and_none_twice(facts, config, zone) -> None:
    tz = ZoneInfo(zone)
    planned = plan(facts, config, tz)
    keys = [p.key for p in planned]
    assert len(keys) == len(set(keys))
    for reminder in planned:
        assert reminder.due_at.tzinfo is not None
        assert not config.quiet.contains(reminder.due_at.astimezone(tz)), reminder


@settings(max_examples=200, deadline=None)
@given(
    facts=histories(),
    config=playbook_settings(),
    zone=ZONES,
    closing=st.sampled_from([Status.ACCEPTED, Status.WITHDRAWN]),
)
def test_closing_an_opportunity_wants_nothing(facts, config, zone, closing) -> None:
    from dataclasses import replace

    assert plan(replace(facts, status=closing), config, ZoneInfo(zone)) == []


@settings(max_examples=200, deadline=None)
@given(facts=histories(), config=playbook_settings(), zone=ZONES, data=st.data())
def test_planning_is_deterministic_and_order_free(facts, config, zone, data) -> None:
    from dataclasses import replace

    shuffled = replace(facts, interviews=tuple(data.draw(st.permutations(facts.interviews))))
    tz = ZoneInfo(zone)
    assert {p.key: p for p in plan(facts, config, tz)} == {
        p.key: p for p in plan(shuffled, config, tz)
    }


@settings(max_examples=200, deadline=None)
@given(facts=histories(), config=playbook_settings(), zone=ZONES)
def test_with_an_agency_nothing_is_addressed_to_the_companys_people(facts, config, zone) -> None:
    from dataclasses import replace

    agency = replace(facts, recruiter=Person(9, "R"), recruiter_kind=RecruiterKind.AGENCY)
    interviewers = {p.id for i in facts.interviews for p in i.interviewers}
    for planned in plan(agency, config, ZoneInfo(zone)):
        assert planned.kind not in (Kind.THANK_YOU, Kind.LATE_THANK_YOU)
        assert planned.contact_id is None or planned.contact_id not in interviewers
