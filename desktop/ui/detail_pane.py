"""The selected opportunity: its interviews as a timeline, people, history and notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.services.vocabulary import RecruiterKind, Status
from desktop.ui import board_strings as board_texts
from desktop.ui import strings
from desktop.ui.details_html import detail_facts, job_description_html
from desktop.ui.document_pane import documents_html
from desktop.ui.formatting import day, when
from desktop.ui.html_escape import escape

if TYPE_CHECKING:
    from desktop.playbook.lessons import Lessons
    from desktop.services.documents import DocumentView
    from desktop.services.notes import SentNoteView
    from desktop.services.queries import InterviewView, OpportunityDetail, PersonView
    from desktop.services.reminders import ReminderView


def status_menu(
    parent: QWidget, on_pick: Callable[[Status], object], current: Status | None = None
) -> QMenu:
    """A menu of every outcome, the current one checked; shared by the detail pane and
    the list's context menu."""
    menu = QMenu(strings.CHANGE_OUTCOME, parent)
    group = QActionGroup(menu)
    group.setExclusive(True)
    for status in Status:
        action = menu.addAction(status.label)
        action.setData(status.value)
        action.setCheckable(True)
        group.addAction(action)
        action.triggered.connect(lambda _=False, s=status: on_pick(s))
    mark_current(menu, current)
    return menu


def mark_current(menu: QMenu, current: Status | None) -> None:
    for action in menu.actions():
        action.setChecked(current is not None and action.data() == current.value)


