"""The yardstick: a bare PySide6 program with an empty QMainWindow and a tray icon.

It writes the same start-up marks as Debrief (desktop/startup_probe.py) at the same
moments, and imports nothing of Debrief, so `make bench` can say what Debrief costs on
top of Qt itself. `--background` shows only the tray icon, as Debrief does at login.
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon


def mark(event: str) -> None:
    with open(os.environ["DEBRIEF_STARTUP_PROBE"], "a", encoding="utf-8") as out:
        out.write(f"{event} {time.monotonic():.6f} {time.process_time():.6f}\n")


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            mark("painted")
            watched.removeEventFilter(self)
        return False


def main() -> int:
    app = QApplication(["baseline"])
    app.setQuitOnLastWindowClosed(False)
    window = QMainWindow()
    window.setWindowTitle("Baseline")
    window.resize(900, 600)
    icon = QIcon(os.path.join(os.path.dirname(__file__), "..", "resources", "icons", "debrief.svg"))
    tray = QSystemTrayIcon(icon)
    tray.show()
    if "--background" not in sys.argv:
        window.installEventFilter(FirstPaint(window))
        window.show()
    QTimer.singleShot(0, lambda: mark("tray"))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
