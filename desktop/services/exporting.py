"""Export formats that need only the database: JSON, CSV and iCalendar text.

Each is built from one bundle (domain.bundle), read in one transaction; the PDF report
needs Qt and lives in ui.report_pdf.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from desktop.domain.activity_report import ActivityReport, activity_report
from desktop.domain.calendar_file import calendar_text
from desktop.domain.clock import Clock
from desktop.domain.letting_go import let_go
from desktop.domain.progress import Progress, no_progress, step
from desktop.domain.spreadsheet import EXPORT_HEADER, opportunity_rows, write_csv
from desktop.services.export_bundle import build_bundle, bundle_json, bundle_json_parts

TEXT_FORMATS = ("json", "csv", "ics")
FORMATS = (*TEXT_FORMATS, "report")
SUFFIXES = {"json": ".json", "csv": ".csv", "ics": ".ics", "report": ".pdf"}


def export_text(fmt: str, clock: Clock, bom: bool = False, progress: Progress = no_progress) -> str:
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    bundle = build_bundle(clock.now(), progress)
    step(progress, 0, 0)  # read; writing the text has no count to show, only that it works
    if fmt == "json":
        text = bundle_json(bundle)
    elif fmt == "csv":
        rows = opportunity_rows(bundle, clock.tz, progress)
        text = write_csv(EXPORT_HEADER, rows, bom=bom, progress=progress)
        let_go(rows)
    else:
        text = calendar_text(bundle, clock.now(), progress)
    # Freed a slice at a time: a year's bundle freed whole on return held Python's lock for
    # 90-100 ms, and the window's thread waited as long.
    let_go(bundle)
    return text


def export_json_parts(clock: Clock, progress: Progress = no_progress) -> Iterator[str]:
    """The JSON export in pieces to write as they come (the whole text is 50 MB for a year
    of history); `progress` may stop it between any two."""
    bundle = build_bundle(clock.now(), progress)
    for part in bundle_json_parts(bundle):
        step(progress, 0, 0)  # no count to show while writing, only that it works
        yield part
    let_go(bundle)  # not all at once (the window's thread would wait meanwhile)


def report_for(
    start: date, end: date, clock: Clock, progress: Progress = no_progress
) -> ActivityReport:
    bundle = build_bundle(clock.now(), progress)
    report = activity_report(bundle, start, end, clock.tz)
    let_go(bundle)  # the report holds copies of what it shows
    return report
