"""Today as a checklist of groups (issue #18) on a model/view (issue #17), offscreen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest

from db.models import Opportunity, Reminder
from desktop.services import counts
from desktop.services.firing import fire_due
from desktop.services.interviews import log_interview
from desktop.services.today import read_today
from desktop.ui.today_model import KIND_ROLE, STEP_ROLE
from tests.conftest import interview_draft, open_window

MOMENT = "After your Northwind interview — Sun 22 Nov"


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    """One interview with two interviewers and a recruiter, its moment come due."""
    log_interview(
        interview_draft(
            clock,
            company="Northwind",
            starts_at="2026-11-22 10:00",
            interviewers="Priya Rao <priya@nw.example>; Tom Berg <tom@nw.example>",
            recruiter="Alex Kim <alex@nw.example>",
        ),
        clock,
    )
    clock.set(datetime(2026, 11, 22, 10, 45, tzinfo=UTC))  # 11:45 Berlin: the call is due
    fire_due(clock)
    return open_window(qtbot, clock, tmp_path)


def _rows(model, parent=None) -> list[tuple[str, str]]:
    """(kind, text) of every row, top to bottom."""
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append((index.data(KIND_ROLE), index.data()))
        out += _rows(model, index)
    return out


def test_one_interview_with_two_interviewers_and_a_recruiter_is_one_group(window) -> None:
    rows = _rows(window.today.model)
    assert rows[0] == ("section", "Waiting for you")
    assert rows[1] == ("group", MOMENT)
    steps = [text.split("  ·  ")[0] for kind, text in rows[2:] if kind == "step"]
    assert steps == [
        "Call Alex Kim with your feedback",
        "Write your debrief while it's fresh",
        "Send a thank-you note to Priya Rao",
        "Send a thank-you note to Tom Berg",
    ]
    assert len(rows) == 6  # one section, one group, four steps: nothing else
    assert window.today.due_count == 4 == counts.waiting_count(window.clock.now())
    group = window.today.model.index(1, 0)  # under the section, set in
    assert group.data(Qt.ItemDataRole.AccessibleTextRole) == f"{MOMENT}, 4 steps"


def test_answering_one_step_leaves_the_others(window) -> None:
    tom = Reminder.get((Reminder.kind == "thank_you") & (Reminder.contact == 3))
    card = window.today.actions_for(tom.id)
    assert card.view.title == "Send a thank-you note to Tom Berg — Northwind, Data Analyst"
    card.done_button.click()
    assert Reminder.get_by_id(tom.id).state == "done"
    rows = _rows(window.today.model)
    assert ("group", MOMENT) in rows
    assert [kind for kind, _ in rows].count("step") == 3
    assert tom.id not in window.today.rows
    assert window.windowTitle() == "Debrief (3)"
    # The list keeps a current step to go on with.
    assert window.today.current_step() is not None


def test_each_step_answers_from_the_keyboard(qtbot, window) -> None:
    """Space ticks the current step done, S offers the snooze choices, Enter opens it."""
    tree = window.today.tree
    tree.setFocus()
    debrief = Reminder.get(Reminder.kind == "debrief")
    window.today.actions_for(debrief.id)
    assert tree.currentIndex().data(STEP_ROLE).id == debrief.id
    assert "Space" in tree.accessibleDescription()
    QTest.keyClick(tree, Qt.Key.Key_Space)
    assert Reminder.get_by_id(debrief.id).state == "done"
    assert debrief.id not in window.today.rows
    # Down the checklist: the step after it is the one to answer next.
    assert window.today.current_step().title.startswith("Send a thank-you note to Priya Rao")
    call = Reminder.get(Reminder.kind == "recruiter_call")
    window.today.actions_for(call.id)
    menu = window.today.card.snooze_menu
    QTest.keyClick(tree, Qt.Key.Key_S)
    qtbot.waitUntil(menu.isVisible)
    menu.hide()
    thanks = Reminder.get((Reminder.kind == "thank_you") & (Reminder.contact == 2))
    window.today.actions_for(thanks.id)
    window.select_opportunity(thanks.opportunity_id)  # the window's Delete would delete it
    QTest.keyClick(tree, Qt.Key.Key_Delete)
    assert Reminder.get_by_id(thanks.id).state == "dismissed"
    assert Opportunity.get_or_none(Opportunity.id == thanks.opportunity_id) is not None
    window.today.actions_for(call.id)
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.splitter  # opened its opportunity
    assert window.selected_id() == call.opportunity_id


def test_the_steps_and_their_buttons_are_named_for_screen_readers(window) -> None:
    model = window.today.model
    for ident, view in window.today.rows.items():
        index = model.step_index(ident)
        assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith(view.task)
        assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == view.why
        card = window.today.actions_for(ident)
        assert card.done_button.accessibleName() == f"Done: {view.title}"


def test_the_model_keeps_qts_rules_through_changes(qtmodeltester, window, clock) -> None:
    qtmodeltester.check(window.today.model)
    window.today.actions_for(next(iter(window.today.rows))).done_button.click()
    clock.advance(days=1)  # the late thank-yous come
    window.today.refresh()
    qtmodeltester.check(window.today.model)


def test_todays_read_counts_what_the_tray_counts(window, clock) -> None:
    for hours in (0, 2, 30, 200):
        clock.advance(hours=hours)
        listed = read_today(clock.now(), clock.tz)
        assert listed.waiting == counts.waiting_count(clock.now())


def test_reading_only_what_changed_shows_what_a_full_read_shows(qtbot, window, clock) -> None:
    """Today re-reads only the steps of the opportunities a change names (and every
    prep after an interview changed): after each change it lists what a fresh read does."""
    from db.models import Interview
    from desktop.services.interviews import update_interview
    from desktop.services.opportunities import change_status
    from desktop.services.reminders import mark_done
    from desktop.services.vocabulary import Status
    from desktop.ui.today_view import TodayView

    for company in ("Globex", "Initech"):
        log_interview(interview_draft(clock, company=company, starts_at="2026-11-25 09:00"), clock)
    window.refresh()

    def same_as_a_fresh_read() -> None:
        fresh = TodayView(clock)
        qtbot.addWidget(fresh)
        fresh.show()  # a hidden Today lays its list out only once shown
        fresh.refresh()
        assert _rows(window.today.model) == _rows(fresh.model)
        assert window.today.due_count == fresh.due_count

    same_as_a_fresh_read()
    debrief = Reminder.get(Reminder.kind == "debrief")
    window.apply(mark_done(debrief.id, clock))
    same_as_a_fresh_read()
    globex = Interview.select().where(Interview.id == 2).get()
    window.apply(
        update_interview(
            globex.id,
            interview_draft(clock, company="Globex", starts_at="2026-11-24 09:00"),
            clock,
        )
    )
    same_as_a_fresh_read()
    window.apply(change_status(3, Status.NOT_THIS_TIME, clock))
    same_as_a_fresh_read()


def test_the_checklist_is_set_in_by_depth_and_a_ticked_step_is_done(qtbot, window) -> None:
    """One flat list (issue #17: a tree re-laid out every row through Python after each
    answer): the group is set in under its section and its steps under it, and a click
    on a step's check box, where it is drawn, marks it done."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from desktop.ui.today_model import DEPTH_ROLE
    from desktop.ui.today_view import INDENT

    model, tree = window.today.model, window.today.tree
    depths = [
        (model.index(r, 0).data(KIND_ROLE), model.index(r, 0).data(DEPTH_ROLE))
        for r in range(model.rowCount())
    ]
    assert depths == [("section", 0), ("group", 1), *[("step", 2)] * 4]
    assert all(model.rowCount(model.index(r, 0)) == 0 for r in range(model.rowCount()))
    debrief = Reminder.get(Reminder.kind == "debrief")
    index = model.step_index(debrief.id)
    option = QStyleOptionViewItem()
    tree.itemDelegate().initStyleOption(option, index)
    option.rect = tree.visualRect(index).adjusted(2 * INDENT, 0, 0, 0)
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    assert box.left() >= 2 * INDENT  # drawn set in, not at the list's edge
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    qtbot.waitUntil(lambda: Reminder.get_by_id(debrief.id).state == "done")
    assert debrief.id not in window.today.rows
    # The click at the list's edge, where an unindented box would be, ticks nothing.
    thanks = model.step_index(Reminder.get(Reminder.kind == "recruiter_call").id)
    edge = tree.visualRect(thanks).topLeft() + box.center() - option.rect.topLeft()
    edge.setX(box.center().x() - 2 * INDENT)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    assert Reminder.get(Reminder.kind == "recruiter_call").state != "done"
