"""What a start costs that it need not: PySide6's per-import source scan kept every
module's lines in memory, and OpenSSL was loaded by a process that never goes on the
network. (How fast and how small are measured by `make bench`, never asserted here.)"""

from __future__ import annotations

import hashlib
import linecache
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import qt_import_scan

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_modules(tmp_path: Path):
    (tmp_path / "uses_qt_here.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain_here.py").write_text("VALUE = 1\n")
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("uses_qt_here", "plain_here"):
        sys.modules.pop(name, None)


def test_modules_imported_after_the_cheap_scan_leave_no_lines_in_memory(fresh_modules):
    assert qt_import_scan.make_cheap() or getattr(_check(), "cheap", False)
    __import__("uses_qt_here")  # through builtins.__import__, as an import statement goes
    __import__("plain_here")
    assert str(fresh_modules / "uses_qt_here.py") not in linecache.cache
    assert str(fresh_modules / "plain_here.py") not in linecache.cache


def test_the_cheap_scan_gives_pyside_the_answer_its_own_scan_gave(fresh_modules):
    qt_import_scan.make_cheap()
    __import__("uses_qt_here")
    __import__("plain_here")
    feature = sys.modules[qt_import_scan.FEATURE_MODULE]
    # 0: "uses PySide, no feature switched on"; -1: "not PySide's business".
    assert feature.pyside_feature_dict["uses_qt_here"] == 0
    assert feature.pyside_feature_dict["plain_here"] == -1


def test_making_it_cheap_twice_wraps_once():
    qt_import_scan.make_cheap()
    first = _check()
    assert qt_import_scan.make_cheap() is False
    assert _check() is first


FIRST_SCAN_FORGOTTEN = """
import linecache
import PySide6.QtCore
kept_by_pysides_own_import = len(linecache.cache)
from desktop import qt_import_scan
qt_import_scan.make_cheap()
print(kept_by_pysides_own_import > 0, len(linecache.cache))
"""


