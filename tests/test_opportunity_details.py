"""An opportunity's details (issue #21): salary, location and work mode, application
deadline and the job description, through the schema, the form, the detail pane, the
command line, the JSON and CSV files and the prep reminder."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QPlainTextEdit

from db import migrations
from db.connection import close_database, connect
from db.migrations import migrate, schema_version
from db.models import Opportunity
from db.store import database_path, open_store
from db.vocabulary import SalaryBasis, WorkMode
from desktop.domain.bundle import BundleError, check_bundle
from desktop.domain.details import Salary, parse_amount, parse_currency, parse_salary
from desktop.domain.forms import FormError, validate_interview, validate_opportunity
from desktop.domain.import_source import bundle_from_json
from desktop.domain.spreadsheet import guess_mapping, read_table, table_to_bundle
from desktop.playbook.rules import Kind
from desktop.services.export_bundle import build_bundle, bundle_json
from desktop.services.exporting import export_text
from desktop.services.import_bundle import Duplicates, apply_bundle
from desktop.services.interviews import log_interview
from desktop.services.opportunities import create_opportunity
from desktop.services.queries import opportunity_detail
from desktop.services.reminders import reminders_of
from tests.conftest import open_window, run_cli

DESCRIPTION = "We are looking for an analyst.\nYou will model churn with SQL and Python."

FULL = {
    "company": "Acme",
    "role": "Data Analyst",
    "salary_min": "55k",
    "salary_max": "65,000",
    "salary_currency": "eur",
    "salary_basis": "offered",
    "location": "Lisbon",
    "work_mode": "hybrid",
    "deadline": "2026-12-15",
    "job_description": DESCRIPTION,
}


def _full_draft(**overrides: str):
    return validate_opportunity({**FULL, **overrides})


# ----- schema ---------------------------------------------------------------------------


def test_the_previous_schema_is_migrated_keeping_its_opportunities(data_dir) -> None:
    before = migrations.STEPS.index(migrations._add_opportunity_details)
    database = connect(database_path(data_dir))
    migrate(database, target=before)
    database.execute_sql(
        "INSERT INTO company (name, created_at) VALUES ('Acme', '2025-01-02 03:04:05')"
    )
    database.execute_sql(
        "INSERT INTO opportunity (company_id, role_title, source, posting_url, status, notes,"
        " archived, created_at, updated_at) VALUES (1, 'Analyst', 'board', '', 'applied',"
        " 'kept', 0, '2025-01-02 03:04:05', '2025-01-02 03:04:05')"
    )
    close_database()
    database = open_store(data_dir)
    try:
        assert schema_version(database) == migrations.SCHEMA_VERSION
        row = Opportunity.get()
        assert (row.role_title, row.source, row.notes) == ("Analyst", "board", "kept")
        assert row.salary_min is None and row.salary_max is None and row.deadline is None
        assert (row.salary_currency, row.location, row.job_description) == ("", "", "")
        assert row.salary_basis == SalaryBasis.GIVEN.value
        assert row.work_mode == WorkMode.UNKNOWN.value
    finally:
        close_database()


# ----- validation -----------------------------------------------------------------------


def test_a_full_form_gives_clean_details() -> None:
    draft = _full_draft()
    assert draft.salary == Salary(55_000, 65_000, "EUR", SalaryBasis.OFFERED)
    assert (draft.location, draft.work_mode) == ("Lisbon", WorkMode.HYBRID)
    assert draft.deadline == date(2026, 12, 15)
    assert draft.job_description == DESCRIPTION


def test_every_detail_is_optional() -> None:
    draft = validate_opportunity({"company": "Acme", "role": "Analyst"})
    assert not draft.salary and draft.deadline is None and draft.job_description == ""
    assert draft.work_mode is WorkMode.UNKNOWN


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"salary_min": "70000"}, "salary_max", "below its bottom"),
        ({"salary_min": "lots"}, "salary_min", "not an amount"),
        ({"salary_max": "-5"}, "salary_max", "not an amount"),
        ({"salary_currency": "euros"}, "salary_currency", "three letters"),
        ({"salary_currency": ""}, "salary_currency", "currency too"),
        ({"deadline": "15/12/2026"}, "deadline", "not a date"),
        ({"deadline": "2026-02-30"}, "deadline", "not a date"),
        ({"work_mode": "sometimes"}, "work_mode", "on site, hybrid or remote"),
        ({"job_description": "bad \x07 bell"}, "job_description", "control characters"),
    ],
)
def test_bad_details_are_refused_next_to_their_field(overrides, field, words) -> None:
    with pytest.raises(FormError) as raised:
        _full_draft(**overrides)
    assert words in raised.value.errors[field]
    assert list(raised.value.errors) == [field]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("55000", Salary(55_000, 55_000, "")),
        ("50k-60k EUR", Salary(50_000, 60_000, "EUR")),
        ("€50,000 – €60,000", Salary(50_000, 60_000, "EUR")),
        ("USD 120k", Salary(120_000, 120_000, "USD")),
        ("£45.000 to 50.000", Salary(45_000, 50_000, "GBP")),
    ],
)
def test_salaries_as_people_write_them(raw: str, expected: Salary) -> None:
    assert parse_salary(raw) == expected


def test_amounts_and_currencies() -> None:
    assert parse_amount("55.5k") == 55_500
    assert parse_amount("55 000") == 55_000
    assert parse_currency("€") == "EUR"
    with pytest.raises(ValueError, match="below its bottom"):
        parse_salary("60k-50k EUR")
    with pytest.raises(ValueError, match="out of range"):
        parse_amount("99999999999")


# ----- saved, shown, exported -----------------------------------------------------------


def test_details_are_saved_and_read_back(store, clock) -> None:
    opportunity_id = create_opportunity(_full_draft(), clock)
    detail = opportunity_detail(opportunity_id)
    assert detail.salary.text() == "55,000–65,000 EUR"
    assert detail.salary.basis is SalaryBasis.OFFERED
    assert (detail.location, detail.work_mode, detail.deadline) == (
        "Lisbon",
        WorkMode.HYBRID,
        date(2026, 12, 15),
    )
    assert detail.job_description == DESCRIPTION


def _only_details(opportunity: dict) -> dict:
    names = ("salary_min", "salary_max", "salary_currency", "salary_basis", "location")
    names += ("work_mode", "deadline", "job_description")
    return {name: opportunity[name] for name in names}


def test_json_round_trip_keeps_every_detail(store, clock, tmp_path) -> None:
    create_opportunity(_full_draft(), clock)
    text = bundle_json(build_bundle(clock.now()))
    [written] = json.loads(text)["opportunities"]
    assert written["salary_min"] == 55_000 and written["deadline"] == "2026-12-15"
    close_database()
    open_store(tmp_path / "elsewhere")
    apply_bundle(bundle_from_json(text), Duplicates.SKIP, clock)
    [again] = json.loads(bundle_json(build_bundle(clock.now())))["opportunities"]
    assert _only_details(again) == _only_details(written)
    close_database()


def test_an_export_from_before_the_details_still_imports() -> None:
    bundle = {
        "format": "debrief-export",
        "version": 1,
        "opportunities": [
            {
                "company": "Acme",
                "role_title": "Analyst",
                "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z",
            }
        ],
    }
    [opportunity] = check_bundle(bundle)["opportunities"]
    assert opportunity["salary_min"] is None and opportunity["job_description"] == ""


def test_a_file_with_a_reversed_salary_range_is_refused_whole() -> None:
    bundle = {
        "format": "debrief-export",
        "version": 1,
        "opportunities": [
            {
                "company": "Acme",
                "role_title": "Analyst",
                "salary_min": 70_000,
                "salary_max": 60_000,
                "salary_currency": "eur",
                "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z",
            }
        ],
    }
    with pytest.raises(BundleError) as raised:
        check_bundle(bundle)
    problems = " ".join(raised.value.problems)
    assert "salary_max: 60000 is below salary_min 70000" in problems
    assert "salary_currency: expected a currency code" in problems


def test_csv_round_trip_keeps_every_detail(store, clock, tmp_path) -> None:
    create_opportunity(_full_draft(), clock)
    text = export_text("csv", clock)
    header = read_table(text).headers
    for column in ("Location", "Work mode", "Salary from", "Currency", "Application deadline"):
        assert column in header
    close_database()
    open_store(tmp_path / "other")
    table = read_table(text)
    bundle = table_to_bundle(table, guess_mapping(table.headers), clock.tz, clock.now())
    apply_bundle(bundle, Duplicates.SKIP, clock)
    row = Opportunity.get()
    assert (row.salary_min, row.salary_max, row.salary_currency) == (55_000, 65_000, "EUR")
    assert (row.salary_basis, row.location, row.work_mode) == ("offered", "Lisbon", "hybrid")
    assert row.deadline == date(2026, 12, 15)
    assert row.job_description == DESCRIPTION
    close_database()


def test_another_trackers_columns_are_recognised_and_checked(clock) -> None:
    text = (
        "Company,Position,Salary,Remote/Hybrid,Location,Closing date,Job description\n"
        'Acme,Analyst,"€50k-60k",Remote,Porto,15/12/2026,"Model churn."\n'
        "Birch,Engineer,70k-60k USD,Hybrid,Oslo,2026-12-01,\n"
        "Cedar,Designer,40000 GBP,sometimes,Leeds,never,\n"
    )
    table = read_table(text)
    mapping = guess_mapping(table.headers)
    assert {"salary", "work_mode", "location", "deadline", "job_description"} <= set(mapping)
    with pytest.raises(BundleError) as raised:
        table_to_bundle(table, mapping, clock.tz, clock.now())
    problems = raised.value.problems
    assert len(problems) == 2  # all or nothing: the good row waits for the others
    assert problems[0].startswith("line 3:") and "below its bottom" in problems[0]
    assert problems[1].startswith("line 4:") and "work mode" in problems[1]
    good = read_table("\n".join(text.splitlines()[:2]))
    [opportunity] = table_to_bundle(good, mapping, clock.tz, clock.now())["opportunities"]
    assert (opportunity["salary_min"], opportunity["salary_currency"]) == (50_000, "EUR")
    assert (opportunity["work_mode"], opportunity["deadline"]) == ("remote", date(2026, 12, 15))


def test_a_yes_no_remote_column_reads_as_remote_or_unsaid(clock) -> None:
    table = read_table("Company,Role,Remote\nAcme,Analyst,yes\nBirch,Tester,no\n")
    bundle = table_to_bundle(table, guess_mapping(table.headers), clock.tz, clock.now())
    assert [o["work_mode"] for o in bundle["opportunities"]] == ["remote", ""]


# ----- the prep reminder ----------------------------------------------------------------


def test_the_prep_reminder_says_the_job_description_is_kept(store, clock) -> None:
    opportunity_id = create_opportunity(_full_draft(), clock)
    starts = (clock.now() + timedelta(days=3)).astimezone(clock.tz)
    draft = validate_interview(
        {"company": "Acme", "role": "Data Analyst", "starts_at": f"{starts:%Y-%m-%d} 14:00"},
        clock.tz,
    )
    log_interview(draft, clock, opportunity_id)
    [prep] = [v for v in reminders_of(opportunity_id) if v.kind is Kind.PREP]
    assert "job description you kept" in prep.why
    assert "We are looking for an analyst. You will model churn" in prep.why


# ----- the window -----------------------------------------------------------------------


def _type(dialog, values: dict[str, str]) -> None:
    dialog.set_values(values)


def test_the_form_saves_details_and_shows_them_in_the_pane(qtbot, store, clock, tmp_path):
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.new_opportunity()
    _type(dialog, {**FULL, "salary_currency": "EUR"})
    deadline = dialog.fields["deadline"]
    assert deadline.text() == "2026-12-15"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.detail.detail is not None)
    html = window.detail.body.toPlainText()
    assert "Salary: 55,000–65,000 EUR (as offered)" in html
    assert "Location: Lisbon, Hybrid" in html
    assert "Applications close: 15 Dec 2026" in html
    assert "Job description" in html and "model churn with SQL" in html


def test_the_form_refuses_a_reversed_range_inline(qtbot, store, clock, tmp_path) -> None:
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.new_opportunity()
    _type(dialog, {**FULL, "salary_min": "90000"})
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and Opportunity.select().count() == 0
    assert "below its bottom" in dialog.error_labels["salary_max"].text()
    maximum = dialog.fields["salary_max"]
    assert isinstance(maximum, QLineEdit)
    maximum.setText("95000")  # fixed: the message follows the edit and goes
    assert dialog.error_labels["salary_max"].text() == ""


def test_editing_shows_the_saved_details(qtbot, store, clock, tmp_path) -> None:
    opportunity_id = create_opportunity(_full_draft(), clock)
    window = open_window(qtbot, clock, tmp_path)
    assert window.select_opportunity(opportunity_id)
    dialog = window.edit_selected()
    assert dialog is not None
    fields = dialog.fields
    assert isinstance(fields["salary_min"], QLineEdit) and fields["salary_min"].text() == "55000"
    assert isinstance(fields["work_mode"], QComboBox)
    assert fields["work_mode"].currentData() == "hybrid"
    assert isinstance(fields["job_description"], QPlainTextEdit)
    assert fields["job_description"].toPlainText() == DESCRIPTION


# ----- the command line -----------------------------------------------------------------


def test_add_and_edit_details_from_the_command_line(data_dir, tmp_path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(DESCRIPTION, encoding="utf-8")
    added = run_cli(
        data_dir,
        "add",
        "--company=Acme",
        "--role=Data Analyst",
        "--salary=50k-60k EUR",
        "--location=Lisbon",
        "--work-mode=remote",
        "--deadline=2026-12-15",
        f"--description-file={posting}",
    )
    assert added.returncode == 0, added.stderr
    assert "opportunity 1" in added.stdout
    edited = run_cli(data_dir, "edit", "1", "--salary-as=offered", "--salary-to=62000")
    assert edited.returncode == 0, edited.stderr
    open_store(data_dir)
    try:
        row = Opportunity.get()
        assert (row.salary_min, row.salary_max, row.salary_currency) == (50_000, 62_000, "EUR")
        assert (row.salary_basis, row.work_mode, row.location) == ("offered", "remote", "Lisbon")
        assert row.job_description == DESCRIPTION and row.deadline == date(2026, 12, 15)
    finally:
        close_database()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--salary=60k-50k EUR"], "--salary: The top of the range is below its bottom"),
        (["--salary=55000"], "--currency: Give the currency too"),
        (["--currency=euro", "--salary=5"], "--currency: 'euro' is not a currency code"),
        (["--deadline=tomorrow"], "--deadline: 'tomorrow' is not a date"),
        (["--work-mode=sometimes"], "--work-mode: unknown work mode"),
        (["--description-file=/nonexistent/posting.txt"], "--description-file: cannot read"),
    ],
)
def test_bad_details_on_the_command_line_are_one_line_and_exit_2(data_dir, args, words) -> None:
    result = run_cli(data_dir, "add", "--company=Acme", "--role=Analyst", *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
