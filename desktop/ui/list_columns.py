"""How wide the opportunity list's status column is: its longest label, in the list's font.

Measured from the labels, not from the rows (resizing to contents reads every row, slow
over ten thousand), so "Awaiting decision" is never cut to "Awaiting …" whatever the
font or theme."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from desktop.services.vocabulary import Status
from desktop.ui.opportunity_model import STATUS

# Room beyond the text: a label that fits to the pixel looks cramped against the grid.
SLACK = 8


def status_width(table: QTableView) -> int:
    """The status column's width that shows every status label whole, and its header."""
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(status.label) for status in Status)
    # A cell's text is set in by the focus frame's margin and one pixel on each side
    # (QCommonStyle's item view text margin).
    from PySide6.QtWidgets import QStyle  # after the window's first paint (main_window)

    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    header = table.horizontalHeader().sectionSizeHint(STATUS)
    return max(widest + 2 * margin + SLACK, header)


def fit_status_column(table: QTableView) -> None:
    """Widen the status column to show its labels whole; a wider one stays as it is. A
    width saved by an earlier version, cut to "Awaiting …", is widened too."""
    header = table.horizontalHeader()
    needed = status_width(table)
    if header.sectionSize(STATUS) < needed:
        header.resizeSection(STATUS, needed)
