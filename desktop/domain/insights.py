"""What the user's own history says: feeling against outcome, the funnel, weekly activity
and what each company did. Plain data in, numbers and plain sentences out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from db.vocabulary import Status
from desktop.playbook.reflection import FELT

FORWARD, NOT, OPEN = "forward", "not", "open"
OUTCOME_LABELS = {FORWARD: "Moved forward", NOT: "Did not", OPEN: "Still open"}
# One vocabulary: Insights names each feeling as the debrief form offered it.
FELT_LABELS = FELT
ENOUGH_DECIDED = 3
_NOT = frozenset({Status.NOT_THIS_TIME.value, Status.NO_RESPONSE.value})
OFFER_STATUSES = frozenset({Status.OFFER.value, Status.ACCEPTED.value})
# Statuses that say an interview happened, even with none logged.
INTERVIEWED_STATUSES = frozenset(
    {Status.INTERVIEWING.value, Status.AWAITING.value, *OFFER_STATUSES}
)
# Status changes that are the company's answer.
COMPANY_ANSWERS = frozenset(
    s.value
    for s in (Status.INTERVIEWING, Status.AWAITING, Status.OFFER, Status.NOT_THIS_TIME,
              Status.ACCEPTED, Status.CANCELLED)
)  # fmt: skip
FINAL_ROUNDS = 3  # this many interviews count as reaching the final round
# Outcomes the employer did not decide (the user withdrew, the post vanished) say nothing
# about how an interview went.
_NOT_AN_OUTCOME = frozenset({Status.WITHDRAWN.value, Status.CANCELLED.value})


@dataclass(frozen=True)
class OpportunityHistory:
    company: str
    status: str
    applied_at: datetime  # applied on (or added), aware
    interviews: tuple[tuple[datetime, str, int | None], ...] = ()  # (starts, round, felt)
    statuses_reached: frozenset[str] = frozenset()
    first_answer_at: datetime | None = None  # first interview or outcome, whichever first
    # The company answered, even when the wait cannot be measured (no application day).
    heard_back: bool = False


def interview_outcome(history: OpportunityHistory, index: int) -> str | None:
    """What happened after the interview at `index` (by time): None if not the employer's
    decision."""
    return outcome_after(index == len(history.interviews) - 1, history.status)


def outcome_after(last: bool, status: str) -> str | None:
    """What happened after an interview, from whether it was its opportunity's last and
    where that opportunity stands now."""
    if not last or status in OFFER_STATUSES:
        return FORWARD
    if status in _NOT:
        return NOT
    if status in _NOT_AN_OUTCOME:
        return None
    return OPEN


def is_final_round(label: str) -> bool:
    return "final" in label.casefold()


@dataclass
class FeltTable:
    counts: dict[int, dict[str, int]] = field(
        default_factory=lambda: {felt: {FORWARD: 0, NOT: 0, OPEN: 0} for felt in FELT_LABELS}
    )

    def total(self, felts: Sequence[int], outcome: str | None = None) -> int:
        outcomes = (outcome,) if outcome else (FORWARD, NOT, OPEN)
        return sum(self.counts[f][o] for f in felts for o in outcomes)

    def sentence(self) -> str:
        decided = self.total(range(1, 6), FORWARD) + self.total(range(1, 6), NOT)
        if self.total(range(1, 6)) == 0:
            return (
                "When you write a debrief, say how the interview felt. Once a few have an "
                "outcome, this shows how much that feeling predicted."
            )
        if decided < ENOUGH_DECIDED:
            return (
                f"Too early to tell: {decided} of your debriefed interviews "
                f"{'has' if decided == 1 else 'have'} an outcome so far. Feelings after an "
                "interview are often wrong, in both directions; this will show how yours do."
            )
        parts = []
        for felts, words in (((1, 2), "went badly"), ((4, 5), "went well")):
            forward = self.total(felts, FORWARD)
            known = forward + self.total(felts, NOT)
            if known:
                parts.append(
                    f"Of the {known} interview{'s' * (known != 1)} you felt {words}, "
                    f"{forward} moved forward."
                )
        still = self.total(range(1, 6), OPEN)
        if still:
            parts.append(f"{still} more {'is' if still == 1 else 'are'} still open.")
        return " ".join(parts) or "Your debriefed interviews so far were rated in the middle."


def felt_vs_outcome(histories: Sequence[OpportunityHistory]) -> FeltTable:
    return felt_table(
        (felt, index == len(history.interviews) - 1, history.status, 1)
        for history in histories
        for index, (_, _, felt) in enumerate(history.interviews)
    )


def felt_table(counted: Iterable[tuple[int | None, bool, str, int]]) -> FeltTable:
    """From (how it felt, whether it was its opportunity's last interview, that
    opportunity's status, how many interviews were so)."""
    table = FeltTable()
    for felt, last, status, count in counted:
        outcome = outcome_after(last, status)
        if felt in FELT_LABELS and outcome is not None:
            table.counts[felt][outcome] += count
    return table


@dataclass(frozen=True)
class Stage:
    label: str
    count: int
    rate: float | None  # of the stage before


def funnel(histories: Sequence[OpportunityHistory]) -> list[Stage]:
    interviewed = [
        h for h in histories if h.interviews or h.statuses_reached & INTERVIEWED_STATUSES
    ]
    final = [
        h
        for h in interviewed
        if len(h.interviews) >= FINAL_ROUNDS
        or any(is_final_round(label) for _, label, _ in h.interviews)
        or h.statuses_reached & OFFER_STATUSES
    ]
    offers = [h for h in histories if h.statuses_reached & OFFER_STATUSES]
    return funnel_stages(len(histories), len(interviewed), len(final), len(offers))


def funnel_stages(applied: int, interviewed: int, final: int, offers: int) -> list[Stage]:
    counts = [
        ("Applied", applied),
        ("Interviewed", interviewed),
        ("Final round", final),
        ("Offer", offers),
    ]
    stages = []
    for n, (label, count) in enumerate(counts):
        before = counts[n - 1][1] if n else None
        stages.append(Stage(label, count, count / before if before else None))
    return stages


@dataclass(frozen=True)
class CompanyMemory:
    company: str
    applications: int
    answered_in_days: float | None  # median, of those answered
    went_silent: int
    said_no: int
    answered: int = 0  # how many answers the wait is measured over
    heard_back: int = 0  # how many of its applications it answered at all

    def sentence(self) -> str:
        parts = [f"{self.applications} application{'s' * (self.applications != 1)}"]
        if self.answered_in_days is not None:
            parts.append(f"answered in about {round(self.answered_in_days)} days")
        if self.said_no:
            parts.append(f'"Not this time" {self.said_no}×')
        if self.went_silent:
            parts.append(f"went silent {self.went_silent}×")
        return f"{self.company}: " + ", ".join(parts) + "."


def company_memory(histories: Sequence[OpportunityHistory]) -> list[CompanyMemory]:
    by_company: dict[str, list[OpportunityHistory]] = {}
    for history in histories:
        by_company.setdefault(history.company, []).append(history)
    return biggest_first(
        memory_of_company(
            company,
            applications=len(items),
            waits=[
                wait_days((h.first_answer_at - h.applied_at).total_seconds())
                for h in items
                if h.first_answer_at is not None
            ],
            heard_back=sum(1 for h in items if h.heard_back or h.first_answer_at is not None),
            went_silent=sum(1 for h in items if h.status == Status.NO_RESPONSE.value),
            said_no=sum(1 for h in items if Status.NOT_THIS_TIME.value in h.statuses_reached),
        )
        for company, items in by_company.items()
    )


def wait_days(seconds: float) -> float:
    """An answer's wait in days. One the same day as the application (applied_at is noon)
    is 0 days."""
    return max(0.0, seconds / 86400)


def memory_of_company(
    company: str,
    applications: int,
    waits: Sequence[float],
    heard_back: int,
    went_silent: int,
    said_no: int,
) -> CompanyMemory:
    return CompanyMemory(
        company=company,
        applications=applications,
        answered_in_days=median(waits) if waits else None,
        answered=len(waits),
        heard_back=heard_back,
        went_silent=went_silent,
        said_no=said_no,
    )


def biggest_first(memories: Iterable[CompanyMemory]) -> list[CompanyMemory]:
    # The name last: two names alike but for case (one company each) keep one order.
    return sorted(memories, key=lambda m: (-m.applications, m.company.casefold(), m.company))


def worth_knowing(memory: CompanyMemory) -> bool:
    """Shown when adding another opportunity there: they said no, or went quiet."""
    return bool(memory.went_silent or memory.said_no)
