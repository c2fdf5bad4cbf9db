"""The Today view, offscreen: answering updates the list, the title and the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.models import Opportunity, Reminder
from db.vocabulary import Status
from desktop.services.interviews import log_interview
from desktop.ui.main_window import MainWindow
from tests.conftest import interview_draft, open_window


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    return _window_day_after(qtbot, clock, tmp_path, recruiter="Sam <sam@agency.example>")


def _window_day_after(qtbot, clock, tmp_path, **interview: str) -> MainWindow:
    # The interview was on Wednesday; it is now Thursday 26 Nov, 12:00 in Berlin.
    log_interview(interview_draft(clock, **interview), clock)
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    return open_window(qtbot, clock, tmp_path)


def _titles(window) -> list[str]:
    return [view.title for view in window.today.rows.values()]


def test_overdue_and_upcoming_reminders_are_listed_with_a_count(window) -> None:
    titles = _titles(window)
    assert "Write your debrief while it's fresh — Acme, Data Analyst" in titles
    assert "Send a thank-you note to Dana Li — Acme, Data Analyst" in titles
    assert window.tabs.currentWidget() is window.today_page
    due = window.today.due_count
    # Prep (unanswered), debrief, recruiter call, thank-you; the late thank-you at 15:00 is
    # later today: listed, not counted, as the tray badge and `debrief due` do not.
    assert due == 4
    assert window.windowTitle() == f"Debrief ({due})"


def test_done_removes_it_and_is_saved(qtbot, window) -> None:
    thank_you = Reminder.get(Reminder.kind == "thank_you")
    row = window.today.actions_for(thank_you.id)
    row.done_button.click()
    assert Reminder.get_by_id(thank_you.id).state == "done"
    assert thank_you.id not in window.today.rows
    late = Reminder.get(Reminder.kind == "late_thank_you")
    assert late.state == "cancelled" and late.id not in window.today.rows
    # Re-planning also retires the prep reminder of an interview that has begun.
    assert Reminder.get(Reminder.kind == "prep").state == "cancelled"
    assert window.windowTitle() == "Debrief (2)"


def test_snooze_from_the_menu_lands_this_evening(window) -> None:
    debrief = Reminder.get(Reminder.kind == "debrief")
    menu = window.today.actions_for(debrief.id).snooze_menu
    [evening] = [a for a in menu.actions() if a.data() == "evening"]
    evening.trigger()
    row = Reminder.get_by_id(debrief.id)
    assert row.state == "snoozed"
    assert row.due_at == datetime(2026, 11, 26, 18, 0, tzinfo=UTC)  # 19:00 Berlin
    assert debrief.id in window.today.rows  # still this week, shown lower down


def test_dismiss_and_open(window) -> None:
    call = Reminder.get(Reminder.kind == "recruiter_call")
    window.today.actions_for(call.id).open_button.click()
    assert window.tabs.currentWidget() is window.splitter
    assert window.selected_id() == call.opportunity_id
    assert "Call Sam with your feedback" in window.detail.body.toPlainText()
    window.today.actions_for(call.id).dismiss_button.click()
    assert Reminder.get_by_id(call.id).state == "dismissed"


def test_no_response_check_offers_to_close_the_opportunity(window, clock) -> None:
    clock.set(datetime(2026, 12, 28, 11, 0, tzinfo=UTC))
    window.refresh()
    check = Reminder.get(Reminder.kind == "no_response_check")
    button = window.today.actions_for(check.id).no_response_button
    assert button is not None
    button.click()
    assert Opportunity.get_by_id(1).status == Status.NO_RESPONSE
    assert Reminder.get_by_id(check.id).state == "done"
    assert not [
        r
        for r in Reminder.select()
        if r.state in ("pending", "fired", "snoozed") and r.kind != "debrief"
    ]


def test_logging_in_the_window_creates_reminders_at_local_times(qtbot, window) -> None:
    dialog = window.new_interview()
    dialog.fields["company"].setText("Globex")
    dialog.fields["role"].setText("Analytics Engineer")
    dialog.fields["interviewers"].setPlainText("Lee Park <lee@globex.example>")
    dialog.fields["starts_at"].setDateTime(datetime(2026, 11, 30, 11, 0))
    dialog.accept()
    globex = Opportunity.get(Opportunity.role_title == "Analytics Engineer")
    due = {r.kind: r.due_at for r in Reminder.select().where(Reminder.opportunity == globex)}
    assert due["prep"] == datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # 18:00 the evening before
    assert due["debrief"] == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # end + 1 h, 13:00 local


def test_changing_the_outcome_in_the_window_replans(window) -> None:
    window.tabs.setCurrentWidget(window.splitter)
    window.select_opportunity(1)
    dialog = window.change_status_selected(Status.OFFER)
    dialog.fields["offer_deadline"].set_text("2026-12-10")
    dialog.accept()
    assert Opportunity.get_by_id(1).offer_deadline.isoformat() == "2026-12-10"
    assert Reminder.get(Reminder.kind == "offer_reply").due_at == datetime(
        2026, 12, 9, 9, 0, tzinfo=UTC
    )


def test_names_are_shown_as_plain_text(qtbot, store, clock, tmp_path) -> None:
    made = _window_day_after(
        qtbot, clock, tmp_path, company="<b>Bold</b> & Co", interviewers="O'Neil <o@x.example>"
    )
    view = next(v for v in made.today.rows.values() if v.kind.value == "thank_you")
    row = made.today.actions_for(view.id)
    assert row.title.text() == "Send a thank-you note to O'Neil — <b>Bold</b> & Co, Data Analyst"
    assert "&#" not in row.why.text()
