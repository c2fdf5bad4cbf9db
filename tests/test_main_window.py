"""The interviews window, offscreen: dialogs, list, filter, outcome changes, persistence."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QWidget,
)

from db.connection import close_database
from db.models import Company, Opportunity
from db.store import open_store
from db.vocabulary import Status
from desktop.domain.forms import validate_opportunity
from desktop.services.debriefs import BankEntry
from desktop.services.interviews import log_interview
from desktop.services.opportunities import create_opportunity, set_archived
from desktop.services.queries import list_opportunities, opportunity_detail
from desktop.services.ui_state import WINDOW_SPLITTER, write_ui_state
from desktop.ui import strings
from desktop.ui.detail_pane import DetailPane
from desktop.ui.main_window import MainWindow
from desktop.ui.opportunity_model import NEXT_INTERVIEW, STATUS, OpportunityTableModel
from desktop.ui.question_bank import QuestionBankModel
from desktop.ui.today_view import TodayView
from tests.conftest import interview_draft


@pytest.fixture
def ui_state(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def answers() -> list[bool]:
    """What the injected confirmation answers, in order; each question is recorded."""
    return []


@pytest.fixture
def window(qtbot, data_dir, store, clock, ui_state, answers):
    asked: list[str] = []

    def confirm(title: str, text: str) -> bool:
        asked.append(title)
        return answers.pop(0)

    made = MainWindow(clock, ui_state, data_dir, confirm=confirm)
    made.asked = asked
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def _type(qtbot, widget, text: str) -> None:
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.clear() if isinstance(widget, QLineEdit) else widget.setPlainText("")
    qtbot.keyClicks(widget, text)


def test_model_passes_qtmodeltester(qtmodeltester, store, clock) -> None:
    for company in ("Acme", "Globex", "Initech"):
        log_interview(interview_draft(clock, company=company), clock)
    model = OpportunityTableModel(clock)
    model.set_rows(list_opportunities(clock.now()))
    qtmodeltester.check(model)


def test_a_new_user_sees_what_to_do_first(window) -> None:
    assert window.windowTitle() == "Debrief"
    assert window.list_stack.currentWidget() is window.empty
    assert "Log it" in window.empty_body.text()


def test_logging_an_interview_in_the_dialog(qtbot, window, clock) -> None:
    dialog = window.new_interview()
    _type(qtbot, dialog.fields["company"], "Acme")
    _type(qtbot, dialog.fields["role"], "Data Analyst")
    _type(qtbot, dialog.fields["interviewers"], "Dana Li <dana@acme.example>")
    dialog.fields["starts_at"].setDateTime(datetime(2026, 11, 25, 14, 0))
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    [row] = list_opportunities(clock.now())
    assert (row.company, row.role, row.status) == ("Acme", "Data Analyst", Status.INTERVIEWING)
    assert row.next_interview == datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
    assert window.list_stack.currentWidget() is window.table
    assert window.selected_id() == row.id
    assert "Dana Li" in window.detail.body.toPlainText()


def test_the_dialog_refuses_bad_input_and_saves_nothing(qtbot, window, clock) -> None:
    dialog = window.new_interview()
    _type(qtbot, dialog.fields["role"], "Data Analyst")
    _type(qtbot, dialog.fields["interviewers"], "Dana <dana-at-acme>")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_labels["company"].isVisible()
    assert dialog.error_labels["company"].text() == "Company is required."
    assert "does not look like an email" in dialog.error_labels["interviewers"].text()
    assert not dialog.error_labels["role"].isVisible()
    assert Opportunity.select().count() == 0
    # Messages follow the edits once shown, and the fixed form saves.
    _type(qtbot, dialog.fields["company"], "Acme")
    assert not dialog.error_labels["company"].isVisible()
    _type(qtbot, dialog.fields["interviewers"], "Dana <dana@acme.example>")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert Opportunity.select().count() == 1


def test_adding_an_interview_to_the_selected_opportunity_prefills_it(qtbot, window, clock) -> None:
    log_interview(interview_draft(clock), clock)
    window.refresh()
    window.select_opportunity(1)
    dialog = window.new_interview_for_selected()
    assert dialog.fields["company"].text() == "Acme"
    assert dialog.fields["role"].text() == "Data Analyst"
    dialog.fields["starts_at"].setDateTime(datetime(2026, 12, 2, 10, 0))
    _save(qtbot, dialog)
    assert len(opportunity_detail(1).interviews) == 2


def test_search_status_filter_and_archive(qtbot, window, clock) -> None:
    log_interview(
        interview_draft(clock, company="Acme", interviewers="Dana Li <dana@acme.example>"), clock
    )
    log_interview(
        interview_draft(
            clock,
            company="Globex",
            interviewers="Lee Park <lee@globex.example>",
            notes="SQL puzzle",
        ),
        clock,
    )
    archived = create_opportunity(
        validate_opportunity({"company": "Initech", "role": "TPS analyst"}), clock
    )
    set_archived(archived, True, clock)
    window.refresh()
    assert window.filter.rowCount() == 2  # the archived one is hidden
    qtbot.keyClicks(window.search, "lee park")
    assert window.filter.rowCount() == 1
    assert window.filter.index(0, 0).data() == "Globex"
    window.search.clear()
    qtbot.keyClicks(window.search, "sql")
    assert window.filter.index(0, 0).data() == "Globex"
    window.search.clear()
    window.show_archived.setChecked(True)
    assert window.filter.rowCount() == 3
    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.APPLIED.value))
    assert window.filter.rowCount() == 1
    assert window.filter.index(0, 0).data() == "Initech"


def test_changing_the_outcome_from_the_detail_pane(qtbot, window, clock) -> None:
    log_interview(interview_draft(clock), clock)
    window.refresh()
    window.select_opportunity(1)
    menu = window.detail.status_button.menu()
    [rejected] = [a for a in menu.actions() if a.text() == "Not this time"]
    rejected.trigger()
    dialog = window.active_dialog
    assert dialog.fields["status"].currentData() == Status.NOT_THIS_TIME.value
    _type(qtbot, dialog.fields["note"], "They went with an internal candidate")
    _save(qtbot, dialog)
    detail = opportunity_detail(1)
    assert detail.status is Status.NOT_THIS_TIME
    assert detail.history[-1].note == "They went with an internal candidate"
    assert window.filter.index(0, 2).data() == "Not this time"


def test_the_context_menu_offers_every_outcome(window, clock) -> None:
    log_interview(interview_draft(clock), clock)
    window.refresh()
    window.select_opportunity(1)
    menu = window.build_context_menu()
    [outcomes] = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert [a.text() for a in outcomes.actions()] == [s.label for s in Status]
    outcomes.actions()[list(Status).index(Status.OFFER)].trigger()
    _save_dialog = window.active_dialog
    _save_dialog.accept()
    assert opportunity_detail(1).status is Status.OFFER


def test_delete_asks_first(qtbot, window, clock, answers) -> None:
    log_interview(interview_draft(clock), clock)
    window.refresh()
    window.select_opportunity(1)
    answers.extend([False, True])
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.asked == ["Delete this opportunity?"]
    assert Opportunity.select().count() == 1
    window.delete_selected()
    assert Opportunity.select().count() == 0
    assert window.list_stack.currentWidget() is window.empty


def test_keyboard_shortcuts(qtbot, window, clock) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.active_dialog is not None and window.active_dialog.isVisible()
    window.active_dialog.reject()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_enter_opens_the_selected_opportunity(qtbot, window, clock) -> None:
    log_interview(interview_draft(clock), clock)
    window.refresh()
    window.select_opportunity(1)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None and dialog.windowTitle() == "Edit opportunity"
    assert dialog.fields["company"].text() == "Acme"


def test_layout_is_remembered(qtbot, data_dir, store, clock, ui_state) -> None:
    first = MainWindow(clock, ui_state, data_dir, confirm=lambda *_: False)
    qtbot.addWidget(first)
    first.resize(900, 555)
    first.table.horizontalHeader().resizeSection(0, 234)
    first.close()
    second = MainWindow(clock, ui_state, data_dir, confirm=lambda *_: False)
    qtbot.addWidget(second)
    assert second.table.horizontalHeader().sectionSize(0) == 234
    assert second.size().height() == 555


def _status_labels_fit(table) -> bool:
    width = table.horizontalHeader().sectionSize(STATUS)
    metrics = table.fontMetrics()
    room = width - 6  # the cell's own margins, as the style sets its text in
    return all(
        metrics.elidedText(s.label, Qt.TextElideMode.ElideRight, room) == s.label for s in Status
    )


@pytest.mark.parametrize("point_size", [0, 16])  # 0: the platform's own font
def test_every_status_shows_whole_in_the_list(
    qtbot, data_dir, store, clock, ui_state, point_size
) -> None:
    # Seen at 1600x1000 in a dark theme: "Awaiting …". Measured from the labels, so a
    # larger font widens the column; a narrower width saved by an earlier version too.
    app = QApplication.instance()
    before = app.font()
    if point_size:
        bigger = app.font()
        bigger.setPointSize(point_size)
        app.setFont(bigger)
    try:
        first = MainWindow(clock, ui_state, data_dir, confirm=lambda *_: False)
        qtbot.addWidget(first)
        assert _status_labels_fit(first.table)
        first.table.horizontalHeader().resizeSection(STATUS, 60)
        first.close()
        second = MainWindow(clock, ui_state, data_dir, confirm=lambda *_: False)
        qtbot.addWidget(second)
        assert _status_labels_fit(second.table)
    finally:
        app.setFont(before)


def test_everything_is_there_after_a_relaunch(qtbot, data_dir, store, clock, ui_state) -> None:
    first = MainWindow(clock, ui_state, data_dir, confirm=lambda *_: True)
    qtbot.addWidget(first)
    dialog = first.new_interview()
    _type(qtbot, dialog.fields["company"], "Acme")
    _type(qtbot, dialog.fields["role"], "Data Analyst")
    _save(qtbot, dialog)
    first.select_opportunity(1)
    first.change_status_selected(Status.AWAITING).accept()
    first.close()
    close_database()

    open_store(data_dir)
    second = MainWindow(clock, ui_state, data_dir, confirm=lambda *_: True)
    qtbot.addWidget(second)
    assert second.filter.rowCount() == 1
    assert second.filter.index(0, 0).data() == "Acme"
    assert second.filter.index(0, 2).data() == "Awaiting decision"


def test_with_a_tray_closing_hides_the_window_and_keeps_running(qtbot, window) -> None:
    window.keep_running_on_close = True
    with qtbot.waitSignal(window.hidden_to_tray):
        assert window.close() is False
    assert not window.isVisible()
    window.show_and_raise()
    assert window.isVisible()


def test_quit_and_preferences_are_asked_of_the_owner(qtbot, window) -> None:
    with qtbot.waitSignal(window.quit_requested):
        window.quit_action.trigger()
    with qtbot.waitSignal(window.preferences_requested):
        window.preferences_action.trigger()


def test_a_banner_shows_plain_text_until_dismissed(window) -> None:
    window.show_banner("Send a thank-you note to <b>Dana</b>")
    assert window.banner.isVisible()
    assert window.banner.label.text() == "Send a thank-you note to <b>Dana</b>"
    window.banner.close_button.click()
    assert not window.banner.isVisible()


def test_every_saved_change_is_announced_for_the_scheduler(qtbot, window) -> None:
    dialog = window.new_interview()
    dialog.set_values({"company": "Acme", "role": "Analyst", "starts_at": "2026-11-25 14:00"})
    with qtbot.waitSignal(window.data_changed):
        dialog.accept()


def test_closing_a_note_announces_what_it_kept_for_the_scheduler(qtbot, window, clock) -> None:
    log_interview(interview_draft(clock), clock)
    window.refresh()
    opportunity = Opportunity.get().id
    assert window.select_opportunity(opportunity)
    dialog = window.compose_for_selected()
    assert dialog is not None and dialog.isVisible()
    with qtbot.assertNotEmitted(window.data_changed):
        dialog.reject()  # nothing kept: nothing changed
    dialog = window.compose_for_selected()
    dialog.record_sent("sent")
    with qtbot.waitSignal(window.data_changed) as told:
        dialog.reject()
    assert told.args[0].touches(opportunity) and not told.args[0].every_opportunity


def test_header_clicks_sort_the_list_and_keep_the_selection(qtbot, window, clock) -> None:
    for company in ("Globex", "acme", "Initech"):
        log_interview(interview_draft(clock, company=company), clock)
    window.refresh()

    def companies() -> list[str]:
        return [window.filter.index(row, 0).data() for row in range(window.filter.rowCount())]

    assert window.select_opportunity(Opportunity.get(Opportunity.role_title != "").id)
    chosen = window.selected_id()
    header = window.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert companies() == ["acme", "Globex", "Initech"]  # case does not split the order
    assert window.selected_id() == chosen
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert companies() == ["Initech", "Globex", "acme"]
    assert window.selected_id() == chosen
    globex = Opportunity.select().join(Company).where(Company.name == "Globex").get()
    set_archived(globex.id, True, clock)
    window.refresh()  # new data arrives in the order last chosen, filtered as before
    assert companies() == ["Initech", "acme"]


def test_at_start_up_the_data_is_read_once_the_window_shows(
    qtbot, data_dir, store, clock, ui_state
) -> None:
    log_interview(interview_draft(clock, starts_at="2026-11-21 10:00"), clock)  # things due
    window = MainWindow(clock, ui_state, data_dir, load_later=True)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 0  # a start in the tray reads nothing it would not show
    with qtbot.waitSignal(window.filled):  # the benchmark's "window filled" mark
        window.show()
    assert window.model.rowCount() == 1
    assert window.tabs.currentWidget() is window.today_page  # due reminders: start where they are
    assert window.windowTitle().startswith("Debrief (")


def test_the_first_paint_needs_no_database_and_the_first_read_waits_for_it(
    qtbot, data_dir, clock, ui_state
) -> None:
    """app.py paints the window before it opens and checks the database."""
    from desktop.ui.first_paint import paint_now

    open_store(data_dir)
    log_interview(interview_draft(clock, starts_at="2026-11-21 10:00"), clock)
    close_database()  # nothing open: a read now would raise
    window = MainWindow(clock, ui_state, data_dir, load_later=True)
    qtbot.addWidget(window)
    window.hold_first_load()
    paint_now(window)
    for _turn in range(3):  # the turns after the paint, where the read used to come
        QApplication.processEvents()
    assert window.isVisible() and window.model.rowCount() == 0
    open_store(data_dir)
    try:
        with qtbot.waitSignal(window.filled):
            window.release_first_load()
        assert window.model.rowCount() == 1
    finally:
        close_database()


def test_the_first_frame_shows_the_tab_the_last_start_opened_on(
    qtbot, data_dir, store, clock, ui_state
) -> None:
    """Painted before anything is read, the window shows where its data will appear: the
    list's table (not "no opportunities yet"), or Today when the last start opened there."""
    first = MainWindow(clock, ui_state, data_dir, load_later=True)
    qtbot.addWidget(first)
    assert first.tabs.currentWidget() is first.splitter
    assert first.list_stack.currentWidget() is first.table
    log_interview(interview_draft(clock, starts_at="2026-11-21 10:00"), clock)  # things due
    with qtbot.waitSignal(first.filled):
        first.show()
    assert first.tabs.currentWidget() is first.today_page
    second = MainWindow(clock, ui_state, data_dir, load_later=True)
    qtbot.addWidget(second)
    assert second.tabs.currentWidget() is second.today_page  # as the last start opened


