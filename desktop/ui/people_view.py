"""The People tab: everyone across companies, filterable, with the selected person's
interviews, notes and last conversation beside the list; edited in a dialog, brought in
and out as vCards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.domain.person_form import PersonDraft, drafts_from_file
from desktop.domain.vcard import VCardError, write_card
from desktop.files import write_atomically
from desktop.playbook.notes import TEMPLATE_NAMES
from desktop.services import NotFound, directory, person_edit, queries
from desktop.services.changes import Changes
from desktop.services.directory import PersonDetail
from desktop.services.vocabulary import ContactRole
from desktop.ui import people_strings as texts
from desktop.ui.formatting import day, when
from desktop.ui.html_escape import escape
from desktop.ui.people_model import (
    COMPANY,
    EMAIL,
    ID_ROLE,
    INTERVIEWS,
    LAST_SPOKE,
    NAME,
    NOTES,
    ROLE,
    PeopleFilter,
    PeopleModel,
)
from desktop.ui.people_undo import PeopleCommand
from desktop.ui.person_dialog import PersonDialog

Ask = Callable[[str, str], bool]  # (title, question) → yes?
Tell = Callable[[str, str], None]  # (title, sentence)


class PeopleView(QWidget):
    changed = Signal(object)  # the Changes of an edit or an import
    open_requested = Signal(int)  # an opportunity, from a link in the detail

    def __init__(
        self,
        clock: Clock,
        ask: Ask | None = None,
        tell: Tell | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.ask = ask or self._ask
        self.tell = tell or self._tell
        self.dialog: PersonDialog | None = None
        # Puts an edit or an import on the window's undo stack and says so (app wiring).
        self.push: Callable[[PeopleCommand, str], bool] = self._do_now
        self.shown: PersonDetail | None = None
        self.model = PeopleModel(clock, self)
        self.filter = PeopleFilter(self)
        self.filter.setSourceModel(self.model)
        self._build()

    # ----- construction -------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(texts.FILTER_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(texts.A11Y_FILTER)
        self.search.textChanged.connect(self._on_filter)
        self.edit_button = QPushButton(texts.EDIT)
        self.edit_button.clicked.connect(self.edit_selected)
        self.import_button = QPushButton(texts.IMPORT)
        self.import_button.clicked.connect(self.import_with_dialog)
        self.export_button = QPushButton(texts.EXPORT)
        self.export_button.clicked.connect(self.export_with_dialog)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for button in (self.edit_button, self.import_button, self.export_button):
            bar.addWidget(button)

        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(texts.A11Y_TABLE)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.table.setWordWrap(False)  # a long name is elided, never doubles a row
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The email takes what room there is, so the counts and "Last spoke" stay in view
        # on a 1366×768 screen; the rest start at a width that fits most names.
        header.setSectionResizeMode(EMAIL, QHeaderView.ResizeMode.Stretch)
        for column in (INTERVIEWS, NOTES, LAST_SPOKE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        em = self.fontMetrics().horizontalAdvance("M")
        roles = max(self.fontMetrics().horizontalAdvance(r.label) for r in ContactRole)
        for column, width in ((NAME, 12 * em), (COMPANY, 10 * em), (ROLE, roles + 2 * em)):
            header.resizeSection(column, width)

        self.empty = QLabel(texts.EMPTY)
        self.no_match = QLabel(texts.NO_MATCH)
        for label in (self.empty, self.no_match):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        for widget in (self.empty, self.table, self.no_match):
            self.stack.addWidget(widget)

        self.detail = QLabel(texts.PICK_SOMEONE)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.detail.setAccessibleName(texts.A11Y_DETAIL)
        self.detail.linkActivated.connect(self._on_link)
        self.detail.setContentsMargins(8, 4, 8, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)

        splitter = QSplitter()
        splitter.addWidget(self.stack)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._update_buttons()

    # ----- reading ------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read everyone (keeping the selection): people are few, hundreds at most."""
        keep = self.selected_id()
        self.model.set_rows(directory.people(self.clock.now()))
        if keep is not None:
            self.select_person(keep)
        self._update_stack()
        self._show_selected()

    def _update_stack(self) -> None:
        if self.model.rowCount() == 0:
            self.stack.setCurrentWidget(self.empty)
        elif self.filter.rowCount() == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)

    def _on_filter(self, text: str) -> None:
        self.filter.set_text(text)
        self._update_stack()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        found: int = rows[0].data(ID_ROLE)
        return found

    def select_person(self, contact_id: int) -> bool:
        at = self.model.position_of(contact_id)
        if at is None:
            return False
        index = self.filter.mapFromSource(self.model.index(at, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.export_button.setEnabled(chosen)

    def _show_selected(self) -> None:
        self._update_buttons()
        selected = self.selected_id()
        try:
            self.shown = directory.person_detail(selected, self.clock.now()) if selected else None
        except NotFound:
            self.shown = None
        self.detail.setText(self._html(self.shown) if self.shown else texts.PICK_SOMEONE)

    def _html(self, detail: PersonDetail) -> str:
        tz, row, now = self.clock.tz, detail.row, self.clock.now()
        parts = [f"<h2>{escape(row.name)}</h2>"]
        if row.role is ContactRole.OTHER:  # "Other at Globex" says nothing: the company only
            where = row.company
        elif row.company:
            where = texts.DETAIL_ROLE_AT.format(role=row.role.label, company=row.company)
        else:
            where = row.role.label
        lines = [escape(line) for line in (where, row.job_title) if line]
        if lines:
            parts.append(f"<p>{'<br>'.join(lines)}</p>")
        facts = [
            (texts.DETAIL_EMAIL, row.email),
            (texts.DETAIL_PHONE, row.phone),
            (texts.DETAIL_ADDRESS_AS, row.address_as or texts.DETAIL_FIRST_NAME),
            (
                texts.DETAIL_LAST_SPOKE,
                day(row.last_spoke, tz) if row.last_spoke else texts.DETAIL_NEVER,
            ),
        ]
        parts.append(
            "<table cellspacing='2'>"
            + "".join(
                f"<tr><td><b>{escape(label)}</b>&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>"
                for label, value in facts
                if value
            )
            + "</table>"
        )
        parts.append(
            self._section(
                texts.DETAIL_INTERVIEWS,
                [
                    (
                        i.opportunity_id,
                        texts.DETAIL_INTERVIEW.format(
                            when=when(i.starts_at, tz),
                            company=i.company,
                            role=i.role,
                            round=f" ({i.round_label})" if i.round_label else "",
                        )
                        + (texts.DETAIL_COMING if i.starts_at > now else ""),
                    )
                    for i in detail.interviews
                ],
            )
        )
        parts.append(
            self._section(
                texts.DETAIL_NOTES_SENT,
                [
                    (
                        n.opportunity_id,
                        texts.DETAIL_NOTE.format(
                            when=day(n.sent_at, tz),
                            note=TEMPLATE_NAMES.get(n.template, n.template),
                            company=n.company,
                            role=n.role,
                        ),
                    )
                    for n in detail.sent
                ],
            )
        )
        if detail.calls:
            parts.append(
                self._section(texts.DETAIL_CALLS, [(None, when(c, tz)) for c in detail.calls])
            )
        if detail.recruiting:
            parts.append(
                self._section(
                    texts.DETAIL_RECRUITING,
                    [
                        (i, texts.DETAIL_OPPORTUNITY.format(company=c, role=r))
                        for i, c, r in detail.recruiting
                    ],
                )
            )
        if detail.notes:
            body = escape(detail.notes).replace("\n", "<br>")
            parts.append(f"<h3>{escape(texts.DETAIL_NOTES)}</h3><p>{body}</p>")
        return "".join(parts)

    @staticmethod
    def _section(title: str, items: list[tuple[int | None, str]]) -> str:
        if not items:
            return f"<h3>{escape(title)}</h3><p>{escape(texts.DETAIL_NONE)}</p>"
        lines = "".join(
            f"<li><a href='opportunity:{target}'>{escape(text)}</a></li>"
            if target is not None
            else f"<li>{escape(text)}</li>"
            for target, text in items
        )
        return f"<h3>{escape(title)}</h3><ul>{lines}</ul>"

    def _on_link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "opportunity" and value.isdigit():
            self.open_requested.emit(int(value))

    # ----- editing ------------------------------------------------------------------
    def edit_selected(self) -> PersonDialog | None:
        selected = self.selected_id()
        if selected is None:
            return None
        try:
            values = person_edit.form_values(selected)
        except NotFound as error:
            self.tell(texts.ERROR_TITLE, str(error).capitalize() + ".")
            return None
        dialog = PersonDialog(
            values["name"],
            queries.company_names(),
            lambda email: person_edit.email_taken_by(email, selected),
            self,
        )
        dialog.set_values(values)

        def saved() -> None:
            assert isinstance(dialog.draft, PersonDraft)
            self.save(selected, dialog.draft)

        dialog.accepted.connect(saved)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def save(self, contact_id: int, draft: PersonDraft) -> None:
        """Save the edit as one undo step (Ctrl+Z brings the old values back)."""
        try:
            was = person_edit.form_values(contact_id)["name"]
        except NotFound as error:
            self.tell(texts.ERROR_TITLE, str(error).capitalize() + ".")
            return
        command = PeopleCommand(
            texts.UNDO_EDIT.format(name=was),
            [contact_id],
            lambda: person_edit.update_person(contact_id, draft, self.clock),
            self._after_step,
        )
        said = texts.SAVED.format(name=draft.name)
        if not self.push(command, said):  # deleted or the email taken meanwhile, elsewhere
            self.tell(texts.ERROR_TITLE, str(command.error).capitalize() + ".")
            return
        self._say(said)

    def _after_step(self, changes: Changes, undone: bool) -> None:
        if undone:
            self.message.hide()  # it said what was just taken back
        self.changed.emit(changes)

    def _do_now(self, command: PeopleCommand, _message: str) -> bool:
        """Outside a window (no undo stack to put it on): just do it."""
        command.redo()
        return command.error is None

    # ----- vCards -------------------------------------------------------------------
    def import_with_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, texts.IMPORT_TITLE, str(Path.home()), texts.VCARD_FILTER
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Everyone in the file; those already here (same email) are updated if the user
        says so. A file that cannot be read changes nothing and says why in a sentence."""
        try:
            drafts = drafts_from_file(path)
        except VCardError as error:
            self.tell(texts.IMPORT_FAILED_TITLE, str(error))
            return
        plan = person_edit.plan_import(drafts)
        update = False
        if plan.known:
            names = [a.existing_name for a in plan.known]
            question = (
                texts.IMPORT_KNOWN_ONE.format(name=names[0])
                if len(names) == 1
                else texts.IMPORT_KNOWN_MANY.format(count=len(names), names=", ".join(names[:5]))
            )
            update = self.ask(texts.IMPORT_KNOWN_TITLE, question)
        updating = plan.known if update else ()
        said = texts.IMPORTED.format(
            file=path.name,
            added=len(plan.new),
            updated=len(updating),
            skipped=len(plan.known) - len(updating),
        )
        if not plan.new and not updating:  # nothing to do, nothing to undo
            self._say(said)
            return
        command = PeopleCommand(
            texts.UNDO_IMPORT.format(file=path.name),
            [a.existing_id for a in updating if a.existing_id is not None],
            lambda: person_edit.import_people(plan, update, self.clock),
            self._after_step,
        )
        if not self.push(command, said):  # someone deleted meanwhile, elsewhere
            self.tell(texts.ERROR_TITLE, str(command.error).capitalize() + ".")
            return
        self._say(said)
        outcome = command.outcome
        assert isinstance(outcome, person_edit.ImportOutcome)
        self.refresh()
        self.select_person((outcome.added or outcome.updated)[0])

    def export_with_dialog(self) -> None:
        if self.shown is None:
            return
        name = self.shown.row.name
        suggested = str(Path.home() / f"{_file_name(name)}.vcf")
        path, _ = QFileDialog.getSaveFileName(
            self, texts.EXPORT_TITLE.format(name=name), suggested, texts.VCARD_FILTER
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        selected = self.selected_id()
        if selected is None:
            return False
        try:
            card = person_edit.card_of(selected)
            write_atomically(path, write_card(card).encode("utf-8"))
        except NotFound as error:
            self.tell(texts.ERROR_TITLE, str(error).capitalize() + ".")
            return False
        except OSError as error:
            reason = error.strerror or str(error)
            self.tell(texts.ERROR_TITLE, texts.EXPORT_FAILED.format(file=path.name, reason=reason))
            return False
        self._say(texts.EXPORTED.format(name=card.name, file=path))
        return True

    # ----- messages -----------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _ask(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        update = box.addButton(texts.IMPORT_UPDATE, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(texts.IMPORT_KEEP, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is update

    def _tell(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _file_name(name: str) -> str:
    kept = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in name).strip(" .")
    return kept or "person"
