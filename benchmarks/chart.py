"""The scaling chart, drawn with Qt itself (QPainter on a QImage): no plotting library.

    python -m benchmarks.chart OUT.png < points.json

Four panels (start-up, search, refresh, memory) against the number of opportunities on
a linear axis. Each has a dashed line carrying on the slope from the smallest size to the
middle one: a last point above it means the cost grows faster than the data.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

WIDTH, HEIGHT = 1000, 640
PANELS = (
    ("startup_ms", "Start-up to first paint", "ms"),
    ("search_p95_ms", "Search, p95 per keystroke", "ms"),
    ("refresh_ms", "Whole window refresh, median", "ms"),
    ("memory_mib", "Memory with the window open", "MiB"),
)
INK = QColor("#222222")
GRID = QColor("#dddddd")
LINE = QColor("#1c7ed6")
TREND = QColor("#868e96")


def draw(points: list[dict], target: Path) -> None:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    title = QFont()
    title.setPixelSize(18)
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(INK)
    painter.drawText(QRectF(0, 8, WIDTH, 28), Qt.AlignmentFlag.AlignCenter,
                     "Debrief's cost against the number of opportunities")  # fmt: skip
    half_w, half_h = WIDTH / 2, (HEIGHT - 40) / 2
    for number, (key, name, unit) in enumerate(PANELS):
        box = QRectF((number % 2) * half_w, 40 + (number // 2) * half_h, half_w, half_h)
        _panel(painter, box.adjusted(70, 34, -24, -44), points, key, f"{name} ({unit})", unit)
    painter.end()
    if not image.save(str(target)):
        raise OSError(f"cannot write {target}")


def _panel(painter: QPainter, plot: QRectF, points: list[dict], key: str, name: str,
           unit: str) -> None:  # fmt: skip
    sizes = [p["opportunities"] for p in points]
    values = [p[key] for p in points]
    x_max = max(sizes)
    y_max = _nice_ceiling(max(max(values), _trend(sizes, values, x_max)) * 1.1)

    def at(size: float, value: float) -> QPointF:
        return QPointF(plot.left() + plot.width() * size / x_max,
                       plot.bottom() - plot.height() * value / y_max)  # fmt: skip

    small = QFont()
    small.setPixelSize(12)
    painter.setFont(small)
    heading = QFont(small)
    heading.setPixelSize(14)
    heading.setBold(True)
    for step in range(5):  # the value grid
        value = y_max * step / 4
        y = at(0, value).y()
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(INK)
        painter.drawText(QRectF(plot.left() - 66, y - 8, 60, 16),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         _label(value))  # fmt: skip
    for size in sizes:  # the sizes measured
        x = at(size, 0).x()
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(INK)
        painter.drawText(QRectF(x - 40, plot.bottom() + 4, 80, 16),
                         Qt.AlignmentFlag.AlignCenter, f"{size // 1000}k")  # fmt: skip
    painter.setPen(QPen(INK, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.setFont(heading)
    painter.drawText(QRectF(plot.left() - 60, plot.top() - 30, plot.width() + 60, 20),
                     Qt.AlignmentFlag.AlignLeft, name)  # fmt: skip
    painter.setFont(small)
    painter.drawText(QRectF(plot.left(), plot.bottom() + 20, plot.width(), 16),
                     Qt.AlignmentFlag.AlignCenter, "opportunities")  # fmt: skip
    if len(points) >= 3:  # the first slope carried on: growing in proportion stays on it
        painter.save()
        painter.setClipRect(plot)  # a falling slope would leave the panel
        painter.setPen(QPen(TREND, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(at(sizes[0], values[0]), at(x_max, _trend(sizes, values, x_max)))
        painter.restore()
    painter.setPen(QPen(LINE, 2.5))
    for left, right in itertools.pairwise(points):
        painter.drawLine(at(left["opportunities"], left[key]),
                         at(right["opportunities"], right[key]))  # fmt: skip
    painter.setBrush(LINE)
    for size, value in zip(sizes, values, strict=True):
        centre = at(size, value)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(centre, 4.5, 4.5)
        painter.setPen(INK)
        text = f"{_label(value)} {unit}"
        width = painter.fontMetrics().horizontalAdvance(text) + 4
        # Centred over its point, but never over the value axis's labels on the left.
        left = max(centre.x() - width / 2, plot.left() + 3)
        painter.drawText(QRectF(left, centre.y() - 22, width, 16),
                         Qt.AlignmentFlag.AlignCenter, text)  # fmt: skip
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _trend(sizes: list[int], values: list[float], at_size: int) -> float:
    """The line through the first two points, carried on to `at_size`."""
    if len(sizes) < 2 or sizes[1] == sizes[0]:
        return values[0]
    slope = (values[1] - values[0]) / (sizes[1] - sizes[0])
    return values[0] + slope * (at_size - sizes[0])


def _nice_ceiling(value: float) -> float:
    """A round top for the axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** len(str(int(value))) / 10
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _label(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:.1f}"


def main(argv: list[str]) -> int:
    _app = QGuiApplication.instance() or QGuiApplication(["bench-chart"])
    draw(json.loads(sys.stdin.read()), Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