def _keyboard_order(window: MainWindow) -> list[QWidget]:
    """The widgets Tab stops at, in the order it goes through them."""
    order, widget = [], window.nextInFocusChain()
    while widget is not window:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
    return order


def test_the_detail_pane_and_today_arrive_after_the_first_paint_in_their_places(
    qtbot, data_dir, store, clock, ui_state
) -> None:
    """The first frame is the window with its list; the detail pane and Today are made in
    the turn after its paint, at the size their stand-ins held, and the keyboard goes
    through them in the order a window built at once has: Today's list right after the
    tab bar, before the search; the detail pane's buttons last."""
    window = MainWindow(clock, ui_state, data_dir, load_later=True)
    qtbot.addWidget(window)
    window.hold_first_load()  # the database's part is not what this is about
    assert window.findChild(DetailPane) is None and window.findChild(TodayView) is None
    window.show()
    qtbot.waitUntil(lambda: window.findChild(DetailPane) is not None)
    held = window.splitter.sizes()
    detail, today = window.detail, window.today
    assert window.splitter.widget(1) is detail
    assert today.parentWidget() is window.today_page
    assert window.splitter.sizes() == held
    order = _keyboard_order(window)
    assert order[order.index(window.search) - 1] is today.tree
    first_of_detail = next(i for i, w in enumerate(order) if detail.isAncestorOf(w))
    assert all(detail.isAncestorOf(w) for w in order[first_of_detail:])
    assert first_of_detail > order.index(window.table)


