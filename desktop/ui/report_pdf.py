"""The activity report as a PDF, through Qt's own text layout and PDF writer."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.domain.activity_report import (
    APPLICATION,
    FOLLOW_UP,
    INTERVIEW,
    ActivityReport,
)
from desktop.files import write_atomically


def report_html(report: ActivityReport, name: str = "") -> str:
    period = f"{report.start:%d %B %Y} – {report.end:%d %B %Y}"
    rows = "".join(
        "<tr>"
        f"<td>{e.day:%Y-%m-%d}</td><td>{escape(e.kind)}</td><td>{escape(e.company)}</td>"
        f"<td>{escape(e.role)}</td><td>{escape(e.detail)}</td>"
        "</tr>"
        for e in report.entries
    )
    empty = "" if report.entries else "<p>No activity recorded in this period.</p>"
    who = f"<p>{escape(name)}</p>" if name else ""
    return (
        "<html><body style='font-size:10pt'>"
        "<h2>Job-search activity</h2>"
        f"{who}<p>{escape(period)}</p>"
        f"<p>Applications: {report.count(APPLICATION)} · Interviews: {report.count(INTERVIEW)}"
        f" · Follow-ups: {report.count(FOLLOW_UP)}</p>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<thead><tr><th>Date</th><th>Activity</th><th>Company</th><th>Role</th>"
        "<th>Details</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{empty}"
        "</body></html>"
    )


def write_report_pdf(report: ActivityReport, path: Path, name: str = "") -> Path:
    """Write an A4 PDF (a QGuiApplication must exist). Headers repeat on each page.

    QPdfWriter reports no write errors: on a full disk it leaves a truncated file and
    returns as if all went well. So the PDF is laid out in memory, then written through
    files.write_atomically (a private temporary file, flushed, fsynced and renamed), whose
    OSError reaches the caller and which leaves nothing behind on failure."""
    path = Path(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("Job-search activity")
    writer.setCreator("Debrief")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(report_html(report, name))
    document.print_(writer)
    del writer  # finishes the PDF
    return write_atomically(path, bytes(buffer.data().data()))
