"""The question a move to Offer asks wherever it starts (a drop on the board, the keyboard,
"Move to", the list's bulk menu): the day they need an answer by, as the detail pane's
Change outcome asks it. Asked once for several cards; Cancel moves nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from desktop.domain.forms import validate_status_change
from desktop.services.vocabulary import Status
from desktop.ui import board_strings as texts
from desktop.ui import strings
from desktop.ui.form_dialog import FormDialog, OptionalDate


class OfferDeadlineDialog(FormDialog):
    """`draft` is the offer's deadline (a date, or None when the user leaves it out)."""

    def __init__(self, what: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(texts.OFFER_TITLE.format(what=what), lambda raw: self._read(raw), parent)
        self._today = today
        intro = QLabel(texts.OFFER_QUESTION.format(what=what))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.add_field("offer_deadline", "", OptionalDate(strings.OFFER_DEADLINE_LABEL))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(texts.OFFER_MOVE)
        self.fit(420)

    def _read(self, raw: dict[str, str]) -> date | None:
        # The detail pane's validation, so both refuse and accept the same dates.
        checked = validate_status_change(
            {"status": Status.OFFER.value, "offer_deadline": raw.get("offer_deadline", "")},
            self._today,
        )
        return checked.offer_deadline

    def deadline(self) -> date | None:
        assert self.draft is None or isinstance(self.draft, date)
        return self.draft
