"""Compose a note from a template: pick it and the recipient, check the suggested topic,
then copy it or open it in the user's mail program, and keep it in the sent notes.

What the user typed is never thrown away without asking, and changing the recipient
never leaves the previous person's name in the text: the names are swapped, or the
dialog asks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.playbook.addressing import Person, first_name, names_in, swap_names
from desktop.playbook.notes import (
    PLACEHOLDERS,
    RECRUITER_NOTES,
    TEMPLATE_NAMES,
    Note,
    gaps,
    mailto,
    render_note,
    sign_off,
)
from desktop.services import NotFound, notes
from desktop.services.changes import NOTHING
from desktop.services.notes import NoteContext, Recipient
from desktop.ui import strings
from desktop.ui.mail_program import linux_has_mail_program, open_mailto
from desktop.ui.screen_fit import fit_to_screen

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
        has_mail_program: Callable[[], bool] = linux_has_mail_program,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.clock = clock
        self.changes = NOTHING  # what the notes kept changed, for the window once it closes
        self.confirm = confirm
        self.open_url = open_url
        self.has_mail_program = has_mail_program
        self.recipients: dict[int, Recipient] = {r.contact_id: r for r in context.recipients}
        self._edited = False  # the user typed in the text: template changes no longer replace it
        self._topic_edited = False  # the user typed the topic: suggestions no longer replace it
        self._setting = False  # the text is being filled in by code, not typed
        self._recorded: str | None = None  # the text last kept in the sent notes
        self.setWindowTitle(
            strings.COMPOSE_TITLE.format(
                company=context.values["company"], role=context.values["role"]
            )
        )
        fit_to_screen(self, QSize(700, 680))
        layout = QVBoxLayout(self)
        self.profile_panel = self._profile_panel()
        layout.addWidget(self.profile_panel)
        form = QFormLayout()
        self.template = QComboBox()
        for name, label in TEMPLATE_NAMES.items():
            self.template.addItem(label, name)
        self.template.setCurrentIndex(max(0, self.template.findData(context.template)))
        self._template_shown = self.template_name()
        self.recipient = QComboBox()
        for person in context.recipients:
            email = person.email or strings.COMPOSE_NO_EMAIL
            self.recipient.addItem(f"{person.name} <{email}>", person.contact_id)
        if context.recipient_id is not None:
            self.recipient.setCurrentIndex(max(0, self.recipient.findData(context.recipient_id)))
        self._person_shown = self.current_recipient()
        self.address_as = QLineEdit()
        self.topic = QLineEdit()
        self.topic_hint = QLabel()
        self.topic_hint.setEnabled(False)
        self.topic_hint.setWordWrap(True)
        topic_column = QVBoxLayout()
        topic_column.setSpacing(2)
        topic_column.addWidget(self.topic)
        topic_column.addWidget(self.topic_hint)
        self.profile_label = QLabel()
        self.profile_label.setEnabled(False)
        self.profile_button = QPushButton(strings.COMPOSE_EDIT_PROFILE)
        self.profile_button.clicked.connect(self.edit_profile)
        self.profile_row = QWidget()
        profile_row = QHBoxLayout(self.profile_row)
        profile_row.setContentsMargins(0, 0, 0, 0)
        profile_row.addWidget(self.profile_label, 1)
        profile_row.addWidget(self.profile_button)
        form.addRow(strings.COMPOSE_TEMPLATE, self.template)
        form.addRow(strings.COMPOSE_TO, self.recipient)
        form.addRow(strings.COMPOSE_ADDRESS_AS, self.address_as)
        form.addRow(strings.COMPOSE_TOPIC, topic_column)
        form.addRow("", self.profile_row)
        # While the first-note question is open, it is the place to set the profile.
        self.profile_row.setVisible(self.profile_panel.isHidden())
        layout.addLayout(form)

        self.subject = QLineEdit()
        subject_row = QFormLayout()
        subject_row.addRow(strings.COMPOSE_SUBJECT, self.subject)
        layout.addLayout(subject_row)
        self.body = QPlainTextEdit()
        layout.addWidget(self.body, 1)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: bold")
        layout.addWidget(self.warning)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        layout.addWidget(self.gap_label)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.refresh_button = QPushButton(strings.COMPOSE_REFRESH)
        self.refresh_button.clicked.connect(self.start_again)
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
        self.sent_button = QPushButton(strings.COMPOSE_MARK_SENT)
        self.sent_button.clicked.connect(lambda: self.record_sent("sent"))
        row.addWidget(self.copy_button)
        row.addWidget(self.email_button)
        row.addWidget(self.sent_button)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

        self._show_person()
        self._show_profile()
        self.template.currentIndexChanged.connect(lambda _i: self._template_changed())
        self.recipient.currentIndexChanged.connect(lambda _i: self._recipient_changed())
        self.address_as.textChanged.connect(lambda _t: self._address_typed())
        self.address_as.editingFinished.connect(self._address_finished)
        self.topic.textEdited.connect(lambda _t: setattr(self, "_topic_edited", True))
        self.topic.textChanged.connect(lambda _t: self._topic_changed())
        self.body.textChanged.connect(self._text_edited)
        self.subject.textChanged.connect(lambda _t: self._text_edited())
        self.regenerate(force=True)

    def _profile_panel(self) -> QWidget:
        """Asked once, kindly, in the first note that needs the user's name: inline, so
        nothing blocks, and "Not now" is an answer that is respected."""
        from desktop.ui.profile_form import ProfileForm

        panel = QGroupBox(strings.PROFILE_TITLE)
        column = QVBoxLayout(panel)
        intro = QLabel(strings.PROFILE_INTRO)
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.profile_form = ProfileForm(notes.load_profile())
        column.addWidget(self.profile_form)
        buttons = QDialogButtonBox()
        self.profile_save = buttons.addButton(
            strings.PROFILE_SAVE, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.profile_skip = buttons.addButton(
            strings.PROFILE_SKIP, QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self._save_profile)
        buttons.rejected.connect(self._skip_profile)
        column.addWidget(buttons)
        asked = notes.profile_asked()
        panel.setVisible(not asked)
        return panel

    def _save_profile(self) -> None:
        notes.save_profile(self.profile_form.profile())
        notes.mark_profile_asked()
        self.profile_panel.hide()
        self.profile_row.show()
        self._profile_saved()

    def _skip_profile(self) -> None:
        notes.mark_profile_asked()
        self.profile_panel.hide()
        self.profile_row.show()

    # ----- who and what --------------------------------------------------------------
    def template_name(self) -> str:
        return str(self.template.currentData())

    def current_recipient(self) -> Recipient | None:
        return self.recipients.get(self.recipient.currentData())

    def recipient_email(self) -> str:
        person = self.current_recipient()
        return person.email if person else ""

    def current_person(self) -> Person | None:
        person = self.current_recipient()
        return Person(person.name, self.address_as.text()) if person else None

    def values(self) -> dict[str, str]:
        person = self.current_person()
        return {
            **self.context.values,
            "their_name": person.greeting_name if person else "",
            "their_full_name": person.name if person else "",
            "topic": self.topic.text().strip(),
        }

    def text(self) -> str:
        return self.subject.text() + "\n" + self.body.toPlainText()

    def note(self) -> Note:
        return Note(self.subject.text(), self.body.toPlainText())

    # ----- rendering ----------------------------------------------------------------
    def regenerate(self, force: bool = False) -> None:
        """Re-fill the template, unless the user has started editing the text by hand."""
        if self._edited and not force:
            self._show_warnings()
            return
        note = render_note(notes.template_text(self.template_name()), self.values())
        self._set_text(note.subject, note.body)
        self._edited = False
        self._show_warnings()

    def _set_text(self, subject: str, body: str) -> None:
        self._setting = True
        try:
            if subject != self.subject.text():
                self.subject.setText(subject)
            if body != self.body.toPlainText():
                self.body.setPlainText(body)
        finally:
            self._setting = False

    def _text_edited(self) -> None:
        if not self._setting:
            self._edited = True
        self._show_warnings()

    def _show_warnings(self) -> None:
        text = self.text()
        left = gaps(text)
        self.gap_label.setText(
            strings.COMPOSE_GAPS.format(gaps=", ".join(sorted(left))) if left else ""
        )
        person = self.current_person()
        # A note to the recruiter names the interviewers on purpose (pass on my thanks).
        named_on_purpose = self.template_name() in RECRUITER_NOTES
        others = [
            name
            for other in self.recipients.values()
            if person is not None and other.name != person.name and not named_on_purpose
            for name in names_in(text, Person(other.name, other.address_as), besides=person)
        ]
        self.warning.setText(
            strings.COMPOSE_WRONG_PERSON.format(
                names=", ".join(sorted(set(others))), recipient=person.name
            )
            if others and person is not None
            else ""
        )
        # Empty lines take no room: the text gets it.
        for label in (self.warning, self.gap_label, self.status):
            label.setVisible(bool(label.text()))

    def _show_person(self) -> None:
        """The address field and the topic follow the chosen person."""
        person = self.current_recipient()
        with QSignalBlocker(self.address_as):
            self.address_as.setText(person.address_as if person else "")
        self.address_as.setEnabled(person is not None)
        if person is not None:
            words = person.name.split()
            self.address_as.setPlaceholderText(
                strings.COMPOSE_ADDRESS_AS_HINT.format(
                    first=first_name(person.name), last=words[-1] if words else ""
                )
            )
        if not self._topic_edited:
            with QSignalBlocker(self.topic):
                self.topic.setText(person.topic if person else "")
        self._show_topic_hint()

    def _show_topic_hint(self) -> None:
        person = self.current_recipient()
        first = first_name(person.name) if person else ""
        if person is not None and person.topic and self.topic.text() == person.topic:
            hint = strings.COMPOSE_TOPIC_SUGGESTED.format(first=first)
        elif person is not None and not self.topic.text().strip():
            hint = strings.COMPOSE_TOPIC_NONE.format(first=first)
        else:
            hint = strings.COMPOSE_TOPIC_OWN
        self.topic_hint.setText(hint)
        self.topic_hint.setVisible(bool(hint))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_profile(self) -> None:
        values = self.context.values
        name = values.get("your_name", "")
        if name or values.get("strengths"):
            self.profile_label.setText(
                strings.COMPOSE_FROM.format(
                    name=name or "…", strengths=values.get("strengths") or "…"
                )
            )
        else:
            self.profile_label.setText(strings.COMPOSE_FROM_EMPTY)

    # ----- changes ------------------------------------------------------------------
    def _template_changed(self) -> None:
        name = self.template_name()
        if self._edited and not self.confirm(
            strings.COMPOSE_SWITCH_TITLE,
            strings.COMPOSE_SWITCH_BODY.format(name=TEMPLATE_NAMES[name]),
        ):
            with QSignalBlocker(self.template):
                self.template.setCurrentIndex(self.template.findData(self._template_shown))
            return
        self._template_shown = name
        self.regenerate(force=True)

    def _recipient_changed(self) -> None:
        old, new = self._person_shown, self.current_recipient()
        self._person_shown = new
        old_topic = self.topic.text()
        self._show_person()
        if not self._edited or old is None or new is None:
            self.regenerate(force=True)
            return
        subject = swap_names(self.subject.text(), old.person, new.person)
        body = swap_names(self.body.toPlainText(), old.person, new.person)
        if not self._topic_edited and old_topic and new.topic and old_topic in body:
            body = body.replace(old_topic, new.topic)
        self._set_text(subject, body)
        left = names_in(subject + "\n" + body, old.person, besides=new.person)
        if left and self.confirm(
            strings.COMPOSE_RECIPIENT_TITLE.format(recipient=new.name),
            strings.COMPOSE_RECIPIENT_BODY.format(names=", ".join(left), recipient=new.name),
        ):
            self.regenerate(force=True)
        self._show_warnings()

    def _address_typed(self) -> None:
        if not self._edited:
            self.regenerate()

    def _address_finished(self) -> None:
        """Keep how this person is addressed, and fix the greeting in an edited note."""
        person = self.current_recipient()
        chosen = " ".join(self.address_as.text().split())
        if person is None or chosen == person.address_as:
            return
        try:
            notes.save_address_as(person.contact_id, chosen)
        except NotFound as error:
            self._say(str(error).capitalize() + ".")
            return
        updated = dataclasses.replace(person, address_as=chosen)
        self.recipients[person.contact_id] = updated
        if self._person_shown is not None and self._person_shown.contact_id == person.contact_id:
            self._person_shown = updated
        if self._edited:
            body = swap_names(self.body.toPlainText(), person.person, updated.person)
            self._set_text(self.subject.text(), body)
        self.regenerate()

    def _topic_changed(self) -> None:
        self._show_topic_hint()
        self.regenerate()

    def start_again(self) -> None:
        if self._edited and not self.confirm(
            strings.COMPOSE_RESTART_TITLE, strings.COMPOSE_RESTART_BODY
        ):
            return
        self.regenerate(force=True)

    def edit_profile(self) -> None:
        from desktop.ui.profile_form import ProfileDialog

        dialog = ProfileDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._profile_saved()

    def _profile_saved(self) -> None:
        profile = notes.load_profile()
        self.context = dataclasses.replace(
            self.context,
            values={
                **self.context.values,
                "your_name": profile.your_name,
                "sign_off": sign_off(profile.your_name, profile.signature),
                "strengths": profile.strengths,
            },
        )
        self._show_profile()
        self.regenerate()

    # ----- sending ------------------------------------------------------------------
    def _clipboard_text(self) -> str:
        note = self.note()
        return f"{note.subject}\n\n{note.body}" if note.subject else note.body

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._clipboard_text())
        self._say(strings.COMPOSE_COPIED)
        self._offer_to_record("copied")

    def open_in_email(self) -> None:
        note = self.note()
        link = QUrl(mailto(self.recipient_email(), note.subject, note.body))
        if open_mailto(link, self.open_url, self.has_mail_program):
            self._say(strings.COMPOSE_OPENED)
            self._offer_to_record("email")
            return
        # Webmail users often have no mail program: the note must not just vanish.
        QGuiApplication.clipboard().setText(self._clipboard_text())
        email = self.recipient_email()
        self._say(
            strings.COMPOSE_NO_MAIL_PROGRAM.format(email=email)
            if email
            else strings.COMPOSE_NO_MAIL_PROGRAM_NO_ADDRESS
        )
        self._offer_to_record("copied", first=self.status.text())

    def _answers_title(self) -> str | None:
        person = self.current_recipient()
        answered = notes.reminders_answered_by(
            self.context.opportunity_id,
            self.template_name(),
            person.contact_id if person else None,
            self.context.reminder_id,
        )
        titles = notes.open_reminder_titles(answered)
        return titles[0] if titles else None

    def _offer_to_record(self, how: str, first: str = "") -> None:
        if self._recorded == self._clipboard_text():
            return  # this very text is already in the sent notes
        title = self._answers_title()
        question = (
            strings.COMPOSE_SENT_BODY_ANSWERS.format(title=title)
            if title
            else strings.COMPOSE_SENT_BODY
        )
        if self.confirm(strings.COMPOSE_SENT_TITLE, f"{first}\n\n{question}".strip()):
            self.record_sent(how)

    def record_sent(self, how: str) -> None:
        person = self.current_recipient()
        note = self.note()
        title = self._answers_title()
        try:
            sent = notes.record_sent(
                self.context,
                person.contact_id if person else None,
                self.template_name(),
                note.subject,
                note.body,
                how,
                self.clock,
            )
        except NotFound as error:  # the opportunity was deleted meanwhile
            self._say(str(error).capitalize() + ".")
            return
        self.changes |= sent.changes
        self._recorded = self._clipboard_text()
        if sent.answered:
            self.context = dataclasses.replace(self.context, reminder_id=None)
        self._say(
            strings.COMPOSE_SENT_DONE_ANSWERED.format(title=title)
            if sent.answered and title
            else strings.COMPOSE_SENT_DONE
        )

    def edit_template(self) -> None:
        editor = TemplateEditor(self.template_name(), self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.regenerate(force=not self._edited)


class TemplateEditor(QDialog):
    """The raw template, editable; saved in the database, restorable to the shipped one."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setWindowTitle(strings.TEMPLATE_EDITOR_TITLE.format(name=TEMPLATE_NAMES[name]))
        fit_to_screen(self, QSize(620, 520))
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