@pytest.mark.parametrize("kept", [None, [900, 200]])
def test_the_split_is_shared_as_when_the_detail_pane_was_there_from_the_start(
    qtbot, data_dir, store, clock, tmp_path, kept
) -> None:
    """Laid out first with the stand-in, the list would share the room differently from
    a window built at once (with no split kept from last time, the pane got more room);
    with a split kept from last time too."""
    sizes = []
    for at_once in (True, False):
        state = QSettings(str(tmp_path / f"state-{at_once}.ini"), QSettings.Format.IniFormat)
        if kept is not None:
            splitter = QSplitter()
            splitter.addWidget(QWidget())
            splitter.addWidget(QWidget())
            splitter.setSizes(kept)
            write_ui_state(state, WINDOW_SPLITTER, splitter.saveState())
        window = MainWindow(clock, state, data_dir, load_later=True)
        qtbot.addWidget(window)
        window.hold_first_load()
        if at_once:
            assert window.detail is not None  # asked for: made now, before the window shows
        window.show()
        window.resize(1300, 700)  # as a window manager may, before the rest is made
        qtbot.waitUntil(lambda w=window: w.findChild(DetailPane) is not None)
        qtbot.waitUntil(lambda w=window: w.splitter.widget(1).width() > 0)
        sizes.append(window.splitter.sizes())
    assert sizes[1] == sizes[0]


