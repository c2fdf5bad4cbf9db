"""The add/edit dialogs for interviews and opportunities, and the outcome dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.domain.forms import validate_interview, validate_opportunity, validate_status_change
from desktop.services.vocabulary import InterviewFormat, Status
from desktop.ui import strings
from desktop.ui.details_fields import (
    DuplicateWarning,
    FindSimilar,
    add_job_description,
    add_place_fields,
    add_salary_fields,
)
from desktop.ui.form_dialog import (
    DATE_DISPLAY,
    DateAndTime,
    FormDialog,
    OptionalDate,
    read_widget,
)


def _line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def _notes(placeholder: str = "", height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


def _company_field(companies: list[str]) -> QLineEdit:
    edit = _line("e.g. Acme")
    completer = QCompleter(companies, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    edit.setCompleter(completer)
    return edit


def _add_recruiter_fields(dialog: FormDialog, known_kind: Callable[[str, str], str] | None) -> None:
    """The recruiter, and who they work for: asked once per person. A recruiter seen
    before comes with what the user said then."""
    recruiter = dialog.add_field(
        "recruiter", "Recruiter or agency", _line(strings.PERSON_PLACEHOLDER)
    )
    kind = QComboBox()
    for value, label in strings.RECRUITER_KINDS.items():
        kind.addItem(label, value)
    kind.setToolTip(strings.RECRUITER_KIND_WHY)
    dialog.add_field("recruiter_kind", strings.RECRUITER_KIND_LABEL, kind)
    chosen_by_hand = [False]
    kind.activated.connect(lambda _index: chosen_by_hand.__setitem__(0, True))

    def follow(_text: str = "") -> None:
        typed = recruiter.text().strip()
        kind.setEnabled(bool(typed))
        if known_kind is None or chosen_by_hand[0]:
            return
        company = read_widget(dialog.fields["company"]).strip()
        remembered = known_kind(typed, company) if typed else ""
        kind.setCurrentIndex(max(0, kind.findData(remembered)))

    recruiter.textChanged.connect(follow)
    follow()


def _status_combo() -> QComboBox:
    combo = QComboBox()
    for status in Status:
        combo.addItem(status.label, status.value)
    return combo


class InterviewDialog(FormDialog):
    """Company, role and interview in one dialog: a new company needs no other step."""

    def __init__(
        self,
        tz: tzinfo,
        now: datetime,
        companies: list[str],
        parent: QWidget | None = None,
        editing: bool = False,
        company_hint: Callable[[str], str | None] | None = None,
        known_kind: Callable[[str, str], str] | None = None,
    ) -> None:
        title = strings.INTERVIEW_DIALOG_EDIT if editing else strings.INTERVIEW_DIALOG_NEW
        super().__init__(title, lambda raw: validate_interview(raw, tz), parent)
        self.add_field("company", "Company", _company_field(companies))
        if company_hint is not None:
            self.company_hint = self.add_hint("company", company_hint)
        self.add_field("role", "Role", _line("e.g. Data Analyst"))
        round_box = QComboBox()
        round_box.setEditable(True)
        round_box.addItems(["", *strings.ROUND_PRESETS])
        self.add_field("round_label", "Round", round_box)
        start = DateAndTime()
        local = (now.astimezone(tz) + timedelta(days=1)).replace(
            hour=10, minute=0, second=0, microsecond=0, tzinfo=None
        )
        start.setDateTime(local)
        self.add_field("starts_at", "Starts at", start)
        duration = QSpinBox()
        duration.setRange(5, 24 * 60)
        duration.setSingleStep(15)
        duration.setValue(60)
        duration.setSuffix(" min")
        self.add_field("duration", "Duration", duration)
        fmt = QComboBox()
        for option in InterviewFormat:
            fmt.addItem(option.label, option.value)
        fmt.setCurrentIndex(fmt.findData(InterviewFormat.VIDEO.value))
        self.add_field("format", "Format", fmt)
        self.add_field("location", "Location or link", _line("Address or meeting link"))
        self.add_field("interviewers", "Interviewers", _notes(strings.PEOPLE_PLACEHOLDER, 50))
        _add_recruiter_fields(self, known_kind)
        self.add_field("hear_by", "", OptionalDate(strings.HEAR_BY_LABEL))
        self.add_field("notes", "Notes", _notes())
        self.fit()


class OpportunityDialog(FormDialog):
    def __init__(
        self,
        companies: list[str],
        parent: QWidget | None = None,
        editing: bool = False,
        company_hint: Callable[[str], str | None] | None = None,
        known_kind: Callable[[str, str], str] | None = None,
        find_similar: FindSimilar | None = None,
        tz: tzinfo = UTC,
    ) -> None:
        title = strings.OPPORTUNITY_DIALOG_EDIT if editing else strings.OPPORTUNITY_DIALOG_NEW
        super().__init__(title, validate_opportunity, parent)
        self.add_field("company", "Company", _company_field(companies))
        if company_hint is not None:
            self.company_hint = self.add_hint("company", company_hint)
        self.add_field("role", "Role", _line("e.g. Data Analyst"))
        # Set when the user chose to open the opportunity they already had instead.
        self.open_instead: int | None = None
        self._add_anyway = False
        self.duplicate = DuplicateWarning()
        holder = self.fields["role"].parentWidget()
        row = holder.layout() if holder is not None else None
        assert row is not None  # the column add_field made
        row.addWidget(self.duplicate)
        if find_similar is not None:
            self._follow_duplicates(find_similar, tz)
        self.add_field("status", "Status", _status_combo())
        self.add_field("source", "Found through", _line("Job board, referral, recruiter…"))
        self.add_field("posting_url", "Posting link", _line("https://…"))
        self.add_field("applied_on", "", OptionalDate(strings.APPLIED_ON_LABEL))
        add_place_fields(self)
        add_salary_fields(self)
        _add_recruiter_fields(self, known_kind)
        add_job_description(self)
        self.add_field("notes", "Notes", _notes())
        self.fit(width=560)

    def _follow_duplicates(self, find_similar: FindSimilar, tz: tzinfo) -> None:
        company, role = self.fields["company"], self.fields["role"]
        assert isinstance(company, QLineEdit) and isinstance(role, QLineEdit)

        def update(_text: str = "") -> None:
            self._add_anyway = False
            found = find_similar(company.text().strip(), role.text().strip())
            self.duplicate.show_similar(found, tz)

        company.textChanged.connect(update)
        role.textChanged.connect(update)
        self.duplicate.open_requested.connect(self._open_existing)
        self.duplicate.add_anyway.connect(self._save_anyway)

    def _open_existing(self, opportunity_id: int) -> None:
        self.open_instead = opportunity_id
        self.reject()

    def _save_anyway(self) -> None:
        self._add_anyway = True
        self.accept()

    def accept(self) -> None:
        # A likely duplicate is saved only once the user said so ("Add anyway").
        if self.duplicate.similar and not self._add_anyway:
            self.duplicate.anyway_button.setFocus()
            self.last_announcement = self.duplicate.label.text()
            return
        super().accept()


class StatusDialog(FormDialog):
    """Pick the new outcome, the day it happened (today unless told later) and, if the
    user wants, say why. The offer deadline is asked only for an Offer."""

    def __init__(
        self,
        current: Status,
        today: date,
        parent: QWidget | None = None,
        earliest: date | None = None,
    ) -> None:
        super().__init__(
            strings.STATUS_DIALOG_TITLE,
            lambda raw: validate_status_change(raw, today, earliest),
            parent,
        )
        combo = self.add_field("status", strings.STATUS_NEW_LABEL, _status_combo())
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(current.value))
        happened = QDateEdit(QDate(today.year, today.month, today.day))
        happened.setCalendarPopup(True)
        happened.setDisplayFormat(DATE_DISPLAY)
        happened.setMaximumDate(QDate(today.year, today.month, today.day))
        if earliest is not None and earliest <= today:
            # Not before the day they applied.
            happened.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.add_field("happened_on", strings.STATUS_HAPPENED_LABEL, happened)
        deadline = self.add_field("offer_deadline", "", OptionalDate(strings.OFFER_DEADLINE_LABEL))
        holder = deadline.parentWidget()
        assert holder is not None  # add_field puts each field in a holder
        row = self.form.labelForField(holder)

        def offer_only() -> None:
            # The deadline only means something for an offer: elsewhere it is not shown.
            is_offer = combo.currentData() == Status.OFFER.value
            holder.setVisible(is_offer)
            if row is not None:
                row.setVisible(is_offer)

        combo.currentIndexChanged.connect(lambda _=0: offer_only())
        offer_only()
        self.add_field("note", "Note", _notes(strings.STATUS_NOTE_PLACEHOLDER, 60))
        self.fit(420)
