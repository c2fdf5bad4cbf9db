"""What to remind, and when: the after-interview playbook as a pure function.

Facts about one opportunity go in; the reminders that should exist for it come out, each
with a stable key. The service layer turns the difference with the database into inserts,
moves and cancellations, so running the rules again never duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Protocol

from db.vocabulary import RecruiterKind, Status
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
    # With an agency: one note asking the recruiter to pass on thanks to the interviewers.
    THANKS_VIA_RECRUITER = "thanks_via_recruiter"
    # An outcome proved the feeling after an interview wrong: felt bad and moved forward,
    # or felt good and was not taken.
    FELT_WRONG_FORWARD = "felt_wrong_forward"
    FELT_WRONG_NOT = "felt_wrong_not"
    # The user's own reminder or to-do ("Send the portfolio link on Friday"): never planned
    # by the rules, never re-planned; its words are in the row's message.
    OWN = "own"


# News about a feeling is worth telling when it is fresh, not about last year's history
# the first time an old database is re-planned.
FELT_WRONG_KINDS = frozenset({Kind.FELT_WRONG_FORWARD, Kind.FELT_WRONG_NOT})
FELT_WRONG_FRESH_FOR = timedelta(days=7)

# Steps that count from the latest change of status. Answered, then the status changed
# again (a "No response" that wrote back, a second "no" after a reopening), such a step
# is about the new news: it is wanted again, not kept as answered.
FROM_STATUS_CHANGE = frozenset(
    {
        Kind.NO_RESPONSE_CHECK,
        Kind.REJECTION_REPLY,
        Kind.REAPPLY_CHECK_IN,
        Kind.KEEP_IN_TOUCH,
        Kind.OFFER_REPLY,
    }
)


# How long after it comes due a step is still worth doing. A step planned later than that
# (an interview logged after the fact, imported history) is recorded as past, silently.
# Kinds not listed stay useful however late (a follow-up while still waiting, an offer).
STILL_USEFUL: dict[Kind, timedelta] = {
    Kind.DEBRIEF: timedelta(days=7),
    Kind.RECRUITER_CALL: timedelta(days=2),
    Kind.LATE_THANK_YOU: timedelta(days=3),
    Kind.THANKS_VIA_RECRUITER: timedelta(days=3),
    Kind.FOLLOW_UP: timedelta(days=14),
    Kind.REJECTION_REPLY: timedelta(days=7),
    Kind.REAPPLY_CHECK_IN: timedelta(days=30),
    Kind.KEEP_IN_TOUCH: timedelta(days=30),
}

# A later variant of a step replaces the earlier one once it comes due: never both waiting.
SUPERSEDED_BY: dict[Kind, Kind] = {
    Kind.THANK_YOU: Kind.LATE_THANK_YOU,
    Kind.FOLLOW_UP: Kind.SECOND_FOLLOW_UP,
}


def successor_key(key: str) -> str | None:
    """The key of the variant that replaces this step, if any (same opportunity,
    interview and person)."""
    parts = key.split(":")
    if len(parts) < 2:
        return None
    try:
        later = SUPERSEDED_BY.get(Kind(parts[1]))
    except ValueError:
        return None
    if later is None:
        return None
    return ":".join([parts[0], later.value, *parts[2:]])


def past_on_arrival(planned: list[Planned], now: datetime) -> frozenset[str]:
    """Keys of planned steps that are of no use any more, planned now for the first time:
    long past their time, or already replaced by a later variant that is due."""
    due = {p.key: p.due_at for p in planned}
    out = set()
    for p in planned:
        useful_for = STILL_USEFUL.get(p.kind)
        if useful_for is not None and p.due_at + useful_for < now:
            out.add(p.key)
            continue
        later = successor_key(p.key)
        if later is not None and later in due and due[later] <= now:
            out.add(p.key)
    return frozenset(out)


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
    # From its debrief: how it felt (1–5), what the user predicted, when it was written.
    felt: int | None = None
    prediction: str = ""
    debriefed_at: datetime | None = None


@dataclass(frozen=True)
class OpportunityFacts:
    id: int
    status: Status
    status_changed_at: datetime
    interviews: tuple[InterviewFacts, ...] = ()
    recruiter: Person | None = None
    recruiter_kind: RecruiterKind = RecruiterKind.UNKNOWN
    offer_deadline: date | None = None
    # Keys of reminders the user already answered (done or dismissed).
    answered: frozenset[str] = frozenset()

    @property
    def via_agency(self) -> bool:
        """An agency arranged it: thanks and follow-ups go through the recruiter, and
        nothing goes to the company's people directly while the process runs."""
        return self.recruiter is not None and self.recruiter_kind is RecruiterKind.AGENCY


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
        kind: Kind,
        due: datetime,
        interview: int | None = None,
        person: int | None = None,
        to: int | None = None,
    ) -> None:
        """`person` is part of the reminder's identity (one per interviewer); `to` only
        addresses it (a follow-up stays the same follow-up whoever it goes to)."""
        out.append(
            Planned(
                key=reminder_key(facts.id, kind, interview, person),
                kind=kind,
                due_at=allowed(due, tz, settings.quiet),
                opportunity_id=facts.id,
                interview_id=interview,
                contact_id=person if person is not None else to,
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
        if facts.via_agency and facts.recruiter is not None:  # via_agency says it is
            thanks = end + timedelta(minutes=settings.thank_you_after_minutes)
            add(Kind.THANKS_VIA_RECRUITER, thanks, interview.id, facts.recruiter.id)
            continue
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

    for kind, interview_id, at in felt_proved_wrong(facts):
        add(kind, at, interview_id)
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


class _Add(Protocol):
    """The `add` of `plan`, handed to the helpers that plan part of it."""

    def __call__(
        self,
        kind: Kind,
        due: datetime,
        interview: int | None = None,
        person: int | None = None,
        to: int | None = None,
    ) -> None: ...


def _plan_waiting(
    facts: OpportunityFacts, settings: PlaybookSettings, tz: tzinfo, add: _Add
) -> None:
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
    # With an agency the recruiter is the one to ask; otherwise the note picks its person.
    to = facts.recruiter.id if facts.via_agency and facts.recruiter else None
    add(Kind.FOLLOW_UP, first, latest.id, to=to)
    add(
        Kind.SECOND_FOLLOW_UP,
        first + timedelta(days=settings.second_follow_up_after_days),
        latest.id,
        to=to,
    )
    silence_from = max(latest.starts_at, facts.status_changed_at)
    check_day = local(silence_from, tz).date() + timedelta(days=settings.no_response_after_days)
    add(Kind.NO_RESPONSE_CHECK, at_local(check_day, settings.morning, tz), latest.id)


def feeling(felt: int | None, prediction: str) -> str | None:
    """ "bad" (felt 1–2 or expected a no), "good" (felt 4–5 or expected to move forward),
    or None: in between, unsaid, or the two answers disagree."""
    bad = (felt is not None and felt <= 2) or prediction == "not"
    good = (felt is not None and felt >= 4) or prediction == "move_forward"
    if bad == good:
        return None
    return "bad" if bad else "good"


def felt_proved_wrong(facts: OpportunityFacts) -> list[tuple[Kind, int, datetime]]:
    """Interviews whose outcome, arriving after the debrief, contradicts how they felt:
    (kind, interview id, when the outcome arrived). An interview moved forward when a
    later one was logged, or the opportunity reached an offer."""
    ordered = sorted(facts.interviews, key=lambda i: (i.starts_at, i.id))
    found = []
    for n, interview in enumerate(ordered):
        felt = feeling(interview.felt, interview.prediction)
        if felt is None or interview.debriefed_at is None:
            continue
        outcome: tuple[Kind, datetime] | None = None
        if n + 1 < len(ordered):
            if felt == "bad":
                outcome = (Kind.FELT_WRONG_FORWARD, ordered[n + 1].created_at)
        elif felt == "bad" and facts.status is Status.OFFER:
            outcome = (Kind.FELT_WRONG_FORWARD, facts.status_changed_at)
        elif felt == "good" and facts.status is Status.NOT_THIS_TIME:
            outcome = (Kind.FELT_WRONG_NOT, facts.status_changed_at)
        # Known before the debrief was written, it was no surprise.
        if outcome is not None and outcome[1] > interview.debriefed_at:
            found.append((outcome[0], interview.id, outcome[1]))
    return found
