"""The Insights tab counted by SQLite (`services.insight_counts`) against the reference,
`services.insights.histories` read into Python and counted by the domain, on a seeded
history of about 300 opportunities: every status, feelings, round labels that name a
final round only to Python's casefold, interviews alike in start and round, more than one
first status, and times a second either side of the local midnights that begin the
charted weeks and end today, in zones with half-hour and 45-minute offsets, a change of
clocks within the chart, and one that skips a midnight the chart begins a day with."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from db.connection import DB
from db.models import Company, Debrief, Interview, Opportunity, Reminder, StatusChange
from db.vocabulary import ReminderState, Status
from desktop.domain.activity_report import FOLLOW_UP_DONE
from desktop.domain.clock import FixedClock
from desktop.domain.insights import company_memory, felt_vs_outcome, funnel
from desktop.playbook.weeks import WEEKS_SHOWN, shown_span, week_bounds, weekly_activity
from desktop.services.insights import gather_insights, histories
from desktop.services.nudges import application_days

LABELS = (
    "Round 1",
    "",
    "Phone screen",
    "Final round",
    "FINAL",
    "\ufb01nal chat",  # the "fi" ligature: casefold makes it "final", SQLite's lower does not
    "Semifinal",
    "Straße",
    "Onsite",
)
COMPANIES = ("Acme", "Globex", "Initech", "Straße", "STRASSE", "Umbrella", "Hooli", "Wayne")


def _moments(now: datetime, tz: ZoneInfo, rng: random.Random) -> list[datetime]:
    """Times a user could have logged: any in half a year, and many within a second or
    an hour of the midnights that begin each charted week and end today."""
    first, today = shown_span(now, tz)
    edges = [first + timedelta(weeks=n) for n in range(WEEKS_SHOWN)] + [today + timedelta(1)]
    near = []
    for day in edges:
        midnight = datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)
        for shift in (-3600, -1, 0, 1, 59 * 60):
            near.append(midnight + timedelta(seconds=shift))
    spread = [
        now - timedelta(days=180) + timedelta(seconds=rng.randrange(200 * 86400))
        for _ in range(300)
    ]
    return near * 3 + spread


def _seed(clock: FixedClock, seed: int, count: int = 300) -> None:
    rng = random.Random(seed)
    now, tz = clock.now(), clock.tz
    assert isinstance(tz, ZoneInfo)
    moments = _moments(now, tz, rng)
    statuses = [s.value for s in Status]
    with DB.atomic():
        companies = [
            Company.create(name=name, created_at=now)
            for name in (*COMPANIES, *(f"Company {n}" for n in range(40)))
        ]
        for n in range(count):
            created = rng.choice(moments)
            applied_on = rng.choice(moments).astimezone(tz).date() if rng.random() < 0.6 else None
            # Half at the named companies: several applications each.
            company = rng.choice(companies[: len(COMPANIES)] if n % 2 else companies)
            status = rng.choice(statuses)
            opportunity = Opportunity.create(
                company=company,
                role_title=f"Role {n}",
                applied_on=applied_on,
                status=status,
                created_at=created,
                updated_at=now,
            )
            _status_changes(opportunity, status, created, moments, rng)
            _interviews(opportunity, moments, rng)
        _reminders(moments, rng, now)


def _status_changes(opportunity, status, created, moments, rng) -> None:
    first = rng.choice([Status.APPLIED.value] * 3 + [Status.INTERVIEWING.value])
    rows = [(None, first, created)]
    if rng.random() < 0.05:  # two first statuses, as an old import could leave
        other = Status.INTERVIEWING.value if first == Status.APPLIED.value else "applied"
        rows.append((None, other, created + timedelta(seconds=rng.choice((-60, 60)))))
    before = first
    for _ in range(rng.randrange(4)):
        after = rng.choice([s.value for s in Status])
        rows.append((before, after, rng.choice(moments)))
        before = after
    if rng.random() < 0.7:  # mostly ends where the opportunity stands
        rows.append((before, status, rng.choice(moments)))
    for before, after, at in rows:
        StatusChange.create(
            opportunity=opportunity, from_status=before, to_status=after, changed_at=at
        )


def _interviews(opportunity, moments, rng) -> None:
    starts: list[tuple[datetime, str]] = []
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4, 5))):
        if starts and rng.random() < 0.2:  # alike in start, and sometimes in round too
            at, label = rng.choice(starts)
            label = label if rng.random() < 0.5 else rng.choice(LABELS)
        else:
            at, label = rng.choice(moments), rng.choice(LABELS)
        starts.append((at, label))
        interview = Interview.create(
            opportunity=opportunity,
            starts_at=at,
            round_label=label,
            created_at=at - timedelta(days=rng.randrange(-2, 20), seconds=rng.randrange(86400)),
        )
        if rng.random() < 0.7:
            Debrief.create(
                interview=interview,
                felt=rng.choice((None, 1, 2, 3, 4, 5)),
                created_at=at,
                updated_at=at,
            )


def _reminders(moments, rng, now) -> None:
    kinds = [*FOLLOW_UP_DONE, "debrief", "prep"]
    states = [ReminderState.DONE.value] * 3 + [ReminderState.PENDING.value, "dismissed"]
    for n in range(400):
        state = rng.choice(states)
        Reminder.create(
            kind=rng.choice(kinds),
            key=f"seeded:{n}",
            due_at=now,
            state=state,
            created_at=now - timedelta(days=200),
            answered_at=rng.choice(moments) if state != ReminderState.PENDING.value else None,
        )


def _reference(clock: FixedClock) -> dict[str, object]:
    """The Insights tab as it was counted before SQLite did (issue #22)."""
    now = clock.now()
    found = histories(clock.tz)
    since = now - timedelta(weeks=WEEKS_SHOWN + 1)
    notes = [
        at
        for (at,) in Reminder.select(Reminder.answered_at)
        .where(
            (Reminder.state == ReminderState.DONE.value)
            & Reminder.kind.in_(list(FOLLOW_UP_DONE))
            & (Reminder.answered_at >= since)
        )
        .tuples()
    ]
    weeks = weekly_activity(
        application_days(clock.tz, since=since.date()),
        [starts for h in found for starts, _, _ in h.interviews if starts >= since],
        notes,
        now,
        clock.tz,
    )
    return {
        "felt": felt_vs_outcome(found),
        "funnel": funnel(found),
        "weeks": weeks,
        "companies": company_memory(found),
        "opportunities": len(found),
    }


# (zone, now): a plain zone; one behind UTC; +05:30 and +12:45; Berlin as its clocks go
# back within the chart (25 October); Santiago the day before it skips midnight (Sunday
# 6 September 2026 begins at 01:00), so the chart's last day ends at a missing midnight.
ZONES = [
    ("Europe/Berlin", datetime(2026, 11, 22, 9, 0, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 11, 23, 4, 30, tzinfo=UTC)),  # Sunday 23:30 there
    ("Asia/Kolkata", datetime(2026, 11, 15, 18, 29, 59, tzinfo=UTC)),  # Sunday 23:59:59
    ("Pacific/Chatham", datetime(2026, 11, 22, 11, 14, tzinfo=UTC)),  # Monday 00:59
    ("America/Santiago", datetime(2026, 9, 5, 16, 0, tzinfo=UTC)),
]


@pytest.mark.parametrize(("zone", "now"), ZONES, ids=[zone for zone, _ in ZONES])
def test_the_counts_give_exactly_what_the_reference_gives(store, zone, now) -> None:
    clock = FixedClock(now, tz=zone)
    _seed(clock, seed=len(zone))
    expected = _reference(clock)
    found = gather_insights(clock)
    assert found.opportunities == expected["opportunities"] == 300
    assert found.felt == expected["felt"]
    assert found.funnel == expected["funnel"]
    assert found.weeks == expected["weeks"]
    assert found.companies == expected["companies"]
    # Not a comparison of nothing: each figure has something in it.
    assert found.felt.total(range(1, 6)) > 50
    assert 0 < found.funnel[3].count < found.funnel[2].count < found.funnel[1].count < 300
    assert all(w.applications and w.interviews and w.notes for w in found.weeks[-3:])
    assert sum(m.answered for m in found.companies) > 100
    assert any(m.answered_in_days == 0.0 for m in found.companies)  # an answer before


def test_only_python_casefold_finds_every_final_round(store) -> None:
    clock = FixedClock(ZONES[0][1], tz=ZONES[0][0])
    with DB.atomic():
        company = Company.create(name="Acme", created_at=clock.now())
        for label in ("\ufb01nal chat", "Round 1"):
            opportunity = Opportunity.create(
                company=company,
                role_title="Analyst",
                created_at=clock.now(),
                updated_at=clock.now(),
            )
            Interview.create(
                opportunity=opportunity,
                starts_at=clock.now(),
                round_label=label,
                created_at=clock.now(),
            )
    assert [s.count for s in gather_insights(clock).funnel] == [2, 2, 1, 0]


def test_a_skipped_midnight_is_counted_moment_by_moment() -> None:
    """The Santiago case above takes the path that finds each moment's local day."""
    zone, now = ZONES[-1]
    santiago = ZoneInfo(zone)
    assert week_bounds(now, santiago) is None
    midnight = datetime.combine(date(2026, 9, 6), time(), santiago)
    assert midnight.astimezone(UTC).astimezone(santiago).hour == 1  # it does not exist
    berlin = week_bounds(ZONES[0][1], ZoneInfo(ZONES[0][0]))
    assert berlin is not None and len(berlin) == WEEKS_SHOWN + 1


def test_an_empty_history_counts_as_the_reference_does(store) -> None:
    clock = FixedClock(*ZONES[0][::-1])
    found, expected = gather_insights(clock), _reference(clock)
    assert (found.felt, found.funnel, found.weeks, found.companies, found.opportunities) == (
        expected["felt"],
        expected["funnel"],
        expected["weeks"],
        expected["companies"],
        0,
    )
