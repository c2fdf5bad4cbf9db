"""Schema versions: migrate old files, keep a copy, refuse newer or unreadable ones."""

from __future__ import annotations

import json
import sqlite3

import pytest

from db.connection import DatabaseUnreadable, close_database, connect
from db.migrations import SCHEMA_VERSION, DatabaseTooNew, migrate, schema_version
from db.models import ALL_MODELS, Company, Contact, Opportunity, Setting
from db.store import backups_dir, database_path, open_store


def _make_v1(data_dir) -> None:
    database = connect(database_path(data_dir))
    migrate(database, target=1)
    database.execute_sql(
        "INSERT INTO company (name, created_at) VALUES ('Acme', '2025-01-02 03:04:05')"
    )
    database.execute_sql(
        "INSERT INTO opportunity (company_id, role_title, source, posting_url, status, notes,"
        " archived, created_at, updated_at) VALUES (1, 'Analyst', '', '', 'interviewing', 'kept',"
        " 0, '2025-01-02 03:04:05', '2025-01-02 03:04:05')"
    )
    close_database()


def test_schema_1_database_is_migrated_with_its_data_and_a_backup(data_dir) -> None:
    _make_v1(data_dir)
    database = open_store(data_dir)
    try:
        assert schema_version(database) == SCHEMA_VERSION
        assert Opportunity.get().notes == "kept"
        assert Company.get().name == "Acme"
        indexes = {row[1] for row in database.execute_sql("PRAGMA index_list('opportunity')")}
        assert "opportunity_status" in indexes
    finally:
        close_database()
    copies = list(backups_dir(data_dir).glob("before-migration-v1-*.sqlite3"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT name FROM company").fetchall() == [("Acme",)]


def test_fresh_database_needs_no_backup(data_dir) -> None:
    open_store(data_dir)
    close_database()
    assert not backups_dir(data_dir).exists()


def test_migrated_schema_matches_the_models(store) -> None:
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {row[1] for row in store.execute_sql(f"PRAGMA table_info('{table}')")}
        assert columns == {f.column_name for f in model._meta.sorted_fields}, table


def test_a_newer_database_is_refused_untouched(data_dir) -> None:
    open_store(data_dir)
    close_database()
    path = database_path(data_dir)
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as caught:
        open_store(data_dir)
    message = str(caught.value)
    assert str(SCHEMA_VERSION + 3) in message and str(SCHEMA_VERSION) in message
    assert path.read_bytes() == before


def test_garbage_file_is_reported_and_kept(data_dir) -> None:
    data_dir.mkdir()
    path = database_path(data_dir)
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseUnreadable, match="not a readable Debrief database"):
        open_store(data_dir)
    assert path.read_bytes() == b"this is not a database at all" * 100


def test_a_failing_step_rolls_back_and_keeps_the_version(data_dir, monkeypatch) -> None:
    import db.migrations as migrations

    _make_v1(data_dir)

    def broken(database) -> None:
        database.execute_sql('CREATE INDEX "half_done" ON "company" ("name")')
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "STEPS", (migrations.STEPS[0], broken))
    database = connect(database_path(data_dir))
    with pytest.raises(RuntimeError):
        migrations.migrate(database, target=2)
    assert schema_version(database) == 1
    indexes = {row[1] for row in database.execute_sql("PRAGMA index_list('company')")}
    assert "half_done" not in indexes
    close_database()


def test_schema_6_turns_the_old_setting_rows_into_json(data_dir) -> None:
    """Before schema 6 a note template was its raw text and a flag the text "true"; the
    registry (desktop.services.settings) reads every row as JSON."""
    from desktop.services import notes, settings

    template = 'Dear {{their_name}},\n"thanks" — ça 🙂\n'
    database = connect(database_path(data_dir))
    migrate(database, target=5)
    for key, value in (
        ("template:thank_you", template),
        ("template:follow_up", "{not json either"),
        ("flag:autostart_asked", "true"),
        ("playbook", '{"debrief_after_minutes": 45}'),
    ):
        database.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (key, value))
    close_database()

    open_store(data_dir)
    try:
        assert SCHEMA_VERSION >= 6
        assert notes.template_text("thank_you") == template
        assert notes.template_text("follow_up") == "{not json either"
        assert settings.get(settings.AUTOSTART_ASKED) is True
        assert settings.get(settings.PLAYBOOK).debrief_after_minutes == 45
        rows = dict(Setting.select(Setting.key, Setting.value).tuples())
        assert set(rows) == {
            "template:thank_you",
            "template:follow_up",
            "autostart_asked",
            "playbook",
        }
        assert json.loads(rows["template:thank_you"]) == template
    finally:
        close_database()
    assert list(backups_dir(data_dir).glob("before-migration-v5-*.sqlite3"))


def test_schema_6_people_keep_their_names_and_gain_address_as_and_sent_notes(data_dir) -> None:
    database = connect(database_path(data_dir))
    migrate(database, target=6)
    database.execute_sql(
        "INSERT INTO contact (name, email, phone, role, created_at) "
        "VALUES ('Priya Raman', 'priya@acme.example', '', 'interviewer', '2025-01-02 03:04:05')"
    )
    close_database()
    database = open_store(data_dir)
    try:
        from db.models import Contact, SentNote

        priya = Contact.get()
        assert (priya.name, priya.address_as) == ("Priya Raman", "")
        assert SentNote.select().count() == 0
        indexes = {row[1] for row in database.execute_sql("PRAGMA index_list('sent_note')")}
        assert "sent_note_opportunity_id" in indexes
    finally:
        close_database()


def test_schema_7_gains_recruiter_kind_and_feedback_and_keeps_its_data(data_dir) -> None:
    database = connect(database_path(data_dir))
    migrate(database, target=7)
    database.execute_sql(
        "INSERT INTO contact (name, email, phone, role, created_at)"
        " VALUES ('Sam', 'sam@agency.example', '', 'recruiter', '2025-01-02 03:04:05')"
    )
    close_database()
    database = open_store(data_dir)
    try:
        assert schema_version(database) == SCHEMA_VERSION >= 8
        sam = Contact.get()
        assert (sam.email, sam.recruiter_kind) == ("sam@agency.example", "")
        columns = {row[1] for row in database.execute_sql("PRAGMA table_info('debrief')")}
        assert "feedback" in columns
    finally:
        close_database()
    assert list(backups_dir(data_dir).glob("before-migration-v7-*.sqlite3"))


def test_schema_8_gains_the_reminder_kind_index_and_keeps_its_reminders(data_dir) -> None:
    database = connect(database_path(data_dir))
    migrate(database, target=8)
    database.execute_sql(
        "INSERT INTO reminder (kind, key, due_at, state, created_at, message)"
        " VALUES ('nudge_few_live', 'nudge:x', '2025-01-02 03:04:05', 'fired',"
        " '2025-01-02 03:04:05', 'Title\nBody')"
    )
    close_database()
    database = open_store(data_dir)
    try:
        assert schema_version(database) == SCHEMA_VERSION >= 9
        indexes = {row[1] for row in database.execute_sql("PRAGMA index_list('reminder')")}
        assert "reminder_kind_state" in indexes
        assert database.execute_sql("SELECT state FROM reminder").fetchone() == ("fired",)
    finally:
        close_database()
