"""Editing one person from the People tab: every field checks itself as typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QWidget

from desktop.domain.forms import FormError
from desktop.domain.person_form import PersonDraft, validate_person
from desktop.services.vocabulary import ContactRole
from desktop.ui import people_strings as texts
from desktop.ui.form_dialog import FormDialog


class PersonDialog(FormDialog):
    def __init__(
        self,
        name: str,
        companies: list[str],
        email_taken_by: Callable[[str], str],
        parent: QWidget | None,
    ) -> None:
        """`email_taken_by(email)`: the name of someone else who has it, else ""."""

        def check(raw: dict[str, str]) -> PersonDraft:
            errors: dict[str, str] = {}
            try:
                draft = validate_person(raw)
            except FormError as error:
                errors = dict(error.errors)
            email = " ".join(raw.get("email", "").split())
            other = email_taken_by(email) if email and "email" not in errors else ""
            if other:
                errors["email"] = texts.EMAIL_TAKEN.format(name=other)
            if errors:
                raise FormError(errors)
            return draft

        super().__init__(texts.DIALOG_TITLE.format(name=name), check, parent)
        self.add_field("name", texts.FIELD_NAME, QLineEdit())
        company = QLineEdit()
        company.setPlaceholderText(texts.COMPANY_PLACEHOLDER)
        completer = QCompleter(companies, company)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        company.setCompleter(completer)
        self.add_field("company", texts.FIELD_COMPANY, company)
        role = QComboBox()
        for choice in ContactRole:
            role.addItem(choice.label, choice.value)
        self.add_field("role", texts.FIELD_ROLE, role)
        title = QLineEdit()
        title.setPlaceholderText(texts.JOB_TITLE_PLACEHOLDER)
        self.add_field("job_title", texts.FIELD_JOB_TITLE, title)
        self.add_field("email", texts.FIELD_EMAIL, QLineEdit())
        self.add_field("phone", texts.FIELD_PHONE, QLineEdit())
        address = QLineEdit()
        address.setPlaceholderText(texts.ADDRESS_AS_PLACEHOLDER)
        self.add_field("address_as", texts.FIELD_ADDRESS_AS, address)
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        self.add_field("notes", texts.FIELD_NOTES, notes)
        self.fit(460)
