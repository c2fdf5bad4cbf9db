"""CSV in and out: what spreadsheet programs need, and reading another tracker's columns.

Reading turns rows into a bundle (see domain.bundle) so a spreadsheet import goes through
the same checks and the same all-or-nothing write as Debrief's own files.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

from db.vocabulary import Status, WorkMode
from desktop.domain.bundle import (
    FORMAT_NAME,
    FORMAT_VERSION,
    BundleError,
    check_bundle,
    date_text,
    datetime_text,
)
from desktop.domain.details import (
    Salary,
    check_range,
    parse_amount,
    parse_currency,
    parse_salary,
    parse_salary_basis,
    parse_work_mode,
)
from desktop.domain.forms import MAX_YEAR, MIN_YEAR, Person
from desktop.domain.progress import Progress, no_progress, paced, step

if TYPE_CHECKING:
    import _csv

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """Make a formula-looking cell plain text with a leading apostrophe (OWASP's advice)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def write_csv(
    header: list[str], rows: list[list[str]], bom: bool = False, progress: Progress = no_progress
) -> str:
    """`progress` hears of every `PACE` rows written (no count: 0 of 0) and may stop it."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for start in range(0, len(rows), PACE):
        writer.writerows([neutralise(cell) for cell in row] for row in rows[start : start + PACE])
        step(progress, 0, 0)
    return (BOM if bom else "") + out.getvalue()


# Rows between two words to `progress` while a file is made: a few milliseconds of Python,
# where a worker lets the window's thread go first (ui/gui_first.py) and hears Cancel.
PACE = 64


# ----- reading ---------------------------------------------------------------------------

FIELDS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "status": "Status",
    "applied_on": "Applied on",
    "interview_at": "Interview date",
    "round": "Round",
    "source": "Source",
    "posting_url": "Posting link",
    "notes": "Notes",
    "location": "Location",
    "work_mode": "Work mode",
    "salary": "Salary",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "salary_currency": "Currency",
    "salary_basis": "Salary basis",
    "deadline": "Application deadline",
    "job_description": "Job description",
}
REQUIRED = ("company", "role")

# Headers other trackers and home-made sheets use, compared without case or punctuation.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": ("company", "employer", "organisation", "organization", "companyname", "firm"),
    "role": ("role", "position", "jobtitle", "title", "job", "roletitle", "positiontitle"),
    "status": ("status", "stage", "outcome", "result", "state"),
    "applied_on": ("appliedon", "applied", "dateapplied", "applicationdate", "date"),
    "interview_at": ("interviewdate", "interview", "latestinterview", "nextinterview"),
    "round": ("round", "interviewround", "roundlabel"),
    "source": ("source", "foundvia", "channel", "where", "jobboard"),
    "posting_url": ("postinglink", "url", "link", "joburl", "postingurl", "posting", "jobposting"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
    "location": ("location", "city", "place", "joblocation", "office", "officelocation"),
    "work_mode": (
        "workmode",
        "remotehybrid",
        "remoteonsite",
        "remote",
        "onsiteremote",
        "hybridremote",
        "workplace",
        "workplacetype",
        "worktype",
        "workarrangement",
        "arrangement",
        "onsite",
    ),
    "salary": ("salary", "salaryrange", "pay", "payrange", "compensation", "wage"),
    "salary_min": ("salaryfrom", "salarymin", "minsalary", "minimumsalary", "salarylow"),
    "salary_max": ("salaryto", "salarymax", "maxsalary", "maximumsalary", "salaryhigh"),
    "salary_currency": ("currency", "salarycurrency", "curr"),
    "salary_basis": ("salarybasis", "salaryis", "salarysource"),
    "deadline": (
        "applicationdeadline",
        "deadline",
        "applyby",
        "closingdate",
        "closes",
        "applicationsclose",
    ),
    "job_description": ("jobdescription", "description", "jd", "jobdetails", "postingtext"),
}

MAX_ROWS = 100_000


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


SEPARATORS = (",", ";", "\t")  # on ties, the first wins
_SAMPLE_CHARACTERS = 200_000
_SAMPLE_RECORDS = 50


def _reader(text: str, delimiter: str) -> _csv.Reader:  # typeshed's name for it
    # `a, "b, c"`: a quote after the separator's space still opens a quoted cell. The
    # spaces skipped would be stripped from the cell anyway.
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)


def separator(text: str) -> str:
    """The separator that cuts the first records into as many cells as the header has.

    Whole records are read, as the CSV reader reads them: a quoted cell may hold line
    breaks and any separator, which fooled csv.Sniffer, as it counts per physical line."""
    sample = text[:_SAMPLE_CHARACTERS]
    best, best_score = SEPARATORS[0], (False, 0.0, 0)
    for candidate in SEPARATORS:
        reader = _reader(sample, candidate)
        try:
            records = [cells for cells in itertools.islice(reader, _SAMPLE_RECORDS) if any(cells)]
        except csv.Error:
            continue
        if len(sample) < len(text) and len(records) > 1:
            records.pop()  # the sample may end inside it
        if not records:
            continue
        header = len(records[0])
        agreeing = sum(len(cells) == header for cells in records) / len(records)
        score = (header > 1, agreeing, header)
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_table(text: str) -> Table:
    """Rows of a CSV text with the line each starts on; ValueError if it is no table."""
    text = text.removeprefix(BOM)
    if not text.strip():
        raise ValueError("the file is empty")
    reader = _reader(text, separator(text))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
                if len(rows) > MAX_ROWS + 1:
                    raise ValueError(f"more than {MAX_ROWS:,} rows; split the file")
            start = reader.line_num + 1
    except csv.Error as error:
        raise ValueError(f"line {reader.line_num}: not readable as CSV ({error})") from None
    if not rows:
        raise ValueError("the file has no rows")
    headers = [cell.strip() for cell in rows[0][1]]
    return Table(headers, rows[1:])


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Field → column index, for the columns whose header says what they hold."""
    folded = [_fold(h) for h in headers]
    mapping: dict[str, int] = {}
    for name, synonyms in _SYNONYMS.items():
        for synonym in synonyms:
            if synonym in folded and folded.index(synonym) not in mapping.values():
                mapping[name] = folded.index(synonym)
                break
    return mapping


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$")
_TIME = re.compile(r"^(.*?)[ T](\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm)?$")


