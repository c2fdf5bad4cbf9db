"""Validation of what the user types, shared by the dialogs and the command line.

Each validator takes raw text (as typed) and returns either a clean draft or a message per
field. Messages are written to be shown next to the field, so they say what to do.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from urllib.parse import urlparse

from db.vocabulary import InterviewFormat, RecruiterKind, SalaryBasis, Status, WorkMode
from desktop.domain.details import (
    Salary,
    check_range,
    parse_amount,
    parse_currency,
    parse_salary_basis,
    parse_work_mode,
)

MAX_LINE = 200
MAX_NOTES = 200_000
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_DURATION_MINUTES = 24 * 60

_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+$")
_PERSON = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>$")
DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
DATE_FORMATS = ("%Y-%m-%d",)


class FormError(ValueError):
    """Input that cannot be accepted; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {text}" for name, text in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Person:
    name: str
    email: str = ""

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email


@dataclass(frozen=True)
class InterviewDraft:
    company: str
    role: str
    starts_at: datetime  # aware, UTC
    duration_minutes: int = 60
    format: InterviewFormat = InterviewFormat.VIDEO
    round_label: str = ""
    location: str = ""
    hear_by: date | None = None
    interviewers: tuple[Person, ...] = ()
    recruiter: Person | None = None
    notes: str = ""
    recruiter_kind: RecruiterKind = RecruiterKind.UNKNOWN  # unknown: keep what is known


@dataclass(frozen=True)
class OpportunityDraft:
    company: str
    role: str
    source: str = ""
    posting_url: str = ""
    applied_on: date | None = None
    status: Status = Status.APPLIED
    recruiter: Person | None = None
    notes: str = ""
    recruiter_kind: RecruiterKind = RecruiterKind.UNKNOWN
    # The details (all optional): what it pays, where, until when one can apply, and the
    # job description as it was posted (postings vanish once filled).
    salary: Salary = field(default_factory=Salary)
    location: str = ""
    work_mode: WorkMode = WorkMode.UNKNOWN
    deadline: date | None = None
    job_description: str = ""


@dataclass
class _Checker:
    errors: dict[str, str] = field(default_factory=dict)

    def line(self, name: str, raw: str | None, label: str, required: bool = False) -> str:
        text = _clean_line(raw)
        if required and not text:
            self.errors[name] = f"{label} is required."
        elif len(text) > MAX_LINE:
            self.errors[name] = f"{label} is too long (at most {MAX_LINE} characters)."
        elif has_control(text):
            self.errors[name] = f"{label} contains control characters; please retype it."
        return text

    def notes(self, name: str, raw: str | None, label: str = "Notes") -> str:
        text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > MAX_NOTES:
            self.errors[name] = f"{label} is too long (at most {MAX_NOTES:,} characters)."
        elif has_control(text, allowed="\n\t"):
            self.errors[name] = f"{label} contains control characters; please retype it."
        return text

    # Any, not "T | None": the validators read the result only once no error was recorded,
    # when it is never None, and the types cannot say so.
    def attempt(self, name: str, parse: Callable[[str], object], raw: str) -> Any:
        try:
            return parse(raw)
        except ValueError as error:
            self.errors[name] = str(error)
            return None


def _clean_line(raw: str | None) -> str:
    return " ".join((raw or "").split())


# Unicode's control characters (category Cc) are exactly these 65, and stay so: its
# stability policy fixes them. One regular expression finds them ten times faster than
# asking unicodedata of every character, which an import of a year of history did 3 million
# times.
_CONTROL_POINTS = [*range(0x20), *range(0x7F, 0xA0)]


@functools.cache
def _controls(allowed: str) -> re.Pattern[str]:
    chars = "".join(chr(c) for c in _CONTROL_POINTS if chr(c) not in allowed)
    return re.compile(f"[{re.escape(chars)}]")


def has_control(text: str, allowed: str = "") -> bool:
    return _controls(allowed).search(text) is not None


_CLOCK = re.compile(r"^(?P<hour>\d{1,2})[:.h]?(?P<minute>\d{2})$")


def parse_clock_time(raw: str) -> time:
    """'14:30', '9:05', '1430' or '14.30' → a time of day; '25:99' is refused, never
    turned into another time."""
    text = (raw or "").strip()
    if not text:
        raise ValueError("Enter a time, like 14:30.")
    match = _CLOCK.match(text)
    if match is None:
        raise ValueError(f"{text} is not a time; write it like 14:30.")
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise ValueError(f"{text} is not a time of day; use 00:00 to 23:59.")
    return time(hour, minute)


def parse_local_datetime(raw: str, tz: tzinfo) -> datetime:
    """'YYYY-MM-DD HH:MM' in the user's zone → aware UTC datetime."""
    text = (raw or "").strip()
    if not text:
        raise ValueError("Enter a date and time, like 2026-03-14 14:30.")
    day, _, clock = text.replace("T", " ").partition(" ")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and clock.count(":") < 2:
        # A date and a time of day: a time that is not one is named as such.
        text = f"{day} {parse_clock_time(clock):%H:%M}"
    for fmt in DATETIME_FORMATS:
        try:
            naive = datetime.strptime(text, fmt)
            break
        except ValueError:
            continue
    else:
        raise ValueError(f"{text!r} is not a date and time like 2026-03-14 14:30.")
    _check_year(naive.year)
    local = naive.replace(tzinfo=tz)
    # A wall time skipped by a daylight-saving jump does not survive the round trip.
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise ValueError(f"{text} does not exist in your time zone (the clocks change then).")
    return local.astimezone(UTC)


