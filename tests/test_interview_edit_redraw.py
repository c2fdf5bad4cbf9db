"""An interview edited redraws what the edit changed, and no more: the lessons (in the
detail pane, and in every prep Today lists) only when the interview moved or its company
changed; Today and the timeline only when its reminders read differently."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from db.connection import DB
from db.models import Interview, Reminder
from desktop.services import queries
from desktop.services.changes import Changes
from desktop.services.debriefs import DebriefData, save_debrief
from desktop.services.interviews import log_interview, update_interview
from desktop.services.reminders import replan
from desktop.ui.main_window import MainWindow
from tests.conftest import interview_draft, open_window

LESSON = "Lead with the churn numbers"


def _reminder_rows(opportunity_id: int) -> list[dict[str, object]]:
    return list(
        Reminder.select()
        .where(Reminder.opportunity == opportunity_id)
        .order_by(Reminder.id)
        .dicts()
    )


def _form_draft(interview_id: int, clock, **edits: str):
    """What the edit dialog saves: the form as it opened, with `edits` typed in."""
    from desktop.domain.forms import validate_interview

    values = queries.interview_form_values(interview_id, clock.tz)
    values.update(edits)
    return validate_interview(values, clock.tz)


# ----- what the service says --------------------------------------------------------------
def test_notes_edited_change_no_reminder_and_no_lesson(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    opportunity = queries.opportunity_id_of_interview(interview)
    before = _reminder_rows(opportunity)
    draft = _form_draft(interview, clock, notes="Bring the portfolio", location="Room 4")
    said = update_interview(interview, draft, clock)
    assert said == Changes.of(opportunity, interviews=True, lessons=False)
    assert not said.reminders and not said.lessons_changed
    assert _reminder_rows(opportunity) == before
    assert Interview.get_by_id(interview).notes == "Bring the portfolio"


def test_a_moved_interview_changes_its_reminders_and_the_lessons(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    opportunity = queries.opportunity_id_of_interview(interview)
    before = {r["key"]: r["due_at"] for r in _reminder_rows(opportunity)}
    said = update_interview(
        interview, _form_draft(interview, clock, starts_at="2026-11-26 14:00"), clock
    )
    assert said == Changes.of(opportunity, reminders=True, interviews=True)
    after = {r["key"]: r["due_at"] for r in _reminder_rows(opportunity)}
    assert after != before


def test_another_company_changes_the_lessons_and_what_its_reminders_say(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    opportunity = queries.opportunity_id_of_interview(interview)
    keys = [r["key"] for r in _reminder_rows(opportunity)]
    said = update_interview(interview, _form_draft(interview, clock, company="Acme Labs"), clock)
    # The same rows, re-planned as they were; their titles name the new company.
    assert [r["key"] for r in _reminder_rows(opportunity)] == keys
    assert said.reminders and said.lessons_changed


def test_a_renamed_interviewer_changes_what_the_reminders_say(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    draft = _form_draft(interview, clock, interviewers="Dana Lee <dana@acme.example>")
    said = update_interview(interview, draft, clock)
    assert said.reminders and not said.lessons_changed  # the thank-you names her


def test_a_time_with_seconds_saved_unchanged_keeps_them(store, clock) -> None:
    """The form shows minutes: saving it untouched does not move an interview imported
    (or generated) with seconds, nor its reminders."""
    interview = log_interview(interview_draft(clock), clock)
    opportunity = queries.opportunity_id_of_interview(interview)
    exact = datetime(2026, 11, 25, 13, 0, 42, tzinfo=UTC)
    with DB.atomic():
        Interview.update(starts_at=exact).where(Interview.id == interview).execute()
        replan(opportunity, clock)
    before = _reminder_rows(opportunity)
    said = update_interview(interview, _form_draft(interview, clock, notes="x"), clock)
    assert Interview.get_by_id(interview).starts_at == exact
    assert not said.reminders and not said.lessons_changed
    assert _reminder_rows(opportunity) == before
    # A minute typed in is a move.
    update_interview(interview, _form_draft(interview, clock, starts_at="2026-11-25 14:01"), clock)
    assert Interview.get_by_id(interview).starts_at == datetime(2026, 11, 25, 13, 1, tzinfo=UTC)


def test_changes_gathered_keep_the_lessons_when_any_part_says_so() -> None:
    notes_only = Changes.of(1, interviews=True, lessons=False)
    assert not (notes_only | Changes.of(2, reminders=True)).lessons_changed
    assert (notes_only | Changes.of(2, interviews=True)).lessons_changed
    assert (notes_only | Changes.everything()).lessons_changed
    assert Changes.of(1, reminders=True) | Changes.of(1, reminders=True) == Changes.of(
        1, reminders=True
    )
    assert not Changes.of(1, lessons=False).lessons_changed  # no interview changed


# ----- what the window re-reads and shows -------------------------------------------------
class Calls:
    """How often the window called something it reads the detail or Today with."""

    def __init__(self) -> None:
        self.count: dict[str, int] = {}

    def wrap(self, name: str, real: Callable[..., object]) -> Callable[..., object]:
        def counted(*args: object, **kwargs: object) -> object:
            self.count[name] = self.count.get(name, 0) + 1
            return real(*args, **kwargs)

        return counted


@pytest.fixture
def calls(monkeypatch) -> Calls:
    # The window imports these when it first reads (its first frame reads nothing).
    import desktop.services.lessons as lessons
    import desktop.services.reminders as reminders
    import desktop.services.today as today

    found = Calls()
    monkeypatch.setattr(
        lessons,
        "lessons_for_opportunity",
        found.wrap("lessons", lessons.lessons_for_opportunity),
    )
    monkeypatch.setattr(reminders, "reminders_of", found.wrap("timeline", reminders.reminders_of))
    monkeypatch.setattr(today, "open_steps", found.wrap("today", today.open_steps))
    return found


def _debriefed_then_later(clock) -> tuple[int, int]:
    """An Initech interview with a debrief's lesson, and a Globex one after it (its prep
    in Today quotes the lesson)."""
    earlier = log_interview(
        interview_draft(clock, company="Initech", starts_at="2026-11-23 10:00"), clock
    )
    save_debrief(earlier, DebriefData(felt=3, lessons=LESSON, feedback="More SQL"), clock)
    later = log_interview(
        interview_draft(clock, company="Globex", starts_at="2026-11-25 10:00"), clock
    )
    return earlier, later


def _prep_why(window: MainWindow, interview_id: int) -> str:
    prep = Reminder.get((Reminder.interview == interview_id) & (Reminder.kind == "prep"))
    return window.today.rows[prep.id].why


@pytest.fixture
def window(qtbot, store, clock, tmp_path) -> MainWindow:
    return open_window(qtbot, clock, tmp_path)


def test_notes_edited_show_in_the_detail_without_rereading_lessons_or_today(
    window, clock, calls
) -> None:
    _, later = _debriefed_then_later(clock)
    globex = queries.opportunity_id_of_interview(later)
    window.refresh(select_id=globex)
    lessons, timeline = window.detail.lessons, window.detail.timeline
    assert lessons and LESSON in window.detail.body.toPlainText()
    calls.count.clear()
    dialog = window.edit_interview(later)
    dialog.set_values({"notes": "Ask about the on-call rota"})
    dialog.accept()
    shown = window.detail.body.toPlainText()
    assert "Ask about the on-call rota" in shown and LESSON in shown
    assert window.detail.lessons is lessons and window.detail.timeline is timeline
    assert calls.count == {}  # neither the lessons, the timeline nor Today re-read
    assert LESSON in _prep_why(window, later)


def test_a_moved_interview_updates_the_lessons_of_the_detail_and_every_prep(
    window, clock, calls
) -> None:
    earlier, later = _debriefed_then_later(clock)
    globex = queries.opportunity_id_of_interview(later)
    window.refresh(select_id=globex)  # Globex shown, the Initech interview edited
    assert LESSON in _prep_why(window, later) and LESSON in window.detail.body.toPlainText()
    calls.count.clear()
    dialog = window.edit_interview(earlier)
    dialog.set_values({"starts_at": "2026-11-26 10:00"})  # now after Globex's
    dialog.accept()
    assert window.selected_id() == globex
    assert LESSON not in _prep_why(window, later)
    assert LESSON not in window.detail.body.toPlainText()
    assert calls.count["lessons"] == 1


def test_another_company_shows_in_the_feedback_every_prep_quotes(window, clock) -> None:
    earlier, later = _debriefed_then_later(clock)
    window.refresh(select_id=queries.opportunity_id_of_interview(later))
    assert "Initech said: “More SQL”" in _prep_why(window, later)
    dialog = window.edit_interview(earlier)
    dialog.set_values({"company": "Initrode"})
    dialog.accept()
    assert "Initrode said: “More SQL”" in _prep_why(window, later)
    assert "Initrode said" in window.detail.body.toPlainText()


def test_a_debrief_saved_comes_back_in_every_prep_today_lists(window, clock) -> None:
    """A debrief changes no reminder, but what the later preps quote."""
    earlier = log_interview(
        interview_draft(clock, company="Initech", starts_at="2026-11-23 10:00"), clock
    )
    later = log_interview(
        interview_draft(clock, company="Globex", starts_at="2026-11-25 10:00"), clock
    )
    window.refresh()
    assert LESSON not in _prep_why(window, later)
    said = save_debrief(earlier, DebriefData(felt=3, lessons=LESSON), clock)
    assert not said.reminders
    window.apply(said)
    assert LESSON in _prep_why(window, later)


def test_another_interviewer_changes_what_the_re_apply_check_in_says(store, clock) -> None:
    """After a "no", the check-in names the people met there: an interviewer added
    changes it, though no reminder row does."""
    from desktop.services.opportunities import change_status
    from desktop.services.reminders import reminder_view
    from desktop.services.vocabulary import Status

    interview = log_interview(interview_draft(clock), clock)
    opportunity = queries.opportunity_id_of_interview(interview)
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    check_in = Reminder.get(Reminder.kind == "reapply_check_in")
    before = _reminder_rows(opportunity)
    people = "Dana Li <dana@acme.example>\nRaj Rao <raj@acme.example>"
    said = update_interview(interview, _form_draft(interview, clock, interviewers=people), clock)
    assert _reminder_rows(opportunity) == before  # no row changed...
    assert "Raj Rao" in reminder_view(check_in.id).why
    assert said.reminders  # ...but what one says did
