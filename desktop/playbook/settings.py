"""Every offset of the playbook, with the defaults from the domain brief."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import time
from typing import Any

from desktop.playbook.calendar import QuietHours


@dataclass(frozen=True)
class PlaybookSettings:
    prep_time: time = time(18, 0)  # the evening before the interview
    debrief_after_minutes: int = 60  # after the interview ends
    recruiter_call_after_minutes: int = 30
    thank_you_after_minutes: int = 180  # so it goes out the same day, well inside 24 h
    late_thank_you_after_hours: int = 24
    follow_up_after_hear_by_business_days: int = 2
    follow_up_after_interview_business_days: int = 10
    second_follow_up_after_days: int = 7
    no_response_after_days: int = 30
    rejection_reply_business_days: int = 1
    reapply_after_days: int = 182
    keep_in_touch_after_days: int = 61
    offer_reply_days_before_deadline: int = 1
    offer_reply_without_deadline_business_days: int = 2
    morning: time = time(10, 0)  # when day-granular reminders (follow-ups…) come due
    quiet: QuietHours = field(default_factory=QuietHours)
    # Kinds the user keeps in the Today view and tray menu but does not want popping up.
    silenced_kinds: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, object]:
        raw = asdict(self)
        return {key: _encode(value) for key, value in raw.items()}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PlaybookSettings:
        """Known keys with valid values override the defaults; anything else is ignored."""
        defaults = cls()
        # Each value has the type of its field: _decode keeps the type of the default.
        chosen: dict[str, Any] = {}
        for spec in fields(cls):
            if spec.name not in data:
                continue
            current = getattr(defaults, spec.name)
            try:
                chosen[spec.name] = _decode(data[spec.name], current)
            except (TypeError, ValueError):
                continue
        return cls(**chosen)


def _encode(value: object) -> object:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _decode(raw: object, like: object) -> object:
    if isinstance(like, bool):
        if not isinstance(raw, bool):
            raise TypeError
        return raw
    if isinstance(like, int):
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise ValueError
        return raw
    if isinstance(like, time):
        return time.fromisoformat(str(raw))
    if isinstance(like, frozenset):
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise TypeError
        return frozenset(raw)
    if isinstance(like, QuietHours):
        if not isinstance(raw, dict):
            raise TypeError
        return QuietHours(
            start=time.fromisoformat(str(raw.get("start", "21:00"))),
            end=time.fromisoformat(str(raw.get("end", "08:00"))),
            skip_weekends=bool(raw.get("skip_weekends", False)),
        )
    raise TypeError