def parse_date(raw: str) -> date:
    text = (raw or "").strip()
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        _check_year(parsed.year)
        return parsed
    raise ValueError(f"{text!r} is not a date like 2026-03-14.")


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"The year {year} is out of range ({MIN_YEAR}–{MAX_YEAR}).")


def parse_person(raw: str) -> Person:
    """'Dana Li <dana@acme.example>', 'Dana Li dana@acme.example', 'Dana Li' or
    'dana@acme.example': the same in every field that takes a person."""
    text = _clean_line(raw)
    if has_control(text):
        raise ValueError("A name contains control characters; please retype it.")
    match = _PERSON.match(text)
    words = text.split(" ")
    if match:
        name, email = match["name"].strip().strip('"'), match["email"].strip()
    elif "@" in words[-1]:
        # "Alex Moreno alex@example.com" means what "Alex Moreno <alex@…>" means.
        name, email = " ".join(words[:-1]).strip('",'), words[-1]
    elif "@" in words[0]:
        name, email = " ".join(words[1:]).strip('",'), words[0].rstrip(",")
    else:
        name, email = text, ""
    if "<" in name or ">" in name:
        raise ValueError(f"{text!r} is not a person; write Name <email@example.com>.")
    if email and not _EMAIL.match(email):
        raise ValueError(f"{email!r} does not look like an email address.")
    if not name and not email:
        raise ValueError("Give a name, an email address, or both.")
    if len(name) > MAX_LINE or len(email) > MAX_LINE:
        raise ValueError(f"A name or email is too long (at most {MAX_LINE} characters).")
    return Person(name=name or email.split("@")[0], email=email)


def parse_people(raw: str) -> tuple[Person, ...]:
    """One person per line (or separated by ';')."""
    parts = [p for chunk in (raw or "").splitlines() for p in chunk.split(";")]
    people: list[Person] = []
    for part in parts:
        if part.strip():
            person = parse_person(part)
            if person not in people:
                people.append(person)
    return tuple(people)


def parse_duration(raw: str) -> int:
    text = (raw or "").strip().lower().removesuffix("min").removesuffix("m").strip()
    try:
        minutes = int(text)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number of minutes.") from None
    if not 0 < minutes <= MAX_DURATION_MINUTES:
        raise ValueError("The duration must be between 1 minute and 24 hours.")
    return minutes


def parse_url(raw: str) -> str:
    text = (raw or "").strip()
    if not text:
        return ""
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in text:
        raise ValueError("A posting link starts with https:// (or http://).")
    if len(text) > 2000:
        raise ValueError("That link is too long.")
    return text


def validate_interview(raw: dict[str, str], tz: tzinfo) -> InterviewDraft:
    """Raise FormError with a message per bad field, or return the clean draft."""
    check = _Checker()
    company = check.line("company", raw.get("company"), "Company", required=True)
    role = check.line("role", raw.get("role"), "Role", required=True)
    starts_at = check.attempt(
        "starts_at", lambda r: parse_local_datetime(r, tz), raw.get("starts_at", "")
    )
    duration = check.attempt("duration", parse_duration, raw.get("duration") or "60")
    fmt = check.attempt("format", InterviewFormat.parse, raw.get("format") or "video")
    round_label = check.line("round_label", raw.get("round_label"), "Round")
    location = check.line("location", raw.get("location"), "Location or link")
    hear_by_raw = (raw.get("hear_by") or "").strip()
    hear_by = check.attempt("hear_by", parse_date, hear_by_raw) if hear_by_raw else None
    interviewers = check.attempt("interviewers", parse_people, raw.get("interviewers", ""))
    recruiter_raw = (raw.get("recruiter") or "").strip()
    recruiter = check.attempt("recruiter", parse_person, recruiter_raw) if recruiter_raw else None
    recruiter_kind = _recruiter_kind(check, raw)
    notes = check.notes("notes", raw.get("notes"))
    if check.errors:
        raise FormError(check.errors)
    return InterviewDraft(
        company=company,
        role=role,
        starts_at=starts_at,
        duration_minutes=duration,
        format=fmt,
        round_label=round_label,
        location=location,
        hear_by=hear_by,
        interviewers=interviewers,
        recruiter=recruiter,
        notes=notes,
        recruiter_kind=recruiter_kind,
    )


def _recruiter_kind(check: _Checker, raw: dict[str, str]) -> RecruiterKind:
    text = (raw.get("recruiter_kind") or "").strip()
    found = check.attempt("recruiter_kind", RecruiterKind.parse, text) if text else None
    return found or RecruiterKind.UNKNOWN


