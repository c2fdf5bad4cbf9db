"""Pulling the plug: a writer is SIGKILLed at random moments, many times over.

Every write that reported success must still be there, and SQLite's integrity check must
pass after each kill.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys

from tests.conftest import REPO

KILLS = 12


def _check(database, reported: list[str]) -> None:
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for line in reported:
            kind, interview, *rest = line.split()
            if kind == "interview":
                row = connection.execute(
                    "SELECT 1 FROM interview WHERE id = ?", (int(interview),)
                ).fetchone()
                assert row is not None, line
            elif kind == "debrief":
                (account,) = connection.execute(
                    "SELECT account FROM debrief WHERE interview_id = ?", (int(interview),)
                ).fetchone()
                assert account.startswith(f"account {rest[1]} "), line
            elif kind == "status":
                (status,) = connection.execute(
                    "SELECT o.status FROM opportunity o JOIN interview i "
                    "ON i.opportunity_id = o.id WHERE i.id = ?",
                    (int(interview),),
                ).fetchone()
                assert status == "awaiting_decision", line
    finally:
        connection.close()


def test_every_reported_write_survives_sigkill(tmp_path) -> None:
    data = tmp_path / "data"
    rng = random.Random(20261122)
    everything: list[str] = []
    for run in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", str(data), str(run)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # The kill lands after a random number of reported writes, wherever the next one
        # then is: counted in writes, not seconds, so a slow machine kills as late.
        read = [writer.stdout.readline() for _ in range(rng.randrange(1, 24))]
        assert read[-1], writer.stderr.read()
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate(timeout=30)
        reported = [line.strip() for line in read] + rest.splitlines()
        # The last line may be cut mid-way by the kill; whole lines only.
        if rest and not rest.endswith("\n"):
            reported = reported[:-1]
        everything += reported
        _check(data / "debrief.sqlite3", everything)
    assert len(everything) > KILLS * 3
