"""Add a reminder or to-do of the user's own to an opportunity or one of its interviews."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.domain.forms import validate_own_reminder
from desktop.services.queries import OpportunityDetail
from desktop.ui import strings
from desktop.ui.form_dialog import DateAndTime, FormDialog
from desktop.ui.formatting import when


class OwnReminderDialog(FormDialog):
    def __init__(
        self, detail: OpportunityDetail, tz: tzinfo, now: datetime, parent: QWidget | None
    ) -> None:
        super().__init__(
            strings.OWN_REMINDER_TITLE.format(company=detail.company, role=detail.role),
            lambda raw: validate_own_reminder(raw, tz, now),
            parent,
        )
        text = QLineEdit()
        text.setPlaceholderText(strings.OWN_REMINDER_PLACEHOLDER)
        text.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        self.add_field("text", strings.OWN_REMINDER_TEXT, text)
        at = DateAndTime()
        at.setDateTime(
            (now.astimezone(tz) + timedelta(days=1)).replace(
                hour=10, minute=0, second=0, microsecond=0, tzinfo=None
            )
        )
        self.add_field("at", strings.OWN_REMINDER_AT, at)
        self.about = QComboBox()
        self.about.addItem(strings.OWN_REMINDER_WHOLE, None)
        for interview in detail.interviews:
            label = interview.round_label or strings.OWN_REMINDER_INTERVIEW
            self.about.addItem(f"{label}, {when(interview.starts_at, tz)}", interview.id)
        self.form.addRow(strings.OWN_REMINDER_ABOUT, self.about)
        self.about.setVisible(bool(detail.interviews))
        self.form.labelForField(self.about).setVisible(bool(detail.interviews))
        self.fit(460)
        # Room for both fields' one-line messages, so they appear without a scroll bar.
        self.resize(self.width(), self.height() + 2 * self.fontMetrics().lineSpacing() + 8)

    def interview_id(self) -> int | None:
        chosen = self.about.currentData()
        return chosen if isinstance(chosen, int) else None
