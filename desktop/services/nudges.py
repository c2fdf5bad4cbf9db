"""Keep-searching nudges: the pipeline read from the database, and a nudge made a reminder
so the tray's scheduler delivers it and the user answers it like any other."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta, tzinfo

from peewee import fn

from db.connection import DB
from db.models import Company, Debrief, Interview, Opportunity, Reminder, StatusChange
from db.vocabulary import OPEN_REMINDER_STATES, ReminderState, Status
from desktop.domain.clock import Clock
from desktop.playbook.nudges import (
    PAUSE_WINDOW,
    LiveOpportunity,
    Nudge,
    NudgeKind,
    NudgeSettings,
    PipelineFacts,
    Sent,
    choose,
    fill_at_planning,
    next_message,
    parse_messages,
    settled_in,
)
from desktop.playbook.rules import feeling
from desktop.playbook.weeks import application_day, applications_this_week, monday_of
from desktop.services import settings
from desktop.services.settings import load_playbook_settings
from desktop.shipped import nudge_file

_LATE = (Status.AWAITING.value, Status.OFFER.value)
# What the user did with a nudge that counts as an answer (a snooze is "not now").
_ANSWERED = frozenset(
    s.value for s in (ReminderState.DONE, ReminderState.DISMISSED, ReminderState.SNOOZED)
)


def load_nudge_settings() -> NudgeSettings:
    return settings.get(settings.NUDGES)


def save_nudge_settings(chosen: NudgeSettings) -> None:
    settings.put(settings.NUDGES, chosen)


def messages(nudge: Nudge) -> list[tuple[str, str]]:
    return parse_messages(nudge_file(nudge).read_text(encoding="utf-8"))


def applied_at(applied_on: date | None, created_at: datetime, tz: tzinfo) -> datetime:
    """When an opportunity was applied for: the date given (at noon, local), else when it
    was added. Nudges, the weekly goal and Insights all count applications this way."""
    return datetime.combine(applied_on, time(12), tzinfo=tz) if applied_on else created_at


def _first_statuses() -> dict[int, str]:
    """Each opportunity's first status (how it began: applied, or an interview logged)."""
    # Plain values straight from SQLite: a year of history has ten thousand of these rows.
    return dict(
        DB.execute(
            StatusChange.select(StatusChange.opportunity, StatusChange.to_status)
            .where(StatusChange.from_status.is_null())
            .order_by(StatusChange.changed_at.desc())
        ).fetchall()
    )


def application_days(tz: tzinfo, since: date | None = None) -> list[date]:
    """The day of every application (`playbook.weeks.application_day`); with `since`, only
    those from then on, so the tray's weekly count does not read a year of history."""
    first = _first_statuses()
    query = Opportunity.select(Opportunity.id, Opportunity.applied_on, Opportunity.created_at)
    if since is not None:
        query = query.where(
            (Opportunity.applied_on >= since)
            | (
                Opportunity.applied_on.is_null()
                & (
                    Opportunity.created_at
                    >= datetime.combine(since, time(), tz) - timedelta(days=1)
                )
            )
        )
    days = [application_day(on, created, first.get(oid), tz) for oid, on, created in query.tuples()]
    return [d for d in days if d is not None and (since is None or d >= since)]


