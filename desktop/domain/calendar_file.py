"""iCalendar (RFC 5545) from a bundle: interviews as events, open reminders as to-dos.

UIDs come from creation times that never change and travel with exports, so importing a
newer file into a calendar updates the entries it already has instead of adding copies.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop import APP_NAME, __version__
from desktop.domain.progress import Progress, no_progress, paced
from desktop.playbook.rules import Kind
from desktop.playbook.texts import OWN_TITLE, WHY, title

OPEN_STATES = ("pending", "fired", "snoozed")
UID_DOMAIN = "debrief.invalid"  # RFC 2606: a name that can never belong to anyone


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 sequence
    (§3.1); continuation lines start with one space."""
    pieces: list[str] = []
    current: list[str]
    current, size, limit = [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space counts
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def stable_uid(*parts: object) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _property(name: str, value: str) -> str:
    return fold(f"{name}:{value}")


def calendar_text(bundle: dict[str, Any], now: datetime, progress: Progress = no_progress) -> str:
    """The whole VCALENDAR, CRLF line ends, for a checked bundle (see domain.bundle).
    `progress` hears of every few dozen opportunities (no count: 0 of 0) and may stop it."""
    people = {p["ref"]: p for p in bundle["contacts"]}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{APP_NAME}//{APP_NAME} {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        _property("X-WR-CALNAME", f"{APP_NAME}: interviews and next steps"),
    ]
    stamp = utc_stamp(now)
    for opp in paced(bundle["opportunities"], progress, each=64):
        about = f"{opp['company']}, {opp['role_title']}"
        interviews = {i["ref"]: i for i in opp["interviews"]}
        for n, interview in enumerate(opp["interviews"]):
            lines += _event(opp, interview, n, about, people, stamp)
        for reminder in opp["reminders"]:
            if reminder["state"] in OPEN_STATES:
                lines += _todo(opp, reminder, interviews, about, people, stamp)
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _event(
    opp: dict[str, Any],
    interview: dict[str, Any],
    n: int,
    about: str,
    people: dict[int, dict[str, Any]],
    stamp: str,
) -> list[str]:
    start = interview["starts_at"]
    end = start + timedelta(minutes=interview["duration_minutes"])
    round_label = f" ({interview['round_label']})" if interview["round_label"] else ""
    names = [people[ref]["name"] for ref in interview["interviewers"] if ref in people]
    description = "\n".join(
        part
        for part in (
            f"With {', '.join(names)}" if names else "",
            interview["notes"],
            opp["posting_url"],
        )
        if part
    )
    lines = [
        "BEGIN:VEVENT",
        _property("UID", stable_uid("interview", opp["created_at"], interview["created_at"], n)),
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc_stamp(start)}",
        f"DTEND:{utc_stamp(end)}",
        _property("SUMMARY", escape_text(f"Interview: {about}{round_label}")),
    ]
    if interview["location"]:
        lines.append(_property("LOCATION", escape_text(interview["location"])))
    if description:
        lines.append(_property("DESCRIPTION", escape_text(description)))
    lines += ["TRANSP:OPAQUE", "END:VEVENT"]
    return lines


def _todo(
    opp: dict[str, Any],
    reminder: dict[str, Any],
    interviews: dict[int, dict[str, Any]],
    about: str,
    people: dict[int, dict[str, Any]],
    stamp: str,
) -> list[str]:
    person = people.get(reminder["contact"], {}).get("name")
    try:
        kind = Kind(reminder["kind"])
        if kind is Kind.OWN:
            summary, why = OWN_TITLE.format(text=reminder["message"], opportunity=about), ""
        else:
            summary, why = title(kind, about, person), WHY[kind]
    except (ValueError, KeyError):
        summary, why = f"{reminder['kind'].replace('_', ' ').capitalize()} — {about}", ""
    interview = interviews.get(reminder["interview"])
    identity = (
        "reminder",
        opp["created_at"],
        reminder["kind"],
        interview["created_at"] if interview else "",
        person or "",
        reminder["created_at"],
    )
    lines = [
        "BEGIN:VTODO",
        _property("UID", stable_uid(*identity)),
        f"DTSTAMP:{stamp}",
        f"DUE:{utc_stamp(reminder['due_at'])}",
        _property("SUMMARY", escape_text(summary)),
    ]
    if why:
        lines.append(_property("DESCRIPTION", escape_text(why)))
    lines += ["STATUS:NEEDS-ACTION", "END:VTODO"]
    return lines
