"""Opens the window and every dialog on whatever screen Qt was given, and prints where
each one landed as JSON: run in a subprocess by test_window_polish with a small offscreen
screen (1366×768, or 1280×720 scaled to 125 %), since a screen is fixed per process."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from db.models import Interview, Reminder
from db.store import open_store
from desktop.domain.clock import FixedClock
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.vocabulary import Status


class NoAutostart:
    def is_enabled(self) -> bool:
        return False

    def enable(self, command: list[str]) -> None:
        pass

    def disable(self) -> None:
        pass


def rect(widget: QWidget) -> list[int]:
    """Where the window is with its frame, and the size of what is inside the frame."""
    frame = widget.frameGeometry()
    return [frame.x(), frame.y(), frame.width(), frame.height(), widget.width(), widget.height()]


def main(folder: str) -> None:
    from desktop.domain.forms import validate_interview
    from desktop.ui.main_window import MainWindow
    from desktop.ui.preferences_dialog import PreferencesDialog

    app = QApplication(sys.argv[:1])
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), tz="Europe/Berlin")
    data = Path(folder) / "data"
    open_store(data)
    raw = {"company": "Acme", "role": "Data Analyst", "starts_at": "2026-11-20 14:00",
           "interviewers": "Dana Li <dana@acme.example>",
           "recruiter": "Sam Roe <sam@agency.example>"}  # fmt: skip
    log_interview(validate_interview(raw, clock.tz), clock)
    ui_state = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
    # A window saved larger than this screen, as on a bigger monitor or at another scale.
    ui_state.setValue("window/geometry", big_geometry(ui_state, clock, data))
    window = MainWindow(clock, ui_state, data, confirm=lambda *_: True)
    window.show()
    app.processEvents()
    window.select_opportunity(1)
    interview = Interview.get().id
    call = Reminder.get(Reminder.kind == "recruiter_call").id
    made: dict[str, QDialog | None] = {
        "interview": window.new_interview(),
        "opportunity": window.new_opportunity(),
        "status": window.change_status_selected(),
        "debrief": window.open_debrief(interview),
        "call": window.open_call(call),
        "compose": window.compose_for_selected(),
        "preferences": PreferencesDialog(NoAutostart(), ["debrief"], window),
    }
    change_status(1, Status.NOT_THIS_TIME, clock)
    window.refresh(select_id=1)
    made["reflection"] = window.reflect_on_selected()
    made["backups"] = window.show_backups()
    least = window.minimumSizeHint()
    out = {"screen": _geometry(app), "dialogs": {}}
    out["window"] = {"frame": rect(window), "min": [least.width(), least.height()]}
    for name, dialog in made.items():
        assert dialog is not None, name
        dialog.show()
        app.processEvents()
        hint = dialog.minimumSizeHint()
        out["dialogs"][name] = {"frame": rect(dialog), "min": [hint.width(), hint.height()]}
    print(json.dumps(out))


def first_start(folder: str, remembered: str) -> None:
    """Only the window, on a first start (`remembered` "none": no geometry kept) or with
    a geometry kept ("WxH+X+Y"); prints the screen's room and where the window landed."""
    from desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), tz="Europe/Berlin")
    data = Path(folder) / "data"
    open_store(data)
    ui_state = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
    if remembered != "none":
        size, x, y = remembered.split("+")
        width, height = (int(n) for n in size.split("x"))
        probe = MainWindow(clock, ui_state, data, confirm=lambda *_: True)
        probe.setGeometry(int(x), int(y), width, height)
        ui_state.setValue("window/geometry", bytes(probe.saveGeometry()))
        probe.deleteLater()
    window = MainWindow(clock, ui_state, data, confirm=lambda *_: True)
    window.show()
    app.processEvents()
    print(json.dumps({"screen": _geometry(app), "window": rect(window)}))


def big_geometry(ui_state: QSettings, clock: FixedClock, data: Path) -> bytes:
    from desktop.ui.main_window import MainWindow

    probe = MainWindow(clock, ui_state, data, confirm=lambda *_: True)
    probe.setGeometry(200, 150, 1650, 1019)
    saved = bytes(probe.saveGeometry())
    probe.deleteLater()
    return saved


def _geometry(app: QApplication) -> list[int]:
    room = app.primaryScreen().availableGeometry()
    return [room.x(), room.y(), room.width(), room.height()]


if __name__ == "__main__":
    if len(sys.argv) > 2:
        first_start(sys.argv[1], sys.argv[2])
    else:
        main(sys.argv[1])
