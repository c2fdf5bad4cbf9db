"""Preferences: which reminders pop up, quiet hours, the playbook's timing, start at login,
and who the notes are from."""

from __future__ import annotations

import dataclasses
import logging
from datetime import time
from typing import Any, Protocol

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.playbook.calendar import QuietHours
from desktop.playbook.nudges import NUDGE_LABELS, NudgeSettings
from desktop.playbook.rules import Kind
from desktop.playbook.settings import PlaybookSettings
from desktop.services.notes import load_profile, save_profile
from desktop.services.nudges import load_nudge_settings, save_nudge_settings
from desktop.services.settings import load_playbook_settings, save_playbook_settings
from desktop.ui import strings
from desktop.ui.error_line import ErrorLine, announce
from desktop.ui.form_dialog import TimeField
from desktop.ui.scrolling_form import fit_scrolling, scrolling_form

log = logging.getLogger(__name__)


class StartAtLogin(Protocol):
    """The platform's autostart entry (tray.autostart.Autostart), handed in by the app:
    the window never imports the tray."""

    def is_enabled(self) -> bool: ...
    def enable(self, command: list[str]) -> None: ...
    def disable(self) -> None: ...


class PreferencesDialog(QDialog):
    def __init__(
        self,
        autostart: StartAtLogin,
        launch_command: list[str],
        parent: QWidget | None = None,
        tray_style: str = "colour",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.PREFS_TITLE)
        self.tray_style = tray_style
        self.autostart = autostart
        self.launch_command = launch_command
        self.settings = load_playbook_settings()
        self.nudge_settings = load_nudge_settings()
        # The groups scroll and Save stays in view, on a 768-pixel screen too.
        outer, layout = scrolling_form(self)
        layout.addWidget(self._notifications_group())
        layout.addWidget(self._quiet_group())
        layout.addWidget(self._timing_group())
        layout.addWidget(self._nudges_group())
        layout.addWidget(self._start_group())
        layout.addWidget(self._profile_group())
        self.error_line = ErrorLine()
        self.error = self.error_line.label
        outer.addWidget(self.error_line)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        fit_scrolling(self, max(520, self.sizeHint().width()))

    def _notifications_group(self) -> QGroupBox:
        group = QGroupBox(strings.PREFS_NOTIFY_GROUP)
        grid = QGridLayout(group)
        self.kind_boxes: dict[str, QCheckBox] = {}
        for index, kind in enumerate(Kind):
            box = QCheckBox(strings.KIND_LABELS[kind.value])
            box.setChecked(kind.value not in self.settings.silenced_kinds)
            self.kind_boxes[kind.value] = box
            grid.addWidget(box, index // 2, index % 2)
        note = QLabel(strings.PREFS_NOTIFY_NOTE)
        note.setEnabled(False)
        grid.addWidget(note, len(Kind) // 2 + 1, 0, 1, 2)
        return group

    def _quiet_group(self) -> QGroupBox:
        group = QGroupBox(strings.PREFS_QUIET_GROUP)
        row = QHBoxLayout()
        quiet = self.settings.quiet
        self.quiet_start = TimeField(QTime(quiet.start.hour, quiet.start.minute))
        self.quiet_end = TimeField(QTime(quiet.end.hour, quiet.end.minute))
        self.quiet_start.setAccessibleName(strings.PREFS_QUIET_FROM_NAME)
        self.quiet_end.setAccessibleName(strings.PREFS_QUIET_TO_NAME)
        for edit in (self.quiet_start, self.quiet_end):
            edit.timeChanged.connect(self._explain_quiet)
        row.addWidget(QLabel(strings.PREFS_QUIET_FROM))
        row.addWidget(self.quiet_start)
        row.addWidget(QLabel(strings.PREFS_QUIET_TO))
        row.addWidget(self.quiet_end)
        row.addStretch(1)
        self.quiet_note = QLabel(strings.PREFS_QUIET_SAME)
        self.quiet_note.setEnabled(False)
        self.skip_weekends = QCheckBox(strings.PREFS_SKIP_WEEKENDS)
        self.skip_weekends.setChecked(quiet.skip_weekends)
        column = QVBoxLayout(group)
        column.addLayout(row)
        column.addWidget(self.quiet_note)
        column.addWidget(self.skip_weekends)
        self._explain_quiet()
        return group

    def _explain_quiet(self) -> None:
        start, end = self.quiet_start.time(), self.quiet_end.time()
        self.quiet_note.setVisible(start.isValid() and start == end)

    def _timing_group(self) -> QGroupBox:
        group = QGroupBox(strings.PREFS_TIMING_GROUP)
        form = QFormLayout(group)
        self.timing: dict[str, QSpinBox] = {}
        for name, label, suffix, maximum in strings.TIMING_FIELDS:
            spin = QSpinBox()
            spin.setRange(0, maximum)
            spin.setSuffix(suffix)
            spin.setValue(getattr(self.settings, name))
            self.timing[name] = spin
            form.addRow(label, spin)
        return group

    def _nudges_group(self) -> QGroupBox:
        group = QGroupBox(strings.PREFS_NUDGES_GROUP)
        form = QFormLayout(group)
        self.nudge_numbers: dict[str, QSpinBox] = {}
        for name, label, maximum in strings.NUDGE_FIELDS:
            spin = QSpinBox()
            spin.setRange(0, maximum)
            spin.setValue(getattr(self.nudge_settings, name))
            self.nudge_numbers[name] = spin
            form.addRow(label, spin)
        self.nudge_boxes: dict[str, QCheckBox] = {}
        for kind, label in NUDGE_LABELS.items():
            box = QCheckBox(label)
            box.setChecked(kind.value not in self.nudge_settings.off)
            self.nudge_boxes[kind.value] = box
            form.addRow(box)
        return group

    def chosen_nudge_settings(self) -> NudgeSettings:
        return NudgeSettings(
            off=frozenset(k for k, box in self.nudge_boxes.items() if not box.isChecked()),
            **{name: spin.value() for name, spin in self.nudge_numbers.items()},
        )

    def _start_group(self) -> QGroupBox:
        group = QGroupBox(strings.PREFS_START_GROUP)
        column = QVBoxLayout(group)
        self.start_at_login = QCheckBox(strings.PREFS_START_AT_LOGIN)
        self.start_at_login.setChecked(self.autostart.is_enabled())
        column.addWidget(self.start_at_login)
        row = QHBoxLayout()
        label = QLabel(strings.PREFS_TRAY_STYLE)
        self.tray_styles = QComboBox()
        for key, text in strings.PREFS_TRAY_STYLES.items():
            self.tray_styles.addItem(text, key)
        self.tray_styles.setCurrentIndex(max(0, self.tray_styles.findData(self.tray_style)))
        label.setBuddy(self.tray_styles)
        row.addWidget(label)
        row.addWidget(self.tray_styles, 1)
        column.addLayout(row)
        return group

    def _profile_group(self) -> QGroupBox:
        from desktop.ui.profile_form import ProfileForm

        group = QGroupBox(strings.PROFILE_GROUP)
        column = QVBoxLayout(group)
        self.profile = ProfileForm(load_profile())
        column.addWidget(self.profile)
        return group

    def chosen_tray_style(self) -> str:
        return str(self.tray_styles.currentData())

    def chosen_settings(self) -> PlaybookSettings:
        start, end = self.quiet_start.time(), self.quiet_end.time()
        timing: dict[str, Any] = {name: spin.value() for name, spin in self.timing.items()}
        return dataclasses.replace(
            self.settings,
            silenced_kinds=frozenset(
                k for k, box in self.kind_boxes.items() if not box.isChecked()
            ),
            quiet=QuietHours(
                start=time(start.hour(), start.minute()),
                end=time(end.hour(), end.minute()),
                skip_weekends=self.skip_weekends.isChecked(),
            ),
            **timing,
        )

    def accept(self) -> None:
        for edit in (self.quiet_start, self.quiet_end):
            problem = edit.problem()
            if problem is not None:
                self.error_line.show_message(strings.PREFS_QUIET_BAD.format(problem=problem), edit)
                announce(edit, self.error.text())
                edit.setFocus()
                edit.selectAll()
                return
        try:
            if self.start_at_login.isChecked() != self.autostart.is_enabled():
                if self.start_at_login.isChecked():
                    self.autostart.enable(self.launch_command)
                else:
                    self.autostart.disable()
        except OSError as error:
            log.warning("start at login: %s", error)
            self.error_line.show_message(strings.PREFS_AUTOSTART_FAILED.format(error=error))
            announce(self.start_at_login, self.error.text())
            return
        save_playbook_settings(self.chosen_settings())
        save_nudge_settings(self.chosen_nudge_settings())
        save_profile(self.profile.profile())
        super().accept()
