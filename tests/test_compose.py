"""The compose dialog, offscreen: the right template from each reminder, gaps, mailto,
clipboard, answering the reminder, and editing and restoring templates."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from db.models import Contact, Reminder
from desktop.services import notes
from desktop.services.interviews import log_interview
from desktop.services.notes import context_for, context_for_reminder
from desktop.ui.compose_dialog import ComposeDialog, TemplateEditor
from tests.conftest import interview_draft, open_window


@pytest.fixture
def logged(store, clock) -> int:
    return log_interview(
        interview_draft(
            clock,
            interviewers="Dana Li <dana@acme.example>\nOmar Haddad <omar@acme.example>",
            recruiter="Sam Roe <sam@agency.example>",
        ),
        clock,
    )


def _dialog(qtbot, clock, context, answers=(True,)):
    opened: list[str] = []
    asked: list[str] = []
    replies = list(answers)

    def confirm(title: str, text: str) -> bool:
        asked.append(text)
        return replies.pop(0) if replies else False

    def open_url(url: QUrl) -> bool:
        opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True

    dialog = ComposeDialog(context, clock, confirm, open_url)
    qtbot.addWidget(dialog)
    return dialog, opened, asked


def test_each_thank_you_reminder_opens_its_template_for_its_person(qtbot, logged, clock) -> None:
    reminders = Reminder.select().where(Reminder.kind == "thank_you")
    names = set()
    for reminder in reminders:
        context = context_for_reminder(reminder.id, clock.tz)
        dialog, _, _ = _dialog(qtbot, clock, context)
        assert dialog.template_name() == "thank_you"
        names.add(dialog.values()["their_name"])
        assert dialog.body.toPlainText().startswith(f"Dear {dialog.values()['their_name']},")
    assert names == {"Dana Li", "Omar Haddad"}
    call = context_for_reminder(Reminder.get(Reminder.kind == "recruiter_call").id, clock.tz)
    assert call.template == "recruiter_call"


def test_gaps_are_listed_until_filled_and_the_profile_is_remembered(qtbot, logged, clock) -> None:
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock.tz))
    assert "[your name?]" in dialog.body.toPlainText()
    assert "[a topic you discussed?]" in dialog.gap_label.text()
    qtbot.keyClicks(dialog.your_name, "Alex Moreau")
    qtbot.keyClicks(dialog.topic, "the churn dashboard")
    qtbot.keyClicks(dialog.strengths, "SQL")
    assert dialog.gap_label.text() == ""
    assert dialog.body.toPlainText().rstrip().endswith("Alex Moreau")
    dialog.copy()
    assert QGuiApplication.clipboard().text().startswith("Thank you for today — Data Analyst")
    assert notes.load_profile() == notes.Profile("Alex Moreau", "SQL")


def test_open_in_email_builds_an_encoded_mailto_and_offers_to_answer(qtbot, logged, clock) -> None:
    dana = Contact.get(Contact.name == "Dana Li")
    reminder = Reminder.get((Reminder.kind == "thank_you") & (Reminder.contact == dana))
    dialog, opened, asked = _dialog(qtbot, clock, context_for_reminder(reminder.id, clock.tz))
    qtbot.keyClicks(dialog.topic, "Q&A #1 = 100%")
    dialog.open_in_email()
    (link,) = opened
    assert link.startswith("mailto:dana@acme.example?subject=Thank%20you%20for%20today")
    body = unquote(link.split("&body=", 1)[1])
    assert "Q&A #1 = 100%" in body and "\r\n" in body
    assert asked and Reminder.get_by_id(reminder.id).state == "done"
    dialog.open_in_email()  # already done: not asked again
    assert len(asked) == 1


def test_declining_to_mark_done_keeps_the_reminder(qtbot, logged, clock) -> None:
    reminder = Reminder.get(Reminder.kind == "recruiter_call")
    dialog, _, asked = _dialog(
        qtbot, clock, context_for_reminder(reminder.id, clock.tz), answers=(False,)
    )
    dialog.copy()
    assert asked and Reminder.get_by_id(reminder.id).state == "pending"


def test_hand_edits_survive_changing_the_fields_until_reset(qtbot, logged, clock) -> None:
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock.tz))
    dialog.body.setPlainText("My own words, {{not a placeholder}}")
    qtbot.keyClicks(dialog.your_name, "Alex")
    assert dialog.body.toPlainText() == "My own words, {{not a placeholder}}"
    dialog.refresh_button.click()
    assert dialog.body.toPlainText().startswith("Dear Dana Li,")


def test_a_template_can_be_edited_and_restored(qtbot, logged, clock) -> None:
    editor = TemplateEditor("follow_up")
    qtbot.addWidget(editor)
    editor.text.setPlainText("Subject: Checking in, {{company}}\n\nHi {{their_name}}!")
    editor.accept()
    assert notes.is_customised("follow_up")
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock.tz, "follow_up"))
    assert dialog.subject.text() == "Checking in, Acme"
    assert dialog.body.toPlainText() == "Hi Dana Li!"
    restore = TemplateEditor("follow_up")
    qtbot.addWidget(restore)
    restore.restore_button.click()
    assert not notes.is_customised("follow_up")
    assert notes.template_text("follow_up") == notes.shipped_template("follow_up")


def test_the_window_opens_compose_from_a_reminder_and_from_the_detail(
    qtbot, logged, clock, tmp_path
) -> None:
    window = open_window(qtbot, clock, tmp_path)
    clock.advance(days=3, hours=5)  # Wednesday 15:00 in Berlin: the thank-yous are due
    window.refresh()
    thank_you = Reminder.get(Reminder.kind == "thank_you")
    window.today.rows[thank_you.id].act_button.click()
    assert isinstance(window.active_dialog, ComposeDialog)
    assert window.active_dialog.template_name() == "thank_you"
    window.refresh(select_id=thank_you.opportunity_id)
    window.detail.note_button.click()
    assert isinstance(window.active_dialog, ComposeDialog)
