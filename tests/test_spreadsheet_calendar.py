"""CSV and iCalendar exports read back by independent readers, and spreadsheet imports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from db.models import Interview, Opportunity
from desktop.domain.bundle import BundleError
from desktop.domain.calendar_file import escape_text, fold
from desktop.domain.spreadsheet import (
    EXPORT_HEADER,
    detect_day_first,
    guess_mapping,
    neutralise,
    parse_loose_date,
    parse_loose_datetime,
    read_table,
    table_to_bundle,
)
from desktop.services.exporting import export_text
from desktop.services.import_bundle import Duplicates, apply_bundle, preview
from tests.histories import rich_history

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


# ----- CSV out ---------------------------------------------------------------------------


def test_csv_export_has_a_row_per_opportunity_with_its_latest_interview(store, clock) -> None:
    rich_history(clock)
    text = export_text("csv", clock, bom=True)
    assert text.startswith('\ufeff"Company"')
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[0] == EXPORT_HEADER
    acme = dict(zip(EXPORT_HEADER, rows[1], strict=True))
    assert acme["Latest interview"] == "2026-10-25 10:00"  # Berlin time, as typed
    assert acme["Interviewers"] == (
        'Dana Li <dana@acme.example>; Sam "Q" O\'Neil <sam@acme.example>'
    )
    assert acme["Recruiter"] == "Rita Recruiter <rita@acme.example>"
    assert rows[2][2] == "Not this time"
    assert rows[3][1] == "'-Lead"  # would run as a formula in a spreadsheet
    assert "\r\n" in text and len(rows) == 4


@pytest.mark.parametrize("cell", ["=1+1", "+41 79", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("Acme = good") == "Acme = good"


def test_own_csv_imports_back_into_an_empty_folder(store, clock, tmp_path) -> None:
    from db.connection import close_database
    from db.store import open_store

    rich_history(clock)
    text = export_text("csv", clock)
    close_database()
    open_store(tmp_path / "other")
    table = read_table(text)
    mapping = guess_mapping(table.headers)
    assert set(mapping) >= {"company", "role", "status", "applied_on", "interview_at", "notes"}
    bundle = table_to_bundle(table, mapping, BERLIN, NOW)
    apply_bundle(bundle, Duplicates.SKIP, clock)
    roles = [o.role_title for o in Opportunity.select().order_by(Opportunity.id)]
    assert roles == ["Data Analyst", "Analyst", "-Lead"]
    assert Opportunity.get(Opportunity.role_title == "Analyst").status == "not_this_time"
    assert Interview.select().count() == 3
    close_database()


# ----- CSV in ----------------------------------------------------------------------------


def test_another_trackers_sheet_is_mapped_and_its_dates_read() -> None:
    text = (
        "Employer;Position;Stage;Date Applied;Comments\n"
        'Acme;Analyst;Rejected;13/10/2026;"two\nlines"\n'
        "Globex;Lead;;3 Nov 2026;\n"
    )
    table = read_table(text)
    mapping = guess_mapping(table.headers)
    assert mapping == {"company": 0, "role": 1, "status": 2, "applied_on": 3, "notes": 4}
    assert detect_day_first(table, mapping) is True
    bundle = table_to_bundle(table, mapping, BERLIN, NOW)
    first, second = bundle["opportunities"]
    assert (first["status"], first["applied_on"], first["notes"]) == (
        "not_this_time",
        date(2026, 10, 13),
        "two\nlines",
    )
    assert (second["status"], second["applied_on"]) == ("applied", date(2026, 11, 3))


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(store, clock) -> None:
    text = (
        "Company,Role,Status,Applied on\n"
        "Acme,Analyst,applied,2026-11-01\n"
        '"Multi\nline",Analyst,maybe,2026-11-02\n'
        ",Lead,applied,2026-13-45\n"
    )
    table = read_table(text)
    with pytest.raises(BundleError) as raised:
        table_to_bundle(table, guess_mapping(table.headers), BERLIN, NOW)
    problems = raised.value.problems
    assert problems[0].startswith("line 3: unknown status 'maybe'")
    assert problems[1].startswith("line 5: '2026-13-45' is not a real date")
    assert "Company is empty" in problems[1]
    assert Opportunity.select().count() == 0


def test_missing_required_column_says_which() -> None:
    table = read_table("Employer,Notes\nAcme,x\n")
    with pytest.raises(BundleError, match="no column chosen for Role"):
        table_to_bundle(table, guess_mapping(table.headers), BERLIN, NOW)


def test_spreadsheet_duplicates_are_found_against_the_database(store, clock) -> None:
    table = read_table(
        "Company,Role,Applied on,Interview date\n"
        "Acme,Analyst,2026-11-01,2026-11-25 10:00\n"
        "acme , analyst,1.11.2026,\n"
    )
    bundle = table_to_bundle(table, guess_mapping(table.headers), BERLIN, NOW)
    shown = preview(bundle, Duplicates.SKIP)
    assert len(shown.added) == 1 and len(shown.duplicates) == 1
    apply_bundle(bundle, Duplicates.SKIP, clock)
    assert Opportunity.select().count() == 1
    assert Opportunity.get().reminders.count() > 0  # the playbook planned the next steps


@pytest.mark.parametrize(
    ("raw", "day_first", "expected"),
    [
        ("2026-11-03", True, date(2026, 11, 3)),
        ("2026/11/03", True, date(2026, 11, 3)),
        ("03.11.2026", False, date(2026, 11, 3)),
        ("3/11/2026", True, date(2026, 11, 3)),
        ("3/11/2026", False, date(2026, 3, 11)),
        ("3/11/26", True, date(2026, 11, 3)),
        ("3 Nov 2026", True, date(2026, 11, 3)),
        ("3rd November, 2026", True, date(2026, 11, 3)),
        ("Nov 3, 2026", True, date(2026, 11, 3)),
        ("03-Nov-2026", True, date(2026, 11, 3)),
    ],
)
def test_common_date_formats(raw: str, day_first: bool, expected: date) -> None:
    assert parse_loose_date(raw, day_first) == expected


@pytest.mark.parametrize("raw", ["yesterday", "31/02/2026", "1/1/1850", "2026-11"])
def test_dates_that_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_loose_date(raw)


def test_times_in_24_hour_and_am_pm() -> None:
    assert parse_loose_datetime("2026-11-03 14:30", BERLIN) == datetime(
        2026, 11, 3, 13, 30, tzinfo=UTC
    )
    assert parse_loose_datetime("Nov 3, 2026 2:30 pm", BERLIN).hour == 13
    assert parse_loose_datetime("3/11/2026", BERLIN).hour == 8  # a bare date: 09:00 local


@pytest.mark.parametrize("text", ["", "   \n", "\ufeff"])
def test_an_empty_table_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"empty|no rows"):
        read_table(text)


# ----- iCalendar -------------------------------------------------------------------------


def test_calendar_export_is_read_back_by_an_independent_parser(store, clock) -> None:
    rich_history(clock)
    text = export_text("ics", clock)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events = [c for c in calendar.walk("VEVENT")]
    todos = [c for c in calendar.walk("VTODO")]
    assert len(events) == 3 and todos
    acme = next(e for e in events if "Acme" in str(e["SUMMARY"]))
    assert str(acme["SUMMARY"]) == "Interview: Acme, Data Analyst (Phone screen, first)"
    assert acme.decoded("DTSTART") == datetime(2026, 10, 25, 9, 0, tzinfo=UTC)
    assert "=SUM(A1) 😀" in str(acme["DESCRIPTION"])
    assert "we'll be in touch\", next week" in str(acme["DESCRIPTION"])
    assert str(next(e for e in events if "Globex" in str(e["SUMMARY"]))["LOCATION"]) == "@HQ"


def test_calendar_uids_stay_the_same_across_exports_and_edits(store, clock) -> None:
    ids = rich_history(clock)
    first = icalendar.Calendar.from_ical(export_text("ics", clock))
    interview = Interview.get_by_id(ids["acme_interview"])
    interview.location = "Room 4"
    interview.save()
    clock.advance(hours=5)
    second = icalendar.Calendar.from_ical(export_text("ics", clock))

    def uids(calendar, kind):
        return sorted(str(c["UID"]) for c in calendar.walk(kind))

    assert uids(first, "VEVENT") == uids(second, "VEVENT")
    assert len(set(uids(first, "VEVENT"))) == 3


def test_text_escaping_and_folding_follow_rfc_5545() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "DESCRIPTION:" + "é" * 100
    folded = fold(long)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long


def test_a_row_for_an_opportunity_typed_without_a_date_is_already_there(store, clock) -> None:
    """The window's Ctrl+N leaves the application date empty; the spreadsheet has one."""
    from desktop.services.interviews import log_interview
    from tests.conftest import interview_draft

    log_interview(interview_draft(clock, company="Quartz Mining Group"), clock)
    table = read_table(
        "Company,Role,Applied on\n"
        "Quartz Mining Group,Data Analyst,2026-11-01\n"
        "Globex,Analyst,2026-11-02\n"
        "Globex,Analyst,\n"  # the same application again, without its date
        "Globex,Analyst,2027-05-02\n"  # applying again months later is a new one
    )
    bundle = table_to_bundle(table, guess_mapping(table.headers), BERLIN, NOW)
    shown = preview(bundle, Duplicates.SKIP)
    assert shown.sentence() == "2 opportunities to add, 2 already there (skipped)."
    apply_bundle(bundle, Duplicates.MERGE, clock)
    assert Opportunity.select().count() == 3
    quartz = Opportunity.get(Opportunity.role_title == "Data Analyst")
    assert quartz.applied_on == date(2026, 11, 1)  # merged: the date it lacked is added


def test_a_csv_written_in_paced_pieces_is_the_csv_written_at_once() -> None:
    from desktop.domain.spreadsheet import PACE, neutralise, write_csv

    rows = [
        [f"Company {n}", "=cmd" if n % 7 == 0 else f'Role "{n}"', "a\nb"]
        for n in range(PACE * 3 + 5)
    ]
    words: list[tuple[int, int]] = []
    written = write_csv(["A", "B", "C"], rows, progress=lambda d, t: words.append((d, t)) or True)
    at_once = io.StringIO()
    writer = csv.writer(at_once, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["A", "B", "C"])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    assert written == at_once.getvalue()
    assert words == [(0, 0)] * 4  # one word after each piece of PACE rows
