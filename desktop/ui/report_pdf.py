"""The activity report as a PDF, painted page by page with Qt's PDF writer.

A report can hold a hundred thousand entries. Laying them all out as one rich-text
document first (as this once did) took minutes and gigabytes; painting a page, handing it
to the writer and forgetting it keeps memory flat: the writer sends each finished page to
the file and keeps only the fonts for the end.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextOption,
)

from desktop.domain.activity_report import (
    APPLICATION,
    FOLLOW_UP,
    INTERVIEW,
    ActivityReport,
    Entry,
)
from desktop.domain.progress import Progress, every, no_progress

TITLE = "Job-search activity"
HEADERS = ("Date", "Activity", "Company", "Role", "Details")
WIDTHS = (0.13, 0.12, 0.22, 0.22, 0.31)  # of the text width
NOTHING = "No activity recorded in this period."
RESOLUTION = 300  # dots per inch: fine for text, and small numbers to work with
PADDING_PT = 3.0


class _Sink:
    """The PDF writer's output, moved to a file descriptor after each page. The writer
    writes into a QBuffer (a Python QIODevice gets its bytes as text in PySide6, and QFile
    would swallow a write error, as QPdfWriter does); emptying that buffer into the file
    page by page keeps memory flat and lets os.write raise the OSError, with its errno,
    that a full disk gives. The writer counts its own offsets, so the buffer may restart."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = QBuffer()
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)

    def drain(self) -> None:
        view = memoryview(bytes(self.buffer.data().data()))
        self.buffer.close()
        self.buffer.setData(QByteArray())
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        while view:
            view = view[os.write(self.fd, view) :]


@contextmanager
def _private_temporary(path: Path) -> Iterator[int]:
    """A private temporary file beside `path`, renamed to it (after fsync) if the block
    ends well, removed if not: the report is either whole or absent, never half."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        yield handle
        os.fsync(handle)
        os.close(handle)
        handle = -1
        os.replace(temporary, path)
    except BaseException:
        if handle >= 0:
            os.close(handle)
        Path(temporary).unlink(missing_ok=True)
        raise


class _Pages:
    """Where the next line goes, and a new page with the table's header when it is full."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, sink: _Sink) -> None:
        self.writer, self.painter, self.sink = writer, painter, sink
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width, self.height = float(rect.width()), float(rect.height())
        dots = writer.resolution() / 72.0
        self.pad = PADDING_PT * dots
        self.body = QFont("Sans Serif")
        self.body.setPointSizeF(9)
        self.bold = QFont(self.body)
        self.bold.setBold(True)
        self.lines = QFontMetricsF(self.body, writer)
        self.option = QTextOption()
        self.option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.columns: list[tuple[float, float]] = []
        x = 0.0
        for share in WIDTHS:
            self.columns.append((x, self.width * share))
            x += self.width * share
        self.y = 0.0
        self.pages = 1

    def text(self, text: str, font: QFont, size_pt: float) -> None:
        font = QFont(font)
        font.setPointSizeF(size_pt)
        self.painter.setFont(font)
        box = QRectF(0, self.y, self.width, self.height)
        used = self.painter.boundingRect(box, text, self.option)
        self.painter.drawText(box, text, self.option)
        self.y += used.height() + self.pad * 2

    def _height(self, cells: tuple[str, ...]) -> float:
        tallest = self.lines.height()
        for text, (_, width) in zip(cells, self.columns, strict=True):
            inner = width - 2 * self.pad
            if self.lines.horizontalAdvance(text) > inner:  # only then wrap (slow)
                box = QRectF(0, 0, inner, 1e6)
                tallest = max(tallest, self.painter.boundingRect(box, text, self.option).height())
        return tallest + 2 * self.pad

    def row(self, cells: tuple[str, ...], header: bool = False) -> None:
        self.painter.setFont(self.bold if header else self.body)
        height = self._height(cells)
        if not header and self.y + height > self.height:
            self.writer.newPage()  # the finished page goes to the buffer now
            self.sink.drain()
            self.pages += 1
            self.y = 0.0
            self.row(HEADERS, header=True)
            self.painter.setFont(self.body)
        for text, (x, width) in zip(cells, self.columns, strict=True):
            cell = QRectF(x, self.y, width, height)
            self.painter.drawRect(cell)
            self.painter.drawText(
                cell.adjusted(self.pad, self.pad, -self.pad, -self.pad), text, self.option
            )
        self.y += height


def _cells(entry: Entry) -> tuple[str, ...]:
    return (f"{entry.day:%Y-%m-%d}", entry.kind, entry.company, entry.role, entry.detail)


def write_report_pdf(
    report: ActivityReport, path: Path, name: str = "", progress: Progress = no_progress
) -> Path:
    """Write an A4 PDF (a QGuiApplication must exist; any thread will do). The table's
    header repeats on each page. `progress` hears of the entries written and may stop the
    writing (Cancelled): then, as on any failure (an OSError, such as a full disk, reaches
    the caller), no file is left behind."""
    path = Path(path)
    with _private_temporary(path) as handle:
        sink = _Sink(handle)
        writer = QPdfWriter(sink.buffer)
        writer.setTitle(TITLE)
        writer.setCreator("Debrief")
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        painter = QPainter(writer)
        try:
            painter.setPen(QPen(Qt.GlobalColor.black, 0.6))
            _paint(report, name, _Pages(writer, painter, sink), progress)
        finally:
            painter.end()  # writes the last page, the fonts and the trailer
        sink.drain()
    return path


def _paint(report: ActivityReport, name: str, pages: _Pages, progress: Progress) -> None:
    pages.text(TITLE, pages.bold, 14)
    if name:
        pages.text(name, pages.body, 10)
    pages.text(f"{report.start:%d %B %Y} – {report.end:%d %B %Y}", pages.body, 10)
    pages.text(
        f"Applications: {report.count(APPLICATION)} · Interviews: {report.count(INTERVIEW)}"
        f" · Follow-ups: {report.count(FOLLOW_UP)}",
        pages.body,
        10,
    )
    pages.row(HEADERS, header=True)
    count = every(progress, len(report.entries), each=500)
    for done, entry in enumerate(report.entries, 1):
        pages.row(_cells(entry))
        count(done)
    if not report.entries:
        pages.y += pages.pad
        pages.text(NOTHING, pages.body, 10)
