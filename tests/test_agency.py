"""An agency's recruiter carries the relationship: thanks and follow-ups go through them,
and nothing suggests contacting the company's people while the process runs. With the
company's own recruiter, or none, the interviewers are thanked directly as before."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from db.models import Contact, Reminder
from db.vocabulary import RecruiterKind, Status
from desktop.domain.forms import Person as TypedPerson
from desktop.domain.forms import validate_interview
from desktop.playbook.notes import render_note
from desktop.playbook.rules import InterviewFacts, Kind, OpportunityFacts, Person, plan
from desktop.playbook.settings import PlaybookSettings
from desktop.services.interviews import log_interview
from desktop.services.notes import context_for, context_for_reminder, template_text
from desktop.services.opportunities import change_status, set_recruiter_kind
from desktop.services.people import recruiter_kind_of
from desktop.services.queries import opportunity_id_of_interview
from desktop.services.recruiter_call import call_plan
from desktop.services.reminders import reminder_view

BERLIN = ZoneInfo("Europe/Berlin")
DANA, LEE, SAM = Person(1, "Dana Li"), Person(2, "Lee Park"), Person(3, "Sam Ortiz")
LOGGED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
# Words that would send the user around an agency to the company's people.
DIRECT = ("thank_you", "late_thank_you")


def _facts(kind: RecruiterKind, recruiter: Person | None = SAM) -> OpportunityFacts:
    start = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
    interview = InterviewFacts(10, start, 60, LOGGED, None, (DANA, LEE))
    return OpportunityFacts(
        id=5,
        status=Status.INTERVIEWING,
        status_changed_at=LOGGED,
        interviews=(interview,),
        recruiter=recruiter,
        recruiter_kind=kind,
    )


def _by_key(facts: OpportunityFacts) -> dict[str, tuple[Kind, int | None]]:
    return {p.key: (p.kind, p.contact_id) for p in plan(facts, PlaybookSettings(), BERLIN)}


def test_with_an_agency_one_note_goes_to_the_recruiter_and_so_do_follow_ups() -> None:
    planned = _by_key(_facts(RecruiterKind.AGENCY))
    assert planned["o5:thanks_via_recruiter:i10:p3"] == (Kind.THANKS_VIA_RECRUITER, SAM.id)
    assert not [key for key, (kind, _) in planned.items() if kind.value in DIRECT]
    assert planned["o5:follow_up:i10"] == (Kind.FOLLOW_UP, SAM.id)
    assert planned["o5:second_follow_up:i10"] == (Kind.SECOND_FOLLOW_UP, SAM.id)
    assert planned["o5:recruiter_call:i10:p3"] == (Kind.RECRUITER_CALL, SAM.id)


@pytest.mark.parametrize("kind", [RecruiterKind.IN_HOUSE, RecruiterKind.UNKNOWN])
def test_with_the_companys_own_recruiter_each_interviewer_is_thanked(kind) -> None:
    planned = _by_key(_facts(kind))
    assert planned["o5:thank_you:i10:p1"] == (Kind.THANK_YOU, DANA.id)
    assert planned["o5:thank_you:i10:p2"] == (Kind.THANK_YOU, LEE.id)
    assert Kind.THANKS_VIA_RECRUITER not in {k for k, _ in planned.values()}
    assert planned["o5:follow_up:i10"] == (Kind.FOLLOW_UP, None)


def test_without_a_recruiter_agency_means_nothing() -> None:
    planned = _by_key(_facts(RecruiterKind.AGENCY, recruiter=None))
    assert planned["o5:thank_you:i10:p1"][0] is Kind.THANK_YOU


# ----- through the database and the notes -----------------------------------------------


def _log(clock, kind: str, **overrides) -> int:
    raw = {
        "company": "Acme",
        "role": "Data Analyst",
        "starts_at": "2026-11-25 14:00",
        "interviewers": "Dana Li <dana@acme.example>\nLee Park <lee@acme.example>",
        "recruiter": "Sam Ortiz <sam@agency.example>",
        "recruiter_kind": kind,
        **overrides,
    }
    return log_interview(validate_interview(raw, clock.tz), clock)


def _all_words(opportunity_id: int, clock) -> str:
    """Every title and why the reminders show, and every note they open, as written."""
    texts = []
    for reminder in Reminder.select().where(Reminder.opportunity == opportunity_id):
        if reminder.state == "cancelled":
            continue
        view = reminder_view(reminder.id)
        texts += [view.title, view.why]
        context = context_for_reminder(reminder.id, clock)
        if context is not None:
            recipient = next(r for r in context.recipients if r.contact_id == context.recipient_id)
            values = {**context.values, "their_name": recipient.name}
            note = render_note(template_text(context.template), values)
            texts += [f"TO {recipient.name}", note.subject, note.body]
        if reminder.kind == "recruiter_call":
            plan = call_plan(reminder.id)
            texts += [item for section in plan.sections for item in section.items]
    return "\n".join(texts)


def test_the_whole_agency_path_never_writes_to_the_companys_people(store, clock) -> None:
    interview = _log(clock, "agency")
    opportunity = opportunity_id_of_interview(interview)
    kinds = {r.kind for r in Reminder.select()}
    assert "thanks_via_recruiter" in kinds and not kinds & set(DIRECT)
    words = _all_words(opportunity, clock)
    assert "TO Dana Li" not in words and "TO Lee Park" not in words
    assert "Ask Sam Ortiz to pass on your thanks" in words
    assert "pass on my thanks to Dana Li and Lee Park" in words
    assert "Ask Sam Ortiz whether there is news" in words
    # The call's checklist: the thanks through them, and the company left to them.
    assert "Ask them to pass on your thanks to Dana Li and Lee Park." in words
    assert "no direct contact with the hiring manager" in words

    # After a "no", the gracious reply goes to the recruiter too.
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    reply = Reminder.get(Reminder.kind == "rejection_reply")
    context = context_for_reminder(reply.id, clock)
    assert context.recipient_id == Contact.get(Contact.name == "Sam Ortiz").id


def test_the_whole_in_house_path_thanks_and_follows_up_directly(store, clock) -> None:
    interview = _log(clock, "in-house")
    opportunity = opportunity_id_of_interview(interview)
    kinds = {r.kind for r in Reminder.select()}
    assert "thank_you" in kinds and "thanks_via_recruiter" not in kinds
    words = _all_words(opportunity, clock)
    assert "TO Dana Li" in words and "TO Lee Park" in words
    assert "Thank you for taking the time to talk with me" in words
    # Nothing contradicts thanking them: the call's checklist doesn't forbid it.
    assert "directly" not in words and "connect" not in words


def test_the_kind_is_asked_once_and_remembered_per_person(store, clock) -> None:
    _log(clock, "agency")
    sam = TypedPerson("Sam Ortiz", "sam@agency.example")
    assert recruiter_kind_of(sam, "Acme") is RecruiterKind.AGENCY
    assert recruiter_kind_of(TypedPerson("Ria"), "Acme") is RecruiterKind.UNKNOWN
    # Logged again without saying: what was said before still holds.
    second = _log(clock, "", company="Globex", starts_at="2026-11-26 10:00")
    assert {r.kind for r in Reminder.select().where(Reminder.interview == second)} >= {
        "thanks_via_recruiter"
    }
    assert Contact.get(Contact.email == "sam@agency.example").recruiter_kind == "agency"


def test_saying_it_later_readdresses_what_is_still_to_do(store, clock) -> None:
    interview = _log(clock, "")
    assert Reminder.select().where(Reminder.kind == "thank_you").count() == 2
    follow_up = Reminder.get(Reminder.kind == "follow_up")
    assert follow_up.contact_id is None
    sam = Contact.get(Contact.name == "Sam Ortiz")
    set_recruiter_kind(sam.id, RecruiterKind.AGENCY, clock)
    open_kinds = {
        r.kind for r in Reminder.select().where(Reminder.state.in_(["pending", "fired", "snoozed"]))
    }
    assert "thank_you" not in open_kinds and "thanks_via_recruiter" in open_kinds
    assert Reminder.get_by_id(follow_up.id).contact_id == sam.id
    context = context_for(opportunity_id_of_interview(interview), clock)
    assert context.template == "thanks_via_recruiter" and context.recipient_id == sam.id
    # And back: the company's own recruiter after all.
    clock.advance(minutes=5)
    set_recruiter_kind(sam.id, RecruiterKind.IN_HOUSE, clock)
    assert Reminder.get_by_id(follow_up.id).contact_id is None


# ----- in the window ------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    from tests.conftest import open_window

    return open_window(qtbot, clock, tmp_path)


def test_the_log_dialog_asks_once_and_remembers_the_answer(qtbot, window, clock) -> None:
    from datetime import datetime as naive

    from PySide6.QtWidgets import QDialogButtonBox

    dialog = window.new_interview()
    kind = dialog.fields["recruiter_kind"]
    assert not kind.isEnabled()  # no recruiter, no question
    qtbot.keyClicks(dialog.fields["company"], "Acme")
    qtbot.keyClicks(dialog.fields["role"], "Data Analyst")
    qtbot.keyClicks(dialog.fields["recruiter"], "Sam Ortiz <sam@agency.example>")
    assert kind.isEnabled() and kind.currentData() == ""
    kind.setCurrentIndex(kind.findData("agency"))
    dialog.fields["starts_at"].setDateTime(naive(2026, 11, 25, 14, 0))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert Contact.get(Contact.email == "sam@agency.example").recruiter_kind == "agency"

    again = window.new_interview()
    qtbot.keyClicks(again.fields["company"], "Globex")
    qtbot.keyClicks(again.fields["recruiter"], "Sam Ortiz <sam@agency.example>")
    assert again.fields["recruiter_kind"].currentData() == "agency"  # not asked again
    again.reject()


def test_the_detail_asks_about_an_unknown_recruiter_and_replans(qtbot, window, clock) -> None:
    interview = _log(clock, "")
    opportunity = opportunity_id_of_interview(interview)
    window.refresh(select_id=opportunity)
    text = window.detail.body.toPlainText()
    assert "Does this recruiter work for an agency, or for Acme itself?" in text
    sam = Contact.get(Contact.name == "Sam Ortiz")
    from PySide6.QtCore import QUrl

    window.detail.body.anchorClicked.emit(QUrl(f"recruiter:agency:{sam.id}"))
    assert Contact.get_by_id(sam.id).recruiter_kind == "agency"
    text = window.detail.body.toPlainText()
    assert "agency: thanks and follow-ups go through them" in text and "Not an agency?" in text
    open_kinds = {
        r.kind for r in Reminder.select().where(Reminder.state.in_(["pending", "fired", "snoozed"]))
    }
    assert "thanks_via_recruiter" in open_kinds and "thank_you" not in open_kinds


def test_the_note_through_the_recruiter_names_the_interviewers_without_a_warning(
    qtbot, store, clock
) -> None:
    from desktop.ui.compose_dialog import ComposeDialog

    _log(clock, "agency")
    thanks = Reminder.get(Reminder.kind == "thanks_via_recruiter")
    context = context_for_reminder(thanks.id, clock)
    dialog = ComposeDialog(context, clock, lambda *_: False, lambda _url: True)
    qtbot.addWidget(dialog)
    assert dialog.template_name() == "thanks_via_recruiter"
    assert dialog.current_recipient().name == "Sam Ortiz"
    assert "pass on my thanks to Dana Li and Lee Park" in dialog.body.toPlainText()
    assert dialog.warning.text() == ""
