"""`debrief self-check`: can Debrief run on this machine, with this data folder?"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from db.connection import DatabaseUnreadable, integrity_ok
from db.migrations import SCHEMA_VERSION, DatabaseTooNew, schema_version
from db.store import open_store
from desktop.notifications import notification_backend


def _qt_probe_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "_probe-qt"]
    return [sys.executable, "-m", "desktop", "_probe-qt"]


def probe_qt() -> int:
    """Run in a child process: Qt aborts the whole process when a platform plugin fails."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    print(app.platformName())
    return 0


def _check_qt() -> tuple[bool, str]:
    try:
        done = subprocess.run(
            _qt_probe_command(), capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"could not start the check ({error})"
    if done.returncode == 0:
        return True, f"platform {done.stdout.strip() or '?'}"
    last = (done.stderr.strip().splitlines() or ["no message"])[-1]
    return False, f"the platform plugin did not load: {last}"


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
        return [("database opens", False, str(error))]
    healthy, text = integrity_ok(database)
    version = schema_version(database)
    return [
        ("database opens", True, str(database.database)),
        ("database integrity", healthy, text),
        (
            "schema version",
            version == SCHEMA_VERSION,
            f"{version} (this Debrief: {SCHEMA_VERSION})",
        ),
    ]


def self_check(data_dir: Path) -> int:
    results: list[tuple[str, bool, str]] = [("Qt platform plugin", *_check_qt())]
    writable = _check_writable(data_dir)
    results.append(("data folder writable", *writable))
    if writable[0]:
        results += _check_database(data_dir)
    backend = notification_backend()
    results.append(("notification backend", backend is not None, backend or "none found"))
    for name, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}")
    passed = all(ok for _, ok, _ in results)
    print("All checks passed." if passed else "Some checks failed.")
    return 0 if passed else 1