def parse_loose_date(raw: str, day_first: bool = True) -> date:
    """2026-11-03, 2026/11/03, 03.11.2026, 3/11/2026 (day first unless told), 3 Nov 2026,
    Nov 3, 2026. Two-digit years are 20xx."""
    text = " ".join(raw.strip().casefold().split())
    parts: tuple[int, int, int] | None = None
    if match := _ISO.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _NUMERIC.match(text):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        year += 2000 if year < 100 else 0
        # Dots are day-first everywhere they are used.
        day_first = day_first or match[2] == "."
        parts = (year, second, first) if day_first else (year, first, second)
    elif (match := _DAY_MONTH.match(text)) and match[2] in _MONTHS:
        parts = (int(match[3]), _MONTHS[match[2]], int(match[1]))
    elif (match := _MONTH_DAY.match(text)) and match[1] in _MONTHS:
        parts = (int(match[3]), _MONTHS[match[1]], int(match[2]))
    if parts is None:
        raise ValueError(f"{raw.strip()!r} is not a date this import understands")
    try:
        parsed = date(*parts)
    except ValueError:
        raise ValueError(f"{raw.strip()!r} is not a real date") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"the year in {raw.strip()!r} is out of range ({MIN_YEAR}–{MAX_YEAR})")
    return parsed


def parse_loose_datetime(raw: str, tz: tzinfo, day_first: bool = True) -> datetime:
    """A date as above with an optional time (24-hour or am/pm); a bare date means 09:00."""
    text = raw.strip().casefold()
    clock = time(9, 0)
    if match := _TIME.match(text):
        hour, minute = int(match[2]), int(match[3])
        if match[4]:
            hour = hour % 12 + (12 if match[4] == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValueError(f"{raw.strip()!r} has no such time")
        text, clock = match[1], time(hour, minute)
    day = parse_loose_date(text, day_first)
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def detect_day_first(table: Table, mapping: dict[str, int]) -> bool | None:
    """True or False when a slashed date in the file settles the order, None if none does."""
    for name in ("applied_on", "interview_at", "deadline"):
        column = mapping.get(name)
        if column is None:
            continue
        for _, cells in table.rows:
            cell = cells[column].strip() if column < len(cells) else ""
            match = _NUMERIC.match(cell.split(" ")[0])
            if match and match[2] == "/":
                if int(match[1]) > 12:
                    return True
                if int(match[3]) > 12:
                    return False
    return None


_T = TypeVar("_T")


def table_to_bundle(
    table: Table, mapping: dict[str, int], tz: tzinfo, now: datetime, day_first: bool = True
) -> dict[str, Any]:
    """A checked bundle, or BundleError with one problem per bad row, by its line."""
    missing = [FIELDS[name] for name in REQUIRED if name not in mapping]
    if missing:
        raise BundleError([f"no column chosen for {' and '.join(missing)}"])
    problems: list[str] = []
    opportunities: list[dict[str, Any]] = []
    for line, cells in table.rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            column = mapping.get(name)
            if column is None or column >= len(cells):
                return ""
            return unneutralise(cells[column].strip())

        row_problems: list[str] = []

        def attempt(
            parse: Callable[[str], _T], raw: str, row_problems: list[str] = row_problems
        ) -> _T | None:
            if not raw:
                return None
            try:
                return parse(raw)
            except ValueError as error:
                row_problems.append(str(error))
                return None

        status = attempt(Status.parse, cell("status")) or Status.APPLIED
        applied = attempt(lambda r: parse_loose_date(r, day_first), cell("applied_on"))
        interview_at = attempt(
            lambda r: parse_loose_datetime(r, tz, day_first), cell("interview_at")
        )
        deadline = attempt(lambda r: parse_loose_date(r, day_first), cell("deadline"))
        details = _details(cell, row_problems)
        for name in REQUIRED:
            if not cell(name):
                row_problems.append(f"{FIELDS[name]} is empty")
        if row_problems:
            problems.append(f"line {line}: " + "; ".join(row_problems))
            continue
        changed_at = datetime.combine(applied, time(9), tzinfo=tz) if applied else now
        opportunities.append(
            {
                "company": cell("company"),
                "role_title": cell("role"),
                "source": cell("source"),
                "posting_url": cell("posting_url"),
                "applied_on": date_text(applied),
                "status": status.value,
                "notes": cell("notes").replace("\r\n", "\n"),
                **details,
                "deadline": date_text(deadline),
                "job_description": cell("job_description").replace("\r\n", "\n"),
                "created_at": datetime_text(now),
                "updated_at": datetime_text(now),
                "status_history": [
                    {"from": None, "to": status.value, "changed_at": datetime_text(changed_at)}
                ],
                "interviews": []
                if interview_at is None
                else [
                    {
                        "ref": len(opportunities) + 1,
                        "round_label": cell("round"),
                        "starts_at": datetime_text(interview_at),
                        "created_at": datetime_text(now),
                    }
                ],
                "line": line,
            }
        )
    if problems:
        raise BundleError(problems)
    lines = [opp.pop("line") for opp in opportunities]
    bundle = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "opportunities": opportunities}
    try:
        return check_bundle(bundle)
    except BundleError as error:  # e.g. a role longer than a line may be: name its row
        raise BundleError([_by_line(problem, lines) for problem in error.problems]) from None


