"""Schema versions and the numbered steps between them.

The version lives in SQLite's `user_version` header field, written inside the same
transaction as the step, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from peewee import SqliteDatabase

from db.backups import make_backup

_SCHEMA_V1 = Path(__file__).with_name("schema_v1.sql")


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]


def _create_v1(database: SqliteDatabase) -> None:
    for statement in _statements(_SCHEMA_V1.read_text(encoding="utf-8")):
        database.execute_sql(statement)


def _add_listing_indexes(database: SqliteDatabase) -> None:
    # The main list sorts and filters by status and next interview; the Today view and
    # the scheduler look up open reminders by due time.
    database.execute_sql('CREATE INDEX "opportunity_status" ON "opportunity" ("status")')
    database.execute_sql('CREATE INDEX "interview_starts_at" ON "interview" ("starts_at")')
    database.execute_sql('CREATE INDEX "reminder_state_due_at" ON "reminder" ("state", "due_at")')
    database.execute_sql(
        'CREATE INDEX "status_change_changed_at" ON "status_change" ("opportunity_id", "changed_at")'
    )


def _add_offer_deadline(database: SqliteDatabase) -> None:
    database.execute_sql('ALTER TABLE "opportunity" ADD COLUMN "offer_deadline" DATE')


def _add_debrief_details(database: SqliteDatabase) -> None:
    for statement in (
        'CREATE TABLE "debrief_question" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"debrief_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "question" TEXT NOT NULL, '
        '"answer_note" TEXT NOT NULL, '
        'FOREIGN KEY ("debrief_id") REFERENCES "debrief" ("id") ON DELETE CASCADE)',
        'CREATE INDEX "debrief_question_debrief_id" ON "debrief_question" ("debrief_id")',
        'CREATE TABLE "debrief_mistake" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"debrief_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "mistake" TEXT NOT NULL, '
        '"why" TEXT NOT NULL, '
        'FOREIGN KEY ("debrief_id") REFERENCES "debrief" ("id") ON DELETE CASCADE)',
        'CREATE INDEX "debrief_mistake_debrief_id" ON "debrief_mistake" ("debrief_id")',
        'CREATE TABLE "reflection" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"opportunity_id" INTEGER NOT NULL, "outside_reasons" TEXT NOT NULL, '
        '"checks" TEXT NOT NULL, "feedback" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
        '"updated_at" TEXT NOT NULL, '
        'FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE)',
        'CREATE UNIQUE INDEX "reflection_opportunity_id" ON "reflection" ("opportunity_id")',
    ):
        database.execute_sql(statement)


def _add_reminder_message(database: SqliteDatabase) -> None:
    database.execute_sql('ALTER TABLE "reminder" ADD COLUMN "message" TEXT NOT NULL DEFAULT \'\'')


def _settings_as_json(database: SqliteDatabase) -> None:
    # Before: note templates were raw text under "template:NAME" and yes/no flags the text
    # "true"/"false" under "flag:NAME", beside JSON rows. Now every row is JSON, read and
    # written only by desktop.services.settings, and flags lose their prefix.
    rows = database.execute_sql("SELECT key, value FROM setting").fetchall()
    for key, value in rows:
        if key.startswith("template:"):
            database.execute_sql(
                "UPDATE setting SET value = ? WHERE key = ?", (json.dumps(value), key)
            )
        elif key.startswith("flag:"):
            database.execute_sql("DELETE FROM setting WHERE key = ?", (key,))
            database.execute_sql(
                "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                (key.removeprefix("flag:"), json.dumps(value == "true")),
            )


def _add_note_addressing_and_history(database: SqliteDatabase) -> None:
    # How the user addresses each person ("Dr Raman", "Priya"), and what was sent to whom.
    for statement in (
        'ALTER TABLE "contact" ADD COLUMN "address_as" VARCHAR(255) NOT NULL DEFAULT \'\'',
        'CREATE TABLE "sent_note" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"opportunity_id" INTEGER NOT NULL, "contact_id" INTEGER, '
        '"recipient" VARCHAR(255) NOT NULL, "template" VARCHAR(255) NOT NULL, '
        '"subject" TEXT NOT NULL, "body" TEXT NOT NULL, "how" VARCHAR(255) NOT NULL, '
        '"sent_at" TEXT NOT NULL, '
        'FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL)',
        'CREATE INDEX "sent_note_opportunity_id" ON "sent_note" ("opportunity_id", "sent_at")',
        'CREATE INDEX "sent_note_contact_id" ON "sent_note" ("contact_id")',
    ):
        database.execute_sql(statement)


def _add_recruiter_kind_and_feedback(database: SqliteDatabase) -> None:
    # Whether a recruiter works for an agency or for the company decides who is thanked
    # and followed up; the feedback a company or recruiter gave comes back before the
    # next interview.
    database.execute_sql(
        'ALTER TABLE "contact" ADD COLUMN "recruiter_kind" TEXT NOT NULL DEFAULT \'\''
    )
    database.execute_sql('ALTER TABLE "debrief" ADD COLUMN "feedback" TEXT NOT NULL DEFAULT \'\'')


def _add_own_and_past_reminders(database: SqliteDatabase) -> None:
    # Schema 9 stores reminders an older Debrief cannot read: the user's own (kind "own",
    # the words in `message`) and steps recorded as past (state "past"). The version number
    # makes an older Debrief refuse the file with "update Debrief" instead of failing on a
    # row. The index serves the queries by kind: superseded steps, nudges, own reminders.
    database.execute_sql('CREATE INDEX "reminder_kind_state" ON "reminder" ("kind", "state")')


def _add_people_details(database: SqliteDatabase) -> None:
    # The People tab (issue #21): a person's job title and the user's notes about them,
    # which a vCard carries as TITLE and NOTE and which would otherwise be lost on import.
    database.execute_sql('ALTER TABLE "contact" ADD COLUMN "job_title" TEXT NOT NULL DEFAULT \'\'')
    database.execute_sql('ALTER TABLE "contact" ADD COLUMN "notes" TEXT NOT NULL DEFAULT \'\'')


def _add_documents(database: SqliteDatabase) -> None:
    # Documents (issue #21): the files the user sent, each stored once by its content
    # (sha256) under <data folder>/documents/, and linked to the opportunities it went to
    # with what it was (CV, cover letter…) and the day it was sent.
    for statement in (
        'CREATE TABLE "document" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"sha256" VARCHAR(64) NOT NULL, "stored_name" VARCHAR(255) NOT NULL, '
        '"original_name" VARCHAR(255) NOT NULL, "size" INTEGER NOT NULL, '
        '"added_at" TEXT NOT NULL)',
        'CREATE UNIQUE INDEX "document_sha256" ON "document" ("sha256")',
        'CREATE TABLE "opportunity_document" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"opportunity_id" INTEGER NOT NULL, "document_id" INTEGER NOT NULL, '
        '"name" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, "sent_on" DATE, '
        '"added_at" TEXT NOT NULL, '
        'FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE RESTRICT)',
        'CREATE INDEX "opportunity_document_opportunity_id" '
        'ON "opportunity_document" ("opportunity_id")',
        'CREATE INDEX "opportunity_document_document_id" ON "opportunity_document" ("document_id")',
    ):
        database.execute_sql(statement)


def _add_opportunity_details(database: SqliteDatabase) -> None:
    # Opportunity details (issue #21): the salary as given or offered, where the work is
    # done, the application deadline, and the job description kept (postings vanish once
    # the role is filled). All optional: existing rows get empty values.
    for statement in (
        'ALTER TABLE "opportunity" ADD COLUMN "salary_min" INTEGER',
        'ALTER TABLE "opportunity" ADD COLUMN "salary_max" INTEGER',
        'ALTER TABLE "opportunity" ADD COLUMN "salary_currency" VARCHAR(3) NOT NULL DEFAULT \'\'',
        'ALTER TABLE "opportunity" ADD COLUMN "salary_basis" VARCHAR(16) NOT NULL '
        "DEFAULT 'given'",
        'ALTER TABLE "opportunity" ADD COLUMN "location" VARCHAR(255) NOT NULL DEFAULT \'\'',
        'ALTER TABLE "opportunity" ADD COLUMN "work_mode" VARCHAR(16) NOT NULL DEFAULT \'\'',
        'ALTER TABLE "opportunity" ADD COLUMN "deadline" DATE',
        'ALTER TABLE "opportunity" ADD COLUMN "job_description" TEXT NOT NULL DEFAULT \'\'',
    ):
        database.execute_sql(statement)


# STEPS[n] brings a database from version n to n + 1.
STEPS: tuple[Callable[[SqliteDatabase], None], ...] = (
    _create_v1,
    _add_listing_indexes,
    _add_offer_deadline,
    _add_debrief_details,
    _add_reminder_message,
    _settings_as_json,
    _add_note_addressing_and_history,
    _add_recruiter_kind_and_feedback,
    _add_own_and_past_reminders,
    _add_people_details,  # the People tab (issue #21)
    _add_documents,  # documents (issue #21)
    _add_opportunity_details,  # opportunity details (issue #21)
)

SCHEMA_VERSION = len(STEPS)


class DatabaseTooNew(RuntimeError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"this database has schema version {found}, written by a newer Debrief; "
            f"this version understands up to {supported}. The file was left untouched: "
            "update Debrief to open it."
        )
        self.found = found
        self.supported = supported


def schema_version(database: SqliteDatabase) -> int:
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(
    database: SqliteDatabase,
    backup_dir: Path | None = None,
    target: int = SCHEMA_VERSION,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Path | None:
    """Bring `database` to `target`, one transaction per step.

    An existing database (version ≥ 1) is copied to `backup_dir` first; the copy's path is
    returned. A brand-new file needs no copy.
    """
    current = schema_version(database)
    if current > SCHEMA_VERSION:
        raise DatabaseTooNew(current, SCHEMA_VERSION)
    if current >= target:
        return None
    backup = None
    if current >= 1 and backup_dir is not None:
        backup = make_backup(database, backup_dir, f"before-migration-v{current}", now())
    for version in range(current, target):
        with database.atomic():
            STEPS[version](database)
            database.execute_sql(f"PRAGMA user_version = {version + 1}")
    return backup
