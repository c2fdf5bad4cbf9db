"""A real desktop for end-to-end tests: Xvfb, a D-Bus session, dunst and trayer.

Started once per test session by the `desktop` fixture. dunst runs a recorder script for
every notification it receives, so tests assert on what the notification daemon got.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
READY_S = 60  # a guard against hanging, never reached on a working machine
TOOLS = ("Xvfb", "dbus-daemon", "dunst", "dunstctl", "trayer", "xwininfo", "xdpyinfo", "xdotool")

RECORDER = """#!{python}
import json, os, sys, time
record = {{"t": time.time(), "app": sys.argv[1], "summary": sys.argv[2], "body": sys.argv[3],
          "icon": os.environ.get("DUNST_ICON_PATH", ""),
          "desktop_entry": os.environ.get("DUNST_DESKTOP_ENTRY", ""),
          "id": int(os.environ.get("DUNST_ID") or 0)}}
with open({log!r}, "a", encoding="utf-8") as out:
    out.write(json.dumps(record) + "\\n")
"""

# dunst's context menu (`dunstctl context`) hands every action on screen to a dmenu-like
# program, one line each ("#Label (summary) [id,key]"), and invokes the line it answers.
# This one records what it was offered and answers the line a test chose: an action
# invoked through dunst itself, as a user picking it would.
MENU = """#!{python}
import json, sys
offered = sys.stdin.read().splitlines()
with open({offered!r}, "a", encoding="utf-8") as out:
    out.write(json.dumps(offered) + "\\n")
wanted = open({choice!r}, encoding="utf-8").read().strip()
print(next((line for line in offered if line.endswith(wanted)), ""))
"""

TRAYER = [
    "trayer",
    "--edge",
    "top",
    "--align",
    "right",
    "--widthtype",
    "request",
    "--height",
    "24",
    "--SetDockType",
    "true",
    "--transparent",
    "false",
]

DUNSTRC = """[global]
    notification_limit = 0
    follow = none
    # Each test's notifications must reach the recorder, even one equal to an earlier one.
    stack_duplicates = false
    dmenu = {menu}
[record]
    summary = "*"
    script = {script}
# Debrief's notifications stay until answered or closed, so what a test looks at is still
# there however slow the machine (the `apps` fixture closes them after each test).
[debrief]
    appname = "Debrief"
    timeout = 0
