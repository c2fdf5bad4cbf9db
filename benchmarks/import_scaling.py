"""How reading a JSON import grows with the file: peak memory and time, each in a fresh
process, for a real export cut to a few sizes and for files made to be expensive.

    python -m benchmarks.import_scaling            # prints a table; nothing is asserted
    python -m benchmarks.import_scaling --import   # also writes each real export (minutes)

Peak memory is the process's high-water resident set (VmHWM) minus what it held before
reading; time is the wall clock of reading and checking (and, for `import`, writing).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.history import generate

HERE = Path(__file__).resolve().parent
HEAD = '{"format":"debrief-export","version":1,'
STAMP = "2026-01-01T09:00:00Z"

_MEASURE = """
import sys, time
from pathlib import Path

def peak_kib():  # this process's high-water mark; ru_maxrss would include the parent's
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

from desktop.domain.import_source import bundle_from_json, read_import_text
path, write, data = Path(sys.argv[1]), sys.argv[2] == "import", sys.argv[3]
if write:
    from datetime import UTC, datetime
    from db.store import open_store
    from desktop.domain.clock import FixedClock
    from desktop.services.import_bundle import Duplicates, apply_bundle
    open_store(Path(data))
before = peak_kib()
started = time.perf_counter()
try:
    bundle = bundle_from_json(read_import_text(path))
    if write:
        apply_bundle(bundle, Duplicates.SKIP, FixedClock(datetime(2026, 6, 1, tzinfo=UTC)))
    outcome = "accepted"
except ValueError as error:
    outcome = "refused: " + str(error)[:60]
seconds = time.perf_counter() - started
peak = peak_kib()
print(seconds, (peak - before) / 1024, outcome)
"""


def measure(path: Path, write: bool = False) -> tuple[float, float, str]:
    with tempfile.TemporaryDirectory() as data:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(path), "import" if write else "check", data],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parent,
        )
    seconds, mib, outcome = done.stdout.split(" ", 2)
    return float(seconds), float(mib), outcome.strip()


def real_exports(folder: Path) -> list[Path]:
    """The generated year of searching, exported, then cut to a quarter and a half."""
    data = folder / "data"
    generate(data)
    whole = folder / "export.json"
    subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "export", "--format",
         "json", "-o", str(whole)],
        check=True, capture_output=True, cwd=HERE.parent,
    )  # fmt: skip
    bundle = json.loads(whole.read_text(encoding="utf-8"))
    out = []
    for share in (4, 2, 1):
        cut = dict(
            bundle, opportunities=bundle["opportunities"][: len(bundle["opportunities"]) // share]
        )
        path = folder / f"export-1of{share}.json"
        path.write_text(json.dumps(cut), encoding="utf-8")
        out.append(path)
    return out


def people_and_references(count: int) -> str:
    """`count` people and opportunities, each opportunity naming a person twice."""
    contacts = [{"ref": i, "name": f"P{i}", "created_at": STAMP} for i in range(1, count + 1)]
    opportunities = [
        {
            "company": f"C{i}",
            "role_title": "R",
            "created_at": STAMP,
            "updated_at": STAMP,
            "recruiter": i,
            "interviews": [
                {"ref": i, "starts_at": STAMP, "created_at": STAMP, "interviewers": [i]}
            ],
        }
        for i in range(1, count + 1)
    ]
    bundle = {"format": "debrief-export", "version": 1}
    return json.dumps(dict(bundle, contacts=contacts, opportunities=opportunities))


def empty_objects(mib: float) -> str:
    return HEAD + '"opportunities":[' + ",".join(["{}"] * int(mib * 2**20 / 3)) + "]}"


def nested_objects(mib: float) -> str:
    inner = '{"interviews":[' + ",".join(['{"debrief":{}}'] * 50) + "]}"
    return HEAD + '"opportunities":[' + ",".join([inner] * int(mib * 2**20 / len(inner))) + "]}"


def short_records(mib: float) -> str:
    """As dense as the container check lets through: one small object every 12 characters."""
    return HEAD + '"opportunities":[' + ",".join(['{"a":"bcd"}'] * int(mib * 2**20 / 12)) + "]}"


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        writing = "--import" in sys.argv[1:]
        files: list[tuple[Path, bool]] = [(path, writing) for path in real_exports(folder)]
        made = {
            "references-6k": people_and_references(6_000),
            "references-12k": people_and_references(12_000),
            "references-24k": people_and_references(24_000),
            "empty-objects-2MiB": empty_objects(2),  # 700,000: under the list limit
            "empty-objects-4MiB": empty_objects(4),
            "nested-14MiB": nested_objects(14),
            "short-records-2MiB": short_records(2),
            "short-records-4MiB": short_records(4),
            "short-records-8MiB": short_records(8),
        }
        for name, text in made.items():
            path = folder / f"{name}.json"
            path.write_text(text, encoding="utf-8")
            files.append((path, False))
        print(
            f"{'file':<26}{'MiB':>7}{'what':>8}{'seconds':>9}{'peak MiB':>10}{'× file':>8}  outcome"
        )
        for path, also_write in files:
            size = path.stat().st_size / 2**20
            for write in (False, True) if also_write else (False,):
                seconds, mib, outcome = measure(path, write)
                print(
                    f"{path.stem:<26}{size:>7.1f}{'import' if write else 'check':>8}"
                    f"{seconds:>9.2f}{mib:>10.0f}{mib / size:>8.1f}  {outcome}"
                )


if __name__ == "__main__":
    main()
