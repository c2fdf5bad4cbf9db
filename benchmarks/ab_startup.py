"""Start-up and memory of two checkouts of Debrief, started alternately with the bare
PySide6 baseline in one desktop session: an A/B of a change, in a few minutes rather than
`make bench`'s eleven.

    python -m benchmarks.ab_startup OTHER_CHECKOUT HISTORY_DIR [ROUNDS]

OTHER_CHECKOUT is another checkout (main's code, say: `git archive main | tar -x -C DIR`);
both run with the Python running this script, each from its own folder, so only the
code differs. Each variant starts on its own copy of HISTORY_DIR
(and of an empty data folder), made once, so neither side pays the other's writes. Round 0
warms the caches and is not counted. Prints medians: wall-clock seconds from spawn to the
mark, CPU seconds at it, and steady resident memory 3 s after it, each with its ratio to
the baseline of the same round set; for a window start also "filled", the moment its first
read (the list, Today) is shown, against the bare window's first paint.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.processes import memory_kib, start, stop
from tests.desktop_session import DesktopSession

HERE = Path(__file__).resolve().parent
THIS = HERE.parent


# The window's "filled" mark: its first read shown. A checkout that does not write it
# (main before #22's first-paint change) costs 10 s of waiting per start and no row.
FILLED = "filled"


def variants(other: Path, history: Path, work: Path) -> dict[str, tuple[list[str], str]]:
    bare = [sys.executable, str(HERE / "baseline_app.py")]
    found: dict[str, tuple[list[str], str]] = {
        "bare window": (bare, "painted"),
        "bare tray": ([*bare, "--background"], "tray"),
    }
    for side, repo in (("other", other), ("this", THIS)):
        for size in ("empty", "big"):
            for kind, mark in (("window", "painted"), ("tray", "tray")):
                data = work / f"{side}-{size}-{kind}"
                if size == "big":
                    shutil.copytree(history, data, ignore=shutil.ignore_patterns("*.lock"))
                command = [sys.executable, "-m", "desktop", "--data-dir", str(data)]
                if kind == "tray":
                    command.append("--background")
                # `python -m desktop` finds the package in the working directory first.
                found[f"{side} {kind}, {size}"] = (["env", "-C", str(repo), *command], mark)
    return found


def main() -> int:
    other, history = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    work = Path(tempfile.mkdtemp(prefix="ab-startup-"))
    (work / "desktop").mkdir()
    session = DesktopSession(work / "desktop")
    session.start()
    runs = variants(other, history, work)
    found: dict[str, dict[str, list[float]]] = {n: {"wall": [], "cpu": [], "rss": []} for n in runs}
    filled = [n for n in runs if " window" in n and not n.startswith("bare")]
    found.update({f"{n} {FILLED}": {"wall": [], "cpu": [], "rss": []} for n in filled})
    try:
        for number in range(rounds + 1):
            for name, (command, mark) in runs.items():
                started = start(session, command, mark, then=FILLED if name in filled else None)
                time.sleep(3)
                rss = memory_kib(started.process.pid)["VmRSS"] / 1024
                stop(started)
                if number:
                    for row, at in ((name, mark), (f"{name} {FILLED}", FILLED)):
                        if at in started.marks:
                            found[row]["wall"].append(started.marks[at])
                            found[row]["cpu"].append(started.cpu[at])
                            found[row]["rss"].append(rss)
            print(f"round {number} done", file=sys.stderr, flush=True)
    finally:
        session.stop()
        shutil.rmtree(work, ignore_errors=True)
    medians = {
        n: {k: statistics.median(v) for k, v in f.items()} for n, f in found.items() if f["wall"]
    }
    print(f"{'variant':31} {'wall ms':>8} {'×':>5} {'cpu ms':>7} {'×':>5} {'RSS MiB':>8} {'×':>5}")
    for name, m in medians.items():
        base = medians["bare window" if "window" in name else "bare tray"]
        print(
            f"{name:31} {m['wall'] * 1000:8.0f} {m['wall'] / base['wall']:5.2f} "
            f"{m['cpu'] * 1000:7.0f} {m['cpu'] / base['cpu']:5.2f} "
            f"{m['rss']:8.1f} {m['rss'] / base['rss']:5.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
