"""Insights counted by SQLite: feeling against outcome, the funnel, what each company did
and the weekly chart, each one GROUP BY query over the whole history.

`insights.histories` reads every interview and status change into Python and is the
reference: tests/test_insight_counts.py checks on a varied history that these counts
give exactly what it gives. What needs a time zone or Python's casefold is decided here,
in Python, and handed to SQLite as parameters (the labels that name a final round, the
UTC moments the local weeks begin) or as one function (noon on an application day).
Stored times are UTC text in one sortable format (`db.fields`), so they compare as text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from db.connection import DB
from db.models import Interview
from db.vocabulary import ReminderState, Status
from desktop.domain.activity_report import FOLLOW_UP_DONE
from desktop.domain.insights import (
    COMPANY_ANSWERS,
    FINAL_ROUNDS,
    INTERVIEWED_STATUSES,
    OFFER_STATUSES,
    CompanyMemory,
    FeltTable,
    Stage,
    biggest_first,
    felt_table,
    funnel_stages,
    is_final_round,
    memory_of_company,
    wait_days,
)
from desktop.playbook.weeks import (
    WEEKS_SHOWN,
    Week,
    application_day,
    days_by_week,
    shown_span,
    shown_weeks,
    week_bounds,
)
from desktop.services.nudges import applied_at

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NOON_UTC = "debrief_noon_utc"


def _rows(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return list(DB.execute_sql(sql, list(params)).fetchall())


def _marks(values: Collection[object]) -> str:
    """Placeholders for `IN (…)`; SQLite takes an empty list too (nothing is in it)."""
    return ", ".join("?" * len(values))


def _text(moment: datetime) -> str:
    """A moment as stored, to compare with stored times as text."""
    return str(Interview.starts_at.db_value(moment))


def final_round_labels() -> list[str]:
    """The round labels in use that name a final round, decided by Python's casefold (which
    knows more of Unicode than SQLite's lower)."""
    found = _rows("SELECT DISTINCT round_label FROM interview")
    return [label for (label,) in found if is_final_round(label)]


def felt_counts() -> FeltTable:
    """Each debriefed interview's feeling against what happened after it: the next
    interview of its opportunity, or the opportunity's status for its last one. Interviews
    are ordered as `histories` orders them: by start, round label, then as logged."""
    return felt_table(
        (felt, bool(last), status, count)
        for felt, last, status, count in _rows(
            """
            SELECT d.felt,
                   NOT EXISTS (
                       SELECT 1 FROM interview AS later
                       WHERE later.opportunity_id = i.opportunity_id
                         AND (later.starts_at, later.round_label, later.id)
                             > (i.starts_at, i.round_label, i.id)
                   ),
                   o.status, count(*)
            FROM debrief AS d
            JOIN interview AS i ON i.id = d.interview_id
            JOIN opportunity AS o ON o.id = i.opportunity_id
            WHERE d.felt IS NOT NULL
            GROUP BY 1, 2, 3
            """
        )
    )


def _noon_utc_seconds(tz: tzinfo) -> Any:
    """Seconds since 1970 of noon, local, on an application day given as stored: when
    `applied_at` says that application was made."""
    cache: dict[str, int] = {}

    def noon(day: str) -> int:
        found = cache.get(day)
        if found is None:
            moment = applied_at(date.fromisoformat(day), _EPOCH, tz)
            found = cache[day] = (moment - _EPOCH) // timedelta(seconds=1)
        return found

    return noon


