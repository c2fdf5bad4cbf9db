"""What the tray asks of the database: fire what is due, when to wake next, what waits.

A reminder fires once (pending or snoozed → fired) and then waits for an answer; the
scheduler never holds more than the next wake-up time, so the database stays the truth.
`fire_due` is the whole reminder loop's data side in one transaction: quiet hours, stale
prep cancelled, what is due selected and marked fired, its notices, and the next wake-up.
The tray only delivers the notices and sets its timer.

The steps of one moment come due together (`playbook/groups.py`): when the first step
after an interview is due, the others of that moment are brought forward to now and fire
with it, so the user gets one notification naming them all instead of one every hour.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from db.connection import DB
from db.models import Interview, Reminder
from db.vocabulary import ReminderState
from desktop.domain.clock import Clock
from desktop.playbook.calendar import wake_up_at
from desktop.playbook.groups import AFTER_INTERVIEW, BROUGHT_FORWARD
from desktop.playbook.notices import Notice, notices_for
from desktop.playbook.rules import Kind
from desktop.services.reminders import (
    OPEN_STATE_VALUES,
    ReminderView,
    retire_superseded,
    views_of,
)
from desktop.services.settings import load_playbook_settings

log = logging.getLogger(__name__)

_TO_FIRE = (ReminderState.PENDING.value, ReminderState.SNOOZED.value)


@dataclass(frozen=True)
class FiringResult:
    """What one `fire_due` did. `quiet`: nothing fired because it is quiet hours now."""

    notices: tuple[Notice, ...]
    fired_ids: tuple[int, ...]
    expired: int  # reminders retired unfired (stale prep, superseded first steps)
    next_wake_up: datetime | None
    quiet: bool = False

    @property
    def changed(self) -> bool:
        """Whether reminders changed state (the tray badge and Today need redrawing)."""
        return bool(self.fired_ids or self.expired)


def fire_due(clock: Clock, away: bool = False) -> FiringResult:
    """Fire every due reminder, in one transaction with the reads that decide it, and say
    when to wake next. `away`: this batch came due while Debrief was not running (the
    first firing at start), which words a summary differently. Raises StorageError when
    the database cannot be used; nothing is then marked fired."""
    with DB.atomic():
        now = clock.now()
        settings = load_playbook_settings()
        if settings.quiet.contains(now.astimezone(clock.tz)):
            # Nothing fires; the wake-up lands at the end of the quiet hours.
            wake = wake_up_at(next_due_at(), now, clock.tz, settings.quiet)
            return FiringResult((), (), 0, wake, quiet=True)
        # Stale prep and first steps whose later variant is due are retired, not fired.
        expired = _expire_stale_prep(now) + retire_superseded(now)
        due = _due(now)
        due += _bring_forward(due, now)
        ids = [r.id for r in due]
        _mark_fired(ids, now)
        notices = notices_for(due, settings.silenced_kinds, away, clock.tz, _waiting_with(due, ids))
        wake = wake_up_at(next_due_at(), now, clock.tz, settings.quiet)
    if expired:
        log.info("retired %d reminder(s) unfired (prep after its start, superseded)", expired)
    if ids:
        log.info("fired %d reminder(s)", len(ids))
    return FiringResult(tuple(notices), tuple(ids), expired, wake)


def next_wake_up(clock: Clock) -> datetime | None:
    """When the scheduler should wake next (None: nothing left to fire). Two small reads."""
    with DB.atomic():
        due_at = next_due_at()
        if due_at is None:
            return None
        quiet = load_playbook_settings().quiet
    return wake_up_at(due_at, clock.now(), clock.tz, quiet)


def next_due_at() -> datetime | None:
    """When the earliest reminder that has not fired yet comes due."""
    row = (
        Reminder.select(Reminder.due_at)
        .where(Reminder.state.in_(_TO_FIRE))
        .order_by(Reminder.due_at)
        .first()
    )
    return row.due_at if row else None


def due_to_fire(now: datetime) -> list[ReminderView]:
    # A first step whose later variant is due now is past: only the later one pops.
    retire_superseded(now)
    return _due(now)


def _due(now: datetime) -> list[ReminderView]:
    return views_of(
        Reminder.select().where(Reminder.state.in_(_TO_FIRE) & (Reminder.due_at <= now))
    )


def _after_interviews(due: list[ReminderView]) -> set[int]:
    """The interviews whose after-interview moment has a step in `due`."""
    return {v.interview_id for v in due if v.kind in AFTER_INTERVIEW and v.interview_id is not None}


def _bring_forward(due: list[ReminderView], now: datetime) -> list[ReminderView]:
    """The not-yet-due steps of the moments in `due`, moved to now so they fire with them.
    Snoozed steps keep the time the user chose; a later variant keeps its own moment."""
    interviews = _after_interviews(due)
    if not interviews:
        return []
    later = Reminder.select().where(
        (Reminder.state == ReminderState.PENDING.value)
        & (Reminder.due_at > now)
        & Reminder.interview.in_(sorted(interviews))
        & Reminder.kind.in_(sorted(k.value for k in BROUGHT_FORWARD))
    )
    ids = [r.id for r in later]
    if not ids:
        return []
    Reminder.update(due_at=now).where(Reminder.id.in_(ids)).execute()
    return views_of(Reminder.select().where(Reminder.id.in_(ids)))


def _waiting_with(due: list[ReminderView], fired: list[int]) -> list[ReminderView]:
    """Steps of the moments in `due` that fired earlier and still wait: the notice that
    replaces the last one for the moment names them too."""
    interviews = _after_interviews(due)
    if not interviews:
        return []
    return views_of(
        Reminder.select().where(
            (Reminder.state == ReminderState.FIRED.value)
            & Reminder.interview.in_(sorted(interviews))
            & Reminder.kind.in_(sorted(k.value for k in AFTER_INTERVIEW))
            & Reminder.id.not_in(fired)
        )
    )


def waiting() -> list[ReminderView]:
    """Fired and not yet answered: what the tray icon and menu show."""
    return views_of(Reminder.select().where(Reminder.state == ReminderState.FIRED.value))


def mark_fired(reminder_ids: list[int], clock: Clock) -> None:
    """One transaction for a batch, so a crash never leaves half of a summary fired."""
    with DB.atomic():
        _mark_fired(reminder_ids, clock.now())


def _mark_fired(reminder_ids: list[int], now: datetime) -> None:
    if not reminder_ids:
        return
    for reminder in Reminder.select().where(
        Reminder.id.in_(reminder_ids) & Reminder.state.in_(_TO_FIRE)
    ):
        reminder.move_to(ReminderState.FIRED)
        reminder.fired_at = now
        reminder.save()


def expire_stale_prep(clock: Clock) -> int:
    """A prep reminder still open when its interview begins is pointless: cancel it
    rather than tell the user to prepare for the past, or leave it waiting in the tray."""
    with DB.atomic():
        return _expire_stale_prep(clock.now())


def _expire_stale_prep(now: datetime) -> int:
    stale = (
        Reminder.select(Reminder)
        .join(Interview, on=(Reminder.interview == Interview.id))
        .where(
            (Reminder.kind == Kind.PREP.value)
            & Reminder.state.in_(OPEN_STATE_VALUES)
            & (Interview.starts_at <= now)
        )
    )
    count = 0
    for reminder in stale:
        reminder.move_to(ReminderState.CANCELLED)
        reminder.answered_at = now
        reminder.save()
        count += 1
    return count
