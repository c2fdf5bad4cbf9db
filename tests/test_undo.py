"""Undo through the services: a snapshot before the action, and exactly those rows back
after it, in one transaction."""

from __future__ import annotations

import sqlite3

import pytest
from peewee import ForeignKeyField

from db import models
from db.models import Opportunity, Reminder, SentNote
from desktop.services import NotFound
from desktop.services.opportunities import change_status, delete_opportunity, set_archived
from desktop.services.queries import opportunity_id_of_interview
from desktop.services.reminders import dismiss, mark_done, reminders_of
from desktop.services.undo import (
    ANSWER_TABLES,
    OPPORTUNITY_TABLES,
    restore,
    snapshot_opportunity,
    snapshot_reminder,
)
from desktop.services.vocabulary import Status
from tests.histories import rich_history


def _dump(path) -> dict[str, list[tuple]]:
    """Every row of every table, read with sqlite3 itself: what is really in the file."""
    with sqlite3.connect(path) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(raw.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


@pytest.fixture
def history(store, clock):
    return rich_history(clock)


def _database_file(store) -> str:
    return store.database


def test_every_table_that_hangs_off_an_opportunity_is_in_the_snapshot() -> None:
    """A new table joined to an opportunity must be added here, or undo would lose it."""
    reaching = {Opportunity}
    changed = True
    while changed:
        changed = False
        for model in vars(models).values():
            if not isinstance(model, type) or not issubclass(model, models.BaseModel):
                continue
            for field in model._meta.fields.values():
                if (
                    isinstance(field, ForeignKeyField)
                    and field.rel_model in reaching
                    and field.on_delete == "CASCADE"
                    and model not in reaching
                ):
                    reaching.add(model)
                    changed = True
    assert reaching - {models.Contact} == set(OPPORTUNITY_TABLES)


@pytest.mark.parametrize("which", ["acme", "globex", "initech"])
def test_undoing_a_delete_brings_back_every_row_exactly(store, clock, history, which) -> None:
    from desktop.services.notes import context_for, record_sent

    opportunity = {
        "acme": opportunity_id_of_interview(history["acme_interview"]),
        "globex": history["globex_opportunity"],
        "initech": opportunity_id_of_interview(history["initech_interview"]),
    }[which]
    context = context_for(opportunity, clock)
    record_sent(context, None, "thank_you", "Thanks", "Thank you for your time.", "copied", clock)
    assert SentNote.select().where(SentNote.opportunity == opportunity).count() == 1
    before = _dump(_database_file(store))
    taken = snapshot_opportunity(opportunity)
    delete_opportunity(opportunity)
    assert _dump(_database_file(store)) != before
    restore(taken)
    assert _dump(_database_file(store)) == before


@pytest.mark.parametrize(
    "action", ["archive", "status", "reminder_done", "reminder_dismiss", "no_response"]
)
def test_undoing_a_change_removes_what_it_added_and_restores_what_it_changed(
    store, clock, history, action
) -> None:
    globex = history["globex_opportunity"]
    acme = opportunity_id_of_interview(history["acme_interview"])
    before = _dump(_database_file(store))
    if action == "archive":
        taken = snapshot_opportunity(acme)
        clock.advance(hours=1)
        set_archived(acme, True, clock)
    elif action == "status":
        taken = snapshot_opportunity(globex, ANSWER_TABLES)  # what the window takes
        clock.advance(hours=1)
        change_status(globex, Status.OFFER, clock, note="Surprise")  # adds history, replans
    else:
        pending = next(r for r in reminders_of(acme) if r.state.value == "pending")
        taken = snapshot_reminder(pending.id)
        clock.advance(hours=1)
        (mark_done if action != "reminder_dismiss" else dismiss)(pending.id, clock)
        if action == "no_response":  # Today's "No response": done, and the status with it
            change_status(acme, Status.NO_RESPONSE, clock)
    assert _dump(_database_file(store)) != before
    restore(taken)
    assert _dump(_database_file(store)) == before


def test_a_nudge_is_its_own_snapshot(store, clock) -> None:
    from datetime import timedelta

    nudge = Reminder.create(
        kind="nudge_pause", key="nudge:1", due_at=clock.now() - timedelta(hours=1),
        created_at=clock.now(), message="Keep going\nwhy",
    )  # fmt: skip
    taken = snapshot_reminder(nudge.id)
    assert taken.opportunity_id is None
    dismiss(nudge.id, clock)
    restore(taken)
    assert Reminder.get_by_id(nudge.id).state == "pending"


def test_a_snapshot_of_nothing_says_so(store) -> None:
    with pytest.raises(NotFound):
        snapshot_opportunity(404)
    with pytest.raises(NotFound):
        snapshot_reminder(404)


# ----- in the window ---------------------------------------------------------------------


@pytest.fixture
def window(qtbot, store, clock, tmp_path, history):
    from tests.conftest import open_window

    made = open_window(qtbot, clock, tmp_path)
    qtbot.waitExposed(made)
    return made


def _undo_button(window):
    assert window.banner.isVisible()
    [button] = window.banner.buttons
    assert button.text() == "Undo"
    return button


def test_delete_then_undo_in_the_message_restores_it_all(qtbot, window, store, history) -> None:
    acme = opportunity_id_of_interview(history["acme_interview"])
    before = _dump(_database_file(store))
    window.refresh(select_id=acme)
    with qtbot.waitSignal(window.data_changed):
        window.delete_selected()
    assert Opportunity.get_or_none(Opportunity.id == acme) is None
    assert window.banner.label.text() == "Deleted Acme — Data Analyst."
    assert window.undo_action.isEnabled()
    _undo_button(window).click()
    assert _dump(_database_file(store)) == before
    assert window.selected_id() == acme
    assert window.banner.label.text() == "Undone: delete Acme — Data Analyst."


def test_the_delete_question_tells_the_truth_about_undo(qtbot, window, store, history) -> None:
    # It said "This cannot be undone", above a delete that Undo brings back.
    asked: list[str] = []
    window.confirm = lambda _title, body: asked.append(body) or True
    acme = opportunity_id_of_interview(history["acme_interview"])
    window.refresh(select_id=acme)
    window.delete_selected()
    assert len(asked) == 1 and "cannot be undone" not in asked[0]
    assert "Edit ▸ Undo brings it back" in asked[0]
    window.undo_action.trigger()
    assert Opportunity.get_or_none(Opportunity.id == acme) is not None


def test_the_undo_message_comes_and_goes_without_moving_anything(qtbot, window, history) -> None:
    """It floats over the bottom of the window: in the layout, its coming and going moved
    everything below it by its height, under the pointer."""
    from PySide6.QtWidgets import QApplication

    def settled():
        QApplication.sendPostedEvents()  # the layout's pending requests, then where things are
        return window.tabs.geometry(), window.table.mapTo(window, window.table.rect().topLeft())

    acme = opportunity_id_of_interview(history["acme_interview"])
    window.refresh(select_id=acme)
    before = settled()
    window.toggle_archive_selected()
    banner = window.banner
    assert banner.isVisible() and "Archived" in banner.label.text()
    assert settled() == before
    central = window.centralWidget().rect()
    assert central.contains(banner.geometry())
    assert banner.geometry().bottom() > central.center().y()  # over the bottom, not the tabs
    window.resize(window.width() + 60, window.height() - 40)
    assert window.centralWidget().rect().contains(banner.geometry())  # it follows
    before = settled()
    banner.expiry.timeout.emit()  # its time is up
    assert not banner.isVisible()
    assert settled() == before

    # A notice that stays until closed still takes its place at the top.
    window.show_banner("Debrief is read-only here.")
    assert settled()[0].top() > before[0].top()
    assert window.tabs.geometry().top() >= banner.geometry().bottom()


def test_ctrl_z_undoes_archive_and_status_change_in_turn(qtbot, window, store, history) -> None:
    from PySide6.QtCore import Qt

    globex = history["globex_opportunity"]
    window.tabs.setCurrentWidget(window.splitter)
    window.show_archived.setChecked(True)
    window.refresh(select_id=globex)
    before = _dump(_database_file(store))
    dialog = window.change_status_selected(Status.OFFER)
    dialog.accept()
    assert Opportunity.get_by_id(globex).status == Status.OFFER.value
    assert window.banner.label.text() == "Globex — Analyst is now Offer."
    # Its snapshot holds the three tables a status change writes (issue #17), and that
    # is enough for the undo below to put back every row of the file.
    assert set(window.undo_stack.command(0).snapshot.rows) == set(ANSWER_TABLES)
    window.toggle_archive_selected()
    assert Opportunity.get_by_id(globex).archived
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not Opportunity.get_by_id(globex).archived
    assert Opportunity.get_by_id(globex).status == Status.OFFER.value
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _dump(_database_file(store)) == before
    assert not window.undo_action.isEnabled()
    assert window.redo_action.isEnabled()  # and it can be done again


def test_answering_a_reminder_in_today_can_be_undone(qtbot, window, store, clock) -> None:
    window.refresh()
    view = next(v for v in window.today.rows.values() if v.opportunity_id is not None)
    row = window.today.actions_for(view.id)
    before = _dump(_database_file(store))
    row.done_button.click()
    assert Reminder.get_by_id(row.view.id).state == "done"
    assert window.banner.label.text() == f"Done: {row.view.title}."
    _undo_button(window).click()
    assert _dump(_database_file(store)) == before
    assert row.view.id in window.today.rows


def test_an_action_on_something_deleted_elsewhere_says_so_and_stacks_nothing(
    qtbot, window, history
) -> None:
    globex = history["globex_opportunity"]
    window.show_archived.setChecked(True)
    window.refresh(select_id=globex)
    errors = []
    window.show_error = errors.append
    delete_opportunity(globex)  # by the command line, say
    window.toggle_archive_selected()
    assert errors and "deleted elsewhere" in errors[0]
    assert window.undo_stack.count() == 0


def test_deleting_an_interview_with_its_debrief_can_be_undone(
    qtbot, window, store, history
) -> None:
    acme_interview = history["acme_interview"]
    acme = opportunity_id_of_interview(acme_interview)
    window.refresh(select_id=acme)
    before = _dump(_database_file(store))
    window.delete_interview(acme_interview)
    assert "Deleted the interview of" in window.banner.label.text()
    assert _dump(_database_file(store)) != before
    _undo_button(window).click()
    assert _dump(_database_file(store)) == before


def test_an_answer_snapshots_only_what_an_answer_can_change(store, clock, history) -> None:
    """Answering is the most frequent action: its snapshot reads the opportunity, its
    status history and its reminders (issue #17), not its interviews and debriefs."""
    from db.models import StatusChange

    acme = opportunity_id_of_interview(history["acme_interview"])
    pending = next(r for r in reminders_of(acme) if r.state.value == "pending")
    assert set(snapshot_reminder(pending.id).rows) == {Opportunity, StatusChange, Reminder}
