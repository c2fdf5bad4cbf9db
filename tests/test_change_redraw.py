"""Each change redraws what it touched: the list keeps its other rows (no model reset, no
re-read of every opportunity), Today redraws only when reminders changed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings

from db.models import Interview, Reminder
from desktop.services import queries
from desktop.services.changes import ALL, NOTHING, Changes
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status, delete_opportunity
from desktop.services.reminders import mark_done
from desktop.services.vocabulary import Status
from desktop.ui.main_window import MainWindow
from desktop.ui.opportunity_model import STATUS
from tests.conftest import interview_draft

COMPANIES = ("Acme", "Globex", "Initech", "Hooli")


class CountingReader:
    """The window's list reader, counting whole-list reads and targeted ones."""

    def __init__(self) -> None:
        self.whole = 0
        self.targeted: list[frozenset[int]] = []

    def __call__(self, now: datetime, only: Collection[int] | None) -> list:
        if only is None:
            self.whole += 1
        else:
            self.targeted.append(frozenset(only))
        return queries.list_opportunities(now, only)


@pytest.fixture
def reader() -> CountingReader:
    return CountingReader()


@pytest.fixture
def window(qtbot, store, clock, tmp_path, reader) -> MainWindow:
    for hour, company in enumerate(COMPANIES):
        log_interview(
            interview_draft(clock, company=company, starts_at=f"2026-11-25 1{hour}:00"), clock
        )
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))  # the day after: reminders due
    made = MainWindow(
        clock,
        QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
        tmp_path / "data",
        confirm=lambda *_: True,
        read_rows=reader,
    )
    qtbot.addWidget(made)
    made.show()
    assert reader.whole == 1  # the first load reads them all, once
    reader.whole = 0
    return made


@pytest.fixture
def resets(window) -> list[str]:
    seen: list[str] = []
    window.model.modelReset.connect(lambda: seen.append("reset"))
    return seen


def _row_ids(window) -> list[int]:
    return [window.model.row_at(row).id for row in range(window.model.rowCount())]


def _fresh_order(window) -> list[int]:
    """The order a window opened now would show."""
    from desktop.ui.opportunity_model import OpportunityTableModel

    model = OpportunityTableModel(window.clock.tz)
    model.set_rows(queries.list_opportunities(window.clock.now()))
    return [model.row_at(row).id for row in range(model.rowCount())]


def test_answering_a_reminder_rereads_neither_the_list_nor_the_other_reminders(
    window, reader, resets
) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    from desktop.ui.today_model import STEP_ROLE

    thank_you = Reminder.get(Reminder.kind == "thank_you")
    model = window.today.model
    others = {
        i: QPersistentModelIndex(model.step_index(i))
        for i in window.today.rows
        if i != thank_you.id
    }
    changed_rows: list[str] = []
    model.modelReset.connect(lambda: changed_rows.append("reset"))
    model.rowsInserted.connect(lambda *_: changed_rows.append("inserted"))
    model.rowsRemoved.connect(lambda _p, first, last: changed_rows.append(f"-{last - first + 1}"))
    window.today.actions_for(thank_you.id).done_button.click()
    assert Reminder.get_by_id(thank_you.id).state == "done"
    assert thank_you.id not in window.today.rows
    assert (reader.whole, resets) == (0, [])
    assert reader.targeted == [frozenset({thank_you.opportunity_id})]
    # Today's model lost the answered row and nothing else: the other rows are the same
    # rows, not rebuilt ones (no reset, nothing inserted).
    assert "reset" not in changed_rows and "inserted" not in changed_rows
    kept = [i for i in others if i in window.today.rows]
    assert kept and all(others[i].isValid() and others[i].data(STEP_ROLE).id == i for i in kept)


def test_changing_a_status_redraws_its_row_where_the_order_wants_it(
    window, reader, resets, clock
) -> None:
    oldest = _row_ids(window)[-1]  # least recent activity: last in the list
    window.select_opportunity(oldest)
    clock.advance(minutes=5)
    dialog = window.change_status_selected(Status.AWAITING)
    dialog.accept()
    assert (reader.whole, resets) == (0, [])
    assert _row_ids(window) == _fresh_order(window)
    assert _row_ids(window)[0] == oldest  # just touched: first by last activity
    assert window.selected_id() == oldest
    assert window.detail.detail is not None and window.detail.detail.status is Status.AWAITING
    assert window.filter.index(0, STATUS).data() == Status.AWAITING.label