def test_the_lines_pysides_own_import_kept_are_dropped():
    done = subprocess.run(
        [sys.executable, "-c", FIRST_SCAN_FORGOTTEN],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.split() == ["True", "0"]


def _check():
    return getattr(sys.modules[qt_import_scan.FEATURE_MODULE], qt_import_scan.CHECK)


# As the `debrief` entry point starts: desktop.__main__ first, then what the tray imports.
STARTED_AS_DEBRIEF = """
import desktop.__main__
import hashlib, asyncio, peewee, apscheduler.schedulers.qt
from desktop.tray.single_instance import server_name
maps = open("/proc/self/maps").read()
print("libcrypto" in maps, "libssl" in maps)
print(hashlib.sha256(b"abc").hexdigest())
print(server_name("/some/folder"))
"""


def test_a_debrief_process_never_loads_openssl_and_hashes_the_same():
    done = subprocess.run(
        [sys.executable, "-c", STARTED_AS_DEBRIEF],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    loaded, digest, name = done.stdout.splitlines()
    assert loaded == "False False"
    assert digest == hashlib.sha256(b"abc").hexdigest()
    from desktop.tray.single_instance import server_name

    assert name == server_name("/some/folder")  # a running Debrief still finds itself


# What a start in the tray imports and makes before its icon shows (desktop/app.py).
def _offscreen(code: str) -> str:
    """What a fresh Python running `code` on Qt's offscreen platform prints, stripped."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    return done.stdout.strip()


TRAY_START_PATH = """
import PySide6.QtCore as core
from PySide6.QtWidgets import QApplication
import desktop.startup_probe, desktop.ui.error_report, desktop.services.settings
from desktop.tray import companion, icons, parts, single_instance
from desktop.tray.clock_watch import ClockWatch
app = QApplication([])
icons.tray_icon("colour"), icons.app_icon()
ClockWatch(lambda: "UTC")
print("Qt" in core.__dict__)
"""


def test_the_tray_start_path_leaves_qts_namespace_enums_unmade():
    assert _offscreen(TRAY_START_PATH) == "False"  # made on first use, after the icon shows


WINDOW_IMPORT = """
import sys
from desktop.ui.main_window import MainWindow
later = [
    "desktop.ui.dialogs", "desktop.ui.own_reminder_dialog", "desktop.ui.attach_dialog",
    "desktop.ui.offer_dialog", "desktop.ui.background_op", "desktop.ui.people_undo",
    "desktop.services.undo", "desktop.services.archive", "desktop.services.exporting",
    "desktop.services.duplicates", "desktop.services.insights", "desktop.services.debriefs",
    "desktop.services.recruiter_call", "desktop.services.interviews",
    # Nor Peewee, the models or any service that reads: the first frame reads nothing.
    "peewee", "db.models", "db.connection", "desktop.services.queries",
    "desktop.services.reminders", "desktop.services.today", "desktop.services.settings",
    "desktop.ui.board_view",  # made when the board is first shown
    # Nor what only a shown step, a drag, a sent note or the freeing of old rows uses.
    "desktop.playbook.rules", "desktop.playbook.nudges", "desktop.playbook.notes",
    "desktop.playbook.snooze", "desktop.domain.letting_go", "json",
    # Nor the detail pane and Today: made in the turn after the first paint.
    "desktop.ui.detail_pane", "desktop.ui.today_view", "desktop.ui.today_model",
]
print(sorted(name for name in later if name in sys.modules))
"""


def test_the_window_imports_no_dialog_nor_peewee_nor_what_only_an_action_uses_before_its_first_paint():
    assert _offscreen(WINDOW_IMPORT) == "[]"  # imported when first used


LOCK_IMPORT = """
import sys
from desktop.tray.single_instance import InstanceLock, send, server_name
print("socket" in sys.modules, "hashlib" in sys.modules)
"""


def test_the_single_instance_lock_imports_no_socket_nor_hashlib_before_it_talks():
    # A second start's `send`, or the tray, imports the socket; the socket's name (a hash
    # of the folder) is asked for only then.
    assert _offscreen(LOCK_IMPORT) == "False False"


CLOCK_IMPORT = """
import sys
import desktop.__main__
from desktop.domain.clock import SystemClock
clock = SystemClock()
print("zoneinfo" in sys.modules, clock.tz is not None, "zoneinfo" in sys.modules)
"""


def test_the_clock_reads_the_zone_when_first_asked_not_before_the_window_paints():
    # zoneinfo (with sysconfig) is imported by the first question about the zone.
    assert _offscreen(CLOCK_IMPORT) == "False True True"


WINDOW_FIRST_FRAME = """
import tempfile
from pathlib import Path
import PySide6.QtCore as core
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.domain.clock import SystemClock
from desktop.ui.first_paint import paint_now
from desktop.ui.main_window import MainWindow

class AtPaint(QObject):
    made = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.made is None:
            self.made = "Qt" in core.__dict__
        return False

folder = Path(tempfile.mkdtemp())
state = QSettings(str(folder / "ui-state.ini"), QSettings.Format.IniFormat)
window = MainWindow(SystemClock(), state, folder, load_later=True)
window.hold_first_load()
watch = AtPaint()
window.installEventFilter(watch)
paint_now(window)
while window.table.model() is not window.filter:  # the list is finished in a later turn
    app.processEvents()
print(watch.made, window.table.isSortingEnabled(), window.table.horizontalHeader().sortIndicatorSection())
"""


def test_the_windows_first_frame_leaves_qts_namespace_enums_unmade():
    # Made when first used, in the turn after the paint: 13 ms of the first frame's CPU
    # (desktop/ui/lazy_qt.py). Then the list sorts, by its last activity when new.
    assert _offscreen(WINDOW_FIRST_FRAME) == "False True 4"
