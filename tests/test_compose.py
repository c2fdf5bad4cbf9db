"""The compose dialog, offscreen: the right note for each reminder and state, greetings and
date words, swapping the recipient, suggested topics, the profile asked once, mailto with
and without a mail program, the sent notes, and editing and restoring templates."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from db.models import Contact, Reminder, SentNote
from db.vocabulary import Status
from desktop.services import notes
from desktop.services.interviews import log_interview
from desktop.services.notes import Profile, context_for, context_for_reminder, save_profile
from desktop.services.opportunities import change_status
from desktop.ui.compose_dialog import ComposeDialog, TemplateEditor
from tests.conftest import interview_draft, open_window

BERLIN = ZoneInfo("Europe/Berlin")
NOTES = "Dana mentioned their churn dashboard rebuild. Omar asked about my SQL tests."


@pytest.fixture
def logged(store, clock) -> int:
    interview = log_interview(
        interview_draft(
            clock,
            interviewers="Dana Li <dana@acme.example>\nOmar Haddad <omar@acme.example>",
            recruiter="Sam Roe <sam@agency.example>",
            notes=NOTES,
        ),
        clock,
    )
    clock.set(datetime(2026, 11, 25, 16, 30, tzinfo=BERLIN))  # the afternoon after it
    return interview


@pytest.fixture
def profile(store) -> Profile:
    chosen = Profile(your_name="Alex Moreau", strengths="SQL and clear reporting")
    save_profile(chosen)
    return chosen


def _dialog(qtbot, clock, context, answers=(True,), mail_program=True):
    opened: list[str] = []
    asked: list[str] = []
    replies = list(answers)

    def confirm(title: str, text: str) -> bool:
        asked.append(text)
        return replies.pop(0) if replies else False

    def open_url(url: QUrl) -> bool:
        opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True

    dialog = ComposeDialog(context, clock, confirm, open_url, has_mail_program=lambda: mail_program)
    qtbot.addWidget(dialog)
    return dialog, opened, asked


def _thank_you(clock, name: str):
    person = Contact.get(Contact.name == name)
    reminder = Reminder.get((Reminder.kind == "thank_you") & (Reminder.contact == person))
    return reminder, context_for_reminder(reminder.id, clock)


def test_each_thank_you_reminder_greets_its_person_by_first_name_about_today(
    qtbot, logged, clock, profile
) -> None:
    bodies = {}
    for name in ("Dana Li", "Omar Haddad"):
        _, context = _thank_you(clock, name)
        dialog, _, _ = _dialog(qtbot, clock, context)
        assert dialog.template_name() == "thank_you"
        bodies[name] = dialog.body.toPlainText()
        assert dialog.subject.text() == "Thank you for our conversation today — Data Analyst"
    assert bodies["Dana Li"].startswith("Dear Dana,\n")
    assert "talk with me today about" in bodies["Dana Li"]
    assert "about your churn dashboard rebuild" in bodies["Dana Li"]
    assert bodies["Omar Haddad"].startswith("Dear Omar,\n")
    assert "about my SQL tests" in bodies["Omar Haddad"]
    assert "Dana" not in bodies["Omar Haddad"] and "Omar" not in bodies["Dana Li"]


def test_the_day_words_follow_the_clock(qtbot, logged, clock, profile) -> None:
    clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN))
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock, "follow_up"))
    assert "my interview yesterday for" in dialog.body.toPlainText()
    clock.set(datetime(2026, 11, 28, 9, 0, tzinfo=BERLIN))
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock, "follow_up"))
    assert "my interview on Wednesday for" in dialog.body.toPlainText()
    clock.set(datetime(2026, 12, 9, 9, 0, tzinfo=BERLIN))
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock, "follow_up"))
    assert "my interview on 25 November for" in dialog.body.toPlainText()
    assert "today" not in dialog.text() and "Wednesday" not in dialog.text()


def test_changing_the_recipient_swaps_the_names_in_the_users_own_words(
    qtbot, logged, clock, profile
) -> None:
    _, context = _thank_you(clock, "Dana Li")
    dialog, _, asked = _dialog(qtbot, clock, context)
    dialog.body.setPlainText(dialog.body.toPlainText().replace("Kind regards", "Warmly, Dana Li"))
    dialog.body.appendPlainText("PS: Dana, the slides are attached.")
    omar = Contact.get(Contact.name == "Omar Haddad")
    dialog.recipient.setCurrentIndex(dialog.recipient.findData(omar.id))
    body = dialog.body.toPlainText()
    assert body.startswith("Dear Omar,") and "Warmly, Omar Haddad" in body
    assert "PS: Omar, the slides are attached." in body
    assert "about my SQL tests" in body  # the suggested topic follows the person
    assert "Dana" not in body and dialog.warning.text() == "" and asked == []
    assert dialog.topic.text() == "my SQL tests"


def test_another_persons_name_in_the_note_is_pointed_out(qtbot, logged, clock, profile) -> None:
    _, context = _thank_you(clock, "Dana Li")
    dialog, _, _ = _dialog(qtbot, clock, context)
    assert dialog.warning.text() == ""
    dialog.body.appendPlainText("Say hi to Dana-Marie and to Omar for me.")
    assert dialog.warning.text() == ("This note still mentions Omar, but it is going to Dana Li.")
    dialog.body.setPlainText(dialog.body.toPlainText().replace("Omar", "the team"))
    assert dialog.warning.text() == ""  # Dana-Marie is someone else: hyphenated names stay whole


def test_address_them_as_is_kept_per_person_and_greets_them(qtbot, logged, clock, profile) -> None:
    _, context = _thank_you(clock, "Dana Li")
    dialog, _, _ = _dialog(qtbot, clock, context)
    dialog.address_as.setText("Dr Li")
    dialog.address_as.editingFinished.emit()
    assert dialog.body.toPlainText().startswith("Dear Dr Li,")
    assert Contact.get(Contact.name == "Dana Li").address_as == "Dr Li"
    _, again = _thank_you(clock, "Dana Li")
    reopened, _, _ = _dialog(qtbot, clock, again)
    assert reopened.body.toPlainText().startswith("Dear Dr Li,")
    assert reopened.address_as.text() == "Dr Li"


def test_the_topic_is_a_suggestion_the_user_can_change(qtbot, logged, clock, profile) -> None:
    _, context = _thank_you(clock, "Dana Li")
    dialog, _, _ = _dialog(qtbot, clock, context)
    assert dialog.topic.text() == "your churn dashboard rebuild"
    assert "Suggested from your notes" in dialog.topic_hint.text()
    dialog.topic.clear()
    qtbot.keyClicks(dialog.topic, "the team's on-call rota")
    assert "our conversation about the team's on-call rota" in dialog.body.toPlainText()
    assert dialog.topic_hint.text() == ""
    omar = Contact.get(Contact.name == "Omar Haddad")
    dialog.recipient.setCurrentIndex(dialog.recipient.findData(omar.id))
    assert dialog.topic.text() == "the team's on-call rota"  # the user's own words stay


def test_starting_again_or_switching_note_asks_before_losing_edits(
    qtbot, logged, clock, profile
) -> None:
    dialog, _, asked = _dialog(qtbot, clock, context_for(1, clock), answers=(False, False, True))
    dialog.body.setPlainText("My own words, {{not a placeholder}}")
    dialog.refresh_button.click()
    assert dialog.body.toPlainText() == "My own words, {{not a placeholder}}"
    dialog.template.setCurrentIndex(dialog.template.findData("follow_up"))
    assert dialog.template_name() == "thank_you"
    assert dialog.body.toPlainText() == "My own words, {{not a placeholder}}"
    dialog.refresh_button.click()
    assert dialog.body.toPlainText().startswith("Dear Dana,")
    assert len(asked) == 3


def test_the_profile_is_asked_once_inline_and_fills_the_note(qtbot, logged, clock) -> None:
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock))
    assert not dialog.profile_panel.isHidden()
    assert "[your name?]" in dialog.gap_label.text()
    dialog.profile_form.your_name.setText("Zoë Ólafsdóttir-Berg")
    dialog.profile_form.signature.setPlainText("Zoë Ólafsdóttir-Berg\n+49 30 1234567")
    qtbot.keyClicks(dialog.profile_form.strengths, "SQL")
    dialog.profile_save.click()
    assert dialog.profile_panel.isHidden()
    assert dialog.body.toPlainText().rstrip().endswith("Zoë Ólafsdóttir-Berg\n+49 30 1234567")
    assert "[your name?]" not in dialog.gap_label.text()
    later, _, _ = _dialog(qtbot, clock, context_for(1, clock))
    assert later.profile_panel.isHidden()


def test_not_now_is_respected(qtbot, logged, clock) -> None:
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock))
    dialog.profile_skip.click()
    later, _, _ = _dialog(qtbot, clock, context_for(1, clock))
    assert later.profile_panel.isHidden() and "[your name?]" in later.gap_label.text()


def test_open_in_email_builds_an_encoded_mailto_and_keeps_the_sent_note(
    qtbot, logged, clock, profile
) -> None:
    reminder, context = _thank_you(clock, "Dana Li")
    dialog, opened, asked = _dialog(qtbot, clock, context)
    dialog.topic.setText("Q&A #1 = 100%")
    dialog.open_in_email()
    (link,) = opened
    assert link.startswith("mailto:dana@acme.example?subject=Thank%20you%20for%20our")
    body = unquote(link.split("&body=", 1)[1])
    assert "Q&A #1 = 100%" in body and "\r\n" in body
    assert asked and Reminder.get_by_id(reminder.id).state == "done"
    (sent,) = notes.sent_notes(1)
    assert sent.recipient == "Dana Li <dana@acme.example>" and sent.how == "email"
    assert sent.template == "thank_you" and sent.subject.startswith("Thank you")
    dialog.open_in_email()  # the same text again: not asked, not kept twice
    assert len(asked) == 1 and SentNote.select().count() == 1


def test_without_a_mail_program_the_note_is_copied_and_the_user_told(
    qtbot, logged, clock, profile
) -> None:
    reminder, context = _thank_you(clock, "Dana Li")
    dialog, opened, asked = _dialog(qtbot, clock, context, answers=(False,), mail_program=False)
    QGuiApplication.clipboard().clear()
    dialog.open_in_email()
    assert opened == []  # nothing to hand the link to
    assert QGuiApplication.clipboard().text().startswith("Thank you for our conversation today")
    assert "No mail program answered" in dialog.status.text()
    assert "dana@acme.example" in dialog.status.text()
    assert "No mail program answered" in asked[0]
    assert Reminder.get_by_id(reminder.id).state == "pending" and notes.sent_notes(1) == []


def test_open_url_refusing_is_handled_the_same(qtbot, logged, clock, profile) -> None:
    _, context = _thank_you(clock, "Dana Li")

    dialog = ComposeDialog(
        context, clock, lambda *_: False, lambda _url: False, has_mail_program=lambda: True
    )
    qtbot.addWidget(dialog)
    dialog.open_in_email()
    assert "No mail program answered" in dialog.status.text()


def test_a_note_sent_from_the_detail_answers_its_reminder(qtbot, logged, clock, profile) -> None:
    dialog, _, asked = _dialog(qtbot, clock, context_for(1, clock))
    assert dialog.context.reminder_id is None
    dialog.copy()
    assert "Send a thank-you note to Dana Li" in asked[0]
    dana = Contact.get(Contact.name == "Dana Li")
    states = {r.contact_id: r.state for r in Reminder.select().where(Reminder.kind == "thank_you")}
    assert states[dana.id] == "done"
    assert [s for c, s in states.items() if c != dana.id] == ["pending"]  # Omar's is his own


def test_mark_as_sent_needs_no_question(qtbot, logged, clock, profile) -> None:
    dialog, _, asked = _dialog(qtbot, clock, context_for(1, clock))
    dialog.sent_button.click()
    assert asked == [] and notes.sent_notes(1)[0].how == "sent"
    assert "Kept in the sent notes" in dialog.status.text()


def test_declining_keeps_the_reminder(qtbot, logged, clock, profile) -> None:
    reminder, context = _thank_you(clock, "Dana Li")
    dialog, _, asked = _dialog(qtbot, clock, context, answers=(False,))
    dialog.copy()
    assert asked and Reminder.get_by_id(reminder.id).state == "pending"


def test_a_rejection_opens_the_gracious_reply_and_a_late_note_the_late_one(
    qtbot, logged, clock, profile
) -> None:
    clock.set(datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN))  # two days later
    _, late = _thank_you(clock, "Dana Li")
    assert late.template == "late_thank_you"
    dialog, _, _ = _dialog(qtbot, clock, late)
    assert "meeting with me on Wednesday" in dialog.body.toPlainText()
    change_status(1, Status.NOT_THIS_TIME, clock)
    _, after_no = _thank_you(clock, "Dana Li")
    assert after_no.template == "rejection_reply"
    assert context_for(1, clock).template == "rejection_reply"
    reply = Reminder.get(Reminder.kind == "rejection_reply")
    assert context_for_reminder(reply.id, clock).template == "rejection_reply"


def test_the_recruiter_call_is_not_a_note(qtbot, logged, clock) -> None:
    call = Reminder.get(Reminder.kind == "recruiter_call")
    assert context_for_reminder(call.id, clock) is None


def test_a_template_can_be_edited_and_restored(qtbot, logged, clock) -> None:
    editor = TemplateEditor("follow_up")
    qtbot.addWidget(editor)
    editor.text.setPlainText("Subject: Checking in, {{company}}\n\nHi {{their_name}}!")
    editor.accept()
    assert notes.is_customised("follow_up")
    dialog, _, _ = _dialog(qtbot, clock, context_for(1, clock, "follow_up"))
    assert dialog.subject.text() == "Checking in, Acme"
    assert dialog.body.toPlainText() == "Hi Dana!"
    restore = TemplateEditor("follow_up")
    qtbot.addWidget(restore)
    restore.restore_button.click()
    assert not notes.is_customised("follow_up")
    assert notes.template_text("follow_up") == notes.shipped_template("follow_up")


def test_the_window_opens_compose_from_a_reminder_and_the_call_as_a_checklist(
    qtbot, logged, clock, tmp_path, profile
) -> None:
    from desktop.ui.call_dialog import CallDialog

    window = open_window(qtbot, clock, tmp_path)
    window.refresh()
    thank_you = Reminder.get(Reminder.kind == "thank_you")
    window.today.actions_for(thank_you.id).act_button.click()
    assert isinstance(window.active_dialog, ComposeDialog)
    assert window.active_dialog.template_name() == "thank_you"
    window.active_dialog.sent_button.click()
    window.refresh(select_id=thank_you.opportunity_id)
    assert "Notes sent" in window.detail.body.toPlainText()
    assert "Thank-you note to Dana Li" in window.detail.body.toPlainText()
    window.detail.note_button.click()
    assert isinstance(window.active_dialog, ComposeDialog)
    call = Reminder.get(Reminder.kind == "recruiter_call")
    window.refresh()
    window.today.actions_for(call.id).act_button.click()
    dialog = window.active_dialog
    assert isinstance(dialog, CallDialog)
    assert not hasattr(dialog, "email_button")
    dialog.done_button.click()
    assert Reminder.get_by_id(call.id).state == "done"