def test_editing_an_interview_redraws_its_row(window, reader, resets) -> None:
    interview = Interview.select().order_by(Interview.id).first()
    dialog = window.edit_interview(interview.id)
    dialog.fields["company"].setText("Acme Labs")
    dialog.accept()
    assert (reader.whole, resets) == (0, [])
    companies = {window.model.row_at(r).company for r in range(window.model.rowCount())}
    assert "Acme Labs" in companies and "Acme" not in companies
    assert _row_ids(window) == _fresh_order(window)


def test_a_deleted_opportunity_leaves_the_list_without_a_reset(window, reader, resets) -> None:
    doomed = _row_ids(window)[1]
    window.select_opportunity(doomed)
    window.delete_selected()
    assert doomed not in _row_ids(window)
    assert len(_row_ids(window)) == len(COMPANIES) - 1
    assert (reader.whole, resets) == (0, [])
    # The view moves the selection to a neighbour; the detail shows that one.
    shown = window.detail.detail.id if window.detail.detail is not None else None
    assert shown == window.selected_id() != doomed


def test_an_answer_from_elsewhere_redraws_the_shown_detail(window, reader) -> None:
    debrief = Reminder.get(Reminder.kind == "debrief")
    window.select_opportunity(debrief.opportunity_id)
    before = {r.id: r.state for r in window.detail.timeline}
    window.apply(mark_done(debrief.id, window.clock))
    after = {r.id: r.state for r in window.detail.timeline}
    assert before != after and reader.whole == 0