def validate_opportunity(raw: dict[str, str]) -> OpportunityDraft:
    check = _Checker()
    company = check.line("company", raw.get("company"), "Company", required=True)
    role = check.line("role", raw.get("role"), "Role", required=True)
    source = check.line("source", raw.get("source"), "Source")
    url = check.attempt("posting_url", parse_url, raw.get("posting_url", ""))
    applied_raw = (raw.get("applied_on") or "").strip()
    applied_on = check.attempt("applied_on", parse_date, applied_raw) if applied_raw else None
    status = check.attempt("status", Status.parse, raw.get("status") or Status.APPLIED.value)
    recruiter_raw = (raw.get("recruiter") or "").strip()
    recruiter = check.attempt("recruiter", parse_person, recruiter_raw) if recruiter_raw else None
    recruiter_kind = _recruiter_kind(check, raw)
    notes = check.notes("notes", raw.get("notes"))
    salary = _salary(check, raw)
    location = check.line("location", raw.get("location"), "Location")
    work_mode = check.attempt("work_mode", parse_work_mode, raw.get("work_mode") or "")
    deadline_raw = (raw.get("deadline") or "").strip()
    deadline = check.attempt("deadline", parse_date, deadline_raw) if deadline_raw else None
    description = check.notes("job_description", raw.get("job_description"), "The job description")
    if check.errors:
        raise FormError(check.errors)
    return OpportunityDraft(
        company=company,
        role=role,
        source=source,
        posting_url=url,
        applied_on=applied_on,
        status=status,
        recruiter=recruiter,
        notes=notes,
        recruiter_kind=recruiter_kind,
        salary=salary,
        location=location,
        work_mode=work_mode,
        deadline=deadline,
        job_description=description.strip("\n"),
    )


def _salary(check: _Checker, raw: dict[str, str]) -> Salary:
    """From, to (either may be left out), currency, and whether given or offered."""
    amounts: list[int | None] = []
    for name in ("salary_min", "salary_max"):
        text = (raw.get(name) or "").strip()
        amounts.append(check.attempt(name, parse_amount, text) if text else None)
    low, high = amounts
    if "salary_max" not in check.errors:
        check.attempt("salary_max", lambda _: check_range(low, high), "")
    currency_raw = (raw.get("salary_currency") or "").strip()
    currency = (
        check.attempt("salary_currency", parse_currency, currency_raw) if currency_raw else ""
    )
    if (low is not None or high is not None) and not currency_raw:
        check.errors["salary_currency"] = "Give the currency too, like EUR or USD."
    basis = check.attempt("salary_basis", parse_salary_basis, raw.get("salary_basis") or "")
    return Salary(low, high, currency or "", basis or SalaryBasis.GIVEN)


@dataclass(frozen=True)
class StatusChangeDraft:
    status: Status
    note: str = ""
    offer_deadline: date | None = None  # only with an Offer
    happened_on: date | None = None  # None: now; an earlier day when told later


def validate_status_change(
    raw: dict[str, str], today: date | None = None, earliest: date | None = None
) -> StatusChangeDraft:
    """The new status, a note, the day it happened and (for an Offer) the date they need
    an answer by. A day after `today` is refused: an outcome is recorded once it happened;
    so is one before `earliest` (the day they applied): nothing happens before that."""
    check = _Checker()
    status = check.attempt("status", Status.parse, raw.get("status") or "")
    note = check.notes("note", raw.get("note"))
    deadline_raw = (raw.get("offer_deadline") or "").strip()
    deadline = None
    if deadline_raw and status is Status.OFFER:
        deadline = check.attempt("offer_deadline", parse_date, deadline_raw)
    happened_raw = (raw.get("happened_on") or "").strip()
    happened = check.attempt("happened_on", parse_date, happened_raw) if happened_raw else None
    if happened is not None and today is not None and happened > today:
        check.errors["happened_on"] = "That day hasn't come yet; pick today or an earlier day."
    elif happened is not None and earliest is not None and happened < earliest:
        check.errors["happened_on"] = (
            f"That is before you applied ({earliest.isoformat()}); pick that day or a later one."
        )
    if check.errors:
        raise FormError(check.errors)
    return StatusChangeDraft(status, note, deadline, happened)


@dataclass(frozen=True)
class OwnReminderDraft:
    text: str
    due_at: datetime  # aware UTC


def validate_own_reminder(raw: dict[str, str], tz: tzinfo, now: datetime) -> OwnReminderDraft:
    """A reminder of the user's own: what (one line) and when (a local time, not past)."""
    check = _Checker()
    text = check.line("text", raw.get("text"), "What to remember", required=True)
    due_at = check.attempt("at", lambda r: parse_local_datetime(r, tz), raw.get("at", ""))
    if due_at is not None and due_at < now - timedelta(minutes=1):
        check.errors["at"] = "That time has passed; choose a moment still to come."
    elif due_at is not None and due_at > now + timedelta(days=5 * 366):
        check.errors["at"] = "That is more than five years away; choose a nearer date."
    if check.errors:
        raise FormError(check.errors)
    assert due_at is not None
    return OwnReminderDraft(text=text, due_at=due_at)
