"""Felt vs happened, at the moment of doubt: the user's own record under a debrief that
felt bad (or an honest sentence when there is too little), and a word, once, when an
outcome proves a feeling wrong."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.models import Reminder
from db.vocabulary import Status
from desktop.domain.calibration import TOO_EARLY, PastFeeling, calibration
from desktop.domain.insights import FORWARD, NOT, OPEN
from desktop.services.debriefs import DebriefData, past_feelings, save_debrief
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.queries import opportunity_id_of_interview
from desktop.services.reminders import reminder_view, replan
from desktop.ui.autosave import AUTOSAVE_MS
from tests.conftest import interview_draft, open_window


def _past(*rows: tuple[int | None, str, str | None]) -> list[PastFeeling]:
    return [
        PastFeeling(100 + n, felt, said, outcome) for n, (felt, said, outcome) in enumerate(rows)
    ]


def test_nothing_is_shown_when_it_did_not_feel_bad() -> None:
    assert calibration(_past((1, "", FORWARD)), 4, "unsure", 1) == ""
    assert calibration([], None, "", 1) == ""


def test_too_little_history_gets_an_honest_sentence_and_no_numbers() -> None:
    few = _past((1, "", FORWARD), (2, "", NOT), (1, "", OPEN), (5, "", NOT))
    text = calibration(few, 1, "", 1)
    assert text == TOO_EARLY
    assert not any(ch.isdigit() for ch in text)


def test_enough_history_shows_the_users_own_record_for_that_feeling() -> None:
    past = _past(
        (1, "", FORWARD), (2, "", NOT), (2, "", FORWARD), (1, "", OPEN), (5, "", NOT),
        (4, "", FORWARD),
    )  # fmt: skip
    assert calibration(past, 2, "", 1) == (
        "Of the 3 interviews you felt went badly, 2 moved forward. "
        "This feeling has been wrong before."
    )
    gloomy = _past((1, "", NOT), (2, "", NOT), (1, "", NOT))
    assert calibration(gloomy, 1, "", 1).startswith(
        "Of the 3 interviews you felt went badly, none moved forward yet."
    )


def test_expecting_a_no_is_answered_with_the_record_of_that_expectation() -> None:
    past = _past((3, "not", FORWARD), (4, "not", NOT), (None, "not", FORWARD))
    assert calibration(past, 3, "not", 1) == "Of the 3 times you expected a no, 2 moved forward."


def test_the_interview_being_written_never_counts_for_itself() -> None:
    past = _past((1, "", FORWARD), (1, "", FORWARD), (1, "", NOT))
    assert calibration(past, 1, "", 100) == TOO_EARLY


# ----- in the debrief form -----------------------------------------------------------------


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    return open_window(qtbot, clock, tmp_path)


def _history(clock, outcomes: list[tuple[int, Status]]) -> None:
    """Earlier interviews at other companies, each debriefed, then decided."""
    for n, (felt, status) in enumerate(outcomes):
        earlier = log_interview(
            interview_draft(clock, company=f"Earlier {n}", starts_at=f"2026-10-{n + 1:02d} 10:00"),
            clock,
        )
        save_debrief(earlier, DebriefData(felt=felt), clock)
        change_status(opportunity_id_of_interview(earlier), status, clock)


def test_after_saving_a_bad_feeling_the_form_shows_the_users_record(qtbot, window, clock) -> None:
    _history(
        clock,
        [
            (1, Status.OFFER),
            (2, Status.NOT_THIS_TIME),
            (1, Status.OFFER),
            (5, Status.NOT_THIS_TIME),
        ],
    )
    interview = log_interview(interview_draft(clock), clock)
    dialog = window.open_debrief(interview)
    assert not dialog.calibration.isVisible()
    dialog.felt.button(1).click()
    qtbot.waitUntil(dialog.calibration.isVisible, timeout=AUTOSAVE_MS * 10)
    assert dialog.calibration_text.text() == (
        "Of the 3 interviews you felt went badly, 2 moved forward. "
        "This feeling has been wrong before."
    )
    dialog.felt.button(4).click()
    qtbot.waitUntil(lambda: not dialog.calibration.isVisible(), timeout=AUTOSAVE_MS * 10)


def test_a_new_user_expecting_a_no_gets_the_honest_sentence(qtbot, window, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    dialog = window.open_debrief(interview)
    dialog.prediction.setCurrentIndex(dialog.prediction.findData("not"))
    qtbot.waitUntil(dialog.calibration.isVisible, timeout=AUTOSAVE_MS * 10)
    assert dialog.calibration_text.text() == TOO_EARLY
    dialog.close()
    assert window.open_debrief(interview).calibration.isVisibleTo(window.active_dialog)


def test_past_feelings_reads_outcomes_like_insights(store, clock) -> None:
    _history(clock, [(2, Status.NOT_THIS_TIME)])
    first = log_interview(interview_draft(clock, starts_at="2026-11-02 10:00"), clock)
    log_interview(interview_draft(clock, starts_at="2026-11-09 10:00"), clock)
    save_debrief(first, DebriefData(felt=1, prediction="not"), clock)
    found = {p.interview_id: p for p in past_feelings()}
    assert found[first] == PastFeeling(first, 1, "not", FORWARD)  # a second round followed
    assert [p.outcome for p in found.values() if p.interview_id != first] == [NOT]


# ----- when an outcome proves a feeling wrong ------------------------------------------------


def _felt(clock, felt: int, **overrides) -> int:
    interview = log_interview(interview_draft(clock, **overrides), clock)
    save_debrief(interview, DebriefData(felt=felt), clock)
    return interview


def test_a_doubted_interview_that_moved_forward_is_said_once(store, clock) -> None:
    first = _felt(clock, 1, starts_at="2026-11-20 10:00")
    clock.advance(days=2)
    log_interview(interview_draft(clock, starts_at="2026-11-30 10:00"), clock)  # round two
    [said] = Reminder.select().where(Reminder.kind == "felt_wrong_forward")
    assert (said.interview_id, said.due_at) == (first, clock.now())
    view = reminder_view(said.id)
    assert view.title == "The interview you doubted moved forward — Acme, Data Analyst"
    assert "you expected the worst, and they wanted to see more of you" in view.why
    # Once: re-planning (a third round, an answer) never says it again.
    log_interview(interview_draft(clock, starts_at="2026-12-07 10:00"), clock)
    assert Reminder.select().where(Reminder.kind == "felt_wrong_forward").count() == 1


def test_a_great_feeling_and_a_no_is_said_kindly(store, clock) -> None:
    interview = _felt(clock, 5)
    clock.advance(days=3)
    change_status(opportunity_id_of_interview(interview), Status.NOT_THIS_TIME, clock)
    [said] = Reminder.select().where(Reminder.kind == "felt_wrong_not")
    view = reminder_view(said.id)
    assert view.title.startswith("It felt good, and it still wasn't a yes")
    assert "wasn't a mistake" in view.why


def test_no_word_when_the_feeling_was_written_after_the_outcome(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    change_status(opportunity_id_of_interview(interview), Status.NOT_THIS_TIME, clock)
    clock.advance(hours=1)
    save_debrief(interview, DebriefData(felt=5), clock)
    change_status(opportunity_id_of_interview(interview), Status.NOT_THIS_TIME, clock, note="x")
    assert not Reminder.select().where(Reminder.kind == "felt_wrong_not").exists()


def test_old_history_is_not_news(store, clock) -> None:
    interview = _felt(clock, 5)
    clock.advance(days=1)
    opportunity = opportunity_id_of_interview(interview)
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    Reminder.delete().where(Reminder.kind == "felt_wrong_not").execute()  # as before this version
    clock.advance(days=30)
    with store.atomic():
        replan(opportunity, clock)  # what any later change, or new settings, would do
    assert not Reminder.select().where(Reminder.kind == "felt_wrong_not").exists()


def test_acting_on_it_opens_insights_and_answers_it(qtbot, window, clock) -> None:
    interview = _felt(clock, 5)
    clock.advance(minutes=5)
    change_status(opportunity_id_of_interview(interview), Status.NOT_THIS_TIME, clock)
    window.refresh()
    said = Reminder.get(Reminder.kind == "felt_wrong_not")
    row = window.today.actions_for(said.id)
    assert row.act_button is not None
    row.act_button.click()
    assert window.tabs.currentWidget() is window.insights
    assert Reminder.get_by_id(said.id).state == "done"
    assert timedelta(0) <= clock.now() - said.due_at
