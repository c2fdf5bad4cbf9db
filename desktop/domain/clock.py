"""The clock and the user's time zone, injected wherever "now" matters."""

from __future__ import annotations

import io
import os
import re
import struct
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Protocol

# zoneinfo (with sysconfig, 3 ms) is imported where a zone is first asked for: the window's
# first frame shows no time.


class Clock(Protocol):
    tz: tzinfo

    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        ...


class SystemClock:
    def __init__(self, tz: tzinfo | None = None) -> None:
        self._tz = tz

    @property
    def tz(self) -> tzinfo:
        """The user's zone, read when first asked for (after the window's first paint)."""
        if self._tz is None:
            self._tz = local_zone()
        return self._tz

    @tz.setter
    def tz(self, zone: tzinfo) -> None:
        self._tz = zone

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to: for tests and benchmarks."""

    def __init__(self, at: datetime, tz: tzinfo | str = "UTC") -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = at.astimezone(UTC)
        from zoneinfo import ZoneInfo

        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz

    def now(self) -> datetime:
        return self._now

    def set(self, at: datetime) -> None:
        self._now = at.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self._now += timedelta(**delta)


def local_zone() -> tzinfo:
    """The user's zone, with its daylight-saving rules: the TZ variable when it names a zone
    or spells a POSIX rule (as the C library reads it), else the system's zone, falling
    back to today's fixed offset."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    configured = os.environ.get("TZ", "")
    if configured:
        zone = zone_from_tz(configured)
        if zone is not None:
            return zone
    candidates = []
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    fallback = datetime.now().astimezone().tzinfo
    return fallback if fallback is not None else UTC


def zone_from_tz(value: str) -> tzinfo | None:
    """What a TZ value means, or None when it means nothing usable: `Europe/Berlin` and
    `:Europe/Berlin` name a zone, `:/path/to/file` is a zone file, and anything else is
    read as a POSIX rule such as `EST5EDT,M3.2.0,M11.1.0` or `CET-1CEST,M3.5.0,M10.5.0/3`."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = value[1:] if value.startswith(":") else value
    if name.startswith("/"):
        try:
            with open(name, "rb") as file:
                return ZoneInfo.from_file(file, key=name)
        except (OSError, ValueError):
            return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    if value.startswith(":"):  # a colon promises a name, never a rule
        return None
    return posix_zone(value)


# A rule with a summer-time name but no dates takes the C library's default (US) dates.
_DEFAULT_DST_DATES = ",M3.2.0,M11.1.0"
_POSIX_RULE = re.compile(r"[ -~]{3,200}")


def posix_zone(rule: str) -> tzinfo | None:
    """A zone following a POSIX TZ rule, or None if it is not one.

    The rule is handed to zoneinfo itself: a zone file with no transitions and the rule as
    its footer (RFC 8536, section 3.3) is a zone whose every date follows the rule, so
    summer time and the nights the clocks change behave as for any named zone."""
    if not _POSIX_RULE.fullmatch(rule):  # printable ASCII, one line
        return None
    from zoneinfo import ZoneInfo

    candidates = [rule] if "," in rule else [rule, rule + _DEFAULT_DST_DATES]
    for candidate in candidates:
        try:
            return ZoneInfo.from_file(io.BytesIO(_rule_only_tzif(candidate)), key=rule)
        except ValueError:
            continue
    return None


def _rule_only_tzif(rule: str) -> bytes:
    # Header: magic, version 2, 15 reserved bytes, then the counts isutcnt, isstdcnt,
    # leapcnt, timecnt, typecnt and charcnt: no transitions, one (unused) type "UTC".
    header = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
    block = header + struct.pack(">lbb", 0, 0, 0) + b"UTC\x00"
    return block + block + b"\n" + rule.encode("ascii") + b"\n"
