"""The debrief form and the reflection while another process holds the write lock: they
never claim "Saved" for text that is not in the database, keep retrying, say so, and
closing does not lose what was typed."""

from __future__ import annotations

import sqlite3

import pytest

from db.models import Reminder
from db.store import database_path
from db.vocabulary import Status
from desktop.playbook.lessons import Lessons
from desktop.services.debriefs import load_debrief
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.reflections import load_reflection
from desktop.ui import strings
from desktop.ui.debrief_dialog import DebriefDialog
from desktop.ui.reflection_dialog import ReflectionDialog
from tests.conftest import interview_draft


@pytest.fixture
def holder(store, data_dir):
    """A second connection, like another Debrief in the middle of a long write."""
    connection = sqlite3.connect(database_path(data_dir), isolation_level=None)
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_the_debrief_says_not_saved_under_a_lock_and_saves_after(qtbot, clock, holder) -> None:
    interview = log_interview(interview_draft(clock), clock)
    dialog = DebriefDialog(interview, clock, Lessons((), ()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.account, "Before the lock.")
    dialog.autosave.flush()
    assert dialog.saved_label.text().startswith("Saved")

    holder.execute("BEGIN IMMEDIATE")
    qtbot.keyClicks(dialog.account, " Typed while another program writes.")
    qtbot.waitUntil(lambda: dialog.autosave.failed_attempts >= 2, timeout=20_000)
    assert dialog.saved_label.text() == strings.NOT_SAVED_RETRYING
    assert dialog.autosave.dirty  # nothing pretends this was saved
    assert load_debrief(interview).account == "Before the lock."

    dialog.done_button.click()  # closing now would lose it: the form stays, and says why
    assert dialog.isVisible()
    assert dialog.saved_label.text() == strings.NOT_SAVED_KEPT_OPEN
    assert Reminder.get(Reminder.kind == "debrief").state != "done"

    holder.execute("COMMIT")
    qtbot.waitUntil(lambda: not dialog.autosave.dirty, timeout=20_000)  # the retry landed
    assert dialog.saved_label.text().startswith("Saved")
    assert load_debrief(interview).account == (
        "Before the lock. Typed while another program writes."
    )
    dialog.done_button.click()
    assert not dialog.isVisible()


def test_the_reflection_is_kept_open_until_it_is_saved(qtbot, clock, holder) -> None:
    log_interview(interview_draft(clock), clock)
    opportunity = Reminder.get(Reminder.kind == "debrief").opportunity_id
    change_status(opportunity, Status.NOT_THIS_TIME, clock)
    dialog = ReflectionDialog(opportunity, "Acme", "Data Analyst", clock)
    qtbot.addWidget(dialog)
    dialog.show()

    holder.execute("BEGIN IMMEDIATE")
    qtbot.keyClicks(dialog.feedback, "They wanted more SQL")
    dialog.close()
    assert dialog.isVisible()
    assert dialog.saved_label.text() == strings.NOT_SAVED_KEPT_OPEN
    holder.execute("COMMIT")
    qtbot.waitUntil(lambda: not dialog.autosave.dirty, timeout=20_000)
    assert load_reflection(opportunity).feedback == "They wanted more SQL"
    dialog.close()
    assert not dialog.isVisible()
