"""The debrief form and the reflection, offscreen: typed, autosaved, reopened, finished."""

from __future__ import annotations

import pytest

from db.models import Reminder
from db.vocabulary import Status
from desktop.services.debriefs import DebriefData, QuestionEntry, load_debrief, save_debrief
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.reflections import load_reflection
from desktop.ui.autosave import AUTOSAVE_MS
from desktop.ui.debrief_dialog import DebriefDialog
from tests.conftest import interview_draft, open_window


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    return open_window(qtbot, clock, tmp_path)


def _autosaved(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.autosave.dirty, timeout=AUTOSAVE_MS * 10)


def test_the_debrief_reminder_opens_the_form_and_typing_is_saved(qtbot, window, clock) -> None:
    interview = log_interview(interview_draft(clock, starts_at="2026-11-22 08:00"), clock)
    window.refresh()
    debrief = Reminder.get(Reminder.kind == "debrief")
    row = window.today.actions_for(debrief.id)
    assert row.act_button is not None and row.act_button.text() == "Write debrief"
    row.act_button.click()
    dialog = window.active_dialog
    assert isinstance(dialog, DebriefDialog) and dialog.isVisible()

    dialog.felt.button(2).click()
    dialog.prediction.setCurrentIndex(dialog.prediction.findData("not"))
    qtbot.keyClicks(dialog.account, "Late start, good case study.")
    first_question, _note, _remove = dialog.questions.rows[0]
    qtbot.keyClicks(first_question, "Why are you leaving?")
    box, why = dialog.common["why_leaving"]
    box.click()
    qtbot.keyClicks(why, "Had no short answer ready")
    dialog.own_mistakes.add_row("Forgot her name", "Nerves")
    qtbot.keyClicks(dialog.made_harder, "Typing throughout")
    qtbot.keyClicks(dialog.lessons, "Two-sentence answer for why I'm leaving")
    _autosaved(qtbot, dialog)
    saved = load_debrief(interview)
    assert (saved.felt, saved.prediction) == (2, "not")
    assert saved.account == "Late start, good case study."
    assert saved.questions == (QuestionEntry("Why are you leaving?"),)
    assert [m.mistake for m in saved.mistakes] == ["why_leaving", "Forgot her name"]
    assert saved.made_harder == "Typing throughout"
    assert Reminder.get_by_id(debrief.id).state != "done"  # still being written

    dialog.done_button.click()
    assert Reminder.get_by_id(debrief.id).state == "done"
    assert debrief.id not in window.today.rows


def test_reopening_continues_where_it_was_left(qtbot, window, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    save_debrief(
        interview,
        DebriefData(
            felt=4, account="Went fine", questions=(QuestionEntry("Salary?", "Deflected"),)
        ),
        clock,
    )
    window.refresh(select_id=Reminder.get(Reminder.kind == "debrief").opportunity_id)
    assert "Continue debrief" in window.detail.body.toHtml()
    dialog = window.open_debrief(interview)
    assert dialog.felt.checkedId() == 4
    assert dialog.account.toPlainText() == "Went fine"
    assert [(q.text(), n.text()) for q, n, _ in dialog.questions.rows] == [("Salary?", "Deflected")]
    assert dialog.data() == load_debrief(interview)


def test_closing_with_nothing_written_leaves_the_reminder_open(qtbot, window, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    dialog = window.open_debrief(interview)
    dialog.close()
    assert Reminder.get(Reminder.kind == "debrief").state == "pending"
    assert load_debrief(interview).is_blank()


def test_lessons_from_earlier_debriefs_show_in_the_form_and_the_detail(
    qtbot, window, clock
) -> None:
    first = log_interview(interview_draft(clock, starts_at="2026-11-23 10:00"), clock)
    save_debrief(first, DebriefData(lessons="Ask my questions at the end"), clock)
    second = log_interview(
        interview_draft(clock, company="Globex", starts_at="2026-12-01 10:00"), clock
    )
    dialog = window.open_debrief(second)
    assert "Ask my questions at the end" in dialog.lessons_label.text()
    globex = Reminder.get((Reminder.interview == second) & (Reminder.kind == "prep")).opportunity_id
    window.refresh(select_id=globex)
    html = window.detail.body.toPlainText()
    assert "Lessons from your earlier debriefs" in html and "Ask my questions at the end" in html


def test_the_question_bank_tab_lists_and_searches(qtbot, window, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    save_debrief(
        interview,
        DebriefData(
            questions=(QuestionEntry("Biggest failure?", "Q3 story"), QuestionEntry("Why us?"))
        ),
        clock,
    )
    window.refresh()
    bank = window.questions
    assert bank.model.rowCount() == 2
    qtbot.keyClicks(bank.search, "failure")
    assert bank.model.rowCount() == 1
    assert bank.model.index(0, 2).data() == "Acme"


def test_question_bank_model_passes_qt_checks(qtmodeltester, window, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    save_debrief(interview, DebriefData(questions=(QuestionEntry("Why us?"),)), clock)
    window.refresh()
    qtmodeltester.check(window.questions.model)


def test_after_not_this_time_a_reflection_can_be_written(qtbot, window, clock) -> None:
    log_interview(interview_draft(clock), clock)
    opportunity = Reminder.get(Reminder.kind == "debrief").opportunity_id
    window.refresh(select_id=opportunity)
    assert not window.detail.reflect_button.isVisible()
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    window.refresh(select_id=opportunity)
    assert window.detail.reflect_button.isVisible()
    window.detail.reflect_button.click()
    dialog = window.active_dialog
    dialog.outside[6].click()
    qtbot.keyClicks(dialog.checks[1], "Not enough numbers")
    qtbot.keyClicks(dialog.feedback, "Another candidate had more SQL")
    dialog.close()
    saved = load_reflection(opportunity)
    assert saved.outside == frozenset({6})
    assert saved.checks == {1: "Not enough numbers"}
    assert saved.feedback == "Another candidate had more SQL"


def test_an_interview_deleted_while_its_debrief_is_open_is_reported(qtbot, window, clock) -> None:
    from desktop.services.interviews import delete_interview

    interview = log_interview(interview_draft(clock), clock)
    dialog = window.open_debrief(interview)
    delete_interview(interview, clock)
    qtbot.keyClicks(dialog.account, "Still typing")
    dialog.autosave.flush()
    assert "deleted elsewhere" in dialog.saved_label.text()
    dialog.done_button.click()  # closes without an error