class DetailPane(QWidget):
    edit_requested = Signal()
    add_interview_requested = Signal()
    status_requested = Signal(object)  # Status
    archive_requested = Signal()
    interview_edit_requested = Signal(int)
    interview_delete_requested = Signal(int)
    interview_debrief_requested = Signal(int)
    note_requested = Signal()
    own_reminder_requested = Signal()
    reflect_requested = Signal()
    recruiter_kind_chosen = Signal(int, object)  # contact id, RecruiterKind
    document_attach_requested = Signal()
    document_open_requested = Signal(int)  # the link's id
    document_remove_requested = Signal(int)

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock  # its zone is read whenever times are shown: it can change
        self.detail: OpportunityDetail | None = None
        self.timeline: list[ReminderView] = []
        self.documents: list[DocumentView] = []
        self.lessons: Lessons | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        # A word too long to wrap (a link pasted as the role) is clipped, not allowed to
        # widen the window past the screen: its width is what the layout gives it.
        policy = self.heading.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.heading.setSizePolicy(policy)
        layout.addWidget(self.heading)

        actions = QHBoxLayout()
        self.edit_button = QPushButton(strings.EDIT)
        self.edit_button.clicked.connect(self.edit_requested)
        self.interview_button = QPushButton(strings.ADD_INTERVIEW)
        self.interview_button.clicked.connect(self.add_interview_requested)
        self.status_button = QToolButton()
        self.status_button.setText(strings.CHANGE_OUTCOME)
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setMenu(status_menu(self, self.status_requested.emit))
        self.archive_button = QPushButton(strings.ARCHIVE)
        self.archive_button.clicked.connect(self.archive_requested)
        self.note_button = QPushButton(strings.WRITE_NOTE)
        self.note_button.clicked.connect(self.note_requested)
        self.reflect_button = QPushButton(strings.REFLECT)
        self.reflect_button.clicked.connect(self.reflect_requested)
        self.own_reminder_button = QPushButton(strings.ADD_OWN_REMINDER)
        self.own_reminder_button.clicked.connect(self.own_reminder_requested)
        # Two short rows, and Reflect keeps its place while hidden: the pane's width does
        # not change when it appears, so the list beside it does not jump or cut columns.
        more = QHBoxLayout()
        for button in (self.edit_button, self.interview_button, self.status_button):
            actions.addWidget(button)
        # Reflect last: while hidden, the room it keeps is at the row's end, not a gap.
        for button in (
            self.note_button,
            self.own_reminder_button,
            self.archive_button,
            self.reflect_button,
        ):
            more.addWidget(button)
        policy = self.reflect_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.reflect_button.setSizePolicy(policy)
        actions.addStretch(1)
        more.addStretch(1)
        layout.addLayout(actions)
        layout.addLayout(more)

        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._on_link)
        layout.addWidget(self.body, 1)
        self.show_detail(None)

    def show_detail(
        self,
        detail: OpportunityDetail | None,
        timeline: list[ReminderView] | None = None,
        lessons: Lessons | None = None,
        sent: list[SentNoteView] | None = None,
        documents: list[DocumentView] | None = None,
    ) -> None:
        self.detail = detail
        self.several = 0
        self.sent = sent or []
        self.documents = documents or []
        self.timeline = timeline or []
        self.lessons = lessons
        has = detail is not None
        for button in (
            self.edit_button,
            self.interview_button,
            self.status_button,
            self.note_button,
            self.own_reminder_button,
            self.archive_button,
        ):
            button.setEnabled(has)
        status = detail.status if detail is not None else None
        self.reflect_button.setVisible(status is Status.NOT_THIS_TIME)
        mark_current(self.status_button.menu(), status)
        if detail is None:
            self.heading.setText("")
            self.body.setHtml(f"<p>{escape(strings.DETAIL_NONE)}</p>")
            return
        self.heading.setText(
            f"<h2>{escape(detail.company)} — {escape(detail.role)}</h2>"
            f"<p><b>{escape(detail.status.label)}</b>"
            + (f" · {escape(strings.DETAIL_ARCHIVED)}" if detail.archived else "")
            + "</p>"
        )
        self.archive_button.setText(strings.UNARCHIVE if detail.archived else strings.ARCHIVE)
        self.body.setAccessibleDescription(
            f"{detail.company} — {detail.role}, {detail.status.label}"
        )
        self.body.setHtml(self._html(detail))

    def show_several(self, count: int) -> None:
        """Several opportunities selected: how many, and what can be done to all of them
        at once (Change outcome and Archive; the rest is for one at a time)."""
        self.show_detail(None)
        self.several = count
        for button in (self.status_button, self.archive_button):
            button.setEnabled(True)
        self.archive_button.setText(strings.ARCHIVE)
        heading = board_texts.SEVERAL_SELECTED.format(count=count)
        self.heading.setText(f"<h2>{escape(heading)}</h2>")
        hint = board_texts.SEVERAL_HINT.format(count=count)
        self.body.setHtml(f"<p>{escape(hint)}</p>")
        self.body.setAccessibleDescription(f"{heading}. {hint}")

    def _html(self, detail: OpportunityDetail) -> str:
        parts = []
        extra = [
            (strings.DETAIL_SOURCE, detail.source),
            (strings.DETAIL_POSTING, detail.posting_url),
            (strings.DETAIL_APPLIED_ON, day(detail.applied_on) if detail.applied_on else ""),
            *detail_facts(detail),
        ]
        facts = "".join(f"<li>{escape(k)}: {escape(v)}</li>" for k, v in extra if v)
        if facts:  # what the opportunity is comes first, before what happened in it
            parts.append(f"<ul>{facts}</ul>")
        if self.lessons:
            parts.append(f"<h3>{escape(strings.DETAIL_LESSONS)}</h3><ul>")
            for label, count in self.lessons.mistakes[:3]:
                times = f" (×{count})" if count > 1 else ""
                parts.append(f"<li>{escape(label)}{times}</li>")
            parts += [f"<li>{escape(lesson)}</li>" for lesson in self.lessons.lessons[:3]]
            parts += [f"<li>{escape(line)}</li>" for line in self.lessons.feedback_lines(2)]
            parts.append("</ul>")
        parts.append(f"<h3>{escape(strings.DETAIL_INTERVIEWS)}</h3>")
        if detail.interviews:
            parts.append("<ul>" + "".join(self._interview(i) for i in detail.interviews) + "</ul>")
        else:
            parts.append(f"<p>{escape(strings.DETAIL_NO_INTERVIEWS)}</p>")
        if detail.people:
            parts.append(f"<h3>{escape(strings.DETAIL_PEOPLE)}</h3><ul>")
            for person in detail.people:
                contact = f" &lt;{escape(person.email)}&gt;" if person.email else ""
                parts.append(
                    f"<li>{escape(person.name)}{contact} · {escape(person.role)}"
                    f"{self._recruiter_kind(person, detail)}</li>"
                )
            parts.append("</ul>")
        parts.append(documents_html(self.documents))
        if self.sent:
            from desktop.playbook.notes import TEMPLATE_NAMES  # not before the first paint

            parts.append(f"<h3>{escape(strings.DETAIL_SENT_NOTES)}</h3><ul>")
            for note in self.sent:
                said = strings.DETAIL_SENT_NOTE.format(
                    when=when(note.sent_at, self._clock.tz),
                    note=TEMPLATE_NAMES.get(note.template, note.template),
                    recipient=note.recipient or "—",
                )
                how = strings.SENT_HOW.get(note.how, "")
                parts.append(
                    f"<li>{escape(said)}"
                    + (f" <i>({escape(how)})</i>" if how else "")
                    + f"<br>{escape(note.subject)}</li>"
                )
            parts.append("</ul>")
        if self.timeline:
            parts.append(f"<h3>{escape(strings.DETAIL_REMINDERS)}</h3><ul>")
            for item in self.timeline:
                state = strings.REMINDER_STATES.get(item.state.value, item.state.value)
                # The pane already names the opportunity: each line says only the step.
                parts.append(
                    f"<li>{escape(when(item.due_at, self._clock.tz))} · {escape(item.task)} "
                    f"<i>({escape(state)})</i></li>"
                )
            parts.append("</ul>")
        parts.append(f"<h3>{escape(strings.DETAIL_HISTORY)}</h3><ul>")
        for change in reversed(detail.history):
            why = f" — {escape(change.note)}" if change.note else ""
            on = day(change.changed_at, self._clock.tz)
            if change.from_status is None and change.to_status is Status.APPLIED:
                # The day they applied, not the day it was typed in.
                on = day(detail.applied_on) if detail.applied_on else on
            parts.append(f"<li>{escape(on)}: {escape(change.to_status.label)}{why}</li>")
        parts.append("</ul>")
        if detail.notes:
            parts.append(f"<h3>{escape(strings.DETAIL_NOTES)}</h3>")
            parts.append(f"<p>{escape(detail.notes).replace(chr(10), '<br>')}</p>")
        parts.append(job_description_html(detail))
        return "".join(parts)

    def _recruiter_kind(self, person: PersonView, detail: OpportunityDetail) -> str:
        """Who the recruiter works for, or the question, with links to say or change it."""
        if detail.recruiter is None or person.id != detail.recruiter.id:
            return ""

        def link(kind: RecruiterKind, text: str) -> str:
            return f'<a href="recruiter:{kind.value}:{person.id}">{escape(text)}</a>'

        company = detail.company
        if person.recruiter_kind == RecruiterKind.AGENCY.value:
            change = link(RecruiterKind.IN_HOUSE, strings.RECRUITER_NOT_AGENCY)
            return f" ({escape(strings.RECRUITER_AGENCY_NOTE)}) · {change}"
        if person.recruiter_kind == RecruiterKind.IN_HOUSE.value:
            change = link(RecruiterKind.AGENCY, strings.RECRUITER_FROM_AGENCY)
            return f" ({escape(strings.RECRUITER_OWN_NOTE.format(company=company))}) · {change}"
        agency = link(RecruiterKind.AGENCY, strings.RECRUITER_IS_AGENCY)
        own = link(RecruiterKind.IN_HOUSE, strings.RECRUITER_IS_OWN.format(company=company))
        question = strings.RECRUITER_ASK.format(company=company)
        return f"<br><i>{escape(question)}</i> {agency} · {own}"

    def _interview(self, interview: InterviewView) -> str:
        title = interview.round_label or "Interview"
        people = ", ".join(p.name for p in interview.interviewers)
        lines = [
            f"<b>{escape(when(interview.starts_at, self._clock.tz))}</b> · {escape(title)} · "
            f"{escape(interview.format.label)} · {interview.duration_minutes} min"
        ]
        if interview.location:
            lines.append(escape(interview.location))
        if people:
            lines.append("With " + escape(people))
        if interview.hear_by:
            lines.append(escape(strings.DETAIL_HEAR_BY.format(date=day(interview.hear_by))))
        if interview.notes:
            lines.append(escape(interview.notes).replace("\n", "<br>"))
        debrief = strings.CONTINUE_DEBRIEF if interview.has_debrief else strings.WRITE_DEBRIEF
        lines.append(
            f'<a href="interview:debrief:{interview.id}">{escape(debrief)}</a> · '
            f'<a href="interview:edit:{interview.id}">Edit</a> · '
            f'<a href="interview:delete:{interview.id}">Delete</a>'
        )
        return "<li>" + "<br>".join(lines) + "</li>"

    def _on_link(self, url: QUrl) -> None:
        kind, _, rest = url.toString().partition(":")
        action, _, ident = rest.partition(":")
        if kind == "recruiter" and ident.isdigit():
            self.recruiter_kind_chosen.emit(int(ident), RecruiterKind(action))
            return
        if kind == "document":
            if action == "attach":
                self.document_attach_requested.emit()
            elif action == "open" and ident.isdigit():
                self.document_open_requested.emit(int(ident))
            elif action == "remove" and ident.isdigit():
                self.document_remove_requested.emit(int(ident))
            return
        if kind != "interview" or not ident.isdigit():
            return
        if action == "edit":
            self.interview_edit_requested.emit(int(ident))
        elif action == "delete":
            self.interview_delete_requested.emit(int(ident))
        elif action == "debrief":
            self.interview_debrief_requested.emit(int(ident))
