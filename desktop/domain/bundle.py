"""Debrief's own export format (JSON), and checking a bundle read from a file.

A bundle is plain JSON: opportunities nest their status history, interviews (with their
debrief), reminders and reflection; people are listed once and referred to by `ref`, a
number that only has meaning inside the file. `check_bundle` turns the JSON text types into
Python values (dates, aware datetimes) and lists every problem with where it is, so an
import either has everything it needs or writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, overload

from db.vocabulary import (
    ContactRole,
    InterviewFormat,
    RecruiterKind,
    ReminderState,
    SalaryBasis,
    Status,
    WorkMode,
)
from desktop.domain.details import MAX_AMOUNT
from desktop.domain.documents import MAX_DOCUMENT_BYTES, DocumentKind
from desktop.domain.forms import MAX_LINE, MAX_NOTES, MAX_YEAR, MIN_YEAR, has_control

FORMAT_NAME = "debrief-export"
FORMAT_VERSION = 1
MAX_LIST = 1_000_000
# Checking stops here: a file with a hundred problems is the wrong file or needs fixing at
# its source, and listing a million of them once cost gigabytes of memory.
MAX_PROBLEMS = 100
# A settings value nested deeper than this is not one Debrief wrote.
MAX_SETTING_DEPTH = 16
# An opportunity's details, by the names the file and the database share.
DETAIL_COLUMNS = (
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_basis",
    "location",
    "work_mode",
    "deadline",
    "job_description",
)


class BundleError(ValueError):
    """A bundle that cannot be imported; `problems` lists each one with its place.
    `stopped` says that checking gave up after MAX_PROBLEMS, so there are more."""

    def __init__(self, problems: list[str], stopped: bool = False) -> None:
        shown = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" * (len(problems) > 3))
        super().__init__(shown)
        self.problems = problems
        self.stopped = stopped


class _Problems(list[str]):
    """The problems found so far; the one past MAX_PROBLEMS ends the check."""

    def append(self, problem: str) -> None:
        if len(self) >= MAX_PROBLEMS:
            raise BundleError(list(self), stopped=True)
        super().append(problem)


# ----- writing ---------------------------------------------------------------------------


@overload
def datetime_text(value: datetime) -> str: ...
@overload
def datetime_text(value: None) -> None: ...
def datetime_text(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@overload
def date_text(value: date) -> str: ...
@overload
def date_text(value: None) -> None: ...
def date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# ----- reading ---------------------------------------------------------------------------

# A check takes the value, where it is in the file (None on the first, quiet pass: see
# check_bundle) and the problems found so far; it gives back the value to import.
Check = Callable[[Any, str | None, list[str]], Any]


class _Found(Exception):
    """The quiet pass met a problem: check again, saying where each one is."""


class _Quiet(list[str]):
    """The problems of the quiet pass, which stops at the first."""

    def append(self, problem: str) -> None:
        raise _Found


def _line(required: bool = False, limit: int = MAX_LINE) -> Check:
    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        if not isinstance(value, str):
            problems.append(f"{where}: expected text")
            return ""
        if required and not value.strip():
            problems.append(f"{where}: must not be empty")
        elif len(value) > limit:
            problems.append(f"{where}: longer than {limit} characters")
        elif has_control(value):
            problems.append(f"{where}: contains control characters")
        return value

    return check


def _notes(value: Any, where: str | None, problems: list[str]) -> Any:
    if not isinstance(value, str):
        problems.append(f"{where}: expected text")
        return ""
    if len(value) > MAX_NOTES:
        problems.append(f"{where}: longer than {MAX_NOTES:,} characters")
    elif has_control(value, allowed="\n\t"):
        problems.append(f"{where}: contains control characters")
    return value


class _Optional:
    """`inner`, or null. A record reads `inner` from it and tests for None itself, which
    saves a call for each optional field of each row (a year of history has 1.5 million)."""

    def __init__(self, inner: Check) -> None:
        self.inner = inner

    def __call__(self, value: Any, where: str | None, problems: list[str]) -> Any:
        return None if value is None else self.inner(value, where, problems)


def _optional(inner: Check) -> Check:
    return _Optional(inner)


def _parsed(parse: Callable[[str], Any], what: str) -> Check:
    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        if isinstance(value, str):
            try:
                return parse(value)
            except ValueError:
                pass
        problems.append(f"{where}: expected {what}, got {_show(value)}")
        return None

    return check


def _parse_datetime(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(text)
    # What Debrief writes is in UTC already (fromisoformat gives the same UTC object).
    return parsed if parsed.tzinfo is UTC else parsed.astimezone(UTC)


def _parse_date(text: str) -> date:
    parsed = date.fromisoformat(text)
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(text)
    return parsed


def _integer(low: int, high: int) -> Check:
    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.append(f"{where}: expected a whole number from {low} to {high}")
            return low
        return value

    return check


def _boolean(value: Any, where: str | None, problems: list[str]) -> Any:
    if not isinstance(value, bool):
        problems.append(f"{where}: expected true or false")
        return False
    return value


def _choice(values: type[StrEnum]) -> Check:
    allowed = {member.value for member in values}

    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        if not isinstance(value, str) or value not in allowed:
            problems.append(f"{where}: {_show(value)} is not one of {', '.join(sorted(allowed))}")
            return next(iter(values)).value
        return value

    return check


def _list_of(inner: Check) -> Check:
    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        if not isinstance(value, list) or len(value) > MAX_LIST:
            problems.append(f"{where}: expected a list")
            return []
        if where is None:
            return [inner(item, None, problems) for item in value]
        return [inner(item, f"{where}[{index}]", problems) for index, item in enumerate(value)]

    return check


_MISSING = object()


def _record(fields: dict[str, tuple[Check, Any]]) -> Check:
    """An object with these fields; a missing field takes its default (required if ...)."""
    # Unpacked once: (name, check, default, whether null is allowed without a call).
    items = [
        (name, inner.inner, default, True)
        if isinstance(inner, _Optional)
        else (name, inner, default, False)
        for name, (inner, default) in fields.items()
    ]

    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        if not isinstance(value, dict):
            problems.append(f"{where}: expected an object")
            return {}
        out: dict[str, Any] = {}
        get = value.get
        for name, inner, default, nullable in items:
            item = get(name, _MISSING)
            if item is _MISSING:
                if default is ...:
                    problems.append(f"{where}.{name}: missing")
                out[name] = None if default is ... else default
            elif item is None and nullable:
                out[name] = None
            else:
                out[name] = inner(item, None if where is None else f"{where}.{name}", problems)
        return out

    return check


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_DATETIME = _parsed(_parse_datetime, "a date and time like 2026-03-14T09:30:00Z")
_DATE = _parsed(_parse_date, "a date like 2026-03-14")
_REF = _integer(1, 2**62)
_TEXT = (_notes, "")
_LINE = (_line(), "")
_URL = (_line(limit=2000), "")

_DEBRIEF = _record(
    {
        "felt": (_optional(_integer(1, 5)), None),
        "prediction": _LINE,
        "account": _TEXT,
        "went_well": _TEXT,
        "made_harder": _TEXT,
        "lessons": _TEXT,
        "feedback": _TEXT,
        "created_at": (_DATETIME, ...),
        "updated_at": (_DATETIME, ...),
        "questions": (
            _list_of(_record({"question": (_notes, ...), "answer_note": _TEXT})),
            [],
        ),
        "mistakes": (_list_of(_record({"mistake": (_notes, ...), "why": _TEXT})), []),
    }
)

_INTERVIEW = _record(
    {
        "ref": (_REF, ...),
        "round_label": _LINE,
        "starts_at": (_DATETIME, ...),
        "duration_minutes": (_integer(1, 24 * 60), 60),
        "format": (_choice(InterviewFormat), InterviewFormat.VIDEO.value),
        "location": _URL,
        "hear_by": (_optional(_DATE), None),
        "notes": _TEXT,
        "created_at": (_DATETIME, ...),
        "interviewers": (_list_of(_REF), []),
        "debrief": (_optional(_DEBRIEF), None),
    }
)

_REMINDER = _record(
    {
        "kind": (_line(required=True), ...),
        "key": (_line(required=True, limit=500), ...),
        "due_at": (_DATETIME, ...),
        "state": (_choice(ReminderState), ReminderState.PENDING.value),
        "interview": (_optional(_REF), None),
        "contact": (_optional(_REF), None),
        "created_at": (_DATETIME, ...),
        "fired_at": (_optional(_DATETIME), None),
        "answered_at": (_optional(_DATETIME), None),
        "message": _TEXT,
    }
)


def _checks(value: Any, where: str | None, problems: list[str]) -> Any:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k.isdigit() and isinstance(v, str) for k, v in value.items()
    ):
        problems.append(f"{where}: expected an object of numbered notes")
        return {}
    for key, note in value.items():
        _notes(note, f"{where}.{key}", problems)
    return value


_REFLECTION = _record(
    {
        "outside_reasons": (_list_of(_integer(0, 1000)), []),
        "checks": (_checks, {}),
        "feedback": _TEXT,
        "created_at": (_DATETIME, ...),
        "updated_at": (_DATETIME, ...),
    }
)

# A note the user recorded as sent; the person may be gone, the recipient line stays.
_SENT_NOTE = _record(
    {
        "recipient": (_line(required=True), ...),
        "contact": (_optional(_REF), None),
        "template": (_line(required=True), ...),
        "subject": _TEXT,
        "body": _TEXT,
        "how": _LINE,
        "sent_at": (_DATETIME, ...),
    }
)


def _sha256(value: Any, where: str | None, problems: list[str]) -> Any:
    if not isinstance(value, str) or len(value) != 64 or value.strip("0123456789abcdef"):
        problems.append(f"{where}: expected a sha256 (64 lowercase hex digits)")
        return ""
    return value


def _currency(value: Any, where: str | None, problems: list[str]) -> Any:
    if value == "":
        return ""
    if not isinstance(value, str) or not (len(value) == 3 and value.isascii() and value.isupper()):
        problems.append(f"{where}: expected a currency code like EUR, got {_show(value)}")
        return ""
    return value


# A document sent for the opportunity. The file itself travels beside the bundle in a
# full export (.zip), as documents/<sha256>; a plain JSON export names it only.
_DOCUMENT = _record(
    {
        "sha256": (_sha256, ...),
        "name": (_line(required=True), ...),
        "size": (_integer(1, MAX_DOCUMENT_BYTES), ...),
        "kind": (_choice(DocumentKind), DocumentKind.OTHER.value),
        "sent_on": (_optional(_DATE), None),
        "added_at": (_DATETIME, ...),
    }
)


def _salary_in_order(inner: Check) -> Check:
    """The opportunity, with a salary range whose bottom is not above its top."""

    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        out = inner(value, where, problems)
        low, high = out.get("salary_min"), out.get("salary_max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            problems.append(f"{where}.salary_max: {high} is below salary_min {low}")
        return out

    return check


_OPPORTUNITY_FIELDS = _record(
    {
        "company": (_line(required=True), ...),
        "role_title": (_line(required=True), ...),
        "source": _LINE,
        "posting_url": _URL,
        "applied_on": (_optional(_DATE), None),
        "status": (_choice(Status), Status.APPLIED.value),
        "recruiter": (_optional(_REF), None),
        "notes": _TEXT,
        "archived": (_boolean, False),
        "created_at": (_DATETIME, ...),
        "updated_at": (_DATETIME, ...),
        "offer_deadline": (_optional(_DATE), None),
        # Opportunity details (issue #21); a file from before them has none.
        "salary_min": (_optional(_integer(1, MAX_AMOUNT)), None),
        "salary_max": (_optional(_integer(1, MAX_AMOUNT)), None),
        "salary_currency": (_currency, ""),
        "salary_basis": (_choice(SalaryBasis), SalaryBasis.GIVEN.value),
        "location": _LINE,
        "work_mode": (_choice(WorkMode), WorkMode.UNKNOWN.value),
        "deadline": (_optional(_DATE), None),
        "job_description": _TEXT,
        "status_history": (
            _list_of(
                _record(
                    {
                        "from": (_optional(_choice(Status)), None),
                        "to": (_choice(Status), ...),
                        "changed_at": (_DATETIME, ...),
                        "note": _TEXT,
                    }
                )
            ),
            [],
        ),
        "interviews": (_list_of(_INTERVIEW), []),
        "reminders": (_list_of(_REMINDER), []),
        "reflection": (_optional(_REFLECTION), None),
        "sent_notes": (_list_of(_SENT_NOTE), []),
        "documents": (_list_of(_DOCUMENT), []),
    }
)
_OPPORTUNITY = _salary_in_order(_OPPORTUNITY_FIELDS)

_CONTACT = _record(
    {
        "ref": (_REF, ...),
        "name": (_line(required=True), ...),
        "email": _LINE,
        "phone": _LINE,
        "address_as": _LINE,
        "role": (_choice(ContactRole), ContactRole.OTHER.value),
        "recruiter_kind": (_choice(RecruiterKind), RecruiterKind.UNKNOWN.value),
        "company": (_optional(_line(required=True)), None),
        "created_at": (_DATETIME, ...),
        "job_title": _LINE,  # schema 10 (the People tab); absent from older exports
        "notes": _TEXT,
    }
)

_COMPANY = _record({"name": (_line(required=True), ...), "created_at": (_DATETIME, ...)})


def _settings(value: Any, where: str | None, problems: list[str]) -> Any:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        problems.append(f"{where}: expected an object")
        return {}
    for key, setting in value.items():
        if _depth(setting) > MAX_SETTING_DEPTH:
            problems.append(f"{where}.{key}: nested more than {MAX_SETTING_DEPTH} levels deep")
    return value


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a JSON value, walked without recursion."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            if level <= MAX_SETTING_DEPTH:  # deeper is already too deep: no need to look
                pending.extend((child, level + 1) for child in item)
    return deepest


def _bundle_record(list_of: Callable[[Check], Check]) -> Check:
    return _record(
        {
            "format": (_line(required=True), ...),
            "version": (_integer(1, 10**6), ...),
            "exported_at": (_optional(_DATETIME), None),
            "companies": (list_of(_COMPANY), []),
            "contacts": (list_of(_CONTACT), []),
            "opportunities": (list_of(_OPPORTUNITY), []),
            "reminders": (list_of(_REMINDER), []),
            "settings": (_settings, {}),
        }
    )


_BUNDLE = _bundle_record(_list_of)
# Rows of a top-level list checked between two ticks (an opportunity: 0.1-0.3 ms).
TICK_EVERY = 32


def _ticking_list_of(tick: Callable[[], None]) -> Callable[[Check], Check]:
    """`_list_of`, calling `tick` every TICK_EVERY rows."""

    def list_of(inner: Check) -> Check:
        plain = _list_of(inner)

        def check(value: Any, where: str | None, problems: list[str]) -> Any:
            if not isinstance(value, list) or len(value) > MAX_LIST:
                return plain(value, where, problems)
            out = []
            for index, item in enumerate(value):
                if index % TICK_EVERY == 0:
                    tick()
                out.append(inner(item, None if where is None else f"{where}[{index}]", problems))
            return out

        return check

    return list_of


# ----- checking rows as they are parsed -------------------------------------------------

# The quiet check met a problem: the file is then checked whole (`check_bundle`), which
# names where each problem is.
ProblemFound = _Found

_ROWS: dict[str, Check] = {
    "companies": _COMPANY,
    "contacts": _CONTACT,
    "opportunities": _OPPORTUNITY,
    "reminders": _REMINDER,
}


def _keep_row(row: Any) -> Any:
    return row


def quiet_row_check(list_name: str) -> Callable[[Any], Any]:
    """The quiet check of one row of the bundle's top-level list `list_name`, as
    `check_bundle`'s first pass makes it: it gives the row to import, or raises
    ProblemFound. A list the bundle does not know is kept as it is (and not imported)."""
    inner = _ROWS.get(list_name)
    if inner is None:
        return _keep_row
    quiet = _Quiet()
    return lambda row: inner(row, None, quiet)


def _already_checked(inner: Check) -> Check:
    def check(value: Any, where: str | None, problems: list[str]) -> Any:
        if not isinstance(value, list) or len(value) > MAX_LIST:
            problems.append(f"{where}: expected a list")
            return []
        return value

    return check


_CHECKED_ROWS_BUNDLE = _bundle_record(_already_checked)


def check_rows_checked(data: Any, tick: Callable[[], None] | None = None) -> dict[str, Any]:
    """What `check_bundle` gives for a file whose top-level lists were checked row by row
    as it was parsed (`quiet_row_check`): the rest of it, then the references, checked
    quietly. Raises ProblemFound at the first problem."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProblemFound
    version = data.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise ProblemFound
    bundle: dict[str, Any] = _CHECKED_ROWS_BUNDLE(data, None, _Quiet())
    _check_refs(bundle, _Quiet(), tick)
    return bundle


