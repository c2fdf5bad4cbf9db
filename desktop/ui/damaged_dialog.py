"""What to do when the data file cannot be read at start: restore, look, or quit."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui import strings


class Choice(Enum):
    RESTORE = "restore"
    READ_ONLY = "read_only"
    QUIT = "quit"


def damaged_box(error: str, backup_when: str | None, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, strings.DAMAGED_TITLE, "", parent=parent)
    box.setText(strings.DAMAGED_TEXT.format(error=error))
    restore = box.addButton(
        strings.DAMAGED_RESTORE.format(when=backup_when)
        if backup_when
        else strings.DAMAGED_NO_BACKUP,
        QMessageBox.ButtonRole.AcceptRole,
    )
    restore.setEnabled(backup_when is not None)
    restore.setObjectName(Choice.RESTORE.value)
    box.addButton(strings.DAMAGED_READ_ONLY, QMessageBox.ButtonRole.ActionRole).setObjectName(
        Choice.READ_ONLY.value
    )
    quit_button = box.addButton(strings.DAMAGED_QUIT, QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName(Choice.QUIT.value)
    box.setDefaultButton(restore if backup_when else quit_button)
    box.setEscapeButton(quit_button)
    return box


def ask_about_damage(error: str, backup_when: str | None) -> Choice:
    box = damaged_box(error, backup_when)
    box.exec()
    clicked = box.clickedButton()
    return Choice(clicked.objectName()) if clicked is not None else Choice.QUIT