class _SizesAtFirstPaint(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window, self.sizes = window, list[int]()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.sizes:
            self.sizes = self.window.splitter.sizes()
        return False


def test_the_first_frame_shares_the_room_as_the_filled_window_once_the_pane_was_seen(
    qtbot, data_dir, store, clock, ui_state
) -> None:
    """The stand-in holds the size hints the detail pane had last time: the divider does
    not move when the pane takes its place (only the very first start cannot know)."""
    for _start in range(2):
        window = MainWindow(clock, ui_state, data_dir, load_later=True)
        qtbot.addWidget(window)
        window.hold_first_load()
        painted = _SizesAtFirstPaint(window)
        window.resize(1300, 700)
        window.show()
        qtbot.waitUntil(lambda w=window: w.findChild(DetailPane) is not None)
        qtbot.waitUntil(lambda p=painted: bool(p.sizes))
        window.close()  # without keeping the split: a start after a crash, say
        ui_state.remove("window/splitter")
    assert painted.sizes == window.splitter.sizes()


def test_shown_times_follow_a_change_of_zone(qtbot, window, clock) -> None:
    # The Companion sets clock.tz when the zone changes and refreshes the window; the
    # models once kept the zone they were made with and went on showing Berlin times.
    log_interview(interview_draft(clock, starts_at="2026-11-25 14:00"), clock)
    window.refresh()
    window.tabs.setCurrentWidget(window.splitter)
    window.select_opportunity(1)
    assert window.filter.index(0, NEXT_INTERVIEW).data() == "Wed 25 Nov, 14:00"
    assert "Wed 25 Nov 2026, 14:00" in window.detail.body.toPlainText()

    clock.tz = ZoneInfo("America/New_York")
    window.refresh()
    assert window.filter.index(0, NEXT_INTERVIEW).data() == "Wed 25 Nov, 08:00"
    assert window.filter.index(0, NEXT_INTERVIEW).data(Qt.ItemDataRole.ToolTipRole) == (
        "Wed 25 Nov 2026, 08:00"
    )
    assert "Wed 25 Nov 2026, 08:00" in window.detail.body.toPlainText()
    assert window.today.rows  # Today brings its hidden list up to date, as when shown
    steps = window.today.model  # Today too: the prep, the evening before in Berlin
    assert any("Tue 24 Nov, 12:00" in steps.index(r).data() for r in range(steps.rowCount()))


def test_the_question_bank_shows_days_in_the_zone_of_the_moment(qtbot, clock) -> None:
    model = QuestionBankModel(clock)
    asked = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)  # the 26th in Berlin
    model.set_entries([BankEntry("Why us?", "", "Acme", "Analyst", asked, 1)])
    day_column = len(strings.QUESTION_COLUMNS) - 1
    assert model.data(model.index(0, day_column)) == "26 Nov 2026"
    clock.tz = ZoneInfo("America/New_York")
    assert model.data(model.index(0, day_column)) == "25 Nov 2026"


