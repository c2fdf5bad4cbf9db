"""Whole-process measurements on a real desktop (Xvfb, dunst, trayer): start-up marks,
resident memory, CPU time and wake-ups, read from the marks file and /proc."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.desktop_session import DesktopSession, wait_until

PROBE_ENV = "DEBRIEF_STARTUP_PROBE"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Started:
    process: subprocess.Popen
    marks: dict[str, float]  # seconds from spawn
    cpu: dict[str, float]  # CPU seconds the process had used at each mark


def start(
    session: DesktopSession, command: list[str], wait_for: str, env=None, then: str | None = None
) -> Started:
    """Start `command`, wait for its `wait_for` mark (and up to 10 s more for a `then`
    mark, which only some programs write), return the process still running."""
    probe = Path(tempfile.mkstemp(prefix="probe-")[1])
    began = time.monotonic()
    process = subprocess.Popen(
        command,
        env={**session.env, **(env or {}), PROBE_ENV: str(probe)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    marks = wait_until(lambda: _marks(probe, wait_for), timeout=60, every=0.01)
    if marks and then:
        marks = wait_until(lambda: _marks(probe, then), timeout=10, every=0.01) or marks
    probe.unlink(missing_ok=True)
    if not marks:
        process.kill()
        raise RuntimeError(f"{command} never reached {wait_for!r}")
    return Started(
        process,
        {name: at - began for name, (at, _cpu) in marks.items()},
        {name: cpu for name, (_at, cpu) in marks.items()},
    )


def _marks(probe: Path, wanted: str) -> dict[str, tuple[float, float]] | None:
    """Each mark: (monotonic time, CPU seconds used so far)."""
    text = probe.read_text() if probe.exists() else ""
    marks = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2:  # a line still being written is read on the next look
            marks[fields[0]] = (float(fields[1]), float(fields[2]) if len(fields) > 2 else 0.0)
    return marks if wanted in marks else None


def stop(started: Started) -> None:
    started.process.terminate()
    try:
        started.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        started.process.kill()
        started.process.wait()


def memory_kib(pid: int) -> dict[str, int]:
    """Peak (VmHWM) and current (VmRSS) resident memory."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0])
    return fields


def cpu_and_wakeups(pid: int) -> tuple[float, dict[int, int]]:
    """CPU seconds used so far (all threads) and each thread's context switches, a count
    of wake-ups. Per thread: a thread that ends takes its count with it (Qt's pool
    threads expire after 30 s idle), so a total could go down between two readings."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(stat[11]) + int(stat[12])) / TICKS  # utime + stime
    switches = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            lines = (task / "status").read_text().splitlines()
        except FileNotFoundError:  # a thread that just ended
            continue
        switches[int(task.name)] = sum(
            int(line.split()[1])
            for line in lines
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"))
        )
    return cpu, switches


def wakeups_between(before: dict[int, int], after: dict[int, int]) -> int:
    """Context switches between two readings, thread by thread: those of threads still
    running, and all of those started in between."""
    return sum(count - before.get(thread, 0) for thread, count in after.items())
