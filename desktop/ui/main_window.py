"""The main window: the opportunity list on the left, the selected one on the right."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.services import NotFound
from desktop.services.changes import Changes, Made
from desktop.services.search_terms import terms_of
from desktop.services.ui_state import (
    WINDOW_COLUMNS,
    WINDOW_DETAIL_LEAST_WIDTH,
    WINDOW_DETAIL_WIDTH,
    WINDOW_GEOMETRY,
    WINDOW_SPLITTER,
    WINDOW_STARTS_ON_TODAY,
    read_ui_state,
    write_ui_state,
)
from desktop.services.vocabulary import RecruiterKind, Status
from desktop.ui import people_strings, strings
from desktop.ui.banner import Banner
from desktop.ui.board_actions import BoardActions
from desktop.ui.data_actions import DataActions
from desktop.ui.document_actions import DocumentActions
from desktop.ui.formatting import when
from desktop.ui.help_actions import HelpActions
from desktop.ui.lazy_qt import Qt
from desktop.ui.lazy_tabs import LazyTabs
from desktop.ui.list_columns import fit_status_column
from desktop.ui.opportunity_model import (
    FOUND_IN,
    LAST_ACTIVITY,
    ROLE,
    ROW_ID_ROLE,
    OpportunityFilter,
    OpportunityTableModel,
)
from desktop.ui.screen_fit import available, clamped, place_first
from desktop.ui.stand_in import StandIn
from desktop.ui.steady_tabs import SteadyTabs
from desktop.ui.undo_actions import UndoActions
from desktop.ui.writing_actions import WritingActions

if TYPE_CHECKING:
    from desktop.services.queries import OpportunityRow
    from desktop.ui.detail_pane import DetailPane
    from desktop.ui.dialogs import InterviewDialog, OpportunityDialog
    from desktop.ui.insights_view import InsightsView
    from desktop.ui.people_view import PeopleView
    from desktop.ui.question_bank import QuestionBank
    from desktop.ui.today_view import TodayView

Confirm = Callable[[str, str], bool]
_Result = TypeVar("_Result")
# The next interview's room fits "30 Dec 2027, 10:00" (a time in another year says it).
DEFAULT_COLUMN_WIDTHS = (130, 170, 120, 150, 110, 220)
LIST_STRETCH, DETAIL_STRETCH = 3, 2  # how the splitter shares the room it gains


def ask_user(parent: QWidget) -> Confirm:
    def confirm(title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    return confirm


FIRST_LOAD_FALLBACK_MS = 300
# (now, only these ids or None for all) → the list's rows
ReadRows = Callable[[datetime, Collection[int] | None], list["OpportunityRow"]]


def list_opportunities(now: datetime, only: Collection[int] | None) -> list[OpportunityRow]:
    """The services' own, imported at the first read: the first frame reads nothing, and
    paints before Peewee and the queries are imported."""
    from desktop.services.queries import list_opportunities

    return list_opportunities(now, only)


class MainWindow(
    BoardActions,
    WritingActions,
    DataActions,
    DocumentActions,
    UndoActions,
    HelpActions,
    QMainWindow,
):
    # The user changed something (its Changes): reminders may need re-arming, the badge
    # redrawing.
    data_changed = Signal(object)
    data_restored = Signal()  # a backup replaced the database: everything is re-read
    hidden_to_tray = Signal()
    quit_requested = Signal()
    preferences_requested = Signal()
    opportunity_saved = Signal()  # a new one: the moment to ask about starting at login
    filled = Signal()  # the first read is shown: the list (or Today) is there to use

    def __init__(
        self,
        clock: Clock,
        ui_state: QSettings,
        data_dir: Path,
        confirm: Confirm | None = None,
        load_later: bool = False,
        read_rows: ReadRows = list_opportunities,
    ) -> None:
        """`load_later`: read the data only once the window has been shown and painted.
        At start-up the window then appears at once, and a start in the tray reads
        nothing it does not show; with a year of history the read is half a second.
        `read_rows` reads the list's rows (all, or those a change touched); a test passes
        one that counts."""
        super().__init__()
        self.read_rows = read_rows
        self.clock = clock
        self.data_dir = data_dir  # where backups go
        self.ui_state = ui_state
        self.confirm = confirm or ask_user(self)
        self.active_dialog: QDialog | None = None
        # Set by the tray: closing then hides the window and reminders keep coming.
        self.keep_running_on_close = False
        self.setWindowTitle(strings.APP_TITLE)

        self.model = OpportunityTableModel(clock, self)
        self._one_line_height: int | None = None  # the list's row height when not searching
        self.filter = OpportunityFilter(self)
        self.filter.setSourceModel(self.model)
        self._detail: DetailPane | None = None
        self._today: TodayView | None = None
        self._build_actions()
        self._build_layout()
        if not load_later:
            self._build_rest()
        self._restore_state()
        self._first_load_pending = True
        self._first_load_held = False
        self._updating_rows = False
        if not load_later:
            self.refresh()
        else:
            # Painted before the first read: the tab the last start opened on, and the
            # list's empty table with its header (not "no opportunities yet", which may
            # not be so), where the rows then appear.
            self.list_stack.setCurrentWidget(self.table)
            if not read_ui_state(ui_state, WINDOW_STARTS_ON_TODAY):
                self.tabs.setCurrentWidget(self.splitter)

    # ----- construction -------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(
            text: str,
            slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        ) -> QAction:
            made = QAction(text, self)
            if shortcut is not None:
                # One sequence, as setShortcut would set; but setShortcut's overloads make
                # PySide build the `Qt` namespace before the first paint (item_roles.py).
                made.setShortcuts([QKeySequence(shortcut)])
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.new_interview_action = action(strings.LOG_INTERVIEW, self.new_interview, "Ctrl+N")
        self.new_opportunity_action = action(
            strings.NEW_OPPORTUNITY, self.new_opportunity, "Ctrl+Shift+N"
        )
        self.find_action = action(strings.FIND, self.focus_search, QKeySequence.StandardKey.Find)
        self.delete_action = action(
            strings.DELETE, self.delete_selected, QKeySequence.StandardKey.Delete
        )
        self.quit_action = action(
            strings.QUIT, self.quit_requested.emit, QKeySequence.StandardKey.Quit
        )
        self.preferences_action = action(
            strings.PREFERENCES,
            self.preferences_requested.emit,
            QKeySequence.StandardKey.Preferences,
        )
        menu = self.menuBar().addMenu("&File")
        menu.addActions([self.new_interview_action, self.new_opportunity_action])
        menu.addSeparator()
        menu.addAction(self.preferences_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu("&Edit")
        self.build_undo(edit)
        edit.addActions([self.find_action, self.delete_action])
        self.build_data_menu(self.menuBar())
        self.build_help_menu(self.menuBar())
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.new_interview_action, self.new_opportunity_action])

    def _build_layout(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(strings.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.status_filter = QComboBox()
        self.status_filter.addItem(strings.ALL_STATUSES, None)
        self.status_filter.addItem(strings.OPEN_ONLY, OpportunityFilter.LIVE)
        for status in Status:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter)
        self.show_archived = QCheckBox(strings.SHOW_ARCHIVED)
        self.show_archived.toggled.connect(self._on_show_archived)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.show_archived)

        self.table = QTableView()
        self._hold_header_labels()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(lambda _index: self.edit_selected())

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_title = QLabel(f"<h2>{strings.EMPTY_TITLE}</h2>")
        self.empty_body = QLabel(strings.EMPTY_BODY)
        self.empty_body.setWordWrap(True)
        for label in (self.empty_title, self.empty_body):
            empty_layout.addWidget(label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for text, slot in (
            (strings.LOG_INTERVIEW, self.new_interview),
            (strings.NEW_OPPORTUNITY, self.new_opportunity),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)

        self.no_match = QWidget()
        no_match_layout = QVBoxLayout(self.no_match)
        no_match_layout.addStretch(1)
        self.no_match_text = QLabel(strings.EMPTY_NO_MATCH)
        self.no_match_text.setWordWrap(True)
        no_match_layout.addWidget(self.no_match_text)
        self._show_all = QPushButton(strings.SHOW_EVERYTHING)
        self._show_all.clicked.connect(self.show_everything)
        no_match_layout.addWidget(self._show_all)
        no_match_layout.addStretch(2)

        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.no_match)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.list_stack, 1)
        self.build_board(bar, self.list_stack)

        self.list_side = left
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        # The detail pane and Today are made in the turn after the first paint (see
        # _build_rest): until then an empty widget holds each one's place and size.
        self._detail_stand_in: QWidget | None = StandIn(
            read_ui_state(self.ui_state, WINDOW_DETAIL_WIDTH),
            read_ui_state(self.ui_state, WINDOW_DETAIL_LEAST_WIDTH),
        )
        self.splitter.addWidget(self._detail_stand_in)
        self.splitter.setStretchFactor(0, LIST_STRETCH)
        self.splitter.setStretchFactor(1, DETAIL_STRETCH)

        self.today_page = QWidget()
        today_layout = QVBoxLayout(self.today_page)
        today_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = SteadyTabs()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.today_page, strings.TAB_TODAY)
        self.tabs.addTab(self.splitter, strings.TAB_OPPORTUNITIES)
        # Made when first shown (or asked for): a start builds only the two tabs above.
        self.lazy_tabs = LazyTabs(self.tabs)
        self.lazy_tabs.add("people", people_strings.TAB, self._make_people)
        self.lazy_tabs.add("questions", strings.TAB_QUESTIONS, self._make_questions)
        self.lazy_tabs.add("insights", strings.INSIGHTS_TAB, self._make_insights)
        # Computed when looked at, so a year of history costs nothing at start-up, and
        # re-read after a change only when looked at again.
        self._stale: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _index: self._refresh_lazy_if_shown())
        self.banner = Banner()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._name_for_screen_readers()
        place_first(self)  # a size kept from last time, if any, replaces it when restored

    def _hold_header_labels(self) -> None:
        """Until the first paint is done the list's table shows an empty model of Qt's
        own that holds the header's labels: the list model's `headerData` is Python, and
        Qt's first call to it makes PySide build the whole `Qt` namespace (lazy_qt.py),
        13 ms. What the first frame leaves out of the `Qt` namespace (the filter, sorting,
        the context menu, the centred empty pages) is done in `_finish_list`."""
        from PySide6.QtGui import QStandardItemModel

        self._header_labels: QStandardItemModel | None = QStandardItemModel(
            0, len(strings.COLUMNS), self
        )
        self._header_labels.setHorizontalHeaderLabels(list(strings.COLUMNS))
        self.table.setModel(self._header_labels)

    def _finish_list(self) -> None:
        """The list as the first frame did not need it: the table on the filter, its
        header with the widths, order and hidden columns it had; sorting by its column;
        the context menu; the empty pages centred."""
        labels, self._header_labels = self._header_labels, None
        if labels is None:
            return
        header = self.table.horizontalHeader()
        state = header.saveState()
        self.table.setModel(self.filter)
        header.restoreState(state)
        labels.deleteLater()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        # Asks the style (PySide's QStyle type, 5 ms): not in the first frame, whose list
        # is empty. A saved width too narrow for a status is widened before rows show.
        fit_status_column(self.table)
        # Sorts by the header's indicator: the one kept from last time, else the default.
        if read_ui_state(self.ui_state, WINDOW_COLUMNS) is None:
            header.setSortIndicator(LAST_ACTIVITY, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # Escape in the search box empties it, as in most search fields.
        clear_search = QAction(self.search)
        clear_search.setShortcuts([QKeySequence("Escape")])
        clear_search.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.triggered.connect(self.search.clear)
        self.search.addAction(clear_search)
        for label in (self.empty_title, self.empty_body, self.no_match_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        no_match_layout = self.no_match.layout()
        assert no_match_layout is not None
        no_match_layout.setAlignment(self._show_all, Qt.AlignmentFlag.AlignCenter)

    def _build_rest(self) -> None:
        """The list's last touches, the detail pane and Today, in the turn after the first
        paint (or when first needed, or at once when the window is not loaded later):
        their modules, Qt classes and widgets were ~30 ms of the first frame's CPU
        (benchmarks/README.md). Each takes the place its stand-in held, at the same size;
        the keyboard goes through them in the same order as when built at once."""
        self._finish_list()
        if self._detail is not None:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from desktop.ui.detail_pane import DetailPane
        from desktop.ui.today_view import TodayView

        self._detail = DetailPane(self.clock)
        self._detail.edit_requested.connect(self.edit_selected)
        self._detail.add_interview_requested.connect(self.new_interview_for_selected)
        self._detail.status_requested.connect(self.change_outcome_of_selection)
        self._detail.archive_requested.connect(self.archive_selection)
        self._detail.interview_edit_requested.connect(self.edit_interview)
        self._detail.interview_delete_requested.connect(self.delete_interview)
        self._detail.interview_debrief_requested.connect(self.open_debrief)
        self._detail.note_requested.connect(self.compose_for_selected)
        self._detail.own_reminder_requested.connect(self.add_own_reminder_for_selected)
        self._detail.reflect_requested.connect(self.reflect_on_selected)
        self._detail.recruiter_kind_chosen.connect(self.set_recruiter_kind)

        self._put_in_place(self._detail)
        self._today = TodayView(self.clock)
        self._today.answer = self.undoable_answer  # answers go on the undo stack
        self._today.open_requested.connect(self.open_opportunity)
        self._today.act_requested.connect(self.act_on_reminder)
        self._today.reflect_requested.connect(self.reflect_on)
        # The user's own browser, at the user's click: Debrief itself stays offline.
        self._today.link_requested.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
        self._today.changed.connect(self.apply)
        self._today.changed.connect(self.data_changed.emit)
        layout = self.today_page.layout()
        assert layout is not None
        layout.addWidget(self._today)
        # Added last, each came last in the keyboard's order: the detail pane is last as
        # when built at once, and Today goes back to its tab's place, before the list's.
        before = self.search.previousInFocusChain()
        while before is not None and not before.focusPolicy() & Qt.FocusPolicy.TabFocus:
            before = before.previousInFocusChain()
        if before is not None:
            QWidget.setTabOrder(before, self._today.tree)
        self._detail.body.setAccessibleName(strings.A11Y_DETAIL)
        self.connect_documents()

    def _put_in_place(self, detail: DetailPane) -> None:
        """The detail pane where its stand-in was, sharing the room as it would have had
        it been there from the start. QSplitter keeps, per side, the size it shares the
        room by: a size kept from last time, else (set at its first layout) the side's
        size hint times its stretch factor; laid out with the stand-in, it would hold the
        stand-in's."""
        stand_in, self._detail_stand_in = self._detail_stand_in, None
        if stand_in is not None:
            stand_in.hide()
            stand_in.setParent(None)
            stand_in.deleteLater()
        self.splitter.insertWidget(1, detail)
        self.splitter.setStretchFactor(1, DETAIL_STRETCH)
        self._remember_hints(detail)
        kept = read_ui_state(self.ui_state, WINDOW_SPLITTER)
        if kept is not None and self.splitter.restoreState(kept):
            return  # as restored with the pane there (its least width holds)
        if not self.splitter.isVisible():
            return  # not laid out yet: its first layout shares the room
        list_hint, detail_hint = self.list_side.sizeHint().width(), detail.sizeHint().width()
        self.splitter.setSizes([list_hint * LIST_STRETCH, detail_hint * DETAIL_STRETCH])

    def _remember_hints(self, detail: DetailPane) -> None:
        """For the next start's stand-in; written only when they changed (a new font or
        style), and at once: a start may end without the window's close."""
        for key, width in (
            (WINDOW_DETAIL_WIDTH, detail.sizeHint().width()),
            (WINDOW_DETAIL_LEAST_WIDTH, detail.minimumSizeHint().width()),
        ):
            if read_ui_state(self.ui_state, key) != width:
                write_ui_state(self.ui_state, key, width)
                self.ui_state.sync()

    @property
    def detail(self) -> DetailPane:
        self._build_rest()
        assert self._detail is not None
        return self._detail

    @property
    def today(self) -> TodayView:
        self._build_rest()
        assert self._today is not None
        return self._today

    def _make_people(self) -> PeopleView:
        from desktop.ui.people_view import PeopleView

        people = PeopleView(self.clock)
        people.push = self.push_undoable  # edits and imports go on the undo stack
        people.changed.connect(self.apply)
        people.changed.connect(self.data_changed.emit)
        people.open_requested.connect(self.open_opportunity)
        if not self._first_load_pending:
            people.refresh()
        return people

    def _make_questions(self) -> QuestionBank:
        from desktop.ui.question_bank import QuestionBank

        questions = QuestionBank(self.clock)
        if not self._first_load_pending:
            questions.refresh()
        return questions

    def _make_insights(self) -> InsightsView:
        from desktop.ui.insights_view import InsightsView

        return InsightsView(self.clock)  # read each time it is shown

    @property
    def people(self) -> PeopleView:
        return cast("PeopleView", self.lazy_tabs.get("people"))

    @property
    def questions(self) -> QuestionBank:
        return cast("QuestionBank", self.lazy_tabs.get("questions"))

    @property
    def insights(self) -> InsightsView:
        return cast("InsightsView", self.lazy_tabs.get("insights"))

    def _name_for_screen_readers(self) -> None:
        for widget, name, description in (
            (self.search, strings.A11Y_SEARCH, strings.A11Y_SEARCH_DESCRIPTION),
            (self.status_filter, strings.A11Y_STATUS_FILTER, ""),
            (self.table, strings.A11Y_TABLE, strings.A11Y_TABLE_DESCRIPTION),
            (self.tabs, strings.A11Y_TABS, ""),
        ):
            widget.setAccessibleName(name)
            if description:
                widget.setAccessibleDescription(description)

    # ----- remembered layout --------------------------------------------------------
    def _restore_state(self) -> None:
        for column, width in enumerate(DEFAULT_COLUMN_WIDTHS):
            self.table.horizontalHeader().resizeSection(column, width)
        for key, restore in (
            (WINDOW_GEOMETRY, self.restoreGeometry),
            (WINDOW_SPLITTER, self.splitter.restoreState),
            (WINDOW_COLUMNS, self.table.horizontalHeader().restoreState),
        ):
            value = read_ui_state(self.ui_state, key)
            if value is not None:
                restore(value)
        if self._header_labels is None:  # else when the list is finished, after the paint
            fit_status_column(self.table)
        self._fit_columns()
        # Saved on a larger screen or at a smaller scale, the window would not fit this one.
        self.setGeometry(clamped(self.geometry(), available(self)))

    def _fit_columns(self) -> None:
        """The role takes what room the list has, so every column stays in view when the
        list is narrow (a small screen, 125 %, a wide detail pane); the others keep the
        widths the user gave them. Set after restoring: an older saved state lacks it."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Stretch)
        # Where a search found its words shares the room with the role, shown only then.
        header.setSectionResizeMode(FOUND_IN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("Role") + 24)
        self._show_found_in()  # a state saved while searching would hide the last activity

    def _show_found_in(self) -> None:
        """While searching, where each row's words were found takes the place of the
        last activity: on a laptop screen the list has room for one of them."""
        searching = bool(self.filter.terms)
        self.table.setColumnHidden(FOUND_IN, not searching)
        self.table.setColumnHidden(LAST_ACTIVITY, searching)
        # Two lines then: the field's name above the words found, so a narrow column
        # still shows both.
        rows = self.table.verticalHeader()
        if self._one_line_height is None:
            self._one_line_height = rows.defaultSectionSize()
        lines = self.table.fontMetrics().lineSpacing() * 2 + 8
        rows.setDefaultSectionSize(
            max(lines, self._one_line_height) if searching else self._one_line_height
        )

    def save_state(self) -> None:
        write_ui_state(self.ui_state, WINDOW_GEOMETRY, self.saveGeometry())
        write_ui_state(self.ui_state, WINDOW_SPLITTER, self.splitter.saveState())
        write_ui_state(self.ui_state, WINDOW_COLUMNS, self.table.horizontalHeader().saveState())
        self.ui_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self.keep_running_on_close:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        super().closeEvent(event)

    def show_and_raise(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_banner(
        self, text: str, actions: Sequence[tuple[str, Callable[[], object]]] = ()
    ) -> None:
        """Where a notice lands when the desktop can show neither a notification nor a
        tray balloon, and a question that must not interrupt: (label, callback) buttons."""
        self.banner.show_text(text, actions)

    # ----- list ---------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_load_pending:  # in case no paint comes (a minimised start)
            QTimer.singleShot(FIRST_LOAD_FALLBACK_MS, self._load_if_pending)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._detail is None:  # the rest of the window, in the turn after its first paint
            QTimer.singleShot(0, self._build_rest)
        if self._first_load_pending:
            # After the first paint, not after show(): the window server's expose comes
            # later than a zero timer, and the read would delay the paint it follows.
            QTimer.singleShot(0, self._load_if_pending)

    def _load_if_pending(self) -> None:
        if self._first_load_pending and not self._first_load_held:
            self.refresh()

    def hold_first_load(self) -> None:
        """The database is not open yet (app.py paints the window before it opens and
        checks it): the first read waits for `release_first_load`."""
        self._first_load_held = True

    def release_first_load(self) -> None:
        self._first_load_held = False
        QTimer.singleShot(0, self._load_if_pending)

    def refresh(
        self, select_id: int | None = None, rows: list[OpportunityRow] | None = None
    ) -> None:
        """Re-read everything the window shows (at start, after an import or a restore);
        `rows`: the list's rows, already read off the GUI thread (data_actions)."""
        self._build_rest()  # the list sorted and the panes made before any rows arrive
        first_load, self._first_load_pending = self._first_load_pending, False
        if first_load:  # a setting: read with the data, so the first paint reads nothing
            self.restore_view()
        keep = select_id if select_id is not None else self.selected_id()
        self.model.set_rows(rows if rows is not None else self.read_rows(self.clock.now(), None))
        self._update_empty_state()
        if keep is not None:
            self.select_opportunity(keep)
        self._show_selected()
        self.today.refresh()
        self._stale.update(self._made("questions", "people"))  # re-read when looked at
        self._refresh_lazy_if_shown()
        count = self._show_counts()
        if first_load:
            # Something due: start where it can be answered; otherwise on the list.
            self.tabs.setCurrentWidget(self.today_page if count else self.splitter)
            write_ui_state(self.ui_state, WINDOW_STARTS_ON_TODAY, bool(count))
            self.filled.emit()

    def apply(self, changes: Changes, select_id: int | None = None) -> None:
        """Redraw only what `changes` touched: the list rows of those opportunities (the
        model is not reset), the detail pane if it shows one of them, Today if reminders
        changed; the question bank and Insights when next looked at."""
        if changes.every_opportunity or self._first_load_pending:
            self.refresh(select_id)
            return
        keep = select_id if select_id is not None else self.selected_id()
        touched = changes.opportunities
        if isinstance(touched, frozenset) and touched:  # ALL was re-read above
            self._updating_rows = True
            try:
                self.model.update_rows(self.read_rows(self.clock.now(), touched), touched)
                if keep is not None and self.selected_id() != keep:
                    self.select_opportunity(keep)  # a moved row lost its selection
            finally:
                self._updating_rows = False
            self._update_empty_state()
        shown = self.detail.detail.id if self.detail.detail is not None else None
        # Reminders changed without saying whose (a batch fired): the timeline may too.
        # Lessons changed: those shown for any opportunity may.
        anyones = changes.reminders and not changes.opportunities
        if (
            changes.touches(shown)
            or anyones
            or changes.lessons_changed
            or self.selected_id() != shown
        ):
            self._show_selected(changes.lessons_changed, changes.reminders or changes.settings)
        if changes.reminders or changes.settings or changes.lessons_changed:
            self.today.apply(changes)  # a prep quotes the lessons
            self._show_counts()
        if changes.interviews or changes.opportunities:
            self._stale.update(self._made("questions"))
        self._stale.update(self._made("insights"))
        self._stale.update(self._made("people"))  # anyone's name, company or last talk may move
        self._refresh_lazy_if_shown()

    def _show_counts(self) -> int:
        count = self.today.due_count
        self.setWindowTitle(f"{strings.APP_TITLE} ({count})" if count else strings.APP_TITLE)
        text = f"{strings.TAB_TODAY} ({count})" if count else strings.TAB_TODAY
        if self.tabs.tabText(0) != text:  # the same text would still lay out and repaint the bar
            self.tabs.setTabText(0, text)
        return count

    def _refresh_lazy_if_shown(self) -> None:
        shown = self.tabs.currentWidget()
        if shown is self.lazy_tabs.made("questions") and shown in self._stale:
            self._stale.discard(shown)
            self.questions.refresh()
        if shown is self.lazy_tabs.made("people") and shown in self._stale:
            self._stale.discard(shown)
            self.people.refresh()
        if shown is self.lazy_tabs.made("insights"):  # read each time it is looked at, as before
            self._stale.discard(shown)
            self.insights.refresh_soon(self.data_dir)  # a big history off the GUI thread

    def _made(self, *keys: str) -> list[QWidget]:
        """Those of these lazy tabs that were made (the others read when first made)."""
        return [made for key in keys if (made := self.lazy_tabs.made(key)) is not None]

    def show_insights(self) -> None:
        self.show_and_raise()
        self.tabs.setCurrentWidget(self.insights)

    def open_opportunity(self, opportunity_id: int) -> None:
        """Where a reminder's Open leads: the opportunity, visible and selected."""
        self.tabs.setCurrentWidget(self.splitter)
        if not self.select_opportunity(opportunity_id):
            self.show_board(False, remember=False)  # an archived one is only in the list
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
            self.show_archived.setChecked(True)
            self.select_opportunity(opportunity_id)

    def _update_empty_state(self) -> None:
        # The rows shown count, not the rows loaded: a search that finds nothing says so.
        if self.model.rowCount() == 0:
            self.list_stack.setCurrentWidget(self.empty)
        elif (self.board.shown() if self.board_shown else self.filter.rowCount()) == 0:
            self.no_match_text.setText(self.no_match_sentence())
            self.list_stack.setCurrentWidget(self.no_match)
        else:
            self.list_stack.setCurrentWidget(self.list_page())

    def _on_search(self, text: str) -> None:
        self.model.set_search_terms(terms_of(text))
        self.filter.set_search(text)
        self.board.set_search(text)
        self._show_found_in()
        self.table.viewport().update()
        self._update_empty_state()

    def _on_status_filter(self) -> None:
        data = self.status_filter.currentData()
        self.filter.set_status(Status(data) if data and data != OpportunityFilter.LIVE else data)
        self._update_empty_state()

    def _on_show_archived(self, show: bool) -> None:
        self.filter.set_show_archived(show)
        self._update_empty_state()

    def clear_search_and_filters(self) -> None:
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.show_archived.setChecked(True)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_id(self) -> int | None:
        if self.board_shown:
            return self.board_view.current_id()
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        row_id: int = index.siblingAtColumn(0).data(ROW_ID_ROLE)
        return row_id

    def select_opportunity(self, opportunity_id: int) -> bool:
        if self.board_shown:
            return self.board_view.select([opportunity_id])
        at = self.model.position_of(opportunity_id)
        if at is None:
            return False
        index = self.filter.mapFromSource(self.model.index(at, 0))
        if not index.isValid():  # filtered out
            return False
        # Through the selection model: the view's own selectRow reads the keys held down
        # (with several allowed, a Ctrl+Z that re-selects would deselect instead).
        only = QItemSelectionModel.SelectionFlag.ClearAndSelect
        rows = QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, only | rows)
        self.table.scrollTo(index)
        return True

    def _show_selected(self, lessons_changed: bool = True, reminders_changed: bool = True) -> None:
        """False: the lessons (the slowest part to read) or the reminders shown for this
        opportunity still hold, as what changed did not touch them."""
        if self._updating_rows:
            return  # the selection moves while rows are replaced; shown once they are
        if self.show_several_selected():
            return
        selected = self.selected_id()
        shown = self.detail.detail
        same = shown is not None and shown.id == selected
        from desktop.services import documents, queries, reminders
        from desktop.services.lessons import lessons_for_opportunity
        from desktop.services.notes import sent_notes

        try:
            detail = queries.opportunity_detail(selected) if selected is not None else None
            if same and not reminders_changed:
                timeline = self.detail.timeline
            else:
                timeline = reminders.reminders_of(selected) if selected is not None else []
        except NotFound:
            detail, timeline = None, []
        if selected is None or detail is None:
            found, sent, attached = None, [], []
        else:
            if same and not lessons_changed:
                found = self.detail.lessons
            else:
                found = lessons_for_opportunity(selected, self.clock.now())
            sent = sent_notes(selected)
            attached = documents.documents_of(self.data_dir, selected)
        self.detail.show_detail(detail, timeline, found, sent, attached)

    def _context_menu(self, position: QPoint) -> None:
        if self.selected_id() is None:
            return
        menu = self.bulk_menu() if len(self.selected_ids()) > 1 else self.build_context_menu()
        menu.popup(self.table.viewport().mapToGlobal(position))

    def build_context_menu(self) -> QMenu:
        from desktop.ui.detail_pane import status_menu

        menu = QMenu(self)
        menu.addAction(strings.EDIT, self.edit_selected)
        menu.addAction(strings.ADD_INTERVIEW, self.new_interview_for_selected)
        detail = self.detail.detail
        menu.addMenu(
            status_menu(menu, self.change_status_selected, detail.status if detail else None)
        )
        archive_text = strings.UNARCHIVE if detail and detail.archived else strings.ARCHIVE
        menu.addAction(archive_text, self.toggle_archive_selected)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        return menu

    # ----- dialogs ------------------------------------------------------------------
    def _open(self, dialog: QDialog, on_saved: Callable[[], None]) -> QDialog:
        self.active_dialog = dialog
        dialog.accepted.connect(on_saved)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    # The dialogs and the services that only they use are imported when first opened, not
    # before the window's first paint (benchmarks/README.md, "Start-up order").
    def _interview_dialog(self, editing: bool = False) -> InterviewDialog:
        from desktop.services import queries
        from desktop.ui.dialogs import InterviewDialog

        return InterviewDialog(
            self.clock.tz,
            self.clock.now(),
            queries.company_names(),
            self,
            editing=editing,
            company_hint=None if editing else self.company_hint,
            known_kind=self.known_recruiter_kind,
        )

    def new_interview(
        self, prefill: dict[str, str] | None = None, opportunity_id: int | None = None
    ) -> QDialog:
        from desktop.domain.forms import InterviewDraft
        from desktop.services import interviews

        dialog = self._interview_dialog()
        if prefill:
            dialog.set_values(prefill)

        def saved() -> None:
            draft = dialog.draft
            assert isinstance(draft, InterviewDraft)
            made = self._run(lambda: interviews.record_interview(draft, self.clock, opportunity_id))
            if made is not None:
                from desktop.services import queries

                opportunity = queries.opportunity_id_of_interview(made.id)
                self.apply(made.changes, select_id=opportunity)
                if opportunity_id is None:
                    self.opportunity_saved.emit()

        return self._open(dialog, saved)

    def add_own_reminder_for_selected(self) -> QDialog | None:
        """The detail pane's "Add a reminder…": text and a time, checked as typed."""
        selected = self.selected_id()
        if selected is None:
            return None
        from desktop.domain.forms import OwnReminderDraft
        from desktop.services import queries, reminders
        from desktop.ui.own_reminder_dialog import OwnReminderDialog

        detail = queries.opportunity_detail(selected)
        dialog = OwnReminderDialog(detail, self.clock.tz, self.clock.now(), self)

        def saved() -> None:
            assert isinstance(dialog.draft, OwnReminderDraft)
            draft, about = dialog.draft, dialog.interview_id()
            added = self._run(
                lambda: reminders.add_own_reminder(selected, draft, self.clock, about)
            )
            if added is not None:
                self.apply(added.changes, select_id=selected)

        return self._open(dialog, saved)

    def new_interview_for_selected(self) -> QDialog | None:
        selected = self.selected_id()
        if selected is None:
            return self.new_interview()
        from desktop.services import queries

        values = queries.opportunity_form_values(selected)
        return self.new_interview(
            prefill={
                "company": values["company"],
                "role": values["role"],
                "recruiter": values["recruiter"],
                "recruiter_kind": values["recruiter_kind"],
            },
            opportunity_id=selected,
        )

    def edit_interview(self, interview_id: int) -> QDialog | None:
        from desktop.services import queries

        try:
            values = queries.interview_form_values(interview_id, self.clock.tz)
        except NotFound as error:
            self.show_error(str(error))
            return None
        from desktop.domain.forms import InterviewDraft
        from desktop.services import interviews

        dialog = self._interview_dialog(editing=True)
        dialog.set_values(values)

        def saved() -> None:
            draft = dialog.draft
            assert isinstance(draft, InterviewDraft)
            self._change(lambda: interviews.update_interview(interview_id, draft, self.clock))

        return self._open(dialog, saved)

    def delete_interview(self, interview_id: int) -> None:
        detail = self.detail.detail
        match = [i for i in (detail.interviews if detail else ()) if i.id == interview_id]
        moment = when(match[0].starts_at, self.clock.tz) if match else ""
        if self.confirm(
            strings.CONFIRM_DELETE_INTERVIEW_TITLE,
            strings.CONFIRM_DELETE_INTERVIEW_BODY.format(when=moment),
        ):
            if detail is None:
                return
            from desktop.services import interviews

            self.undoable_opportunity(
                detail.id,
                strings.UNDO_DELETE_INTERVIEW.format(when=moment),
                strings.DID_DELETE_INTERVIEW.format(when=moment),
                lambda: interviews.delete_interview(interview_id, self.clock),
            )

    def company_hint(self, name: str) -> str | None:
        """When adding at a company that said no or went silent before, say so."""
        from desktop.domain.insights import worth_knowing
        from desktop.services.insights import memory_of

        memory = memory_of(name, self.clock.tz) if name else None
        if memory is None or not worth_knowing(memory):
            return None
        return strings.COMPANY_MEMORY_HINT.format(sentence=memory.sentence())

    def known_recruiter_kind(self, recruiter: str, company: str) -> str:
        """What the user said before about this recruiter ("" when never asked)."""
        from desktop.domain.forms import parse_person
        from desktop.services.people import recruiter_kind_of

        try:
            person = parse_person(recruiter)
        except ValueError:
            return ""
        return recruiter_kind_of(person, company).value

    def set_recruiter_kind(self, contact_id: int, kind: RecruiterKind) -> None:
        from desktop.services import opportunities

        self._change(lambda: opportunities.set_recruiter_kind(contact_id, kind, self.clock))

    def new_opportunity(self) -> QDialog:
        from desktop.domain.forms import OpportunityDraft
        from desktop.services import opportunities, queries
        from desktop.services.duplicates import similar_opportunities
        from desktop.ui.dialogs import OpportunityDialog

        dialog = OpportunityDialog(
            queries.company_names(),
            self,
            company_hint=self.company_hint,
            known_kind=self.known_recruiter_kind,
            find_similar=similar_opportunities,
            tz=self.clock.tz,
        )
        dialog.rejected.connect(lambda: self._open_instead(dialog))

        def saved() -> None:
            draft = dialog.draft
            assert isinstance(draft, OpportunityDraft)
            made = self._run(lambda: opportunities.add_opportunity(draft, self.clock))
            if made is not None:
                self.apply(made.changes, select_id=made.id)
                self.opportunity_saved.emit()

        return self._open(dialog, saved)

    def _open_instead(self, dialog: OpportunityDialog) -> None:
        """The user saw they had it already and chose to open that one."""
        if dialog.open_instead is not None:
            self.open_opportunity(dialog.open_instead)

    def edit_selected(self) -> QDialog | None:
        selected = self.selected_id()
        if selected is None:
            return None
        from desktop.domain.forms import OpportunityDraft
        from desktop.services import opportunities, queries
        from desktop.ui.dialogs import OpportunityDialog

        dialog = OpportunityDialog(
            queries.company_names(), self, editing=True, known_kind=self.known_recruiter_kind
        )
        dialog.set_values(queries.opportunity_form_values(selected))

        def saved() -> None:
            draft = dialog.draft
            assert isinstance(draft, OpportunityDraft)
            self._change(
                lambda: opportunities.update_opportunity(selected, draft, self.clock),
                select_id=selected,
            )

        return self._open(dialog, saved)

    def change_status_selected(self, status: Status | None = None) -> QDialog | None:
        selected = self.selected_id()
        if selected is None or self.detail.detail is None:
            return None
        from desktop.domain.forms import StatusChangeDraft
        from desktop.services import opportunities
        from desktop.services.undo import ANSWER_TABLES
        from desktop.ui.dialogs import StatusDialog

        current = self.detail.detail
        name = strings.OPPORTUNITY_NAME.format(company=current.company, role=current.role)
        today = self.clock.now().astimezone(self.clock.tz).date()
        dialog = StatusDialog(current.status, today, self, earliest=current.applied_on)
        if status is not None:
            dialog.set_values({"status": status.value})

        def saved() -> None:
            draft = dialog.draft
            assert isinstance(draft, StatusChangeDraft)
            self.undoable_opportunity(
                selected,
                strings.UNDO_STATUS.format(name=name),
                strings.DID_STATUS.format(name=name, status=draft.status.label),
                lambda: opportunities.change_status(
                    selected,
                    draft.status,
                    self.clock,
                    draft.note,
                    draft.offer_deadline,
                    draft.happened_on,
                ),
                ANSWER_TABLES,  # a status change writes only these: a cheaper snapshot
            )

        return self._open(dialog, saved)

    def toggle_archive_selected(self) -> None:
        selected = self.selected_id()
        detail = self.detail.detail
        if selected is None or detail is None:
            return
        from desktop.services import opportunities

        name = strings.OPPORTUNITY_NAME.format(company=detail.company, role=detail.role)
        archive = not detail.archived
        self.undoable_opportunity(
            selected,
            (strings.UNDO_ARCHIVE if archive else strings.UNDO_UNARCHIVE).format(name=name),
            (strings.DID_ARCHIVE if archive else strings.DID_UNARCHIVE).format(name=name),
            lambda: opportunities.set_archived(selected, archive, self.clock),
        )

    def delete_selected(self) -> None:
        selected = self.selected_id()
        detail = self.detail.detail
        if selected is None or detail is None:
            return
        body = strings.CONFIRM_DELETE_BODY.format(company=detail.company, role=detail.role)
        if self.confirm(strings.CONFIRM_DELETE_TITLE, body):
            from desktop.services import opportunities

            name = strings.OPPORTUNITY_NAME.format(company=detail.company, role=detail.role)
            self.undoable_opportunity(
                selected,
                strings.UNDO_DELETE.format(name=name),
                strings.DID_DELETE.format(name=name),
                lambda: opportunities.delete_opportunity(selected),
            )

    # ----- errors -------------------------------------------------------------------
    def _change(self, action: Callable[[], Changes], select_id: int | None = None) -> None:
        """Run a service call that says what it changed, and redraw that."""
        changes = self._run(action)
        self.apply(changes if changes is not None else Changes.everything(), select_id)

    def _run(self, action: Callable[[], _Result]) -> _Result | None:
        """Run a service call; a vanished row (deleted elsewhere) becomes a message. What
        the call changed (its Changes, or everything when it cannot say) is told to the
        companion; the caller redraws it here."""
        try:
            result = action()
        except NotFound as error:
            self.show_error(str(error).capitalize() + ". It may have been deleted elsewhere.")
            return None
        if isinstance(result, Made):
            said: Changes = result.changes
        else:
            said = result if isinstance(result, Changes) else Changes.everything()
        self.data_changed.emit(said)
        return result

    def show_error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, strings.ERROR_TITLE, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
