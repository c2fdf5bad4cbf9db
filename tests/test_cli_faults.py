"""The command line on errors nobody planned for, and on a database another program holds."""

from __future__ import annotations

import logging
import sqlite3
import sys

from desktop.cli import install_command_line_hook
from desktop.logs import setup_logging
from tests.conftest import run_cli


def test_a_locked_database_is_named_as_such(tmp_path) -> None:
    data = tmp_path / "data"
    assert run_cli(data, "list").returncode == 0
    holder = sqlite3.connect(data / "debrief.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        done = run_cli(
            data, "log-interview", "--company", "Acme", "--role", "Analyst",
            "--at", "2026-11-25 14:00",
        )  # fmt: skip
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    assert done.stderr.startswith("debrief: Another program is holding your Debrief data")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "damaged" not in done.stderr and "unexpected" not in done.stderr


def test_an_error_nothing_caught_is_one_line_and_a_logged_traceback(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    log_path = setup_logging(data)
    previous = sys.excepthook
    try:
        install_command_line_hook(log_path)
        try:
            raise LookupError("nobody planned this")
        except LookupError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
        root = logging.getLogger()
        for handler in [
            h for h in root.handlers if getattr(h, "baseFilename", "") == str(log_path)
        ]:
            root.removeHandler(handler)
            handler.close()
    captured = capsys.readouterr()
    assert captured.err == (
        f"debrief: unexpected error: nobody planned this (details in {log_path})\n"
    )
    logged = log_path.read_text()
    assert "Traceback" in logged and "LookupError: nobody planned this" in logged
