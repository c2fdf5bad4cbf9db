"""What the tray asks of the database: when to wake next, what to fire, what is waiting.

A reminder fires once (pending or snoozed → fired) and then waits for an answer; the
scheduler never holds more than the next wake-up time, so the database stays the truth.
"""

from __future__ import annotations

from datetime import datetime

from db.connection import DB
from db.models import Interview, Reminder
from db.vocabulary import ReminderState
from desktop.domain.clock import Clock
from desktop.playbook.rules import Kind
from desktop.services.reminders import (
    OPEN_STATE_VALUES,
    ReminderView,
    retire_superseded,
    views_of,
)

_TO_FIRE = (ReminderState.PENDING.value, ReminderState.SNOOZED.value)


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
    return views_of(
        Reminder.select().where(Reminder.state.in_(_TO_FIRE) & (Reminder.due_at <= now))
    )


def waiting() -> list[ReminderView]:
    """Fired and not yet answered: what the tray icon and menu show."""
    return views_of(Reminder.select().where(Reminder.state == ReminderState.FIRED.value))


def mark_fired(reminder_ids: list[int], clock: Clock) -> None:
    """One transaction for a batch, so a crash never leaves half of a summary fired."""
    now = clock.now()
    with DB.atomic():
        for reminder in Reminder.select().where(
            Reminder.id.in_(reminder_ids) & Reminder.state.in_(_TO_FIRE)
        ):
            reminder.move_to(ReminderState.FIRED)
            reminder.fired_at = now
            reminder.save()


def expire_stale_prep(clock: Clock) -> int:
    """A prep reminder still open when its interview begins is pointless: cancel it
    rather than tell the user to prepare for the past, or leave it waiting in the tray."""
    now = clock.now()
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
    with DB.atomic():
        for reminder in stale:
            reminder.move_to(ReminderState.CANCELLED)
            reminder.answered_at = now
            reminder.save()
            count += 1
    return count
