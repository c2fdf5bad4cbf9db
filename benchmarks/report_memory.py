"""The activity report's time and peak memory at a given number of entries, alone in a
fresh offscreen process (so the window's own memory is not counted):

    python -m benchmarks.report_memory [ENTRIES]   → one JSON object on stdout

Entries are made up, a third of them with details long enough to wrap."""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from desktop.domain.activity_report import FOLLOW_UP, INTERVIEW, ActivityReport, Entry


def entries(count: int) -> list[Entry]:
    return [
        Entry(
            date(2026, 1, 1) + timedelta(days=n * 365 // count),
            (INTERVIEW, FOLLOW_UP)[n % 2],
            f"Company {n % 2000:04d}",
            f"{('Data', 'Product', 'Backend', 'Support')[n % 4]} role {n}",
            "Round 2 · 14:00 · video with Dana Li, Sam O'Neil and the hiring manager"
            if n % 3 == 0
            else "Follow-up sent",
        )
        for n in range(count)
    ]


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 100_000
    app = QGuiApplication(["debrief"])  # noqa: F841 (the PDF writer needs one)
    from desktop.ui.report_pdf import write_report_pdf

    report = ActivityReport(date(2026, 1, 1), date(2026, 12, 31), entries(count))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = write_report_pdf(report, Path(folder) / "report.pdf")
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "entries": count,
                "seconds": round(seconds, 2),
                "peak_rss_mib": round(peak, 1),
                "before_writing_mib": round(before, 1),
                "pdf_mib": round(size / 2**20, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
