"""What a service call changed, so each view redraws only what it shows.

In the spirit of Anki's `OpChanges`: a call that writes returns a `Changes`, and the
window, Today, the question bank, Insights and the tray badge each look at the part they
show. `Changes.everything()` is for what cannot say (an import, a restored backup, the
command line in another process): every view re-reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

ALL: Final = "all"
AllOpportunities = Literal["all"]


@dataclass(frozen=True)
class Changes:
    """`opportunities`: those whose row or detail may look different (ALL: any of them).
    `reminders`: open or waiting reminders changed (Today, the tray badge, the wake-up).
    `interviews`: interviews or debriefs changed (the question bank, Insights).
    `settings`: a setting changed (reminder timing, the profile).
    `lessons`: with `interviews`, whether what earlier debriefs teach may read
    differently (the lessons in the detail pane, and every prep in Today, which quotes
    them). True unless the call knows better: an interview's notes, place, format or
    people edited change none of it, and False spares those re-reads."""

    opportunities: frozenset[int] | AllOpportunities = field(default_factory=frozenset)
    reminders: bool = False
    interviews: bool = False
    settings: bool = False
    lessons: bool = True

    @classmethod
    def everything(cls) -> Changes:
        return cls(ALL, reminders=True, interviews=True, settings=True)

    @classmethod
    def of(
        cls,
        opportunity_id: int | None,
        *,
        reminders: bool = False,
        interviews: bool = False,
        lessons: bool = True,
    ) -> Changes:
        ids = frozenset() if opportunity_id is None else frozenset({opportunity_id})
        return cls(ids, reminders=reminders, interviews=interviews, lessons=lessons)

    def touches(self, opportunity_id: int | None) -> bool:
        if opportunity_id is None:
            return False
        return self.opportunities == ALL or opportunity_id in self.opportunities

    @property
    def every_opportunity(self) -> bool:
        return self.opportunities == ALL

    @property
    def lessons_changed(self) -> bool:
        """Whether the lessons of earlier debriefs may read differently."""
        return self.interviews and self.lessons

    def __or__(self, other: Changes) -> Changes:
        if self.opportunities == ALL or other.opportunities == ALL:
            ids: frozenset[int] | AllOpportunities = ALL
        else:
            ids = self.opportunities | other.opportunities
        interviews = self.interviews or other.interviews
        return Changes(
            ids,
            reminders=self.reminders or other.reminders,
            interviews=interviews,
            settings=self.settings or other.settings,
            # Without interviews the flag says nothing: left at its default, so equal
            # changes compare equal however they were gathered.
            lessons=self.lessons_changed or other.lessons_changed or not interviews,
        )

    def __bool__(self) -> bool:
        """Whether anything changed at all (a call that found nothing to do says no)."""
        return bool(self.opportunities) or self.reminders or self.interviews or self.settings


NOTHING: Final = Changes()


@dataclass(frozen=True)
class Made:
    """A call that creates something: the new row's id, and what changed with it."""

    id: int
    changes: Changes
