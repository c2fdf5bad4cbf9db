"""How Debrief's cost grows with the data: the same generated year at 1,000, 10,000 and
50,000 opportunities, each measured for start-up, search, refresh and memory.

A cost in proportion to the data draws a straight line on the chart `chart.py` makes
from these figures; one that bends upward is growing faster than the data.

The 50,000 history takes about half a minute to generate, so it is kept in
build/bench-history/ and used again while it is young enough that none of its pending
reminders has come due (they are 3 to 48 hours ahead when made).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.history import generate
from benchmarks.processes import cpu_and_wakeups, memory_kib, start, stop
from tests.desktop_session import DesktopSession, wait_until

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SIZES = (1_000, 10_000, 50_000)
CACHE = REPO / "build" / "bench-history"
CACHE_FOR_S = 2 * 3600  # the earliest pending reminder is 3 h ahead when made
SETTLED_S = 1.0  # the window has loaded its rows once it used no CPU for this long
SETTLE_LIMIT_S = 120


@dataclass
class Point:
    opportunities: int
    startup_ms: float  # spawn to the window's first paint, median
    search_p95_ms: float  # one keystroke in the list
    refresh_ms: float  # the whole window read again and repainted, median
    memory_mib: float  # resident, the window open with every row loaded
    generated_s: float  # 0 when the history came from the cache


def history(size: int, work: Path, now: datetime) -> tuple[Path, float]:
    """A data folder holding `size` opportunities (a copy: starting Debrief writes to its
    folder), and the seconds spent generating it."""
    if size < max(SIZES):
        folder = work / f"history-{size}"
        began = time.perf_counter()
        generate(folder, now, opportunities=size)
        return folder, time.perf_counter() - began
    cached = CACHE / f"{size}-{_generator_version()}"
    stamp = cached / "made-at"
    if stamp.exists() and time.time() - float(stamp.read_text()) < CACHE_FOR_S:
        return _copy(cached, work / f"history-{size}"), 0.0
    shutil.rmtree(CACHE, ignore_errors=True)  # older sizes and generators go with it
    began = time.perf_counter()
    generate(cached, now, opportunities=size)
    spent = time.perf_counter() - began
    stamp.write_text(str(time.time()))
    return _copy(cached, work / f"history-{size}"), spent


def _generator_version() -> str:
    """The cache is only good for the generator that made it."""
    source = (HERE / "history.py").read_bytes()
    return hashlib.sha256(source).hexdigest()[:12]


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("made-at", "*.lock"))
    return target


def measure(
    session: DesktopSession, work: Path, rounds: int, made: dict[int, Path] | None = None
) -> list[Point]:
    """`made`: sizes already generated in this run (the big history), copied, not made."""
    now = datetime.now(UTC)
    points = []
    for size in SIZES:
        print(f"scaling: {size:,} opportunities…", flush=True)
        if made and size in made:
            folder, generated_s = _copy(made[size], work / f"history-{size}"), 0.0
        else:
            folder, generated_s = history(size, work, now)
        startups, memories = [], []
        for number in range(rounds + 1):  # the first start warms the caches, not counted
            started = start(session, _window(folder), "painted")
            memory = _settled_memory_mib(started.process.pid)
            stop(started)
            if number:
                memories.append(memory)
                startups.append(started.marks["painted"] * 1000)
        found = _in_process(folder, work / f"inprocess-{size}")
        points.append(
            Point(
                opportunities=size,
                startup_ms=statistics.median(startups),
                search_p95_ms=found["search"]["p95_ms"],
                refresh_ms=found["refresh"]["median_ms"],
                memory_mib=statistics.median(memories),
                generated_s=generated_s,
            )
        )
        shutil.rmtree(folder, ignore_errors=True)
    return points


def _window(folder: Path) -> list[str]:
    return [sys.executable, "-m", "desktop", "--data-dir", str(folder)]


def _settled_memory_mib(pid: int) -> float:
    """Resident memory once the window has read its rows: it reads them just after its
    first paint, so wait until it has used no CPU for a while."""
    last = [cpu_and_wakeups(pid)[0], time.monotonic()]

    def settled() -> bool:
        cpu = cpu_and_wakeups(pid)[0]
        if cpu != last[0]:
            last[:] = [cpu, time.monotonic()]
        return time.monotonic() - last[1] >= SETTLED_S

    wait_until(settled, timeout=SETTLE_LIMIT_S, every=0.1)
    return memory_kib(pid)["VmRSS"] / 1024


def _in_process(folder: Path, out: Path) -> dict:
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.inprocess", str(folder), str(out), "search", "refresh"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def draw(points: list[Point], target: Path) -> bool:
    """The chart, drawn by Qt in its own offscreen process (see chart.py). False when it
    could not be drawn; the table still has every figure."""
    figures = json.dumps([asdict(point) for point in points])
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.chart", str(target)],
        input=figures, cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        print(f"the scaling chart was not drawn: {done.stderr.strip()}", flush=True)
    return done.returncode == 0