def funnel_and_companies(tz: tzinfo) -> tuple[list[Stage], list[CompanyMemory]]:
    """The funnel and what each company did, from one row per company.

    Per opportunity (`opportunity` below): how many interviews, whether one's label names a
    final round, the statuses it reached, and its first answer: the first interview logged
    (the invitation came then) or the company's first decision, whichever came first. The
    wait for that answer is measured from the application (noon on the day applied, else
    when added) in whole seconds, and only when the application day is known: given, or
    the opportunity began as an application."""
    finals = final_round_labels()
    interviewed, offers, answers = (
        sorted(INTERVIEWED_STATUSES),
        sorted(OFFER_STATUSES),
        sorted(COMPANY_ANSWERS),
    )
    seconds = "CAST(strftime('%s', {}) AS INTEGER)"
    sql = f"""
        WITH talk AS (
            SELECT opportunity_id, count(*) AS interviews,
                   max(round_label IN ({_marks(finals)})) AS final_round,
                   min(created_at) AS invited
            FROM interview GROUP BY opportunity_id
        ), step AS (
            SELECT opportunity_id,
                   max(to_status IN ({_marks(interviewed)})) AS interviewed,
                   max(to_status IN ({_marks(offers)})) AS offer,
                   max(to_status = ?) AS said_no,
                   min(CASE WHEN from_status IS NOT NULL AND to_status IN ({_marks(answers)})
                       THEN changed_at END) AS answered
            FROM status_change GROUP BY opportunity_id
        ), opportunity_facts AS (
            SELECT o.id, o.company_id, o.status, o.applied_on, o.created_at,
                   coalesce(t.interviews, 0) AS interviews,
                   coalesce(t.final_round, 0) AS final_round,
                   o.status IN ({_marks(interviewed)}) OR coalesce(s.interviewed, 0)
                       AS interviewed,
                   o.status IN ({_marks(offers)}) OR coalesce(s.offer, 0) AS offer,
                   o.status = ? OR coalesce(s.said_no, 0) AS said_no,
                   CASE WHEN t.invited IS NULL THEN s.answered
                        WHEN s.answered IS NULL OR t.invited <= s.answered THEN t.invited
                        ELSE s.answered END AS first_answer
            FROM opportunity AS o
            LEFT JOIN talk AS t ON t.opportunity_id = o.id
            LEFT JOIN step AS s ON s.opportunity_id = o.id
        )
        SELECT c.name, count(*),
               sum(f.interviews > 0 OR f.interviewed),
               sum(f.interviews >= ? OR f.final_round OR f.offer),
               sum(f.offer),
               sum(f.first_answer IS NOT NULL),
               sum(f.status = ?),
               sum(f.said_no),
               group_concat(CASE
                   WHEN f.first_answer IS NULL THEN NULL
                   WHEN f.applied_on IS NOT NULL
                       THEN {seconds.format("f.first_answer")} - {_NOON_UTC}(f.applied_on)
                   WHEN coalesce((
                       SELECT to_status FROM status_change
                       WHERE opportunity_id = f.id AND from_status IS NULL
                       ORDER BY id DESC LIMIT 1
                   ), ?) = ?
                       THEN {seconds.format("f.first_answer")} - {seconds.format("f.created_at")}
                   END)
        FROM opportunity_facts AS f
        JOIN company AS c ON c.id = f.company_id
        GROUP BY f.company_id
    """
    params = [
        *finals,
        *interviewed,
        *offers,
        Status.NOT_THIS_TIME.value,
        *answers,
        *interviewed,
        *offers,
        Status.NOT_THIS_TIME.value,
        FINAL_ROUNDS,
        Status.NO_RESPONSE.value,
        Status.APPLIED.value,
        Status.APPLIED.value,
    ]
    DB.connection().create_function(_NOON_UTC, 1, _noon_utc_seconds(tz), deterministic=True)
    totals = [0, 0, 0, 0]
    companies = []
    for name, applications, *reached, heard_back, silent, said_no, waited in _rows(sql, params):
        for n, count in enumerate((applications, *reached)):
            totals[n] += count
        companies.append(
            memory_of_company(
                name,
                applications=applications,
                waits=[wait_days(int(s)) for s in waited.split(",")] if waited else [],
                heard_back=heard_back,
                went_silent=silent,
                said_no=said_no,
            )
        )
    return funnel_stages(*totals), biggest_first(companies)


def weekly_counts(now: datetime, tz: tzinfo, weeks: int = WEEKS_SHOWN) -> list[Week]:
    """Applications, interviews and notes sent in each shown week, by the local day."""
    first, today = shown_span(now, tz, weeks)
    # Any moment of a shown day is after this, whatever the zone's clock changes.
    after = _text(datetime.combine(first, time(), tzinfo=tz) - timedelta(days=1))
    bounds = week_bounds(now, tz, weeks)
    sent = f"state = ? AND kind IN ({_marks(FOLLOW_UP_DONE)})"
    counted = []
    for table, column, where, params in (
        ("interview", "starts_at", "1", []),
        ("reminder", "answered_at", sent, [ReminderState.DONE.value, *FOLLOW_UP_DONE]),
    ):
        if bounds is None:  # a midnight skipped or repeated: each moment's day in Python
            moments = _rows(
                f"SELECT {column} FROM {table} WHERE {where} AND {column} >= ?", [*params, after]
            )
            counted.append(
                days_by_week(
                    ((_utc(at).astimezone(tz).date(), 1) for (at,) in moments),
                    first,
                    today,
                    weeks,
                )
            )
        else:
            texts = [_text(b) for b in bounds]
            counted.append(_by_bounds(f"FROM {table} WHERE {where}", column, params, texts))
    applications = days_by_week(_application_days(first, after, tz), first, today, weeks)
    return shown_weeks(first, applications, *counted)


def _by_bounds(rows: str, column: str, params: Sequence[object], bounds: list[str]) -> list[int]:
    """How many of the rows' times fall between each two bounds, counted by SQLite."""
    which = " ".join(f"WHEN {column} < ? THEN {n}" for n in range(len(bounds) - 2))
    found = _rows(
        f"SELECT CASE {which} ELSE {len(bounds) - 2} END, count(*) {rows}"
        f" AND {column} >= ? AND {column} < ? GROUP BY 1",
        [*bounds[1:-1], *params, bounds[0], bounds[-1]],
    )
    counts = [0] * (len(bounds) - 1)
    for week, count in found:
        counts[week] = count
    return counts


def _application_days(first: date, after: str, tz: tzinfo) -> Iterator[tuple[date, int]]:
    """(application day, how many) from the Monday `first` on, as
    `nudges.application_days` finds them (its first status is the earliest)."""
    for applied_on, created, first_status, count in _rows(
        """
        SELECT applied_on, NULL, NULL, count(*) FROM opportunity
        WHERE applied_on >= ? GROUP BY applied_on
        UNION ALL
        SELECT NULL, created_at, (
                   SELECT to_status FROM status_change
                   WHERE opportunity_id = o.id AND from_status IS NULL
                   ORDER BY changed_at LIMIT 1
               ), 1
        FROM opportunity AS o WHERE applied_on IS NULL AND created_at >= ?
        """,
        [first.isoformat(), after],
    ):
        if applied_on is not None:
            yield date.fromisoformat(applied_on), count
            continue
        day = application_day(None, _utc(created), first_status, tz)
        if day is not None:
            yield day, count


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+00:00")  # as db.fields reads it, UTC
