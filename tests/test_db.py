"""Models, pragmas, permissions and the reminder state machine on real SQLite files."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta, timezone

import pytest
from peewee import IntegrityError

from db.connection import DB
from db.models import Company, Interview, Opportunity, Reminder, StatusChange
from db.vocabulary import InvalidTransition, ReminderState, Status
from desktop.services.interviews import log_interview
from tests.conftest import interview_draft

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_pragmas_are_set(store) -> None:
    assert store.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_and_database_are_private(tmp_path) -> None:
    from db.store import database_path, open_store
    from desktop.paths import ensure_private_dir

    folder = ensure_private_dir(tmp_path / "fresh")
    open_store(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(database_path(folder).stat().st_mode) == 0o600


def test_a_data_folder_made_by_another_process_at_the_same_moment_is_used(tmp_path) -> None:
    """Two first starts at once (the tray at login and a command): both see no folder, and
    the second one's mkdir finds it made. It uses it, instead of failing with Errno 17."""
    from pathlib import Path

    from desktop.paths import ensure_private_dir

    class SeenMissing(type(Path())):  # what the second process saw, just before mkdir
        def exists(self, *, follow_symlinks: bool = True) -> bool:
            return False

    made = tmp_path / "fresh"
    made.mkdir(mode=0o700)  # by the first process
    assert ensure_private_dir(SeenMissing(made)) == made
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(NotADirectoryError):
        ensure_private_dir(SeenMissing(tmp_path / "a-file"))


def test_datetimes_round_trip_in_utc(store) -> None:
    berlin_evening = datetime(2026, 7, 1, 20, 30, tzinfo=timezone(timedelta(hours=2)))
    company = Company.create(name="Acme", created_at=berlin_evening)
    raw = store.execute_sql("SELECT created_at FROM company").fetchone()[0]
    assert raw == "2026-07-01 18:30:00"
    again = Company.get_by_id(company.id).created_at
    assert again == berlin_evening and again.tzinfo == UTC


def test_naive_datetimes_are_refused(store) -> None:
    with pytest.raises(ValueError, match="naive"):
        Company.create(name="Acme", created_at=datetime(2026, 1, 1, 9, 0))


def test_company_names_are_unique_ignoring_case(store) -> None:
    Company.create(name="Acme", created_at=NOW)
    with pytest.raises(IntegrityError):
        Company.create(name="ACME", created_at=NOW)


def test_deleting_an_opportunity_cascades(store, clock) -> None:
    interview_id = log_interview(interview_draft(clock), clock)
    opportunity = Interview.get_by_id(interview_id).opportunity
    Reminder.create(kind="debrief", key="k1", due_at=NOW, opportunity=opportunity, created_at=NOW)
    opportunity.delete_instance()
    assert Interview.select().count() == 0
    assert StatusChange.select().count() == 0
    assert Reminder.select().count() == 0


def test_company_with_opportunities_cannot_be_deleted(store, clock) -> None:
    log_interview(interview_draft(clock), clock)
    with pytest.raises(IntegrityError):
        Company.get().delete_instance()


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["fired", "done"], True),
        (["fired", "snoozed", "fired", "dismissed"], True),
        (["done"], True),  # answered from the Today view before it ever fired
        (["cancelled"], True),
        (["done", "fired"], False),
        (["dismissed", "snoozed"], False),
        (["cancelled", "done"], False),
    ],
)
def test_reminder_state_machine(store, path, allowed) -> None:
    reminder = Reminder.create(kind="debrief", key="k", due_at=NOW, created_at=NOW)
    assert reminder.state == ReminderState.PENDING

    def walk() -> None:
        for step in path:
            reminder.move_to(ReminderState(step))

    if allowed:
        walk()
        reminder.save()
        assert Reminder.get_by_id(reminder.id).state == path[-1]
    else:
        with pytest.raises(InvalidTransition):
            walk()


def test_a_failed_transaction_leaves_nothing(store) -> None:
    with pytest.raises(RuntimeError), DB.atomic():
        company = Company.create(name="Acme", created_at=NOW)
        Opportunity.create(
            company=company, role_title="x", status=Status.APPLIED, created_at=NOW, updated_at=NOW
        )
        raise RuntimeError("crash mid-action")
    assert Company.select().count() == 0
    assert Opportunity.select().count() == 0
