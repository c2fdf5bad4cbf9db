"""The recruiter call: a private checklist built from the debrief, answered with "Call
done", never an email."""

from __future__ import annotations

import pytest

from db.models import Reminder
from desktop.services.debriefs import DebriefData, MistakeEntry, save_debrief
from desktop.services.interviews import log_interview
from desktop.services.recruiter_call import call_plan
from desktop.ui.call_dialog import CallDialog
from tests.conftest import interview_draft


@pytest.fixture
def call(store, clock) -> int:
    log_interview(
        interview_draft(clock, recruiter="Sam Roe <sam@agency.example>"),
        clock,
    )
    return Reminder.get(Reminder.kind == "recruiter_call").id


def test_without_a_debrief_the_call_says_to_write_it_first(qtbot, call, clock) -> None:
    plan = call_plan(call)
    assert not plan.has_debrief and plan.recruiter == "Sam"
    dialog = CallDialog(plan, clock)
    qtbot.addWidget(dialog)
    assert "Your call with Sam" in dialog.windowTitle()
    with qtbot.waitSignal(dialog.debrief_requested) as asked:
        dialog.debrief_button.click()
    assert asked.args == [plan.interview_id]


def test_the_checklist_carries_the_debrief_just_written(qtbot, call, clock) -> None:
    interview = Reminder.get_by_id(call).interview_id
    save_debrief(
        interview,
        DebriefData(
            felt=1,
            went_well="The SQL exercise\nRapport with Dana",
            mistakes=(MistakeEntry("no_questions"),),
            lessons="Bring three questions on paper",
        ),
        clock,
    )
    plan = call_plan(call)
    dialog = CallDialog(plan, clock)
    qtbot.addWidget(dialog)
    items = dialog.item_texts()
    assert dialog.debrief_button is None
    assert "The SQL exercise" in items and "Rapport with Dana" in items
    assert "Bring three questions on paper" in items
    assert any("forgot to ask my own questions" in item for item in items)
    assert any("another chance" in item for item in items)
    assert any("feedback" in item for item in items)
    # Nothing in it can be sent anywhere.
    assert not [b for b in dialog.findChildren(type(dialog.done_button)) if "mail" in b.text()]


def test_call_done_answers_the_reminder(qtbot, call, clock) -> None:
    dialog = CallDialog(call_plan(call), clock)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.call_done):
        dialog.done_button.click()
    assert Reminder.get_by_id(call).state == "done"
    again = CallDialog(call_plan(call), clock)  # answered already: Call done is harmless
    qtbot.addWidget(again)
    again.done_button.click()
    assert Reminder.get_by_id(call).state == "done"
