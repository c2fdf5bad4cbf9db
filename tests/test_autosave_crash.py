"""Autosave survives a crash: the real debrief form in a child process is killed (SIGKILL)
while the user is typing, and what it had saved is still there, whole."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.connection import close_database, integrity_ok
from db.store import open_store
from desktop.services.debriefs import load_debrief
from desktop.services.interviews import log_interview
from desktop.ui.autosave import MAX_UNSAVED_MS
from tests.conftest import REPO, interview_draft

TEXT = "We talked about churn, then the case study; I rambled once. " * 20

TYPIST = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from datetime import UTC, datetime
from pathlib import Path
from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from db.store import open_store
from desktop.domain.clock import FixedClock
from desktop.playbook.lessons import Lessons
from desktop.ui.debrief_dialog import DebriefDialog

open_store(Path(sys.argv[1]))
app = QApplication([])
clock = FixedClock(datetime(2026, 11, 25, 16, 0, tzinfo=UTC), "Europe/Berlin")
dialog = DebriefDialog(int(sys.argv[2]), clock, Lessons((), ()))
dialog.show()
text = {TEXT!r}
typed = 0

def type_one():
    global typed
    QTest.keyClicks(dialog.account, text[typed])
    typed += 1
    print(typed, flush=True)

timer = QTimer()
timer.timeout.connect(type_one)
timer.start(15)
app.exec()
"""


@pytest.mark.parametrize("attempt", range(3))
def test_killing_the_app_mid_edit_keeps_every_autosaved_word(tmp_path, clock, attempt) -> None:
    data_dir = tmp_path / "data"
    open_store(data_dir)
    interview = log_interview(interview_draft(clock), clock)
    close_database()

    child = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(data_dir), str(interview)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    progress: list[tuple[float, int]] = []
    deadline = time.monotonic() + 3.0 + random.random()
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        progress.append((time.monotonic(), int(line)))
    killed_at = time.monotonic()
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert progress, "the child never typed"

    database = open_store(Path(data_dir))
    try:
        assert integrity_ok(database) == (True, "ok")
        saved = load_debrief(interview).account
    finally:
        close_database()
    assert TEXT.startswith(saved)  # whole keystrokes, never a torn write
    # Even typing without a pause is saved every MAX_UNSAVED_MS (plus slack for a busy CI).
    settled = [count for at, count in progress if at < killed_at - MAX_UNSAVED_MS / 1000 - 1.0]
    assert len(saved) >= (settled[-1] if settled else 0), (len(saved), progress[-1])
