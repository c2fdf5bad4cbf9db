"""Autosave survives a crash: the real debrief form in a child process is killed (SIGKILL)
while the user is typing, and what it had saved is still there, whole."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
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


class Reporting(DebriefDialog):
    def save_now(self):
        length = len(self.account.toPlainText())
        super().save_now()
        print("saved", length, flush=True)  # only once the transaction returned


open_store(Path(sys.argv[1]))
app = QApplication([])
clock = FixedClock(datetime(2026, 11, 25, 16, 0, tzinfo=UTC), "Europe/Berlin")
dialog = Reporting(int(sys.argv[2]), clock, Lessons((), ()))
dialog.show()
text = {TEXT!r}
typed = 0

def type_one():
    global typed
    if typed == len(text):
        timer.stop()
        print("end", typed, flush=True)
        return
    QTest.keyClicks(dialog.account, text[typed])
    typed += 1
    print("typed", typed, flush=True)

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
    settled: list[int] = []  # lengths whose save had returned, in order
    # Typing never pauses, so the first save is the one forced after MAX_UNSAVED_MS; the
    # kill then lands a random number of keystrokes later, before or after the next save.
    keystrokes_after_first_save = random.randrange(0, MAX_UNSAVED_MS * 3 // 2 // 15)
    typed_after = 0
    while typed_after <= keystrokes_after_first_save:
        line = child.stdout.readline()
        assert line, f"the typist stopped: exit {child.wait()}"
        kind, number = line.split()
        if kind == "end":  # all typed and never saved meanwhile: the assertion below says so
            break
        if kind == "saved":
            settled.append(int(number))
        elif settled:
            typed_after += 1
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert settled and settled[0] > 0, "nothing was saved before the kill"

    database = open_store(Path(data_dir))
    try:
        assert integrity_ok(database) == (True, "ok")
        saved = load_debrief(interview).account
    finally:
        close_database()
    assert TEXT.startswith(saved)  # whole keystrokes, never a torn write
    assert len(saved) >= settled[-1], (len(saved), settled)
