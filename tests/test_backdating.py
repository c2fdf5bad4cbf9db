"""The day an outcome happened (issue #21): given on the command line and in the window,
refused when it cannot be, and the history sorted by it."""

from __future__ import annotations

from datetime import date

import pytest

from db.connection import close_database
from db.models import Opportunity, StatusChange
from db.store import open_store
from desktop.domain.forms import FormError, validate_status_change
from desktop.services.queries import opportunity_detail
from desktop.services.reminders import reminders_of
from desktop.services.vocabulary import Status
from tests.conftest import run_cli


def _add(data_dir, clock, *extra: str) -> None:
    done = run_cli(data_dir, "add", "--company=Globex", "--role=Analyst", *extra, clock=clock)
    assert done.returncode == 0, done.stderr


def test_a_no_told_three_weeks_late_sorts_where_it_happened(data_dir, clock) -> None:
    _add(data_dir, clock, "--applied=2026-10-01")
    waiting = run_cli(data_dir, "set-status", "1", "awaiting", "--on=2026-10-20", clock=clock)
    assert waiting.returncode == 0, waiting.stderr
    told = run_cli(data_dir, "set-status", "1", "rejected", "--on=2026-11-01", clock=clock)
    assert told.returncode == 0, told.stderr
    # Told afterwards of an interview-stage step that came between the two.
    between = run_cli(data_dir, "set-status", "1", "interviewing", "--on=2026-10-25", clock=clock)
    assert between.returncode == 0, between.stderr
    open_store(data_dir)
    try:
        history = opportunity_detail(1).history
        days = [change.changed_at.astimezone(clock.tz).date() for change in history]
        assert days == sorted(days)
        assert [change.to_status for change in history][1:] == [
            Status.AWAITING,
            Status.INTERVIEWING,
            Status.NOT_THIS_TIME,
        ]
    finally:
        close_database()


def test_a_backdated_rejection_leaves_its_reply_in_the_past(data_dir, clock) -> None:
    _add(data_dir, clock, "--applied=2026-10-01")
    told = run_cli(data_dir, "set-status", "1", "not this time", "--on=2026-11-01", clock=clock)
    assert told.returncode == 0, told.stderr
    open_store(data_dir)
    try:
        [reply] = [r for r in reminders_of(1) if r.kind.value == "rejection_reply"]
        # Planned from 1 November (a Sunday): the next business day, long gone by now.
        assert reply.due_at.astimezone(clock.tz).date() == date(2026, 11, 2)
        assert reply.due_at < clock.now()
        assert reply.state.value == "past"  # recorded as gone by, not nagging as overdue
        changed = StatusChange.select().order_by(StatusChange.changed_at.desc()).first()
        assert changed.changed_at.astimezone(clock.tz).date() == date(2026, 11, 1)
    finally:
        close_database()


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2026-11-23", "--on: That day hasn't come yet"),
        ("2026-09-30", "--on: That is before you applied (2026-10-01)"),
        ("01/11/2026", "--on: '01/11/2026' is not a date"),
    ],
)
def test_a_day_that_cannot_be_is_one_line_and_exit_2(data_dir, clock, day, words) -> None:
    _add(data_dir, clock, "--applied=2026-10-01")
    refused = run_cli(data_dir, "set-status", "1", "rejected", f"--on={day}", clock=clock)
    assert refused.returncode == 2
    assert words in refused.stderr and refused.stderr.count("\n") == 1
    open_store(data_dir)
    try:
        assert Opportunity.get().status == Status.APPLIED.value  # nothing written
        assert StatusChange.select().count() == 1
    finally:
        close_database()


def test_the_window_refuses_a_day_before_the_application() -> None:
    with pytest.raises(FormError) as raised:
        validate_status_change(
            {"status": "offer", "happened_on": "2026-09-01"},
            today=date(2026, 11, 22),
            earliest=date(2026, 10, 1),
        )
    assert "before you applied" in raised.value.errors["happened_on"]
    fine = validate_status_change(
        {"status": "offer", "happened_on": "2026-10-01"},
        today=date(2026, 11, 22),
        earliest=date(2026, 10, 1),
    )
    assert fine.happened_on == date(2026, 10, 1)


def test_the_outcome_dialog_starts_no_earlier_than_the_application(
    qtbot, store, clock, tmp_path
) -> None:
    from PySide6.QtWidgets import QDateEdit

    from desktop.domain.forms import validate_opportunity
    from desktop.services.opportunities import create_opportunity
    from tests.conftest import open_window

    opportunity_id = create_opportunity(
        validate_opportunity({"company": "Globex", "role": "Analyst", "applied_on": "2026-10-01"}),
        clock,
    )
    window = open_window(qtbot, clock, tmp_path)
    assert window.select_opportunity(opportunity_id)
    dialog = window.change_status_selected(Status.NOT_THIS_TIME)
    assert dialog is not None
    picker = dialog.fields["happened_on"]
    assert isinstance(picker, QDateEdit)
    assert picker.minimumDate().toPython() == date(2026, 10, 1)
    assert picker.maximumDate().toPython() == date(2026, 11, 22)