def check_bundle(data: Any, tick: Callable[[], None] | None = None) -> dict[str, Any]:
    """The bundle with parsed values, or BundleError listing every problem. `tick`, if
    given, is called every so many rows (a worker lets the window's thread in there)."""
    check = _BUNDLE if tick is None else _bundle_record(_ticking_list_of(tick))
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise BundleError(['this is not a Debrief export (no "format": "debrief-export")'])
    version = data.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise BundleError(
            [f"this export is format version {version}, from a newer Debrief; update to import it"]
        )
    # A first pass says nothing of where it is: naming the place of each of two million
    # values took a third of the check. Only a file with a problem is checked again, with
    # every place named, so each problem is still listed where it is.
    try:
        bundle: dict[str, Any] = check(data, None, _Quiet())
        _check_refs(bundle, _Quiet(), tick)
        return bundle
    except _Found:
        pass
    problems: list[str] = _Problems()
    bundle = check(data, "file", problems)
    if not problems:  # references are only worth following in a well-formed file
        _check_refs(bundle, problems, tick)
    if problems:
        raise BundleError(list(problems))
    return bundle  # not reached: the quiet pass found a problem the full one finds too


def _check_refs(
    bundle: dict[str, Any], problems: list[str], tick: Callable[[], None] | None = None
) -> None:
    """Every ref points at something in the file, and no two reminders would end up with
    the same key once imported. Sets and dicts throughout: one pass, however large."""
    people: dict[int, int] = {}
    for index, contact in enumerate(bundle["contacts"]):
        if contact["ref"] in people:
            problems.append(
                f"file.contacts[{index}].ref: {contact['ref']} is already used by "
                f"contacts[{people[contact['ref']]}]"
            )
        people.setdefault(contact["ref"], index)
    same_people = {ref: ref for ref in people}
    seen_interviews: set[int] = set()
    # Keys without an opportunity's id: unique file-wide. A reminder's place is kept as
    # (opportunity, position) and written out only for a problem: 100,000 at a time.
    shared_keys: dict[str, tuple[int | None, int]] = {}
    for index, opportunity in enumerate(bundle["opportunities"]):
        if tick is not None and index % TICK_EVERY == 0:
            tick()
        where = f"file.opportunities[{index}]"
        recruiter = opportunity["recruiter"]
        if recruiter is not None and recruiter not in people:
            problems.append(f"{where}.recruiter: no person with ref {recruiter}")
        for position, note in enumerate(opportunity["sent_notes"]):
            if note["contact"] is not None and note["contact"] not in people:
                problems.append(
                    f"{where}.sent_notes[{position}]: no person with ref {note['contact']}"
                )
        own: dict[int, int] = {}
        for position, interview in enumerate(opportunity["interviews"]):
            if interview["ref"] in seen_interviews:
                problems.append(f"{where}.interviews[{position}].ref: used twice")
            seen_interviews.add(interview["ref"])
            own[interview["ref"]] = interview["ref"]
            for ref in interview["interviewers"]:
                if ref not in people:
                    problems.append(f"{where}.interviews[{position}]: no person with ref {ref}")
        keys: dict[str, tuple[int | None, int]] = {}
        for position, reminder in enumerate(opportunity["reminders"]):
            if reminder["interview"] is not None and reminder["interview"] not in own:
                problems.append(f"{_place(index, position)}.interview: not of this opportunity")
            if reminder["contact"] is not None and reminder["contact"] not in people:
                problems.append(f"{_place(index, position)}.contact: no such person")
            # The key as it will be stored (refs stand in for the ids they become).
            stored = rekey(reminder["key"], 0, own, same_people)
            if stored is None:
                continue  # names an interview or person not in the file: left out on import
            # rekey leaves a key that does not start with an opportunity's id as it is.
            seen = keys if reminder["key"].startswith("o") else shared_keys
            if stored in seen:
                problems.append(
                    f"{_place(index, position)}.key: {_show(reminder['key'])} is already used "
                    f"by {_place(*seen[stored])}"
                )
            seen.setdefault(stored, (index, position))
    for position, reminder in enumerate(bundle["reminders"]):
        if reminder["key"] in shared_keys:
            problems.append(
                f"{_place(None, position)}.key: {_show(reminder['key'])} is already used "
                f"by {_place(*shared_keys[reminder['key']])}"
            )
        shared_keys.setdefault(reminder["key"], (None, position))


def _place(opportunity: int | None, position: int) -> str:
    """Where a reminder is in the file: in an opportunity, or in the file's own list."""
    if opportunity is None:
        return f"file.reminders[{position}]"
    return f"file.opportunities[{opportunity}].reminders[{position}]"


def rekey(
    key: str, opportunity: int, interviews: dict[int, int], people: dict[int, int]
) -> str | None:
    """A reminder key (see playbook.rules.reminder_key) with its ids translated, or None
    when it names an interview or person that is not in the map (deleted since)."""
    parts = key.split(":")
    if not parts[0].startswith("o"):
        return key
    out = [f"o{opportunity}"]
    for part in parts[1:]:
        prefix, number = part[:1], part[1:]
        if prefix in ("i", "p") and number.isdigit():
            mapped = (interviews if prefix == "i" else people).get(int(number))
            if mapped is None:
                return None
            out.append(f"{prefix}{mapped}")
        else:
            out.append(part)
    return ":".join(out)
