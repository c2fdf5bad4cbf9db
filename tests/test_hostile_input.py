"""Random and hostile input through import and the command line: a clear message for each
rejection, no crash, no partial write, and what is accepted comes back exactly."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.connection import DB
from db.models import Opportunity
from desktop.cli import run
from desktop.domain.bundle import BundleError, check_bundle
from desktop.domain.clock import FixedClock
from desktop.domain.forms import FormError, validate_interview
from desktop.domain.spreadsheet import guess_mapping, read_table, table_to_bundle
from desktop.services.export_bundle import build_bundle, bundle_json
from desktop.services.exporting import export_text
from desktop.services.import_bundle import Duplicates, apply_bundle
from desktop.services.interviews import log_interview
from tests.conftest import interview_draft

_FRESH = itertools.count()
CLOCK = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), tz="Europe/Berlin")
SHARP = [
    "'; DROP TABLE opportunity; --",
    'Robert"); DELETE FROM reminder; --',
    "\u202egnp.exe",
    "مرحبا بالعالم",
    "שלום",
    "🙂👩🏽‍💻" * 10,
    '=HYPERLINK("http://x")',
    "+1-2",
    "@cmd",
    "a\x00b",
    "tab\tand\rreturn",
    "\ufeffBOM",
    "",
]
hostile = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80
) | st.sampled_from(SHARP)
fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _counts() -> tuple[int, ...]:
    return tuple(
        DB.execute_sql(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("opportunity", "interview", "status_change", "reminder", "company")
    )


@fuzz
@given(rows=st.lists(st.lists(hostile, min_size=4, max_size=4), min_size=1, max_size=6))
def test_any_spreadsheet_imports_whole_or_not_at_all(store, rows) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Company", "Role", "Status", "Applied on"])
    writer.writerows(rows)
    before = _counts()
    try:
        table = read_table(out.getvalue())
        bundle = table_to_bundle(table, guess_mapping(table.headers), CLOCK.tz, CLOCK.now())
    except (ValueError, BundleError) as error:  # BundleError is a ValueError too
        assert str(error).strip()
        assert _counts() == before
        return
    apply_bundle(bundle, Duplicates.SKIP, CLOCK)
    # What was accepted is stored exactly: exporting and reading it back gives the same text.
    exported = read_table(export_text("csv", CLOCK))
    stored = {(cells[0], cells[1]) for _, cells in exported.rows}
    for opp in bundle["opportunities"]:
        assert (_shown(opp["company"]), _shown(opp["role_title"])) in stored


def _shown(text: str) -> str:
    from desktop.domain.spreadsheet import neutralise

    return neutralise(text)


@fuzz
@given(field=st.sampled_from(["company", "role_title", "notes", "status", "applied_on"]),
       value=hostile | st.integers() | st.none() | st.lists(st.integers(), max_size=2))  # fmt: skip
def test_a_tampered_export_is_refused_with_a_reason_or_imported_whole(store, field, value) -> None:
    if Opportunity.select().count() == 0:
        log_interview(interview_draft(CLOCK), CLOCK)
    data = json.loads(bundle_json(build_bundle(CLOCK.now())))
    # A role not seen before, so the opportunity is new (examples share one database).
    data["opportunities"][0]["role_title"] += f" #{next(_FRESH)}"
    data["opportunities"][0][field] = value
    before = _counts()
    try:
        bundle = check_bundle(data)
    except BundleError as error:
        assert error.problems and all(p.startswith("file.opportunities[0]") for p in error.problems)
        assert _counts() == before
        return
    apply_bundle(bundle, Duplicates.SKIP, CLOCK)
    assert _counts() != before


@fuzz
@given(
    command=st.sampled_from(["log-interview", "set-status", "done", "snooze", "list", "due"]),
    args=st.lists(hostile | st.sampled_from(["--at", "--company", "--role", "--for", "1"]),
                  max_size=6),
)  # fmt: skip
def test_the_command_line_answers_anything_with_one_line(tmp_path_factory, capsys, command, args):
    data = tmp_path_factory.mktemp("cli")
    try:
        code = run(["--data-dir", str(data), command, *[a.replace("\x00", "") for a in args]])
    finally:
        from db.connection import close_database

        close_database()
    captured = capsys.readouterr()
    assert isinstance(code, int)
    if code != 0:
        assert captured.err.startswith("debrief: ")
        assert len(captured.err.strip().splitlines()) == 1
        assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("size", "accepted"), [(150_000, True), (1_000_000, False)], ids=["150k", "1MB"]
)
def test_long_notes_are_kept_whole_or_refused_clearly(store, size, accepted) -> None:
    notes = ("Long note with ünïcödé 🙂 and \u202bשלום\u202c. " * (size // 40 + 1))[:size]
    try:
        draft = validate_interview(
            {"company": "Acme", "role": "Analyst", "starts_at": "2026-11-25 10:00", "notes": notes},
            CLOCK.tz,
        )
    except FormError as error:
        assert not accepted and "too long" in error.errors["notes"]
        return
    assert accepted
    interview = log_interview(draft, CLOCK)
    [exported] = build_bundle(CLOCK.now())["opportunities"]
    assert exported["interviews"][0]["notes"] == notes and interview


@pytest.mark.parametrize("when", ["0001-01-01 00:00", "9999-12-31 23:59", "1899-12-31 10:00"])
def test_dates_far_away_are_refused_with_a_message(when: str) -> None:
    with pytest.raises(FormError) as raised:
        validate_interview({"company": "A", "role": "B", "starts_at": when}, CLOCK.tz)
    assert "out of range" in raised.value.errors["starts_at"]
