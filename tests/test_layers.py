"""The storage layer and the pure domain must never import Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

_PROBE = """
import importlib, pkgutil, sys
sys.modules["PySide6"] = None  # any import of Qt now raises ImportError
import db, desktop.domain, desktop.services, desktop.playbook
names = ["desktop.cli", "desktop.cli.commands", "desktop.paths", "desktop.notifications",
         "desktop.tray.autostart"]
for package in (db, desktop.domain, desktop.services, desktop.playbook):
    names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_db_domain_and_services_import_without_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 8


def test_blocking_qt_really_blocks_it() -> None:
    """Guards the guard: the probe's trick must make a Qt import fail."""
    probe = "import sys; sys.modules['PySide6'] = None\nimport desktop.ui.main_window"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode != 0
    assert "PySide6" in done.stderr
