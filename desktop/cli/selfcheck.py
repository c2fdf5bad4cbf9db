"""`debrief self-check`: can Debrief run on this machine, with this data folder?"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from db.connection import DatabaseUnreadable, integrity_ok
from db.migrations import SCHEMA_VERSION, DatabaseTooNew, schema_version
from db.store import open_store
from desktop.cli import texts
from desktop.notifications import notification_backend
from desktop.shipped import TRAY_ICONS, icon_file, missing_files, needed_files

# Qt's lines after a failed platform plugin that only repeat that it failed, or are noise;
# the cause ("could not connect to display :99", "xcb-cursor0 … is needed") comes first.
_QT_AFTERMATH = (
    "Could not load the Qt platform plugin",
    "This application failed to start",
    "Available platform plugins are",
    "QStandardPaths:",
)


def _qt_probe_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "_probe-qt"]
    return [sys.executable, "-m", "desktop", "_probe-qt"]


def probe_qt() -> int:
    """Run in a child process: Qt aborts the whole process when a platform plugin fails.
    Prints the platform's name, then `blank NAME` for each icon that draws nothing."""
    from PySide6.QtGui import QGuiApplication, QIcon

    app = QGuiApplication([sys.argv[0]])
    print(app.platformName())
    for name in sorted(set(TRAY_ICONS.values())):
        if QIcon(str(icon_file(name))).pixmap(32, 32).isNull():
            print(f"blank {name}")
    return 0


def qt_failure_cause(stderr: str, returncode: int, display: str | None) -> str:
    """The one line of Qt's complaint that says why, without its logging category."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    causes = [line for line in lines if not line.startswith(_QT_AFTERMATH)]
    if not causes:
        return lines[-1] if lines else texts.QT_NO_MESSAGE.format(code=returncode)
    cause = re.sub(r"^qt\.[\w.]+: ", "", causes[0])
    if cause.startswith("could not connect to display") and not display:
        return texts.NO_DISPLAY_SET
    return cause


def _check_qt() -> tuple[list[tuple[str, bool, str]], list[str]]:
    """The platform plugin's result, and the icons that drew blank."""
    try:
        done = subprocess.run(
            _qt_probe_command(), capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return [(texts.QT_PLUGIN, False, texts.QT_NOT_STARTED.format(error=error))], []
    if done.returncode != 0:
        cause = qt_failure_cause(done.stderr, done.returncode, os.environ.get("DISPLAY"))
        return [(texts.QT_PLUGIN, False, texts.QT_FAILED.format(cause=cause))], []
    said = done.stdout.splitlines()
    platform = said[0].strip() if said else "?"
    blank = [line.removeprefix("blank ") for line in said[1:] if line.startswith("blank ")]
    return [(texts.QT_PLUGIN, True, texts.QT_PLATFORM.format(name=platform))], blank


def _check_shipped_files() -> tuple[str, bool, str]:
    missing = missing_files()
    if missing:
        return texts.SHIPPED_FILES, False, texts.SHIPPED_MISSING.format(names=", ".join(missing))
    return texts.SHIPPED_FILES, True, texts.SHIPPED_ALL.format(count=len(needed_files()))


def _check_writable(data_dir: Path) -> tuple[bool, str]:
    try:
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".write-check-"):
            pass
    except OSError as error:
        return False, f"{data_dir}: {error.strerror}"
    return True, str(data_dir)


def _check_database(data_dir: Path) -> list[tuple[str, bool, str]]:
    try:
        database = open_store(data_dir)
    except (DatabaseTooNew, DatabaseUnreadable) as error:
        return [(texts.DATABASE_OPENS, False, str(error))]
    healthy, text = integrity_ok(database)
    version = schema_version(database)
    return [
        (texts.DATABASE_OPENS, True, str(database.database)),
        (texts.DATABASE_INTEGRITY, healthy, text),
        (
            texts.SCHEMA_VERSION,
            version == SCHEMA_VERSION,
            texts.SCHEMA_DETAIL.format(found=version, expected=SCHEMA_VERSION),
        ),
    ]


def _icons_drawn(blank: list[str]) -> tuple[str, bool, str]:
    if blank:
        return texts.ICONS_DRAW, False, texts.ICONS_BLANK.format(names=", ".join(blank))
    return texts.ICONS_DRAW, True, texts.ICONS_DRAWN.format(count=len(set(TRAY_ICONS.values())))


def self_check(data_dir: Path) -> int:
    results, blank = _check_qt()
    shipped = _check_shipped_files()
    results.append(shipped)
    if results[0][1] and shipped[1]:  # drawing means something only when both are there
        results.append(_icons_drawn(blank))
    writable = _check_writable(data_dir)
    results.append((texts.DATA_FOLDER, *writable))
    if writable[0]:
        results += _check_database(data_dir)
    backend = notification_backend()
    results.append((texts.NOTIFICATIONS, backend is not None, backend or texts.NO_NOTIFICATIONS))
    for name, ok, detail in results:
        print(texts.LINE.format(mark=texts.OK if ok else texts.FAIL, name=name, detail=detail))
    passed = all(ok for _, ok, _ in results)
    print(texts.ALL_PASSED if passed else texts.SOME_FAILED)
    return 0 if passed else 1