def test_a_time_in_another_year_says_its_year(qtbot, window, clock) -> None:
    # Seen on 30 December, "Sat 02 Jan" would read as last January; with the year the
    # weekday goes (the tooltip has both), so that a card's line gets no longer.
    clock.set(datetime(2026, 12, 30, 9, 0, tzinfo=UTC))
    log_interview(interview_draft(clock, starts_at="2027-01-02 14:00"), clock)
    window.refresh()
    assert window.filter.index(0, NEXT_INTERVIEW).data() == "02 Jan 2027, 14:00"
    window.show_board(True)
    card = window.board.columns[Status.INTERVIEWING].index(0)
    assert card.data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        "next interview 02 Jan 2027, 14:00"
    )
    assert window.today.rows  # Today brings its hidden list up to date, as when shown
    steps = window.today.model
    shown = [steps.index(r).data() for r in range(steps.rowCount())]
    assert any("01 Jan 2027, 18:00" in text for text in shown), shown  # the prep
    assert not any("2026" in text for text in shown)  # this year's needs no year

    clock.set(datetime(2027, 1, 1, 9, 0, tzinfo=UTC))  # the new year: no year again
    window.refresh()
    assert window.filter.index(0, NEXT_INTERVIEW).data() == "Sat 02 Jan, 14:00"
    assert window.today.rows
    shown = [steps.index(r).data() for r in range(steps.rowCount())]
    assert any("Fri 01 Jan, 18:00" in text for text in shown), shown


def test_people_questions_and_insights_are_made_when_first_shown(window, clock) -> None:
    from desktop.services.debriefs import DebriefData, QuestionEntry, save_debrief

    interview = log_interview(interview_draft(clock), clock)
    save_debrief(interview, DebriefData(questions=(QuestionEntry("Why us?"),)), clock)
    window.refresh()
    lazy = ("people", "questions", "insights")
    assert [window.lazy_tabs.made(key) for key in lazy] == [None, None, None]
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]

    window.tabs.setCurrentIndex(labels.index(strings.TAB_QUESTIONS))
    shown = window.tabs.currentWidget()
    assert shown is window.lazy_tabs.made("questions") is window.questions
    assert window.questions.model.rowCount() == 1  # read when made
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == labels
    assert window.lazy_tabs.made("people") is None  # the others still wait

    window.show_insights()
    assert window.tabs.currentWidget() is window.lazy_tabs.made("insights")
