"""Who the notes are from: the user's name, an optional email signature and a few
strengths. One form, shown in Preferences and, once, before the first note."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.notes import Profile, load_profile, save_profile
from desktop.ui import strings


class ProfileForm(QWidget):
    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.your_name = QLineEdit(profile.your_name)
        self.signature = QPlainTextEdit(profile.signature)
        self.signature.setPlaceholderText(strings.PROFILE_SIGNATURE_HINT)
        self.signature.setTabChangesFocus(True)
        # Three lines show at once: a name, a phone number and a link.
        self.signature.setFixedHeight(self.signature.fontMetrics().lineSpacing() * 3 + 14)
        self.strengths = QLineEdit(profile.strengths)
        self.strengths.setPlaceholderText(strings.PROFILE_STRENGTHS_HINT)
        form.addRow(strings.PROFILE_NAME, self.your_name)
        form.addRow(strings.PROFILE_SIGNATURE, self.signature)
        form.addRow(strings.PROFILE_STRENGTHS, self.strengths)

    def profile(self) -> Profile:
        return Profile(
            your_name=self.your_name.text().strip(),
            strengths=self.strengths.text().strip(),
            signature=self.signature.toPlainText().strip("\n").rstrip(),
        )


class ProfileDialog(QDialog):
    """Asked once, kindly, when the first note needs a name; "Not now" is a fine answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.PROFILE_TITLE)
        layout = QVBoxLayout(self)
        intro = QLabel(strings.PROFILE_INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = ProfileForm(load_profile())
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
        self.skip_button = buttons.addButton(
            strings.PROFILE_SKIP, QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        save_profile(self.form.profile())
        super().accept()
