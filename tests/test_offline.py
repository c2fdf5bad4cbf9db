"""Debrief opens no network connection: a whole session traced at the system-call level.

strace sees every socket any process of the session opens (Qt's and the C libraries' too,
which a Python-level hook would miss). Only local (AF_UNIX) sockets are allowed: the
single-instance socket, and the display and D-Bus that every desktop program talks to.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.tray.single_instance import send, server_name
from tests.conftest import REPO
from tests.desktop_session import wait_until
from tests.tray_helpers import without_quiet_hours

pytestmark = pytest.mark.skipif(not shutil.which("strace"), reason="needs strace")

_SOCKET = re.compile(r"socket\((AF_\w+)")
_CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_\w+)")


def _traced(trace_dir, name: str, *args: str, env: dict[str, str]) -> list[str]:
    return [
        "strace", "-f", "-qq", "-e", "trace=socket,connect,bind,sendto",
        "-o", str(trace_dir / f"{name}.trace"),
        sys.executable, "-m", "desktop", *args,
    ]  # fmt: skip


def _stopped(app: subprocess.Popen[str]) -> str:
    """What a session wrote to stderr, for a failure's message: it is stopped first, as
    reading the pipe of a session still running would wait for its end, forever."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(app.pid, signal.SIGTERM)  # strace alone would detach and leave the app
    try:
        return app.communicate(timeout=30)[1] or ""
    except subprocess.TimeoutExpired:
        return "(the session did not stop within 30 s of SIGTERM)"


# The notification path is part of what is traced: notify-send runs for real, against
# the suite's session bus, which leads nowhere (tests/conftest.py).
@pytest.mark.real_notify_send
def test_a_full_session_opens_only_local_sockets(tmp_path) -> None:
    data, traces = tmp_path / "data", tmp_path / "traces"
    traces.mkdir()
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
        "TZ": "Europe/Berlin",
    }
    common = ("--data-dir", str(data))

    def cli(name: str, *args: str) -> None:
        done = subprocess.run(
            _traced(traces, name, *common, *args, env=env),
            env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    # A reminder already due (and still worth doing), so the session notifies at start:
    # with quiet hours off, at whatever hour the suite runs.
    without_quiet_hours(data)
    earlier = datetime.now(ZoneInfo("Europe/Berlin")) - timedelta(hours=10)
    cli("log", "log-interview", "--company", "Acme", "--role", "Analyst", "--at",
        f"{earlier:%Y-%m-%d %H:%M}", "--interviewer", "Dana <dana@acme.example>")  # fmt: skip
    app = subprocess.Popen(
        _traced(traces, "app", *common, env=env), env=env, cwd=REPO,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    name = server_name(data, str(runtime))

    def notified() -> dict[str, object] | None:
        state = send(name, "status", timeout_ms=2000)
        return state if state and state["waiting"] and not state["notifying"] else None

    try:
        # Started, fired what was due and done notifying it: the sockets of that are traced.
        assert wait_until(notified, timeout=60), _stopped(app)
        cli("log2", "log-interview", "--company", "Globex", "--role", "Lead", "--at",
            "2030-01-05 10:00")  # fmt: skip
        cli("done", "done", "1")
        for fmt in ("json", "csv", "ics", "report"):
            cli(f"export-{fmt}", "export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
        cli("import", "import", str(tmp_path / "out.json"), "--duplicates", "merge")
        cli("backup", "backup")
        # Still running and answering after all that (the commands told it of each change).
        assert send(name, "status", timeout_ms=10_000) is not None
        assert app.poll() is None, _stopped(app)
    finally:
        _stopped(app)

    families: set[str] = set()
    for trace in traces.glob("*.trace"):
        text = trace.read_text(errors="replace")
        families |= set(_SOCKET.findall(text)) | set(_CONNECT.findall(text))
    assert "AF_UNIX" in families  # the trace did see the app's own local socket
    assert families <= {"AF_UNIX", "AF_LOCAL"}, f"non-local sockets: {families}"
    assert len(list(traces.glob("*.trace"))) == 10
