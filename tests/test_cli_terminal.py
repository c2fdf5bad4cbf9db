"""The command line on a terminal that is not UTF-8: it prints, it never crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import REPO, run_cli
from tests.tray_helpers import without_quiet_hours


def _run(data_dir, encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    # PYTHONIOENCODING stands in for a Latin-1 locale (LC_ALL=de_DE.ISO-8859-1), which
    # needs generating before it can be used.
    env = {**os.environ, "TZ": "Europe/Berlin", "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        capture_output=True, timeout=120, env=env, cwd=REPO, check=False,
    )  # fmt: skip


COMPANY = "Müller — Söhne"  # Latin-1 holds the umlauts, not the em dash


@pytest.fixture
def data_dir(tmp_path):
    data = tmp_path / "data"
    # The `due` commands run in a process of their own, by the real clock: with quiet
    # hours off, a debrief due hours ago is due at any hour the suite runs.
    without_quiet_hours(data)
    # Hours ago: its debrief is due and still worth writing (one long past would be past).
    at = f"{datetime.now(ZoneInfo('Europe/Berlin')) - timedelta(hours=6):%Y-%m-%d %H:%M}"
    done = run_cli(data, "log-interview", "--company", COMPANY, "--role", "Analyst", "--at", at)
    assert done.returncode == 0, done.stderr
    return data


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize("command", [["due"], ["list"], ["backup", "--list"]])
def test_text_output_fits_the_terminal(data_dir, encoding, command) -> None:
    done = _run(data_dir, encoding, *command)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode(encoding)  # every byte is one the terminal can show
    if command != ["backup", "--list"]:
        assert ("Müller - Söhne" if encoding == "latin-1" else "M?ller - S?hne") in text
    if command == ["due"]:
        assert "Write your debrief while it's fresh - " in text


@pytest.mark.parametrize(
    ("fmt", "stamp"), [("csv", None), ("json", b"exported_at"), ("ics", b"DTSTAMP")]
)
def test_a_file_written_to_stdout_is_utf8_whatever_the_terminal(
    data_dir, tmp_path, fmt, stamp
) -> None:
    to_file = tmp_path / f"export.{fmt}"
    assert run_cli(data_dir, "export", "--format", fmt, "-o", str(to_file)).returncode == 0
    done = _run(data_dir, "latin-1", "export", "--format", fmt, "-o", "-")
    assert done.returncode == 0, done.stderr

    def unstamped(data: bytes) -> list[bytes]:  # the two were written a moment apart
        return [line for line in data.splitlines() if stamp is None or stamp not in line]

    assert unstamped(done.stdout) == unstamped(to_file.read_bytes())
    assert COMPANY.encode("utf-8") in done.stdout


@pytest.mark.parametrize("command", [["list", "--json"], ["due", "--json"]])
def test_json_on_stdout_is_utf8_whatever_the_terminal(data_dir, command) -> None:
    done = _run(data_dir, "latin-1", *command)
    assert done.returncode == 0, done.stderr
    assert COMPANY in json.dumps(json.loads(done.stdout.decode("utf-8")), ensure_ascii=False)


def test_a_message_with_a_menu_arrow_reaches_an_ascii_terminal(data_dir, tmp_path) -> None:
    done = _run(data_dir, "ascii", "import", str(tmp_path / "missing—file.json"))
    assert done.returncode == 2
    assert done.stderr.decode("ascii").startswith("debrief: ")
    assert b"missing-file.json" in done.stderr
