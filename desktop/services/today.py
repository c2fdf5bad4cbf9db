"""What Today lists: the open steps of this week, gathered into their groups, by section.

One read of the open reminders up to a week ahead; what is waiting now is the part whose
time has come, the same steps `services.counts.waiting_now` counts (one definition: open
and due by now, a later variant left out while its first is open).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum

from desktop.playbook.groups import Group, grouped
from desktop.playbook.rules import Kind
from desktop.services import reminders
from desktop.services.reminders import ReminderView

AHEAD = timedelta(days=7)


class Section(StrEnum):
    WAITING = "waiting"  # its first step's time has come
    LATER_TODAY = "later_today"
    THIS_WEEK = "this_week"


@dataclass(frozen=True)
class TodayList:
    sections: tuple[tuple[Section, tuple[Group[ReminderView], ...]], ...]  # non-empty ones
    waiting: int  # steps waiting now, as the tray badge and `debrief due` count them

    @property
    def steps(self) -> int:
        return sum(len(g.steps) for _, groups in self.sections for g in groups)

    @property
    def groups(self) -> int:
        return sum(len(groups) for _, groups in self.sections)


def read_today(now: datetime, tz: tzinfo) -> TodayList:
    return today_list(open_steps(now), now, tz)


def open_steps(
    now: datetime,
    opportunity_ids: frozenset[int] | None = None,
    kinds: frozenset[Kind] = frozenset(),
) -> list[ReminderView]:
    """The open steps Today lists (up to a week ahead), oldest first; with
    `opportunity_ids`, only theirs and those of `kinds`: after a change to a few
    opportunities, their steps are all that can read differently (and every prep, when
    an interview changed: a prep quotes the lessons of the debriefs before it)."""
    return reminders.open_reminders_until(now + AHEAD, opportunity_ids, kinds)


def today_list(views: list[ReminderView], now: datetime, tz: tzinfo) -> TodayList:
    """`views`: open steps up to a week ahead, oldest first."""
    waiting = sum(1 for v in views if v.due_at <= now)
    end_of_today = datetime.combine(now.astimezone(tz).date(), time.max, tz)
    found: dict[Section, list[Group[ReminderView]]] = {s: [] for s in Section}
    for group in grouped(views, tz):
        if group.due_at <= now:
            found[Section.WAITING].append(group)
        elif group.due_at <= end_of_today:
            found[Section.LATER_TODAY].append(group)
        else:
            found[Section.THIS_WEEK].append(group)
    sections = tuple((s, tuple(groups)) for s, groups in found.items() if groups)
    return TodayList(sections, waiting)
