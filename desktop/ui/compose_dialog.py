"""Compose a note from a template: pick it and the recipient, fill the gaps, then copy it
or open it in the user's mail program. Sending can answer the matching reminder."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.playbook.notes import PLACEHOLDERS, TEMPLATE_NAMES, Note, gaps, mailto, render_note
from desktop.services import NotFound, notes, reminders
from desktop.services.notes import NoteContext, Profile
from desktop.ui import strings

Confirm = Callable[[str, str], bool]
OpenUrl = Callable[[QUrl], bool]


class ComposeDialog(QDialog):
    def __init__(
        self,
        context: NoteContext,
        clock: Clock,
        confirm: Confirm,
        open_url: OpenUrl = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.clock = clock
        self.confirm = confirm
        self.open_url = open_url
        self._edited = False  # the user typed in the text: template changes no longer replace it
        self._setting = False  # the text is being filled in by code, not typed
        self.setWindowTitle(
            strings.COMPOSE_TITLE.format(
                company=context.values["company"], role=context.values["role"]
            )
        )
        self.resize(680, 640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.template = QComboBox()
        for name, label in TEMPLATE_NAMES.items():
            self.template.addItem(label, name)
        self.template.setCurrentIndex(self.template.findData(context.template))
        self.recipient = QComboBox()
        for person in context.recipients:
            email = person.email or strings.COMPOSE_NO_EMAIL
            self.recipient.addItem(f"{person.name} <{email}>", person.contact_id)
        if context.recipient_id is not None:
            self.recipient.setCurrentIndex(max(0, self.recipient.findData(context.recipient_id)))
        profile = notes.load_profile()
        self.your_name = QLineEdit(profile.your_name)
        self.topic = QLineEdit(context.values.get("topic", ""))
        self.strengths = QLineEdit(profile.strengths)
        form.addRow(strings.COMPOSE_TEMPLATE, self.template)
        form.addRow(strings.COMPOSE_TO, self.recipient)
        form.addRow(strings.COMPOSE_YOUR_NAME, self.your_name)
        form.addRow(strings.COMPOSE_TOPIC, self.topic)
        form.addRow(strings.COMPOSE_STRENGTHS, self.strengths)
        layout.addLayout(form)

        self.subject = QLineEdit()
        subject_row = QFormLayout()
        subject_row.addRow(strings.COMPOSE_SUBJECT, self.subject)
        layout.addLayout(subject_row)
        self.body = QPlainTextEdit()
        layout.addWidget(self.body, 1)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        layout.addWidget(self.gap_label)
        self.status = QLabel()
        self.status.setEnabled(False)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.refresh_button = QPushButton(strings.COMPOSE_REFRESH)
        self.refresh_button.clicked.connect(lambda: self.regenerate(force=True))
        self.edit_template_button = QPushButton(strings.COMPOSE_EDIT_TEMPLATE)
        self.edit_template_button.clicked.connect(self.edit_template)
        row.addWidget(self.refresh_button)
        row.addWidget(self.edit_template_button)
        row.addStretch(1)
        self.copy_button = QPushButton(strings.COMPOSE_COPY)
        self.copy_button.clicked.connect(self.copy)
        self.email_button = QPushButton(strings.COMPOSE_EMAIL)
        self.email_button.setDefault(True)
        self.email_button.clicked.connect(self.open_in_email)
        row.addWidget(self.copy_button)
        row.addWidget(self.email_button)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

        for widget in (self.template, self.recipient):
            widget.currentIndexChanged.connect(lambda _i: self.regenerate())
        for edit in (self.your_name, self.topic, self.strengths):
            edit.textChanged.connect(lambda _t: self.regenerate())
        self.body.textChanged.connect(self._body_edited)
        self.subject.textEdited.connect(lambda _t: setattr(self, "_edited", True))
        self.regenerate(force=True)

    # ----- rendering ----------------------------------------------------------------
    def template_name(self) -> str:
        return self.template.currentData()

    def recipient_email(self) -> str:
        contact_id = self.recipient.currentData()
        found = [r for r in self.context.recipients if r.contact_id == contact_id]
        return found[0].email if found else ""

    def values(self) -> dict[str, str]:
        contact_id = self.recipient.currentData()
        names = [r.name for r in self.context.recipients if r.contact_id == contact_id]
        return {
            **self.context.values,
            "their_name": names[0] if names else "",
            "your_name": self.your_name.text(),
            "topic": self.topic.text(),
            "strengths": self.strengths.text(),
        }

    def regenerate(self, force: bool = False) -> None:
        """Re-fill the template, unless the user has started editing the text by hand."""
        if self._edited and not force:
            self._show_gaps()
            return
        note = render_note(notes.template_text(self.template_name()), self.values())
        self._setting = True
        self.subject.setText(note.subject)
        self.body.setPlainText(note.body)
        self._setting = False
        self._edited = False
        self._show_gaps()

    def _body_edited(self) -> None:
        if not self._setting:
            self._edited = True
        self._show_gaps()

    def _show_gaps(self) -> None:
        left = gaps(self.subject.text() + "\n" + self.body.toPlainText())
        self.gap_label.setText(
            strings.COMPOSE_GAPS.format(gaps=", ".join(sorted(left))) if left else ""
        )

    def note(self) -> Note:
        return Note(self.subject.text(), self.body.toPlainText())

    # ----- sending ------------------------------------------------------------------
    def copy(self) -> None:
        note = self.note()
        text = f"{note.subject}\n\n{note.body}" if note.subject else note.body
        QGuiApplication.clipboard().setText(text)
        self.status.setText(strings.COMPOSE_COPIED)
        self._sent()

    def open_in_email(self) -> None:
        note = self.note()
        if self.open_url(QUrl(mailto(self.recipient_email(), note.subject, note.body))):
            self._sent()

    def _sent(self) -> None:
        notes.save_profile(Profile(self.your_name.text(), self.strengths.text()))
        reminder_id = self.context.reminder_id
        if reminder_id is None:
            return
        try:
            view = reminders.reminder_view(reminder_id)
        except NotFound:  # deleted meanwhile
            return
        if view.state.value in ("done", "dismissed", "cancelled"):
            return
        if self.confirm(
            strings.COMPOSE_MARK_DONE_TITLE, strings.COMPOSE_MARK_DONE_BODY.format(title=view.title)
        ):
            reminders.mark_done(reminder_id, self.clock)
            self.context = dataclasses.replace(self.context, reminder_id=None)

    def edit_template(self) -> None:
        editor = TemplateEditor(self.template_name(), self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.regenerate(force=True)


class TemplateEditor(QDialog):
    """The raw template, editable; saved in the database, restorable to the shipped one."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setWindowTitle(strings.TEMPLATE_EDITOR_TITLE.format(name=TEMPLATE_NAMES[name]))
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        placeholders = ", ".join(f"{{{{{key}}}}}" for key in PLACEHOLDERS)
        help_label = QLabel(strings.TEMPLATE_EDITOR_HELP.format(placeholders=placeholders))
        help_label.setWordWrap(True)
        layout.addWidget(help_label)
        self.text = QPlainTextEdit(notes.template_text(name))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.restore_button = buttons.addButton(
            strings.TEMPLATE_RESTORE, QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore_button.clicked.connect(self.restore)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        notes.save_template(self.name, self.text.toPlainText())
        super().accept()

    def restore(self) -> None:
        notes.reset_template(self.name)
        self.text.setPlainText(notes.shipped_template(self.name))
        super().accept()
