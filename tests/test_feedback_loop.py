"""What companies said comes back before the next interview, beside the lessons; the
reply to a "no" offers the reflection; the re-apply check-in brings back the posting and
what the user already knows about the company."""

from __future__ import annotations

import pytest

from db.models import Opportunity, Reminder
from db.vocabulary import Status
from desktop.services.debriefs import DebriefData, save_debrief
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.queries import opportunity_id_of_interview
from desktop.services.reflections import ReflectionData, save_reflection
from desktop.services.reminders import reminder_view
from desktop.ui.reflection_dialog import ReflectionDialog
from tests.conftest import interview_draft, open_window


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    return open_window(qtbot, clock, tmp_path)


def _earlier_with_feedback(clock) -> int:
    earlier = log_interview(
        interview_draft(clock, company="Initech", starts_at="2026-11-23 10:00"), clock
    )
    save_debrief(
        earlier,
        DebriefData(
            felt=2,
            lessons="Lead with the churn numbers",
            feedback="The recruiter said they wanted more on stakeholder work",
        ),
        clock,
    )
    return earlier


def test_feedback_from_the_recruiter_call_comes_back_in_the_next_prep(store, clock) -> None:
    _earlier_with_feedback(clock)
    later = log_interview(
        interview_draft(clock, company="Globex", starts_at="2026-12-02 10:00"), clock
    )
    prep = Reminder.get((Reminder.interview == later) & (Reminder.kind == "prep"))
    why = reminder_view(prep.id).why
    assert "From your earlier debriefs: Lead with the churn numbers" in why
    assert "What companies told you: Initech said: “The recruiter said they wanted more" in why


def test_feedback_in_a_reflection_comes_back_too(store, clock) -> None:
    first = log_interview(interview_draft(clock, company="Initech"), clock)
    opportunity = opportunity_id_of_interview(first)
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    save_reflection(opportunity, ReflectionData(feedback="Another candidate had SQL"), clock)
    clock.advance(days=1)
    later = log_interview(
        interview_draft(clock, company="Globex", starts_at="2026-12-09 10:00"), clock
    )
    prep = Reminder.get((Reminder.interview == later) & (Reminder.kind == "prep"))
    assert "Initech said: “Another candidate had SQL”" in reminder_view(prep.id).why


def test_the_debrief_form_shows_earlier_feedback_and_keeps_its_own(qtbot, window, clock) -> None:
    _earlier_with_feedback(clock)
    later = log_interview(
        interview_draft(clock, company="Globex", starts_at="2026-12-02 10:00"), clock
    )
    dialog = window.open_debrief(later)
    assert "Initech said: “The recruiter said they wanted more" in dialog.lessons_label.text()
    globex = opportunity_id_of_interview(later)
    window.refresh(select_id=globex)
    assert "Initech said: “The recruiter said" in window.detail.body.toPlainText()
    qtbot.keyClicks(dialog.feedback, "Sam: they liked the case study")
    dialog.autosave.flush()
    dialog.close()
    assert window.open_debrief(later).feedback.toPlainText() == "Sam: they liked the case study"


def test_the_rejection_reply_offers_the_reflection_beside_the_note(qtbot, window, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    opportunity = opportunity_id_of_interview(interview)
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    clock.advance(days=3)
    window.refresh()
    reply = Reminder.get(Reminder.kind == "rejection_reply")
    row = window.today.actions_for(reply.id)
    assert row.act_button is not None and row.reflect_button is not None
    row.reflect_button.click()
    assert isinstance(window.active_dialog, ReflectionDialog)
    assert window.active_dialog.opportunity_id == opportunity


def test_the_reapply_check_in_brings_back_the_posting_and_the_history(qtbot, window, clock) -> None:
    interview = log_interview(
        interview_draft(clock, interviewers="Dana Li <dana@acme.example>"), clock
    )
    save_debrief(
        interview, DebriefData(lessons="Bring the portfolio", feedback="Too junior"), clock
    )
    opportunity = opportunity_id_of_interview(interview)
    Opportunity.update(posting_url="https://acme.example/jobs/42").execute()
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    check_in = Reminder.get(Reminder.kind == "reapply_check_in")
    view = reminder_view(check_in.id)
    assert view.link == "https://acme.example/jobs/42"
    assert "Last time you met Dana Li." in view.why
    assert "What you learned: Bring the portfolio" in view.why
    assert "What they told you: Too junior" in view.why
    clock.set(check_in.due_at)
    window.refresh()
    row = window.today.actions_for(check_in.id)
    assert row.link_button is not None
    window.today.link_requested.disconnect()  # no browser from a test
    with qtbot.waitSignal(window.today.link_requested) as opened:
        row.link_button.click()
    assert opened.args == ["https://acme.example/jobs/42"]
