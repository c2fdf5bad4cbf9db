"""Running `debrief` for tests: in this process (fast, the default), or as a real process for
the few end-to-end checks of exit codes and printing.

In this process the command line gets exactly what a process would: its arguments, its
environment (set for the call and put back after), stdout and stderr (captured), and a
clock (injected, Berlin time unless the test brings its own). The log handler it adds to
the root logger is closed after the call, so no test writes into another's data folder.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop.domain.clock import Clock, SystemClock

REPO = Path(__file__).resolve().parent.parent
TZ = "Europe/Berlin"


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(
    data_dir: Path | str,
    *args: str,
    env: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> CliResult:
    from PySide6.QtWidgets import QApplication

    from desktop.__main__ import main

    # The PDF report makes a QGuiApplication when none exists; the widget tests after this
    # one need it to be the QApplication that pytest-qt would have made.
    QApplication.instance() or QApplication([])
    out, err = io.StringIO(), io.StringIO()
    with (
        _environment({"TZ": TZ, **(env or {})}),
        _umask_restored(),
        _root_logger_restored(),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        code = main(["--data-dir", str(data_dir), *args], clock or SystemClock(ZoneInfo(TZ)))
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_process(
    data_dir: Path | str, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TZ": TZ, **(env or {})},
        cwd=REPO,
        check=False,
    )


@contextmanager
def _environment(changes: Mapping[str, str]) -> Iterator[None]:
    """The whole environment is put back afterwards: a command may change it too (--debug
    sets DEBRIEF_DEBUG for what it runs), and that must not reach the next test."""
    saved = dict(os.environ)
    os.environ.update(changes)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _umask_restored() -> Iterator[None]:
    """The command line makes its files private with umask 077; in this process that would
    outlive the call, and a later test's subprocess (the .deb build) would inherit it."""
    saved = os.umask(0o077)
    os.umask(saved)
    try:
        yield
    finally:
        os.umask(saved)


@contextmanager
def _root_logger_restored() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
