"""A bar chart drawn with QPainter: grouped or stacked bars, an optional goal line.

Colours come from the palette's lightness, so the chart reads in light and dark themes;
every bar has a tooltip, and `as_text` gives all the numbers for screen readers and the
"Show numbers" view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# Hues that stay apart for the common colour-vision deficiencies (blue, orange, grey).
HUES = (210, 30, 0, 140)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    grey: bool = False  # "still open" and the like: present, not a result


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.stacked = False
        self.goal: float | None = None
        self.goal_label = ""
        self._bars: list[tuple[QRectF, str]] = []
        self.plot_area = QRectF()  # where the bars go, right of the axis labels: set on paint
        # The axis is at least as wide as this text: charts stacked one above the other
        # are given their widest top label, so that their plots line up.
        self.axis_at_least = "0000"
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_data(
        self,
        categories: list[str],
        series: list[Series],
        stacked: bool = False,
        goal: float | None = None,
        goal_label: str = "",
    ) -> None:
        self.categories, self.series, self.stacked = categories, series, stacked
        self.goal, self.goal_label = goal, goal_label
        self.setAccessibleDescription(self.as_text())
        self.update()

    def as_text(self) -> str:
        lines = []
        for n, category in enumerate(self.categories):
            parts = [f"{s.name} {_number(s.values[n])}" for s in self.series]
            lines.append(f"{category}: " + ", ".join(parts))
        if self.goal is not None:
            lines.append(f"{self.goal_label or 'Goal'}: {_number(self.goal)}")
        return "\n".join(lines)

    def top_label(self) -> str:
        """The value axis's top label, its widest."""
        return _number(self._top())

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    # ----- drawing ----------------------------------------------------------------------
    def colour(self, index: int, series: Series) -> QColor:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if series.grey:
            return QColor.fromHsl(0, 0, 150 if dark else 190)
        return QColor.fromHsl(HUES[index % len(HUES)], 170, 165 if dark else 110)

    def _top(self) -> float:
        if not self.categories:
            return 1.0
        if self.stacked:
            highest = max(
                sum(s.values[n] for s in self.series) for n in range(len(self.categories))
            )
        else:
            highest = max((v for s in self.series for v in s.values), default=0)
        return _nice(max(highest, self.goal or 0, 1))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        line = metrics.height()
        legend_height = line + 6
        top = self._top()
        ticks = [_number(top * step / 4) for step in range(5)]
        # The axis is as wide as its widest label in this font ("10000" at the top of ten
        # thousand opportunities), so no label is cut at the left edge.
        axis = max(metrics.horizontalAdvance(tick) for tick in [*ticks, self.axis_at_least])
        area = QRectF(self.rect()).adjusted(axis + 8, legend_height + 4, -8, -(line + 8))
        self.plot_area = area
        self._bars = []
        if area.width() <= 10 or area.height() <= 10 or not self.categories:
            painter.setPen(text)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, "No data yet")
            return
        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        grid.setWidthF(0.5)
        for step, tick in enumerate(ticks):
            y = area.bottom() - area.height() * step / 4
            painter.setPen(grid)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - line / 2, area.left() - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tick,
            )
        slot = area.width() / len(self.categories)
        groups = 1 if self.stacked else max(len(self.series), 1)
        bar_width = slot * 0.7 / groups
        for n, category in enumerate(self.categories):
            base = area.bottom()
            for index, series in enumerate(self.series):
                value = series.values[n]
                height = area.height() * value / top
                x = (
                    area.left()
                    + slot * n
                    + slot * 0.15
                    + (0 if self.stacked else index * bar_width)
                )
                rect = QRectF(x, base - height, bar_width, height)
                if self.stacked:
                    base -= height
                painter.fillRect(rect, self.colour(index, series))
                hit = rect if rect.height() >= 4 else rect.adjusted(0, -4, 0, 0)
                self._bars.append((hit, f"{category} — {series.name}: {_number(value)}"))
            if _show_label(n, len(self.categories), slot, metrics.horizontalAdvance(category)):
                painter.setPen(text)
                painter.drawText(
                    QRectF(area.left() + slot * n - slot, area.bottom() + 2, slot * 3, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    category,
                )
        if self.goal is not None:
            y = area.bottom() - area.height() * self.goal / top
            pen = QPen(text, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        self._legend(painter, text, line)

    def _legend(self, painter: QPainter, text: QColor, line: int) -> None:
        x = 8.0
        entries: list[tuple[str, QColor | None]] = [
            (s.name, self.colour(i, s)) for i, s in enumerate(self.series)
        ]
        if self.goal is not None:
            entries.append((self.goal_label or "Goal", None))
        for name, colour in entries:
            if colour is None:  # the goal: a dashed line, as drawn on the chart
                painter.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x, 4 + line / 2), QPointF(x + line, 4 + line / 2))
                x += line * 1.2
            else:
                painter.fillRect(QRectF(x, 4 + line / 4, line / 2, line / 2), colour)
                x += line * 0.7
            painter.setPen(text)
            painter.drawText(QPointF(x, 2 + line * 0.8), name)
            x += painter.fontMetrics().horizontalAdvance(name) + line

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = QPointF(event.pos())
            for rect, text in self._bars:
                if rect.contains(position):
                    QToolTip.showText(event.globalPos(), text, self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str | None:
        return next((text for rect, text in self._bars if rect.contains(point)), None)


def _nice(value: float) -> float:
    """An axis top at or above `value` whose four gridlines fall on round whole numbers
    (counts are never fractional)."""
    step = max(1, math.ceil(value / 4))
    power = 10 ** math.floor(math.log10(step))
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step <= factor * power and float(factor * power).is_integer():
            return float(4 * factor * power)
    return float(40 * power)


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _show_label(index: int, count: int, slot: float, width: float) -> bool:
    """Every label when there is room, else every second or third, always the last."""
    every = max(1, math.ceil((width + 8) / max(slot, 1)))
    return index % every == 0 or index == count - 1
