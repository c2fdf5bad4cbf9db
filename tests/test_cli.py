"""The command line on a real data folder: in this process (tests/cli_runner.py), and
through a real process where the process itself is the point: exit codes and what reaches
stdout and stderr for --version, --help, one write, one read and each kind of failure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop import __version__
from tests.conftest import run_cli, run_cli_process


def _log(data_dir, *extra: str):
    return run_cli(
        data_dir,
        "log-interview",
        "--company", "Acme",
        "--role", "Data Analyst",
        "--at", "2026-11-25 14:00",
        "--round", "phone screen",
        "--interviewer", "Dana Li <dana@acme.example>",
        "--interviewer", "Lee Park <lee@acme.example>",
        "--recruiter", "Sam Ortiz <sam@agency.example>",
        *extra,
    )  # fmt: skip


def test_version() -> None:
    done = run_cli_process("/nonexistent-never-created", "--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"debrief {__version__}"


def test_help_lists_the_commands_and_exits_0(tmp_path) -> None:
    done = run_cli_process(tmp_path / "data", "--help")
    assert done.returncode == 0 and done.stderr == ""
    assert "log-interview" in done.stdout and "self-check" in done.stdout


def test_a_real_process_writes_then_reads(tmp_path) -> None:
    data = tmp_path / "data"
    logged = run_cli_process(data, "log-interview", "--company", "Acme", "--role", "Analyst",
                             "--at", "2026-11-25 14:00")  # fmt: skip
    assert (logged.returncode, logged.stderr) == (0, "")
    assert "interview 1, opportunity 1" in logged.stdout
    listed = run_cli_process(data, "list", "--json")
    assert listed.returncode == 0 and listed.stderr == ""
    assert [row["company"] for row in json.loads(listed.stdout)] == ["Acme"]


def test_a_real_process_exits_2_on_bad_input_with_one_line(tmp_path) -> None:
    done = run_cli_process(tmp_path / "data", "set-status", "abc", "offer")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("debrief: ") and done.stderr.count("\n") == 1


def test_log_list_and_set_status(tmp_path) -> None:
    data = tmp_path / "data"
    logged = _log(data)
    assert logged.returncode == 0, logged.stderr
    assert logged.stdout.strip() == (
        "Logged the interview at Acme (Data Analyst) on 2026-11-25 14:00: "
        "interview 1, opportunity 1. See what comes next with: debrief due"
    )
    listed = run_cli(data, "list", "--json")
    assert listed.returncode == 0
    [row] = json.loads(listed.stdout)
    assert row["company"] == "Acme" and row["status"] == "interviewing"
    assert row["latest_interview"] == "2026-11-25T14:00+01:00"

    changed = run_cli(data, "set-status", "1", "Not this time", "--note", "internal candidate")
    assert changed.returncode == 0 and "Not this time" in changed.stdout
    table = run_cli(data, "list", "--status", "rejected")
    assert "Acme" in table.stdout and "Not this time" in table.stdout
    assert "Acme" not in run_cli(data, "list", "--status", "offer").stdout


def test_a_list_with_everything_archived_does_not_say_nothing_yet(tmp_path, clock) -> None:
    from db.connection import close_database
    from db.store import open_store
    from desktop.services.opportunities import set_archived

    data = tmp_path / "data"
    assert _log(data).returncode == 0
    open_store(data)
    try:
        set_archived(1, True, clock)
    finally:
        close_database()
    done = run_cli(data, "list")
    assert done.returncode == 0
    assert done.stdout == "No live opportunities; 1 archived. See it with: debrief list --all\n"
    assert "Acme" in run_cli(data, "list", "--all").stdout


def test_empty_list_says_what_to_do(tmp_path) -> None:
    done = run_cli(tmp_path / "data", "list")
    assert done.returncode == 0
    assert "log-interview" in done.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["set-status", "99", "offer"], "no opportunity with id 99"),
        (["set-status", "abc", "offer"], "must be a number"),
        (["set-status", "1", "hired!"], "unknown status"),
        (["log-interview", "--company", "A", "--role", "B", "--at", "2026-02-30 10:00"], "--at"),
        (
            ["log-interview", "--company", "A", "--role", "B", "--at", "tomorrow"],
            "not a date and time",
        ),
        (
            [
                "log-interview",
                "--company",
                "A",
                "--role",
                "B",
                "--at",
                "2026-11-25 10:00",
                "--interviewer",
                "x <y>",
            ],
            "--interviewer",
        ),
        (["log-interview", "--company", "A"], "required"),
        (["frobnicate"], "invalid choice"),
        (["list", "--status", "sleeping"], "unknown status"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, args, fragment) -> None:
    data = tmp_path / "data"
    assert _log(data).returncode == 0
    before = run_cli(data, "list", "--json").stdout
    done = run_cli(data, *args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("debrief: ") and fragment in lines[0]
    assert "Traceback" not in done.stderr
    assert run_cli(data, "list", "--json").stdout == before


def test_data_dir_from_environment(tmp_path) -> None:
    data = tmp_path / "from-env"
    done = run_cli(tmp_path / "ignored", "list", env={"DEBRIEF_DATA_DIR": str(data)})
    assert done.returncode == 0
    # --data-dir wins over the environment variable
    assert (tmp_path / "ignored" / "debrief.sqlite3").exists()
    assert not data.exists()


def test_a_newer_database_gives_one_line_and_exit_1(tmp_path) -> None:
    import sqlite3

    data = tmp_path / "data"
    assert _log(data).returncode == 0
    with sqlite3.connect(data / "debrief.sqlite3") as raw:
        raw.execute("PRAGMA user_version = 999")
    done = run_cli_process(data, "list")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "999" in done.stderr and "newer Debrief" in done.stderr


def test_self_check_passes_here(tmp_path) -> None:
    done = run_cli(tmp_path / "data", "self-check", env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stdout + done.stderr
    for check in (
        "Qt platform plugin",
        "shipped files",
        "icons draw",
        "data folder writable",
        "database integrity",
        "schema version",
        "notification backend",
    ):
        assert f"ok    {check}" in done.stdout


def test_self_check_fails_when_qt_cannot_load_a_platform(tmp_path) -> None:
    done = run_cli(tmp_path / "data", "self-check", env={"QT_QPA_PLATFORM": "no-such-platform"})
    assert done.returncode == 1
    assert "FAIL  Qt platform plugin" in done.stdout


def test_self_check_names_why_the_display_failed(tmp_path) -> None:
    # Qt prints the cause first and three lines of aftermath; the last one says nothing.
    free = next(n for n in range(4242, 4342) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    done = run_cli(
        tmp_path / "data", "self-check", env={"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{free}"}
    )
    assert done.returncode == 1
    qt_line = next(line for line in done.stdout.splitlines() if "Qt platform plugin" in line)
    assert qt_line.startswith("FAIL")
    assert qt_line.endswith(f"could not connect to display :{free}")


def test_qt_failure_cause_skips_the_aftermath() -> None:
    from desktop.cli.selfcheck import qt_failure_cause

    without_cursor = (
        "qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt "
        "xcb platform plugin.\n"
        'qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was '
        "found.\nThis application failed to start because no Qt platform plugin could be "
        "initialized. Reinstalling the application may fix this problem.\n\n"
        "Available platform plugins are: minimal, offscreen, xcb.\n"
    )
    assert qt_failure_cause(without_cursor, -6, ":0") == (
        "From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin."
    )
    no_display = "qt.qpa.xcb: could not connect to display \n" + without_cursor
    assert qt_failure_cause(no_display, -6, None) == (
        "could not connect to a display: DISPLAY is not set"
    )
    assert qt_failure_cause("", -11, ":0") == "Qt said nothing (exit code -11)"


def test_self_check_lists_missing_shipped_files(tmp_path) -> None:
    from desktop.paths import resources_dir
    from desktop.shipped import missing_files

    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    assert missing_files(copy) == []
    (copy / "icons" / "debrief-dark.svg").unlink()
    (copy / "templates" / "thank_you.txt").write_text("  \n")
    (copy / "nudges" / "few_live.txt").write_text("# only a comment, no message\n")
    assert missing_files(copy) == [
        "icons/debrief-dark.svg",
        "templates/thank_you.txt",
        "nudges/few_live.txt",
    ]


def test_self_check_fails_on_a_corrupt_database(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "debrief.sqlite3").write_bytes(b"garbage" * 1000)
    done = run_cli(data, "self-check", env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 1
    assert "FAIL  database opens" in done.stdout
    assert (data / "debrief.sqlite3").read_bytes() == b"garbage" * 1000


def test_help_and_errors_show_no_internal_command_and_every_option_is_explained() -> None:
    import argparse

    from desktop.cli.parser import build_parser

    shown = run_cli("/nonexistent-never-created", "--help")
    assert shown.returncode == 0
    assert "_probe-qt" not in shown.stdout and "SUPPRESS" not in shown.stdout
    wrong = run_cli("/nonexistent-never-created", "bogus")
    assert wrong.returncode == 2 and "_probe-qt" not in wrong.stderr
    assert wrong.stderr.count("\n") == 1
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    unexplained = [
        f"{name} {' '.join(action.option_strings) or action.dest}"
        for name, sub in commands.choices.items()
        for action in sub._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert unexplained == []


def test_a_reader_that_stops_early_is_no_error(tmp_path) -> None:
    """`debrief due | head -1`: the pipe closes under the writer; it says nothing."""
    import os
    import subprocess
    import sys

    from db.connection import close_database
    from db.store import open_store
    from desktop.domain.clock import FixedClock
    from desktop.services.interviews import log_interview
    from tests.conftest import REPO, interview_draft

    data = tmp_path / "data"
    open_store(data)
    clock = FixedClock(__import__("datetime").datetime(2020, 3, 1, 9, 0,
                       tzinfo=__import__("datetime").UTC), tz="Europe/Berlin")  # fmt: skip
    for n in range(400):  # well over a pipe's 64 KiB of due reminders
        log_interview(
            interview_draft(clock, company=f"Company {n:03}", starts_at="2020-03-02 10:00"), clock
        )
    close_database()
    reader = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "due"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
        env={**os.environ, "TZ": "Europe/Berlin"},
    )  # fmt: skip
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.readline()
    assert b"Company" in first
    reader.stdout.close()  # as head does after its lines
    error = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 0
    assert error == ""


def test_a_command_run_in_this_process_leaves_its_umask_behind(tmp_path) -> None:
    """The command line's private umask must not leak into later tests' subprocesses (the
    package build inherited 077 and dpkg-deb refused its 0700 folders)."""
    import os

    from tests.conftest import run_cli

    before = os.umask(0o022)
    os.umask(before)
    assert run_cli(tmp_path / "data", "list").returncode == 0
    after = os.umask(before)
    assert after == before


PLAIN_STARTS = (
    [],
    ["--background"],
    ["--data-dir", "/some/folder"],
    ["--data-dir=/some/folder", "--debug", "--background"],
    ["--data-dir", "first", "--data-dir", "second"],
    ["--data-dir="],
    ["--data-dir", "list"],
)


@pytest.mark.parametrize("argv", PLAIN_STARTS)
def test_a_plain_start_is_read_as_the_full_grammar_reads_it(argv) -> None:
    from desktop.cli.parser import build_parser, plain_start

    quick = plain_start(argv)
    assert quick is not None  # read without the commands' parsers
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["--back"], ["--data-dir"], ["--data-dir", "-x"], ["--debug=yes"], ["--", "x"],
     ["-h"], ["--version"], ["--data-dir", "/x", "list"], ["--bogus"], [""]],
)  # fmt: skip
def test_anything_but_a_plain_start_goes_to_the_full_grammar(argv) -> None:
    from desktop.cli.parser import plain_start

    assert plain_start(argv) is None
