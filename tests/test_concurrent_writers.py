"""Many Debriefs writing at once: every command line waits its turn, none fails, nothing is
lost. Real processes running the real command line on one real SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.connection import close_database, connect
from db.migrations import SCHEMA_VERSION, migrate
from db.models import Opportunity, Reminder
from db.store import database_path, open_store
from desktop.services.interviews import log_interview
from tests.conftest import REPO, interview_draft

WRITERS = 20
ROUNDS = 3


def _start(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TZ": "Europe/Berlin"},
        cwd=REPO,
    )


def _all_at_once(commands: list[tuple[Path, tuple[str, ...]]]) -> list[str]:
    """Start every command before waiting for any; the failures' messages."""
    running = [_start(data_dir, *args) for data_dir, args in commands]
    failures = []
    for process in running:
        _out, err = process.communicate(timeout=180)
        if process.returncode != 0:
            failures.append(f"{process.args[5:]} -> {process.returncode}: {err.strip()}")
    return failures


def _integrity(data_dir: Path) -> str:
    with sqlite3.connect(database_path(data_dir)) as raw:
        return raw.execute("PRAGMA integrity_check").fetchone()[0]


def test_twenty_writers_at_once_for_three_rounds_lose_nothing(data_dir, clock) -> None:
    # Each writer has an opportunity and a reminder of its own, so every command is valid
    # and its effect can be checked afterwards.
    open_store(data_dir)
    for n in range(WRITERS * ROUNDS):
        log_interview(interview_draft(clock, company=f"Seed {n}"), clock)
    seeded = {o.company.name: o.id for o in Opportunity.select()}
    debriefs = {r.opportunity_id: r.id for r in Reminder.select().where(Reminder.kind == "debrief")}
    close_database()

    expected_companies, expected_status, expected_snoozed = set(seeded), {}, set()
    failures: list[str] = []
    for round_ in range(ROUNDS):
        commands = []
        for writer in range(WRITERS):
            n = round_ * WRITERS + writer
            kind = (writer + round_) % 3  # every round mixes all three commands
            if kind == 0:
                company = f"Round {round_} writer {writer}"
                expected_companies.add(company)
                args = ("log-interview", "--company", company, "--role", "Analyst",
                        "--at", "2026-12-01 10:00")  # fmt: skip
            elif kind == 1:
                opportunity = seeded[f"Seed {n}"]
                expected_status[opportunity] = "offer"
                args = ("set-status", str(opportunity), "offer")
            else:
                reminder = debriefs[seeded[f"Seed {n}"]]
                expected_snoozed.add(reminder)
                args = ("snooze", str(reminder), "--for", "1w")
            commands.append((data_dir, args))
        failures += _all_at_once(commands)

    assert failures == []
    assert _integrity(data_dir) == "ok"
    open_store(data_dir)
    try:
        assert {o.company.name for o in Opportunity.select()} == expected_companies
        for opportunity, status in expected_status.items():
            assert Opportunity.get_by_id(opportunity).status == status
        snoozed = {r.id for r in Reminder.select().where(Reminder.state == "snoozed")}
        assert snoozed == expected_snoozed
    finally:
        close_database()


def test_twenty_first_opens_of_a_new_folder_at_once_all_work(tmp_path) -> None:
    data_dir = tmp_path / "fresh"
    failures = _all_at_once([(data_dir, ("list",))] * WRITERS)
    assert failures == []
    assert _integrity(data_dir) == "ok"
    with sqlite3.connect(database_path(data_dir)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


OPEN_AT_THE_SIGNAL = """
import sys, time
from pathlib import Path
from db.store import open_store
go = Path(sys.argv[2])
print("ready", flush=True)
while not go.exists():  # everyone is loaded: the opens themselves start together
    time.sleep(0.001)
try:
    open_store(Path(sys.argv[1]))
    print("ok")
except Exception as error:
    print(f"{type(error).__name__}: {error}")
"""


def _open_together(data_dir: Path, go: Path) -> list[str]:
    """WRITERS processes open `data_dir` at one signal; what each said."""
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AT_THE_SIGNAL, str(data_dir), str(go)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for _ in range(WRITERS)
    ]
    for opener in openers:
        assert opener.stdout is not None and opener.stdout.readline().strip() == "ready"
    go.touch()
    return [opener.communicate(timeout=180)[0].strip() for opener in openers]


@pytest.mark.parametrize("version", [1, SCHEMA_VERSION - 1])
def test_twenty_first_opens_of_an_old_file_migrate_it_once(tmp_path, version) -> None:
    data_dir = tmp_path / "old"
    database = connect(database_path(data_dir))
    migrate(database, target=version)
    database.execute_sql("INSERT INTO company (name, created_at) VALUES ('Acme', '2025-01-02')")
    close_database()

    said = _open_together(data_dir, tmp_path / "go")
    assert [line for line in said if line != "ok"] == []  # none calls the healthy file damaged
    assert _integrity(data_dir) == "ok"
    with sqlite3.connect(database_path(data_dir)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("SELECT name FROM company").fetchall() == [("Acme",)]
    assert len(list((data_dir / "backups").glob(f"before-migration-v{version}-*"))) == 1


def test_twenty_first_opens_of_a_new_folder_at_one_signal(tmp_path) -> None:
    data_dir = tmp_path / "fresh"
    said = _open_together(data_dir, tmp_path / "go")
    assert [line for line in said if line != "ok"] == []
    assert _integrity(data_dir) == "ok"


def test_a_lock_held_elsewhere_is_busy_not_damaged(tmp_path) -> None:
    from db.connection import DatabaseBusy

    data_dir = tmp_path / "old"
    database = connect(database_path(data_dir))
    migrate(database, target=1)
    close_database()
    holder = sqlite3.connect(database_path(data_dir), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process mid-write, for longer than we wait
    try:
        with pytest.raises(DatabaseBusy, match="Another program is holding the database"):
            open_store(data_dir, busy_timeout_ms=100)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    open_store(data_dir)  # the same file, once free, opens and migrates
    close_database()


def test_busy_is_told_apart_from_other_database_errors(store, data_dir) -> None:
    from peewee import OperationalError

    from db.connection import is_busy, waiting_at_most

    holder = sqlite3.connect(database_path(data_dir), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OperationalError) as busy, waiting_at_most(50):
            Opportunity.update(notes="x").execute()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert is_busy(busy.value)
    with pytest.raises(OperationalError) as other:
        store.execute_sql("SELECT * FROM no_such_table")
    assert not is_busy(other.value)
    assert store.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000  # restored
