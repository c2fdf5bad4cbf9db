"""The reflection after "Not this time", one per opportunity, autosaved like a debrief."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from db.connection import DB
from db.models import Reflection
from desktop.domain.clock import Clock
from desktop.playbook.reflection import OUTSIDE_REASONS, WORTH_CHECKING
from desktop.services.opportunities import get_opportunity


@dataclass(frozen=True)
class ReflectionData:
    outside: frozenset[int] = frozenset()  # indexes into OUTSIDE_REASONS
    checks: dict[int, str] = field(default_factory=dict)  # index into WORTH_CHECKING → note
    feedback: str = ""


def load_reflection(opportunity_id: int) -> ReflectionData:
    get_opportunity(opportunity_id)
    row = Reflection.get_or_none(Reflection.opportunity == opportunity_id)
    if row is None:
        return ReflectionData()
    try:
        outside = frozenset(int(i) for i in json.loads(row.outside_reasons))
        checks = {int(k): str(v) for k, v in json.loads(row.checks).items()}
    except (ValueError, TypeError, AttributeError):
        outside, checks = frozenset(), {}  # a damaged cell loses the ticks, not the feedback
    return ReflectionData(
        outside=frozenset(i for i in outside if 0 <= i < len(OUTSIDE_REASONS)),
        checks={k: v for k, v in checks.items() if 0 <= k < len(WORTH_CHECKING)},
        feedback=row.feedback,
    )


def save_reflection(opportunity_id: int, data: ReflectionData, clock: Clock) -> None:
    now = clock.now()
    with DB.atomic():
        get_opportunity(opportunity_id)
        row = Reflection.get_or_none(Reflection.opportunity == opportunity_id)
        if row is None:
            row = Reflection(opportunity=opportunity_id, created_at=now)
        row.outside_reasons = json.dumps(sorted(data.outside))
        row.checks = json.dumps({str(k): v for k, v in sorted(data.checks.items()) if v.strip()})
        row.feedback = data.feedback
        row.updated_at = now
        row.save()
