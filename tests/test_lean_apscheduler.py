"""APScheduler imported without asyncio, importlib.metadata and multiprocessing
(desktop/tray/lean_apscheduler.py), and still whole: names, the default thread pool and a
later `import asyncio` work as with a plain import. Each case runs in a fresh interpreter,
as the tray imports APScheduler once per process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

LEAN = """
import sys
from desktop.tray.lean_apscheduler import import_apscheduler
import_apscheduler()
print(sorted(n for n in ("asyncio", "importlib.metadata", "multiprocessing") if n in sys.modules))
"""

STILL_WHOLE = """
import sys
from datetime import UTC, datetime
from desktop.tray.lean_apscheduler import import_apscheduler
import_apscheduler()
from apscheduler.schedulers.qt import QtScheduler
scheduler = QtScheduler(timezone=UTC)
job = scheduler.add_job(print, "date", run_date=datetime(2100, 1, 1, tzinfo=UTC))
print(type(job.trigger).__name__)
scheduler.add_executor("threadpool", "pool")
print(type(scheduler._lookup_executor("pool")).__module__)
print(type(scheduler._create_default_executor()).__name__)  # made when none is given
import asyncio
print(asyncio.iscoroutinefunction is not None and hasattr(asyncio, "get_running_loop"))
"""

STAND_INS_FALL_SHORT = """
import sys, types
from desktop.tray import lean_apscheduler
lean_apscheduler._stand_in = lambda name: types.ModuleType(name)  # as if APScheduler needed more
lean_apscheduler.import_apscheduler()
from apscheduler.schedulers.qt import QtScheduler
from apscheduler.util import iscoroutinefunction_partial
print("asyncio" in sys.modules, QtScheduler.__name__, iscoroutinefunction_partial(print))
"""


def _run(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout.splitlines()


def test_the_scheduler_modules_come_without_asyncio_metadata_or_multiprocessing():
    assert _run(LEAN) == ["[]"]


def test_names_the_default_pool_and_asyncio_still_work_after_a_lean_import():
    assert _run(STILL_WHOLE) == [
        "DateTrigger",
        "apscheduler.executors.pool",
        "ThreadPoolExecutor",
        "True",
    ]


def test_when_the_stand_ins_fall_short_apscheduler_is_imported_plainly():
    assert _run(STAND_INS_FALL_SHORT) == ["True QtScheduler False"]