def test_changes_say_what_they_touched(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    opportunity = queries.opportunity_id_of_interview(interview)
    assert change_status(opportunity, Status.AWAITING, clock) == Changes.of(
        opportunity, reminders=True
    )
    assert not change_status(opportunity, Status.AWAITING, clock)  # already so
    assert change_status(opportunity, Status.AWAITING, clock) == NOTHING
    merged = Changes.of(1, reminders=True) | Changes.of(2, interviews=True)
    assert merged == Changes(frozenset({1, 2}), reminders=True, interviews=True)
    assert (merged | Changes.everything()).opportunities == ALL
    assert Changes.everything().touches(99) and not merged.touches(3)
    assert delete_opportunity(opportunity).touches(opportunity)


def test_undoing_a_status_change_redraws_its_row_without_a_reset(
    window, reader, resets, clock
) -> None:
    oldest = _row_ids(window)[-1]
    window.select_opportunity(oldest)
    clock.advance(minutes=5)
    window.change_status_selected(Status.AWAITING).accept()
    window.undo_action.trigger()
    assert (reader.whole, resets) == (0, [])
    assert queries.opportunity_detail(oldest).status is Status.INTERVIEWING
    assert window.detail.detail is not None and window.detail.detail.status is Status.INTERVIEWING
    assert _row_ids(window) == _fresh_order(window)


# ----- the calls that used to redraw everything -----------------------------------------
@pytest.fixture
def said(window) -> list[Changes]:
    """What the window told the scheduler and the tray each change was."""
    told: list[Changes] = []
    window.data_changed.connect(told.append)
    return told


def _only(reader, resets, *opportunities: int) -> None:
    """Nothing was re-read whole and nothing reset; only these rows were re-read."""
    assert (reader.whole, resets) == (0, [])
    assert reader.targeted and set().union(*reader.targeted) <= set(opportunities)


def test_a_new_interview_redraws_only_its_row(window, reader, resets, said) -> None:
    dialog = window.new_interview()
    dialog.set_values({"company": "Umbrella", "role": "Analyst", "starts_at": "2026-11-27 14:00"})
    dialog.accept()
    made = max(_row_ids(window))
    _only(reader, resets, made)
    assert said and not said[-1].every_opportunity and said[-1].touches(made)
    assert window.selected_id() == made and _row_ids(window) == _fresh_order(window)


def test_a_new_opportunity_redraws_only_its_row(window, reader, resets, said) -> None:
    dialog = window.new_opportunity()
    dialog.set_values({"company": "Umbrella", "role": "Analyst"})
    dialog.accept()
    made = max(_row_ids(window))
    _only(reader, resets, made)
    assert said == [Changes.of(made, reminders=True)]
    assert len(_row_ids(window)) == len(COMPANIES) + 1


def test_saying_who_a_recruiter_works_for_redraws_only_their_rows(
    window, reader, resets, said, clock
) -> None:
    from db.models import Contact, Opportunity
    from desktop.services.vocabulary import RecruiterKind

    log_interview(
        interview_draft(clock, company="Umbrella", recruiter="Sam Roe <sam@agency.example>"),
        clock,
    )
    sam = Contact.get(Contact.name == "Sam Roe")
    theirs = {o.id for o in Opportunity.select().where(Opportunity.recruiter == sam.id)}
    window.apply(Changes.of(min(theirs)))  # the row is in the list
    reader.targeted.clear()
    window.set_recruiter_kind(sam.id, RecruiterKind.AGENCY)
    _only(reader, resets, *theirs)
    assert said == [Changes(frozenset(theirs), reminders=True)]


def test_a_saved_debrief_redraws_only_its_row(qtbot, window, reader, resets, said) -> None:
    interview = Interview.select().order_by(Interview.id).get()
    dialog = window.open_debrief(interview.id)
    dialog.felt.button(4).setChecked(True)
    dialog.save_now()
    dialog.accept()
    _only(reader, resets, interview.opportunity_id)
    assert said and not said[-1].every_opportunity
    assert said[-1].interviews and said[-1].reminders  # its reminder was answered
    debrief = Reminder.get((Reminder.kind == "debrief") & (Reminder.interview == interview.id))
    assert debrief.state == "done" and debrief.id not in window.today.rows


def test_closing_an_untouched_debrief_redraws_nothing(qtbot, window, reader, said) -> None:
    interview = Interview.select().order_by(Interview.id).get()
    window.open_debrief(interview.id).reject()
    assert (reader.whole, reader.targeted, said) == (0, [], [])


def test_a_note_kept_as_sent_redraws_only_its_row(window, reader, resets, said) -> None:
    first = _row_ids(window)[0]
    window.select_opportunity(first)
    reader.targeted.clear()
    dialog = window.compose_for_selected()
    dialog.record_sent("sent")
    dialog.reject()
    _only(reader, resets, first)
    assert said and not said[-1].every_opportunity and said[-1].touches(first)


def test_a_recruiter_call_done_redraws_only_its_row(window, reader, resets, said, clock) -> None:
    log_interview(
        interview_draft(clock, company="Umbrella", recruiter="Sam Roe <sam@agency.example>"),
        clock,
    )
    call = Reminder.get(Reminder.kind == "recruiter_call")
    window.apply(Changes.of(call.opportunity_id))
    reader.targeted.clear()
    dialog = window.open_call(call.id)
    dialog.accept()
    _only(reader, resets, call.opportunity_id)
    assert said == [Changes.of(call.opportunity_id, reminders=True)]
    assert Reminder.get_by_id(call.id).state == "done"


def test_new_preferences_redraw_the_reminders_not_the_list(
    qtbot, window, reader, resets, clock, tmp_path, data_dir
) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.tray.companion import Companion
    from desktop.tray.single_instance import InstanceLock, server_name
    from desktop.ui.preferences_dialog import PreferencesDialog
    from tests.tray_doubles import Recording, parts_for_tests

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    lock = InstanceLock(data_dir)
    assert lock.acquire()
    companion = Companion(
        QApplication.instance(),
        window,
        clock,
        data_dir,
        window.ui_state,
        lock,
        parts_for_tests(
            clock, data_dir, server_name(data_dir, str(runtime)), tmp_path, Recording()
        ),
        make_preferences=PreferencesDialog,
    )
    try:
        today = []
        window.today.refresh = lambda real=window.today.refresh: (today.append(1), real())[1]
        window.preferences_requested.emit()
        dialog = window.active_dialog
        assert isinstance(dialog, PreferencesDialog)
        dialog.accept()
        assert (reader.whole, reader.targeted, resets) == (0, [], [])
        assert today == [1]  # the reminders were re-planned: Today re-reads them, once
    finally:
        companion.shut_down()


def test_today_behind_another_tab_lays_out_its_list_when_shown(window, clock) -> None:
    """While the list is looked at, a change re-reads Today's steps and its count, and
    lays its list out once, when its tab is opened."""
    from desktop.services.counts import waiting_count
    from desktop.services.today import open_steps

    window.tabs.setCurrentWidget(window.splitter)
    moved: list[str] = []
    model = window.today.model
    for signal in (model.rowsRemoved, model.rowsInserted, model.dataChanged, model.modelReset):
        signal.connect(lambda *_: moved.append("changed"))
    debrief = Reminder.get(Reminder.kind == "debrief")
    before = window.today.due_count
    window.apply(mark_done(debrief.id, window.clock))
    assert moved == []  # nobody sees it
    count = waiting_count(clock.now())
    assert window.today.due_count == count < before
    assert window.tabs.tabText(0).endswith(f"({count})")
    window.tabs.setCurrentWidget(window.today_page)
    assert moved and debrief.id not in window.today.rows
    assert {v.id for v in window.today.model.steps()} == {v.id for v in open_steps(clock.now())}
