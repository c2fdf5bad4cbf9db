"""The Insights tab's data. `gather_insights` counts with SQLite (`insight_counts`);
`histories` reads each opportunity's whole story into Python: the company hint uses it
for one company, and it is the reference the counts are tested against."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from peewee import JOIN

from db.connection import DB
from db.models import Company, Debrief, Interview, Opportunity, StatusChange
from desktop.domain.clock import Clock
from desktop.domain.insights import (
    COMPANY_ANSWERS,
    CompanyMemory,
    FeltTable,
    OpportunityHistory,
    Stage,
    company_memory,
)
from desktop.playbook.lessons import Lessons
from desktop.playbook.weeks import Week, application_day
from desktop.services.insight_counts import felt_counts, funnel_and_companies, weekly_counts
from desktop.services.lessons import lessons_before
from desktop.services.nudges import applied_at, load_nudge_settings


@dataclass(frozen=True)
class Insights:
    felt: FeltTable
    funnel: list[Stage]
    weeks: list[Week]
    weekly_goal: int
    companies: list[CompanyMemory]
    lessons: Lessons
    opportunities: int


def _rows(query: Any) -> list[tuple[Any, ...]]:
    """The query's rows as SQLite gives them, without Peewee turning each value into a
    Python one: over a year of history that conversion was most of the Insights tab's
    time. Times stay text (UTC, one sortable format) until one is needed."""
    return list(DB.execute(query).fetchall())


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+00:00")  # as db.fields reads it, UTC


def histories(tz: tzinfo, company: str | None = None) -> list[OpportunityHistory]:
    query = Opportunity.select(
        Opportunity.id, Opportunity.status, Opportunity.applied_on, Opportunity.created_at,
        Company.name,
    ).join(Company)  # fmt: skip
    if company is not None:
        query = query.where(Company.name == company)
    rows = _rows(query)
    wanted = [row[0] for row in rows]
    talks: dict[int, list[tuple[str, str, int | None]]] = defaultdict(list)
    invited: dict[int, str] = {}  # the first interview logged: the invitation came then
    interviews = (
        Interview.select(
            Interview.opportunity, Interview.starts_at, Interview.round_label, Debrief.felt,
            Interview.created_at,
        )
        .join(Debrief, JOIN.LEFT_OUTER, on=(Debrief.interview == Interview.id))
        .order_by(Interview.id)  # two alike in start and round: the one logged last is last
    )  # fmt: skip
    if company is not None:
        interviews = interviews.where(Interview.opportunity.in_(wanted))
    for oid, starts, label, felt, created in _rows(interviews):
        talks[oid].append((starts, label, felt))
        if oid not in invited or created < invited[oid]:
            invited[oid] = created
    reached: dict[int, set[str]] = defaultdict(set)
    answered: dict[int, str] = {}
    first_status: dict[int, str] = {}
    changes = StatusChange.select(
        StatusChange.opportunity,
        StatusChange.from_status,
        StatusChange.to_status,
        StatusChange.changed_at,
    ).order_by(StatusChange.id)  # more than one first status (an import): the last
    if company is not None:
        changes = changes.where(StatusChange.opportunity.in_(wanted))
    for oid, before, status, at in _rows(changes):
        reached[oid].add(status)
        if before is None:
            first_status[oid] = status  # how it was added, not something the company did
        elif status in COMPANY_ANSWERS and (oid not in answered or at < answered[oid]):
            answered[oid] = at
    out = []
    for oid, status, applied_text, created_text, name in rows:
        own = tuple(
            (_utc(starts), label, felt)
            for starts, label, felt in sorted(talks[oid], key=lambda t: (t[0], t[1]))
        )
        applied_on = date.fromisoformat(applied_text) if applied_text else None
        created_at = _utc(created_text)
        # An interview logged is an answer (the invitation came then); so is a company's
        # decision. Withdrawing or marking "no response" is the user's doing, not an answer,
        # and without a known application day there is no wait to measure.
        candidates = [t for t in (invited.get(oid), answered.get(oid)) if t is not None]
        heard_back = bool(candidates)
        if application_day(applied_on, created_at, first_status.get(oid), tz) is None:
            candidates = []
        out.append(
            OpportunityHistory(
                company=name,
                status=status,
                applied_at=applied_at(applied_on, created_at, tz),
                interviews=own,
                statuses_reached=frozenset(reached[oid] | {status}),
                first_answer_at=_utc(min(candidates)) if candidates else None,
                heard_back=heard_back,
            )
        )
    return out


def history_size() -> int:
    """How many opportunities Insights would read: the window reads a big history off
    the GUI thread, a small one in place (no empty tab for a moment)."""
    return int(Opportunity.select().count())


def gather_insights(clock: Clock) -> Insights:
    now = clock.now()
    stages, companies = funnel_and_companies(clock.tz)
    return Insights(
        felt=felt_counts(),
        funnel=stages,
        weeks=weekly_counts(now, clock.tz),
        weekly_goal=load_nudge_settings().weekly_goal,
        companies=companies,
        lessons=lessons_before(now, limit=6),
        opportunities=stages[0].count,
    )


def memory_of(company: str, tz: tzinfo) -> CompanyMemory | None:
    """What this company did before, for the hint when adding another opportunity there."""
    found = histories(tz, company=company.strip())
    return company_memory(found)[0] if found else None