def pipeline_facts(tz: tzinfo, now: datetime | None = None) -> PipelineFacts:
    """`now`: also read the recent debriefs that felt bad and the recent good news."""
    interviews = Counter(
        opportunity for (opportunity,) in Interview.select(Interview.opportunity).tuples()
    )
    live, unanswered, applications = [], [], []
    first = _first_statuses()
    rows = (
        Opportunity.select(
            Opportunity.id,
            Opportunity.status,
            Opportunity.applied_on,
            Opportunity.created_at,
            Opportunity.archived,
            Company.name,
        )
        .join(Company)
        .tuples()
    )
    for oid, status, applied_on, created_at, archived, company in rows:
        # An application by the one definition the tray, Insights and the report share:
        # an opportunity that began with an interview logged is not one.
        day = application_day(applied_on, created_at, first.get(oid), tz)
        sent = datetime.combine(day, time(12), tzinfo=tz) if day is not None else None
        if sent is not None:
            applications.append(sent)  # archived ones were applications all the same
        if archived:
            continue
        if Status(status).is_live:
            late = status in _LATE or interviews[oid] >= 2
            live.append(LiveOpportunity(company, late))
        if (
            sent is not None
            and status in (Status.APPLIED.value, Status.NO_RESPONSE.value)
            and not interviews[oid]
        ):
            unanswered.append(sent)
    rejections = (
        StatusChange.select(StatusChange.changed_at, Company.name)
        .join(Opportunity)
        .join(Company)
        .where(StatusChange.to_status == Status.NOT_THIS_TIME.value)
        .tuples()
    )
    hard, good = [], []
    if now is not None:
        since = now - PAUSE_WINDOW
        recent = Debrief.select(Debrief.felt, Debrief.prediction, Debrief.created_at).where(
            Debrief.created_at >= since
        )
        hard = [at for felt, said, at in recent.tuples() if feeling(felt, said) == "bad"]
        good = [at for (at,) in Interview.select(Interview.created_at).where(
            Interview.created_at >= since).tuples()]  # fmt: skip
        good += [
            at
            for (at,) in StatusChange.select(StatusChange.changed_at)
            .where(
                (StatusChange.changed_at >= since)
                & StatusChange.to_status.in_([Status.OFFER.value, Status.ACCEPTED.value])
            )
            .tuples()
        ]
    return PipelineFacts(
        live=tuple(live),
        applications=tuple(applications),
        unanswered=tuple(unanswered),
        rejections=tuple(rejections),
        hard_debriefs=tuple(hard),
        good_news=tuple(good),
    )


def sent_nudges() -> tuple[list[Sent], frozenset[str]]:
    """Nudges made so far, and the events (a rejection's time) already nudged about."""
    sent, about = [], set()
    query = Reminder.select(Reminder.kind, Reminder.key, Reminder.created_at, Reminder.state).where(
        Reminder.kind.in_([k.value for k in NudgeKind])
    )
    for kind, key, created_at, state in query.tuples():
        # key: nudge:<kind>:<YYYYmmddTHHMMSS>:m<index>[:<about>]
        parts = key.split(":", 4)
        index = int(parts[3][1:]) if len(parts) > 3 and parts[3][1:].isdigit() else 0
        sent.append(Sent(NudgeKind(kind), created_at, index, state in _ANSWERED))
        if len(parts) > 4:
            about.add(parts[4])
    return sent, frozenset(about)


def plan_nudge(clock: Clock) -> int | None:
    """Make the one nudge due now, if any, as a pending reminder due at once."""
    now = clock.now()
    chosen = load_nudge_settings()
    with DB.atomic():
        first = Opportunity.select(fn.MIN(Opportunity.created_at)).scalar()
        if not settled_in(first, now):
            return None
        sent, about = sent_nudges()
        nudge = choose(
            pipeline_facts(clock.tz, now),
            chosen,
            sent,
            now,
            clock.tz,
            load_playbook_settings().quiet,
            about,
        )
        if nudge is None:
            return None
        texts = messages(nudge)
        index = next_message(nudge.kind, len(texts), sent)
        title, body = (fill_at_planning(part, nudge.values) for part in texts[index])
        # A nudge speaks of its moment: an unanswered older one goes quiet (past) when a
        # new one comes, so they never pile up in Today.
        for older in Reminder.select().where(
            Reminder.kind.in_([k.value for k in NudgeKind])
            & Reminder.state.in_([s.value for s in OPEN_REMINDER_STATES])
        ):
            older.move_to(ReminderState.PAST)
            older.answered_at = now
            older.save()
        key = f"nudge:{nudge.kind.value}:{now:%Y%m%dT%H%M%S}:m{index}"
        if nudge.about:
            key += f":{nudge.about}"
        return Reminder.create(
            kind=nudge.kind.value,
            key=key,
            due_at=now,
            state=ReminderState.PENDING.value,
            created_at=now,
            message=f"{title}\n{body}",
        ).id


def live_values() -> dict[str, object]:
    """The numbers a nudge says, as they are now (`playbook.nudges.LIVE_FIELDS`)."""
    live = sum(
        1
        for (status,) in Opportunity.select(Opportunity.status)
        .where(Opportunity.archived == False)  # noqa: E712 (Peewee builds SQL from ==)
        .tuples()
        if Status(status).is_live
    )
    return {"live": live, "target": load_nudge_settings().target_live}


def this_week(clock: Clock) -> tuple[int, int]:
    """(applications since Monday, the weekly goal)."""
    today = clock.now().astimezone(clock.tz).date()
    done = applications_this_week(application_days(clock.tz, since=monday_of(today)), today)
    return done, load_nudge_settings().weekly_goal
