"""What to remind, and when: the after-interview playbook as a pure function.

Facts about one opportunity go in; the reminders that should exist for it come out, each
with a stable key. The service layer turns the difference with the database into inserts,
moves and cancellations, so running the rules again never duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from db.vocabulary import Status
from desktop.playbook.calendar import add_business_days, allowed, at_local, local
from desktop.playbook.settings import PlaybookSettings


class Kind(StrEnum):
    PREP = "prep"
    DEBRIEF = "debrief"
    RECRUITER_CALL = "recruiter_call"
    THANK_YOU = "thank_you"
    LATE_THANK_YOU = "late_thank_you"
    FOLLOW_UP = "follow_up"
    SECOND_FOLLOW_UP = "second_follow_up"
    NO_RESPONSE_CHECK = "no_response_check"
    REJECTION_REPLY = "rejection_reply"
    REAPPLY_CHECK_IN = "reapply_check_in"
    OFFER_REPLY = "offer_reply"
    KEEP_IN_TOUCH = "keep_in_touch"


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True)
class InterviewFacts:
    id: int
    starts_at: datetime
    duration_minutes: int
    created_at: datetime
    hear_by: date | None = None
    interviewers: tuple[Person, ...] = ()


@dataclass(frozen=True)
class OpportunityFacts:
    id: int
    status: Status
    status_changed_at: datetime
    interviews: tuple[InterviewFacts, ...] = ()
    recruiter: Person | None = None
    offer_deadline: date | None = None
    # Keys of reminders the user already answered (done or dismissed).
    answered: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Planned:
    key: str
    kind: Kind
    due_at: datetime  # aware UTC, outside quiet hours
    opportunity_id: int
    interview_id: int | None = None
    contact_id: int | None = None


# Per-interview preparation and after-care only make sense while the opportunity is open.
_OPEN = frozenset({Status.APPLIED, Status.INTERVIEWING, Status.AWAITING, Status.OFFER})
_WAITING = frozenset({Status.INTERVIEWING, Status.AWAITING})
_ENDED = frozenset({Status.ACCEPTED, Status.WITHDRAWN})


def reminder_key(
    opportunity_id: int, kind: Kind, interview_id: int | None = None, person_id: int | None = None
) -> str:
    parts = [f"o{opportunity_id}", kind.value]
    if interview_id is not None:
        parts.append(f"i{interview_id}")
    if person_id is not None:
        parts.append(f"p{person_id}")
    return ":".join(parts)


def plan(facts: OpportunityFacts, settings: PlaybookSettings, tz: tzinfo) -> list[Planned]:
    """Every reminder that should exist now for this opportunity."""
    out: list[Planned] = []

    def add(
        kind: Kind, due: datetime, interview: int | None = None, person: int | None = None
    ) -> None:
        out.append(
            Planned(
                key=reminder_key(facts.id, kind, interview, person),
                kind=kind,
                due_at=allowed(due, tz, settings.quiet),
                opportunity_id=facts.id,
                interview_id=interview,
                contact_id=person,
            )
        )

    if facts.status in _ENDED:
        return out
    for interview in facts.interviews:
        end = interview.starts_at + timedelta(minutes=interview.duration_minutes)
        add(Kind.DEBRIEF, end + timedelta(minutes=settings.debrief_after_minutes), interview.id)
        if facts.status not in _OPEN:
            continue
        prep = at_local(
            local(interview.starts_at, tz).date() - timedelta(days=1), settings.prep_time, tz
        )
        # Logged after the evening before (or afterwards): no point preparing any more.
        if interview.created_at < prep:
            add(Kind.PREP, prep, interview.id)
        if facts.recruiter is not None:
            call = end + timedelta(minutes=settings.recruiter_call_after_minutes)
            add(Kind.RECRUITER_CALL, call, interview.id, facts.recruiter.id)
        for person in interview.interviewers:
            add(
                Kind.THANK_YOU,
                end + timedelta(minutes=settings.thank_you_after_minutes),
                interview.id,
                person.id,
            )
            first = reminder_key(facts.id, Kind.THANK_YOU, interview.id, person.id)
            if first not in facts.answered:
                late = end + timedelta(hours=settings.late_thank_you_after_hours)
                add(Kind.LATE_THANK_YOU, late, interview.id, person.id)

    if facts.status in _WAITING and facts.interviews:
        _plan_waiting(facts, settings, tz, add)
    changed_day = local(facts.status_changed_at, tz).date()
    if facts.status is Status.NOT_THIS_TIME:
        reply_day = add_business_days(changed_day, settings.rejection_reply_business_days)
        add(Kind.REJECTION_REPLY, at_local(reply_day, settings.morning, tz))
        add(
            Kind.REAPPLY_CHECK_IN,
            at_local(
                changed_day + timedelta(days=settings.reapply_after_days), settings.morning, tz
            ),
        )
    elif facts.status is Status.CANCELLED:
        add(
            Kind.KEEP_IN_TOUCH,
            at_local(
                changed_day + timedelta(days=settings.keep_in_touch_after_days),
                settings.morning,
                tz,
            ),
        )
    elif facts.status is Status.OFFER:
        if facts.offer_deadline is not None:
            day = facts.offer_deadline - timedelta(days=settings.offer_reply_days_before_deadline)
            while day.weekday() >= 5:  # answer on a working day, when the company can reply
                day -= timedelta(days=1)
            day = max(day, changed_day)
        else:
            day = add_business_days(
                changed_day, settings.offer_reply_without_deadline_business_days
            )
        add(Kind.OFFER_REPLY, at_local(day, settings.morning, tz))
    return out


def _plan_waiting(facts: OpportunityFacts, settings: PlaybookSettings, tz: tzinfo, add) -> None:
    latest = max(facts.interviews, key=lambda i: (i.starts_at, i.id))
    if latest.hear_by is not None:
        first_day = add_business_days(
            latest.hear_by, settings.follow_up_after_hear_by_business_days
        )
    else:
        interview_day = local(latest.starts_at, tz).date()
        first_day = add_business_days(
            interview_day, settings.follow_up_after_interview_business_days
        )
    first = at_local(first_day, settings.morning, tz)
    add(Kind.FOLLOW_UP, first, latest.id)
    add(
        Kind.SECOND_FOLLOW_UP,
        first + timedelta(days=settings.second_follow_up_after_days),
        latest.id,
    )
    silence_from = max(latest.starts_at, facts.status_changed_at)
    check_day = local(silence_from, tz).date() + timedelta(days=settings.no_response_after_days)
    add(Kind.NO_RESPONSE_CHECK, at_local(check_day, settings.morning, tz), latest.id)