def _details(cell: Callable[[str], str], problems: list[str]) -> dict[str, Any]:
    """Salary (one "50k-60k EUR" column, or from, to and currency apart), location and
    work mode of one row; each bad cell adds a sentence to `problems`."""
    out: dict[str, Any] = {"location": cell("location")}
    try:
        out["work_mode"] = parse_work_mode(cell("work_mode")).value
        out["salary_basis"] = parse_salary_basis(cell("salary_basis")).value
        salary = parse_salary(cell("salary")) if cell("salary") else Salary()
        low, high = cell("salary_min"), cell("salary_max")
        if low or high:
            salary = Salary(
                parse_amount(low) if low else None,
                parse_amount(high) if high else None,
                salary.currency,
            )
            check_range(salary.minimum, salary.maximum)
        currency = parse_currency(cell("salary_currency")) if cell("salary_currency") else ""
        out["salary_min"], out["salary_max"] = salary.minimum, salary.maximum
        out["salary_currency"] = currency or salary.currency
    except ValueError as error:
        problems.append(str(error))
    return out


def _by_line(problem: str, lines: list[int]) -> str:
    match = re.match(r"^file\.opportunities\[(\d+)\]\.?(\w*)[^:]*: (.*)$", problem)
    if not match:
        return problem
    field_name = {"role_title": "Role", "posting_url": "Posting link"}.get(match[2], match[2])
    return f"line {lines[int(match[1])]}: {field_name.replace('_', ' ').capitalize()} {match[3]}"


# ----- writing ---------------------------------------------------------------------------

EXPORT_HEADER = [
    "Company",
    "Role",
    "Status",
    "Applied on",
    "Latest interview",
    "Round",
    "Interviewers",
    "Recruiter",
    "Source",
    "Posting link",
    "Notes",
    "Archived",
    "Location",
    "Work mode",
    "Salary from",
    "Salary to",
    "Currency",
    "Salary basis",
    "Application deadline",
    "Job description",
]


def opportunity_rows(
    bundle: dict[str, Any], tz: tzinfo, progress: Progress = no_progress
) -> list[list[str]]:
    """One row per opportunity with its latest interview and current status."""
    names = {p["ref"]: str(Person(p["name"], p["email"])) for p in bundle["contacts"]}
    rows = []
    for opp in paced(bundle["opportunities"], progress, each=PACE):
        latest = max(opp["interviews"], key=lambda i: i["starts_at"], default=None)
        rows.append(
            [
                opp["company"],
                opp["role_title"],
                Status(opp["status"]).label,
                opp["applied_on"].isoformat() if opp["applied_on"] else "",
                latest["starts_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M") if latest else "",
                latest["round_label"] if latest else "",
                "; ".join(names[ref] for ref in latest["interviewers"]) if latest else "",
                names.get(opp["recruiter"], ""),
                opp["source"],
                opp["posting_url"],
                opp["notes"],
                "yes" if opp["archived"] else "",
                opp["location"],
                WorkMode(opp["work_mode"]).label,
                "" if opp["salary_min"] is None else str(opp["salary_min"]),
                "" if opp["salary_max"] is None else str(opp["salary_max"]),
                opp["salary_currency"],
                opp["salary_basis"] if opp["salary_min"] or opp["salary_max"] else "",
                opp["deadline"].isoformat() if opp["deadline"] else "",
                opp["job_description"],
            ]
        )
    return rows