"""


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def wait_until(predicate: Callable[[], object], timeout: float, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            return result
        time.sleep(every)


class DesktopSession:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runtime_dir = root / "runtime"
        self.runtime_dir.mkdir(mode=0o700)
        self.config_home = root / "config"
        self.notifications_log = root / "notifications.jsonl"
        self.notifications_log.touch()
        self.menu_offered = root / "menu-offered.jsonl"
        self.menu_choice = root / "menu-choice"
        self.processes: list[subprocess.Popen] = []
        self.env: dict[str, str] = {}

    # ----- starting and stopping --------------------------------------------------
    def start(self) -> None:
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(xvfb)
        os.close(write_end)
        with os.fdopen(read_end) as display_pipe:
            display = display_pipe.readline().strip()
        if not display:
            raise RuntimeError("Xvfb did not start")
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.processes.append(bus)
        address = bus.stdout.readline().strip() if bus.stdout else ""
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.root),
            "DISPLAY": f":{display}",
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "XDG_CONFIG_HOME": str(self.config_home),
            "TZ": "Europe/Berlin",
            "QT_QPA_PLATFORM": "xcb",
            "LANG": "C.UTF-8",
        }
        script = self.root / "record-notification"
        script.write_text(RECORDER.format(python=sys.executable, log=str(self.notifications_log)))
        script.chmod(0o755)
        menu = self.root / "menu"
        menu.write_text(MENU.format(python=sys.executable, offered=str(self.menu_offered),
                                    choice=str(self.menu_choice)))  # fmt: skip
        menu.chmod(0o755)
        dunstrc = self.root / "dunstrc"
        dunstrc.write_text(DUNSTRC.format(script=script, menu=menu))
        # Each part starts once the one it needs answers, and is itself awaited until it
        # does what the tests rely on; one that exits or never gets there fails with its log.
        if not wait_until(self._display_answers, timeout=READY_S):
            raise RuntimeError(f"Xvfb :{display} does not accept connections")
        self._start(["dunst", "-conf", str(dunstrc)], self._daemon_answers)
        self._start(TRAYER, lambda: self._tray_selection_owned() and self.top_level_named("panel"))

    def _start(self, command: list[str], ready: Callable[[], object]) -> None:
        process = self._spawn(command)
        deadline = time.monotonic() + READY_S
        while not ready():
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited ({process.returncode}): "
                                   f"{self._log_of(command[0])}")  # fmt: skip
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} not ready in {READY_S} s: "
                                   f"{self._log_of(command[0])}")  # fmt: skip
            time.sleep(0.05)

    def _tray_selection_owned(self) -> bool:
        """What Qt asks before it shows a tray icon: does anyone own the tray selection?"""
        xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XInternAtom.restype = ctypes.c_ulong
        xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        xlib.XGetSelectionOwner.restype = ctypes.c_ulong
        xlib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        connection = xlib.XOpenDisplay(self.env["DISPLAY"].encode())
        if not connection:
            return False
        try:
            selection = xlib.XInternAtom(connection, b"_NET_SYSTEM_TRAY_S0", 0)
            return xlib.XGetSelectionOwner(connection, selection) != 0
        finally:
            xlib.XCloseDisplay(connection)

    def _display_answers(self) -> bool:
        done = subprocess.run(["xdpyinfo"], env=self.env, capture_output=True, check=False)
        return done.returncode == 0

    def _spawn(self, command: list[str]) -> subprocess.Popen:
        log = open(self.root / f"{command[0]}.log", "wb")  # noqa: SIM115 - kept for the run
        process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def _log_of(self, name: str) -> str:
        path = self.root / f"{name}.log"
        return path.read_text(errors="replace")[-500:] if path.exists() else "(no log)"

    def _daemon_answers(self) -> bool:
        result = subprocess.run(
            ["dunstctl", "is-paused"], env=self.env, capture_output=True, text=True, check=False
        )
        return result.returncode == 0

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()

    # ----- what the tests use -----------------------------------------------------
    def launch(
        self,
        data_dir: Path | None,
        *args: str,
        program: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.Popen:
        """Debrief from this checkout, or `program` (the installed one); with no data_dir
        it uses its default folder under the session's (or env's) HOME."""
        place = ["--data-dir", str(data_dir)] if data_dir is not None else []
        return subprocess.Popen(
            [*(program or [sys.executable, "-m", "desktop"]), *place, *args],
            env={**self.env, **(env or {})},
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def cli(self, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def close_all_notifications(self) -> None:
        subprocess.run(["dunstctl", "close-all"], env=self.env, check=False)

    def invoke_action(self, notification_id: int, key: str) -> list[str]:
        """Open dunst's context menu and pick `key` of that notification, as a user would;
        returns the lines the menu offered."""
        before = self._offered_count()
        self.menu_choice.write_text(f"[{notification_id},{key}]")
        subprocess.run(["dunstctl", "context"], env=self.env, check=True, timeout=30)
        assert wait_until(lambda: self._offered_count() > before, timeout=READY_S)
        return json.loads(self.menu_offered.read_text(encoding="utf-8").splitlines()[-1])

    def _offered_count(self) -> int:
        if not self.menu_offered.exists():
            return 0
        return len(self.menu_offered.read_text(encoding="utf-8").splitlines())

    def displayed(self) -> int:
        """How many notifications dunst shows now."""
        done = subprocess.run(["dunstctl", "count", "displayed"], env=self.env,
                              capture_output=True, text=True, check=True, timeout=30)  # fmt: skip
        return int(done.stdout.strip())

    def notifications(self) -> list[dict[str, object]]:
        lines = self.notifications_log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def top_level_named(self, name: str) -> list[str]:
        """Ids of the root's children with this WM_NAME that are mapped and viewable."""
        listing = subprocess.run(
            ["xwininfo", "-root", "-children"], env=self.env, capture_output=True, text=True
        ).stdout
        found = []
        for line in listing.splitlines():
            parts = line.strip().split(" ", 1)
            if len(parts) == 2 and parts[0].startswith("0x") and parts[1].startswith(f'"{name}"'):
                info = subprocess.run(
                    ["xwininfo", "-id", parts[0]], env=self.env, capture_output=True, text=True
                ).stdout
                if "IsViewable" in info:
                    found.append(parts[0])
        return found

    def tray_icon_window(self) -> str | None:
        """The id of Debrief's icon as embedded in trayer's panel."""
        for line in self.tray_children().splitlines():
            if '("debrief" "Debrief")' in line:
                return line.split()[0]
        return None

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=10)

    def tray_children(self) -> str:
        """The tree under trayer's panel: embedded tray icons appear here."""
        ids = self.top_level_named("panel")
        if not ids:
            return ""
        return subprocess.run(
            ["xwininfo", "-id", ids[0], "-tree"], env=self.env, capture_output=True, text=True
        ).stdout
