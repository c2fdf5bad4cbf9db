"""Export formats that need only the database: JSON, CSV and iCalendar text.

Each is built from one bundle (domain.bundle), read in one transaction; the PDF report
needs Qt and lives in ui.report_pdf.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.activity_report import ActivityReport, activity_report
from desktop.domain.calendar_file import calendar_text
from desktop.domain.clock import Clock
from desktop.domain.spreadsheet import EXPORT_HEADER, opportunity_rows, write_csv
from desktop.services.export_bundle import build_bundle, bundle_json

TEXT_FORMATS = ("json", "csv", "ics")
FORMATS = (*TEXT_FORMATS, "report")
SUFFIXES = {"json": ".json", "csv": ".csv", "ics": ".ics", "report": ".pdf"}


def export_text(fmt: str, clock: Clock, bom: bool = False) -> str:
    bundle = build_bundle(clock.now())
    if fmt == "json":
        return bundle_json(bundle)
    if fmt == "csv":
        return write_csv(EXPORT_HEADER, opportunity_rows(bundle, clock.tz), bom=bom)
    if fmt == "ics":
        return calendar_text(bundle, clock.now())
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def report_for(start: date, end: date, clock: Clock) -> ActivityReport:
    return activity_report(build_bundle(clock.now()), start, end, clock.tz)
