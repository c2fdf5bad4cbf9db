"""The window's board and its actions on several opportunities at once.

The Opportunities tab shows a list or a board (remembered on this machine). Moving cards
on the board and the list's bulk menu make the same change as the detail pane's, for all
of them in one transaction, and go on the undo stack as one step."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QWidget,
)

from desktop.services.vocabulary import Status
from desktop.ui import board_strings as texts
from desktop.ui import strings
from desktop.ui.board_model import Board
from desktop.ui.choice_button import ChoiceButton
from desktop.ui.opportunity_model import ROW_ID_ROLE, OpportunityTableModel
from desktop.ui.window_mixin import WindowMixin

if TYPE_CHECKING:
    from desktop.domain.clock import Clock
    from desktop.services.undo import Snapshot, Snapshots
    from desktop.ui.board_view import BoardView
    from desktop.ui.detail_pane import DetailPane
    from desktop.ui.offer_dialog import OfferDeadlineDialog


def selected_row_count(table: QTableView) -> int:
    """How many rows are selected, from the selection's ranges: listing every selected
    row took a tenth of a second of CPU for a select-all over 10,000."""
    selection = table.selectionModel().selection()
    spans = sorted(
        (r.top(), r.bottom()) for r in (selection.at(n) for n in range(selection.size()))
    )
    count, reached = 0, -1
    for top, bottom in spans:  # ranges of other columns may cover the same rows
        if bottom > reached:
            count += bottom - max(top, reached + 1) + 1
            reached = bottom
    return count


class BoardActions(WindowMixin):
    """Mixed into MainWindow; what it uses of the window is declared below, and mypy checks
    that MainWindow provides it with these types."""

    if TYPE_CHECKING:
        clock: Clock
        model: OpportunityTableModel
        table: QTableView
        status_filter: QComboBox
        show_archived: QCheckBox
        search: QLineEdit

        @property
        def detail(self) -> DetailPane: ...

        def undoable(
            self,
            text: str,
            message: str,
            take: Callable[[], Snapshot | Snapshots],
            act: Callable[[], object],
            select_id: int | None = None,
            refused: str | None = None,
        ) -> bool: ...
        def selected_id(self) -> int | None: ...
        def change_status_selected(self, status: Status | None = None) -> QDialog | None: ...
        def toggle_archive_selected(self) -> None: ...
        def select_opportunity(self, opportunity_id: int) -> bool: ...
        def edit_selected(self) -> object: ...
        def _open(self, dialog: QDialog, on_saved: Callable[[], None]) -> QDialog: ...
        def _show_selected(self, lessons_changed: bool = True) -> None: ...
        def _update_empty_state(self) -> None: ...
        def clear_search_and_filters(self) -> None: ...

    board_shown = False

    def build_board(self, bar: QHBoxLayout, stack: QStackedWidget) -> None:
        """The board as a page beside the list, and the List | Board switch in `bar`."""
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.board = Board(self.model, self.clock, self)
        self._board_stack = stack
        self._board_view: BoardView | None = None
        switch = QWidget()
        switch.setAccessibleName(texts.A11Y_VIEW_SWITCH)
        row = QHBoxLayout(switch)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.view_buttons = QButtonGroup(switch)
        for board, text, tip in (
            (False, texts.VIEW_LIST, texts.VIEW_LIST_TIP),
            (True, texts.VIEW_BOARD, texts.VIEW_BOARD_TIP),
        ):
            button = ChoiceButton(text)  # the chosen one stands out in dark themes too
            button.setToolTip(tip)
            button.setChecked(not board)
            button.clicked.connect(lambda _=False, b=board: self.show_board(b))
            self.view_buttons.addButton(button, int(board))
            row.addWidget(button)
        bar.addWidget(switch)

    @property
    def board_view(self) -> BoardView:
        """Its nine columns are made when the board is first shown (or asked for), not
        before the window's first paint."""
        if self._board_view is None:
            from desktop.ui.board_view import BoardView  # its Qt classes' first use too

            view = BoardView(self.board)
            self._board_stack.addWidget(view)
            view.move_requested.connect(self.move_opportunities)
            view.archive_requested.connect(self.archive_opportunities)
            view.open_requested.connect(self.edit_selected)
            view.current_changed.connect(lambda: self._show_selected())
            self._board_view = view
        return self._board_view

    def restore_view(self) -> None:
        """The view chosen last time on this machine."""
        from desktop.services import settings
        from desktop.services.vocabulary import StorageError

        with contextlib.suppress(StorageError):  # a busy or odd file: the list, as before
            self.show_board(settings.get(settings.OPPORTUNITIES_VIEW) == "board", remember=False)

    def show_board(self, show: bool, remember: bool = True) -> None:
        keep = self.selected_id()
        self.board_shown = show
        self.board.wake(show)
        button = self.view_buttons.button(int(show))
        if button is not None:
            button.setChecked(True)
        # The board has a column per outcome and never shows archived ones.
        self.status_filter.setVisible(not show)
        self.show_archived.setVisible(not show)
        self._update_empty_state()
        if keep is None or not self.select_opportunity(keep):
            self._show_selected()
        if remember:
            # Only a habit of this screen: when the file is busy, it is not kept this time.
            from desktop.services import settings
            from desktop.services.vocabulary import StorageError

            with contextlib.suppress(StorageError):
                settings.put(settings.OPPORTUNITIES_VIEW, "board" if show else "list")

    def no_match_sentence(self) -> str:
        """Why no opportunity is shown: the board has no filter, so with no search either,
        every opportunity is archived."""
        if self.board_shown and not self.search.text().strip():
            return texts.ALL_ARCHIVED
        return strings.EMPTY_NO_MATCH

    def show_everything(self) -> None:
        """The button under that sentence: the archived ones are only in the list."""
        self.clear_search_and_filters()
        if self.board_shown and self.board.shown() == 0:
            self.show_board(False)

    def list_page(self) -> QWidget:
        return self.board_view if self.board_shown else self.table

    def selected_ids(self) -> list[int]:
        """Every selected opportunity, on the board or in the list, in the order shown."""
        if self.board_shown:
            return self.board_view.selected_ids()
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda index: index.row())
        return [int(index.data(ROW_ID_ROLE)) for index in rows]

    def show_several_selected(self) -> bool:
        """With several selected, the detail pane shows how many and what can be done to
        all of them, instead of whichever was clicked last. False with one or none."""
        if self.board_shown:
            count = len(self.board_view.selected_ids())
        else:
            count = selected_row_count(self.table)
        if count < 2:
            return False
        self.detail.show_several(count)
        return True

    def change_outcome_of_selection(self, status: Status) -> None:
        """The detail pane's Change outcome: of every selected one when several are."""
        ids = self.selected_ids()
        if len(ids) > 1:
            self.move_opportunities(ids, status)
        else:
            self.change_status_selected(status)

    def archive_selection(self) -> None:
        """The detail pane's Archive: every selected one when several are."""
        ids = self.selected_ids()
        if len(ids) > 1:
            self.archive_opportunities(ids)
        else:
            self.toggle_archive_selected()

    def _what(self, ids: list[int]) -> str:
        if len(ids) == 1:
            at = self.model.position_of(ids[0])
            if at is not None:
                row = self.model.row_at(at)
                return strings.OPPORTUNITY_NAME.format(company=row.company, role=row.role)
        return texts.CARD_SEVERAL.format(count=len(ids))

    def move_opportunities(self, ids: list[int], status: Status) -> bool:
        """Change the outcome of all of them, as one undoable step. A move to Offer first
        asks for the offer's deadline, once, as Change outcome does: False then (nothing
        has moved yet), and Cancel moves nothing."""
        if not ids:
            return False
        if status is Status.OFFER:
            self._ask_offer_deadline(list(ids))
            return False
        return self._move(ids, status, None)

    # The dialog and the writes below are imported when first used, not before the
    # window's first paint.
    def _ask_offer_deadline(self, ids: list[int]) -> OfferDeadlineDialog:
        from desktop.ui.offer_dialog import OfferDeadlineDialog

        today = self.clock.now().astimezone(self.clock.tz).date()
        dialog = OfferDeadlineDialog(self._what(ids), today, self)

        def moved() -> None:
            if self._move(ids, Status.OFFER, dialog.deadline()) and self.board_shown:
                self.board_view.select(ids, focus=True)  # as after any other move

        self._open(dialog, moved)
        return dialog

    def _move(self, ids: list[int], status: Status, offer_deadline: date | None) -> bool:
        from desktop.services.opportunities import change_status_of_all
        from desktop.services.undo import snapshot_opportunities

        what = self._what(ids)
        said = texts.DID_MOVE if len(ids) == 1 else texts.DID_MOVE_MANY
        return self.undoable(
            texts.UNDO_MOVE.format(what=what),
            said.format(what=what, status=status.label),
            lambda: snapshot_opportunities(ids),
            lambda: change_status_of_all(ids, status, self.clock, offer_deadline),
            select_id=ids[0],
            refused=texts.REFUSED_MOVE.format(what=what),
        )

    def archive_opportunities(self, ids: list[int]) -> bool:
        if not ids:
            return False
        from desktop.services.opportunities import set_archived_of_all
        from desktop.services.undo import snapshot_opportunities

        what = self._what(ids)
        return self.undoable(
            texts.UNDO_ARCHIVE_ALL.format(what=what),
            texts.DID_ARCHIVE_ALL.format(what=what),
            lambda: snapshot_opportunities(ids),
            lambda: set_archived_of_all(ids, True, self.clock),
            refused=texts.REFUSED_ARCHIVE.format(what=what),
        )

    def bulk_menu(self) -> QMenu:
        """The list's menu when several are selected: their outcome, or archive them."""
        from desktop.ui.board_view import ORDER

        ids = self.selected_ids()
        menu = QMenu(self)
        outcomes = menu.addMenu(texts.CHANGE_OUTCOME_ALL.format(count=len(ids)))
        for status in ORDER:
            action = outcomes.addAction(status.label)
            action.triggered.connect(
                lambda _=False, s=status: self.move_opportunities(self.selected_ids(), s)
            )
        menu.addAction(
            texts.ARCHIVE_ALL.format(count=len(ids)),
            lambda: self.archive_opportunities(self.selected_ids()),
        )
        return menu
