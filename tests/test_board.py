"""The board view of the opportunities, and actions on several at once.

Drops are simulated by sending the view's viewport the drag-enter, drag-move and drop
events a real drag delivers (QAbstractItemView's own drop code then asks the model), since
a real QDrag cannot be driven offscreen: its exec() waits for the platform's mouse."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from db.models import Opportunity, Reminder, StatusChange
from desktop.services import queries, settings
from desktop.services.interviews import log_interview
from desktop.services.opportunities import delete_opportunity, set_archived
from desktop.services.queries import OpportunityRow
from desktop.services.vocabulary import Status
from desktop.ui.board_model import MIME_TYPE, NEXT_ROLE, Board, BoardColumn, ids_from, mime_of
from desktop.ui.board_view import BoardView, ColumnView
from desktop.ui.main_window import MainWindow
from desktop.ui.offer_dialog import OfferDeadlineDialog
from desktop.ui.opportunity_model import OpportunityTableModel
from tests.conftest import interview_draft

COMPANIES = ("Acme", "Globex", "Initech", "Hooli")


def _make_window(qtbot, clock, tmp_path) -> MainWindow:
    window = MainWindow(
        clock,
        QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
        tmp_path / "data",
        confirm=lambda *_: True,
    )
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def ids(store, clock) -> dict[str, int]:
    made = {}
    for hour, company in enumerate(COMPANIES):
        interview = log_interview(
            interview_draft(clock, company=company, starts_at=f"2026-11-25 1{hour}:00"), clock
        )
        made[company] = queries.opportunity_id_of_interview(interview)
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    return made


@pytest.fixture
def window(qtbot, clock, tmp_path, ids) -> MainWindow:
    made = _make_window(qtbot, clock, tmp_path)
    made.show_board(True)
    return made


def _column_ids(window: MainWindow, status: Status) -> list[int]:
    return window.board.columns[status].ids()


def _dump(store) -> dict[str, list[tuple]]:
    with sqlite3.connect(store.database) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(raw.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def _drop(view: ColumnView, data: QMimeData) -> QDropEvent:
    """What a real drag delivers to the column it ends over: enter, move, drop."""
    at = QPoint(view.viewport().width() // 2, view.viewport().height() - 5)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.MoveAction
    enter = QDragEnterEvent(at, action, data, buttons, keys)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(at, action, data, buttons, keys))
    drop = QDropEvent(at, action, data, buttons, keys)
    QApplication.sendEvent(view.viewport(), drop)
    return drop


def _card_mime(window: MainWindow, opportunity_id: int) -> QMimeData:
    status = window.board.column_of(opportunity_id)
    assert status is not None
    column = window.board.columns[status]
    at = column.position_of(opportunity_id)
    assert at is not None
    return column.mimeData([column.index(at)])


def test_dropping_a_card_changes_its_outcome_through_the_services_and_undo_restores(
    window, ids, store
) -> None:
    acme = ids["Acme"]
    assert acme in _column_ids(window, Status.INTERVIEWING)
    before = _dump(store)
    history = StatusChange.select().where(StatusChange.opportunity == acme).count()

    _drop(window.board_view.views[Status.NOT_THIS_TIME], _card_mime(window, acme))

    assert queries.opportunity_detail(acme).status is Status.NOT_THIS_TIME
    kept = StatusChange.select().where(StatusChange.opportunity == acme)
    assert kept.count() == history + 1
    last = kept.order_by(StatusChange.id.desc()).get()
    assert (last.from_status, last.to_status) == ("interviewing", "not_this_time")
    # Re-planned as everywhere else: a "no" brings the gracious reply.
    assert (
        Reminder.select()
        .where((Reminder.opportunity == acme) & (Reminder.kind == "rejection_reply"))
        .exists()
    )
    assert acme in _column_ids(window, Status.NOT_THIS_TIME)
    assert acme not in _column_ids(window, Status.INTERVIEWING)
    assert window.selected_id() == acme  # the card stays selected where it landed
    assert window.detail.detail is not None and window.detail.detail.id == acme
    assert window.board_view.headers[Status.NOT_THIS_TIME].text().endswith("1")

    window.undo_action.trigger()
    assert _dump(store) == before
    assert acme in _column_ids(window, Status.INTERVIEWING)
    assert not _column_ids(window, Status.NOT_THIS_TIME)


def test_a_card_moved_to_a_no_and_back_waits_for_its_follow_ups_again(window, ids, clock):
    """Closing cancels the follow-ups; reopening re-plans them by the rules, as any status
    change does: the same rows come back (no duplicates), the "no"'s reply goes."""
    acme = ids["Acme"]
    clock.set(datetime(2026, 12, 10, 11, 0, tzinfo=UTC))  # the first follow-up is due
    window.today.refresh()

    def open_steps() -> set[str]:
        return {v.kind.value for v in window.today.model.steps() if v.opportunity_id == acme}

    def keys() -> list[str]:
        return [r.key for r in Reminder.select().where(Reminder.opportunity == acme)]

    assert "follow_up" in open_steps()
    before = keys()
    _drop(window.board_view.views[Status.NOT_THIS_TIME], _card_mime(window, acme))
    assert "follow_up" not in open_steps()
    assert "rejection_reply" in open_steps()
    _drop(window.board_view.views[Status.AWAITING], _card_mime(window, acme))

    assert "follow_up" in open_steps()
    assert "rejection_reply" not in open_steps()
    waiting = Reminder.select().where(
        (Reminder.opportunity == acme) & Reminder.state.in_(["pending", "fired"])
    )
    assert {"follow_up", "second_follow_up", "no_response_check"} <= {r.kind for r in waiting}
    assert len(keys()) == len(set(keys()))  # each step once
    assert set(before) <= set(keys())  # the same rows, revived


def test_a_card_dropped_on_its_own_column_changes_nothing(window, ids, store) -> None:
    before = _dump(store)
    view = window.board_view.views[Status.INTERVIEWING]
    data = _card_mime(window, ids["Acme"])
    assert not view.column.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    at, buttons, keys = QPoint(5, 5), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(
        view.viewport(), QDragEnterEvent(at, Qt.DropAction.MoveAction, data, buttons, keys)
    )
    move = QDragMoveEvent(at, Qt.DropAction.MoveAction, data, buttons, keys)
    QApplication.sendEvent(view.viewport(), move)
    assert not move.isAccepted()  # the view offers no place to drop it
    view.column.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert _dump(store) == before
    assert window.undo_stack.count() == 0


def test_a_refused_move_says_one_sentence_and_changes_nothing(window, ids, store) -> None:
    errors: list[str] = []
    window.show_error = errors.append
    # Acme and Globex are dragged together; Globex was deleted meanwhile, elsewhere.
    data = mime_of([ids["Acme"], ids["Globex"]])
    delete_opportunity(ids["Globex"])
    before = _dump(store)
    _drop(window.board_view.views[Status.OFFER], data)
    window.active_dialog.accept()  # the offer's deadline: left out
    assert len(errors) == 1 and errors[0].count(".") == 1 and "deleted elsewhere" in errors[0]
    assert _dump(store) == before  # Acme did not move either: all or nothing
    assert queries.opportunity_detail(ids["Acme"]).status is Status.INTERVIEWING
    assert window.undo_stack.count() == 0


def test_ctrl_shift_arrows_move_the_selected_card_one_column(qtbot, window, ids) -> None:
    acme = ids["Acme"]
    assert window.board_view.select([acme], focus=True)
    view = window.board_view.views[Status.INTERVIEWING]
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, both)
    assert queries.opportunity_detail(acme).status is Status.AWAITING
    assert acme in _column_ids(window, Status.AWAITING)
    moved_to = window.board_view.views[Status.AWAITING]
    assert moved_to.hasFocus() and window.selected_id() == acme  # it can go on moving
    qtbot.keyClick(moved_to, Qt.Key.Key_Left, both)
    qtbot.keyClick(window.board_view.views[Status.INTERVIEWING], Qt.Key.Key_Left, both)
    assert queries.opportunity_detail(acme).status is Status.APPLIED
    # The first column has nothing to its left: nothing happens.
    count = window.undo_stack.count()
    qtbot.keyClick(window.board_view.views[Status.APPLIED], Qt.Key.Key_Left, both)
    assert queries.opportunity_detail(acme).status is Status.APPLIED
    assert window.undo_stack.count() == count == 3


def test_the_keyboard_move_is_listed_with_the_shortcuts(window) -> None:
    keys = dict(window.shortcut_rows())
    assert keys["Board: move the selected cards one column left or right"].startswith(
        "Ctrl+Shift+Left"
    )


def test_the_move_to_menu_moves_the_selected_card(window, ids) -> None:
    hooli = ids["Hooli"]
    window.board_view.select([hooli])
    menu = window.board_view.card_menu()
    moves = next(a.menu() for a in menu.actions() if a.menu() is not None)
    offered = {a.text(): a for a in moves.actions()}
    assert not offered[Status.INTERVIEWING.label].isEnabled()  # where it is now
    offered[Status.OFFER.label].trigger()
    window.active_dialog.accept()  # the offer's deadline: left out
    assert queries.opportunity_detail(hooli).status is Status.OFFER


def _to_offer(qtbot, window: MainWindow, ids: list[int], way: str) -> None:
    """Move these cards to Offer the way a user would: drop, keyboard, menu, bulk."""
    if way == "drop":
        _drop(window.board_view.views[Status.OFFER], mime_of(ids))
    elif way == "keyboard":  # from Awaiting (the test put them there), one column right
        assert window.board_view.select(ids, focus=True)
        both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window.board_view.views[Status.AWAITING], Qt.Key.Key_Right, both)
    elif way == "move_to":
        assert window.board_view.select(ids)
        menu = window.board_view.card_menu()
        moves = next(a.menu() for a in menu.actions() if a.menu() is not None)
        next(a for a in moves.actions() if a.text() == Status.OFFER.label).trigger()
    else:  # the list's menu for several selected rows (the test shows the list)
        window.table.clearSelection()
        for opportunity_id in ids:
            at = window.model.position_of(opportunity_id)
            window.table.selectionModel().select(
                window.model.index(at, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        menu = window.bulk_menu()
        outcomes = next(a.menu() for a in menu.actions() if a.menu() is not None)
        next(a for a in outcomes.actions() if a.text() == Status.OFFER.label).trigger()


WAYS = ["drop", "keyboard", "move_to", "bulk"]


def _prepare(window: MainWindow, ids: list[int], way: str) -> None:
    if way == "keyboard":
        window.move_opportunities(ids, Status.AWAITING)
    elif way == "bulk":
        window.show_board(False)


@pytest.mark.parametrize("way", WAYS)
def test_every_move_to_offer_asks_for_its_deadline_once(qtbot, window, ids, store, way) -> None:
    """As the detail pane's Change outcome does: the day they need an answer by, asked
    once however many cards move, kept with each, and undone in one step."""
    moving = [ids["Acme"], ids["Globex"]]
    _prepare(window, moving, way)
    steps = window.undo_stack.count()
    opened: list[object] = []
    shown_by_window = window._open
    window._open = lambda dialog, saved: opened.append(dialog) or shown_by_window(dialog, saved)
    _to_offer(qtbot, window, moving, way)
    dialog = window.active_dialog
    assert isinstance(dialog, OfferDeadlineDialog) and dialog.isVisible()
    assert "2 opportunities" in dialog.windowTitle()
    # Nothing moves while the question is open.
    assert {queries.opportunity_detail(i).status for i in moving} != {Status.OFFER}
    dialog.fields["offer_deadline"].set_text("2026-12-04")
    dialog.accept()
    assert not dialog.isVisible()
    for opportunity_id in moving:
        shown = queries.opportunity_detail(opportunity_id)
        assert shown.status is Status.OFFER
        assert Opportunity.get_by_id(opportunity_id).offer_deadline == date(2026, 12, 4)
        # The reply is planned before the deadline, as after Change outcome.
        assert (
            Reminder.select()
            .where((Reminder.opportunity == opportunity_id) & (Reminder.kind == "offer_reply"))
            .exists()
        )
    assert window.undo_stack.count() == steps + 1  # one step for both
    assert opened == [dialog]  # asked once, not once a card


@pytest.mark.parametrize("way", WAYS)
def test_cancelling_the_offer_question_moves_nothing(qtbot, window, ids, store, way) -> None:
    moving = [ids["Acme"], ids["Initech"]]
    _prepare(window, moving, way)
    before, steps = _dump(store), window.undo_stack.count()
    _to_offer(qtbot, window, moving, way)
    dialog = window.active_dialog
    assert isinstance(dialog, OfferDeadlineDialog)
    dialog.reject()
    assert _dump(store) == before
    assert window.undo_stack.count() == steps
    assert all(queries.opportunity_detail(i).status is not Status.OFFER for i in moving)


def test_a_bulk_move_to_offer_without_a_date_keeps_an_offers_own_deadline(
    window, ids, clock
) -> None:
    from desktop.services.opportunities import change_status

    change_status(ids["Hooli"], Status.OFFER, clock, offer_deadline=date(2026, 12, 10))
    window.refresh()
    window.move_opportunities([ids["Hooli"], ids["Acme"]], Status.OFFER)
    window.active_dialog.accept()  # no date given
    assert Opportunity.get_by_id(ids["Hooli"]).offer_deadline == date(2026, 12, 10)
    assert Opportunity.get_by_id(ids["Acme"]).offer_deadline is None
    assert queries.opportunity_detail(ids["Acme"]).status is Status.OFFER


def test_every_card_and_column_has_an_accessible_name(window, ids) -> None:
    column = window.board.columns[Status.INTERVIEWING]
    names = [
        column.data(column.index(at), Qt.ItemDataRole.AccessibleTextRole)
        for at in range(column.rowCount())
    ]
    assert len(names) == len(COMPANIES)
    assert any(name.startswith("Acme, Data Analyst: Interviewing") for name in names), names
    assert window.board_view.views[Status.INTERVIEWING].accessibleName() == "Interviewing: 4"
    assert window.board_view.accessibleName()


def test_a_card_with_an_interview_ahead_reads_naturally(window, clock) -> None:
    # Its accessible name said "next interview Next: Tue 01 Dec, 10:00", the card's own
    # line pasted after the words that announce it.
    log_interview(
        interview_draft(clock, company="Umbrella", role="Analyst", starts_at="2026-12-01 10:00"),
        clock,
    )
    window.refresh()
    column = window.board.columns[Status.INTERVIEWING]
    (card,) = [
        column.index(at) for at in range(column.rowCount()) if column.index(at).data() == "Umbrella"
    ]
    name = card.data(Qt.ItemDataRole.AccessibleTextRole)
    assert name == "Umbrella, Analyst: Interviewing, next interview Tue 01 Dec, 10:00"
    assert card.data(NEXT_ROLE) == "Next: Tue 01 Dec, 10:00"  # the card's line is unchanged


def test_archived_opportunities_stay_off_the_board(window, ids, clock) -> None:
    window.apply(set_archived(ids["Globex"], True, clock))
    assert ids["Globex"] not in window.board.columns[Status.INTERVIEWING].ids()
    assert window.board.shown() == len(COMPANIES) - 1
    assert not window.board_view.select([ids["Globex"]])
    # The list still has it, when asked for archived ones.
    window.show_board(False)
    window.show_archived.setChecked(True)
    assert window.select_opportunity(ids["Globex"])


def test_a_board_with_everything_archived_says_so_and_leads_to_the_list(window, ids, clock):
    for ident in ids.values():
        window.apply(set_archived(ident, True, clock))
    assert window.list_stack.currentWidget() is window.no_match
    # No search and no filter on the board: the sentence names the real reason.
    assert "search" not in window.no_match_text.text()
    assert "archived" in window.no_match_text.text()
    window.show_everything()  # the button under the sentence
    assert not window.board_shown  # the board never shows archived ones; the list does
    assert window.show_archived.isChecked()
    assert window.filter.rowCount() == len(COMPANIES)
    assert window.list_stack.currentWidget() is window.table


def test_the_search_narrows_the_board_too(window, ids) -> None:
    window.search.setText("initech")
    assert window.board.shown() == 1
    assert window.board.columns[Status.INTERVIEWING].ids() == [ids["Initech"]]
    window.search.setText("nobody-like-this")
    assert window.list_stack.currentWidget() is window.no_match
    window.search.clear()
    assert window.list_stack.currentWidget() is window.board_view


def test_the_chosen_view_is_remembered_on_this_machine(qtbot, store, clock, tmp_path, ids) -> None:
    first = _make_window(qtbot, clock, tmp_path)
    assert not first.board_shown and first.list_stack.currentWidget() is first.table
    first.view_buttons.button(1).click()
    assert first.list_stack.currentWidget() is first.board_view
    first.close()
    assert settings.get(settings.OPPORTUNITIES_VIEW) == "board"
    second = _make_window(qtbot, clock, tmp_path)
    assert second.board_shown and second.list_stack.currentWidget() is second.board_view
    assert not second.status_filter.isVisible()  # a column per outcome: no filter
    second.view_buttons.button(0).click()
    third = _make_window(qtbot, clock, tmp_path)
    assert not third.board_shown and third.list_stack.currentWidget() is third.table


def _select_rows(window: MainWindow, wanted: list[int]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    selection = window.table.selectionModel()
    selection.clearSelection()
    for opportunity_id in wanted:
        at = window.model.position_of(opportunity_id)
        assert at is not None
        index = window.filter.mapFromSource(window.model.index(at, 0))
        selection.select(
            index,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def _action(menu, text: str):
    for action in menu.actions():
        if action.text() == text:
            return action
        if action.menu() is not None:
            found = _action(action.menu(), text)
            if found is not None:
                return found
    return None


def test_three_selected_in_the_list_change_outcome_in_one_undo_step(
    qtbot, store, clock, tmp_path, ids
) -> None:
    window = _make_window(qtbot, clock, tmp_path)
    chosen = [ids["Acme"], ids["Globex"], ids["Hooli"]]
    _select_rows(window, chosen)
    assert sorted(window.selected_ids()) == sorted(chosen)
    before = _dump(store)
    menu = window.bulk_menu()
    _action(menu, Status.NOT_THIS_TIME.label).trigger()
    for opportunity_id in chosen:
        assert queries.opportunity_detail(opportunity_id).status is Status.NOT_THIS_TIME
    assert queries.opportunity_detail(ids["Initech"]).status is Status.INTERVIEWING
    assert window.undo_stack.count() == 1
    assert "3 opportunities are now Not this time." in window.banner.label.text()
    window.undo_action.trigger()
    assert _dump(store) == before


def test_three_selected_on_the_board_are_archived_in_one_undo_step(window, ids, store) -> None:
    chosen = [ids["Acme"], ids["Initech"], ids["Hooli"]]
    assert window.board_view.select(chosen)
    assert sorted(window.selected_ids()) == sorted(chosen)
    before = _dump(store)
    _action(window.board_view.card_menu(), "Archive these 3").trigger()
    assert window.board.shown() == 1
    assert all(queries.opportunity_detail(i).archived for i in chosen)
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert _dump(store) == before
    assert window.board.shown() == len(COMPANIES)


def test_several_cards_dragged_together_move_in_one_undo_step(window, ids, store) -> None:
    chosen = [ids["Acme"], ids["Globex"], ids["Initech"]]
    window.board_view.select(chosen)
    view = window.board_view.views[Status.INTERVIEWING]
    data = view.column.mimeData(view.selectionModel().selectedRows())
    assert sorted(ids_from(data)) == sorted(chosen)
    before = _dump(store)
    _drop(window.board_view.views[Status.AWAITING], data)
    assert sorted(_column_ids(window, Status.AWAITING)) == sorted(chosen)
    assert window.undo_stack.count() == 1
    assert sorted(window.selected_ids()) == sorted(chosen)
    window.undo_action.trigger()
    assert _dump(store) == before


def test_a_drag_carries_ids_and_nothing_else_is_taken() -> None:
    assert ids_from(mime_of([3, 5])) == [3, 5]
    odd = QMimeData()
    odd.setData(MIME_TYPE, b'["1", true, 2, {"x": 1}]')
    assert ids_from(odd) == [2]
    broken = QMimeData()
    broken.setData(MIME_TYPE, b"\xff not json")
    assert ids_from(broken) == []
    text = QMimeData()
    text.setText("12")
    assert ids_from(text) == []


def test_a_column_model_passes_qts_model_checks(qtmodeltester, clock) -> None:
    column = BoardColumn(Status.APPLIED, clock)
    column.set_rows([_row(n, Status.APPLIED) for n in range(5)])
    qtmodeltester.check(column)


def _row(number: int, status: Status, archived: bool = False) -> OpportunityRow:
    moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=number)
    return OpportunityRow(
        id=number + 1,
        company=f"Company {number}",
        role="Analyst",
        status=status,
        next_interview=None,
        latest_interview=None,
        last_activity=moment,
        archived=archived,
        haystack=f"company {number} analyst",
    )


def test_ten_thousand_opportunities_are_ten_thousand_rows_not_widgets(qtbot, clock) -> None:
    statuses = list(Status)
    source = OpportunityTableModel(clock)
    source.set_rows(
        [_row(n, statuses[n % len(statuses)], archived=n % 10 == 0) for n in range(10_000)]
    )
    board = Board(source, clock)
    view = BoardView(board)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    board.wake(True)
    assert board.shown() == 9_000  # the archived tenth stays off
    assert sum(c.rowCount() for c in board.columns.values()) == 9_000
    # A handful of widgets per column, whatever the count of cards.
    assert len(view.findChildren(QLabel)) == len(Status)
    assert len(view.findChildren(ColumnView)) == len(Status)
    # Order holds: most recent activity first in each column.
    column = board.columns[Status.OFFER]
    times = [column.row_at(at).last_activity for at in range(column.rowCount())]
    assert times == sorted(times, reverse=True)
    # One row changed in the source reaches only its column, in place.
    moved = _row(1, Status.OFFER)
    source.update_rows([moved], [moved.id])
    assert board.column_of(moved.id) is Status.OFFER
    assert column.ids()[0] != moved.id or column.row_at(0) == moved


@pytest.mark.parametrize("base", ["#efefef", "#2d2d2d"])  # a light theme, a dark one
def test_the_chosen_view_stands_out_from_the_other(window, base) -> None:
    """The style's own checked look is a shade darker, which a dark palette hid: the
    chosen one of List | Board is painted in the palette's highlight."""
    palette = QPalette(QColor(base))  # a whole palette made from the theme's button colour
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3584e4"))
    list_button, board_button = window.view_buttons.button(0), window.view_buttons.button(1)
    list_button.parentWidget().setPalette(palette)

    def colour(button) -> tuple[float, ...]:
        """The button's mean colour, red, green and blue from 0 to 1."""
        image = button.grab().toImage()
        pixels = [
            image.pixelColor(x, y).getRgbF()[:3]
            for x in range(image.width())
            for y in range(image.height())
        ]
        return tuple(sum(channel) / len(pixels) for channel in zip(*pixels, strict=True))

    for board in (True, False):
        window.show_board(board)
        chosen, other = (board_button, list_button) if board else (list_button, board_button)
        assert chosen.isChecked() and not other.isChecked()
        apart = sum((a - b) ** 2 for a, b in zip(colour(chosen), colour(other), strict=True))
        assert apart**0.5 > 0.25, base


def _click_row(qtbot, window: MainWindow, opportunity_id: int, keys=Qt.KeyboardModifier.NoModifier):
    at = window.model.position_of(opportunity_id)
    assert at is not None
    index = window.filter.mapFromSource(window.model.index(at, 0))
    table = window.table
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, keys, table.visualRect(index).center()
    )


def test_several_selected_in_the_list_show_a_summary_and_change_together(
    qtbot, store, clock, tmp_path, ids
) -> None:
    window = _make_window(qtbot, clock, tmp_path)
    qtbot.waitExposed(window)
    pane = window.detail
    _click_row(qtbot, window, ids["Acme"])
    assert pane.detail is not None and pane.detail.company == "Acme"  # one: as before
    for company in ("Globex", "Hooli"):
        _click_row(qtbot, window, ids[company], Qt.KeyboardModifier.ControlModifier)
    # Not the last one clicked: how many, and what can be done to all of them.
    assert pane.detail is None
    assert "3 opportunities selected" in pane.heading.text()
    assert "act on all 3 at once" in pane.body.toPlainText()
    assert pane.status_button.isEnabled() and pane.archive_button.isEnabled()
    assert not pane.edit_button.isEnabled() and not pane.note_button.isEnabled()
    assert pane.body.accessibleDescription().startswith("3 opportunities selected.")

    _action(pane.status_button.menu(), Status.WITHDRAWN.label).trigger()
    for company in ("Acme", "Globex", "Hooli"):
        assert queries.opportunity_detail(ids[company]).status is Status.WITHDRAWN
    assert queries.opportunity_detail(ids["Initech"]).status is Status.INTERVIEWING
    assert window.undo_stack.count() == 1  # one step, as from the list's menu

    _click_row(qtbot, window, ids["Initech"])
    assert pane.detail is not None and pane.detail.company == "Initech"
    assert pane.edit_button.isEnabled() and "selected" not in pane.heading.text()


def test_several_cards_selected_on_the_board_archive_together(window, ids) -> None:
    pane = window.detail
    assert window.board_view.select([ids["Acme"], ids["Hooli"]])
    assert "2 opportunities selected" in pane.heading.text()
    pane.archive_button.click()
    for company in ("Acme", "Hooli"):
        assert queries.opportunity_detail(ids[company]).archived
    assert not queries.opportunity_detail(ids["Globex"]).archived


def test_the_selected_rows_are_counted_once_each(qtbot, store, clock, tmp_path, ids) -> None:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    from desktop.ui.board_actions import selected_row_count

    window = _make_window(qtbot, clock, tmp_path)
    table, model = window.table, window.filter
    selection = table.selectionModel()
    flag = QItemSelectionModel.SelectionFlag
    assert selected_row_count(table) == 0
    table.selectAll()
    assert selected_row_count(table) == 4
    selection.clearSelection()
    selection.select(QItemSelection(model.index(0, 0), model.index(2, 0)), flag.Select)
    selection.select(QItemSelection(model.index(1, 1), model.index(3, 2)), flag.Select)
    selection.select(model.index(2, 3), flag.Select)  # cells of rows already counted
    rows = {index.row() for index in selection.selectedIndexes()}
    assert selected_row_count(table) == len(rows) == 4
    selection.select(model.index(1, 0), flag.Deselect | flag.Rows)
    rows = {index.row() for index in selection.selectedIndexes()}
    assert selected_row_count(table) == len(rows) == 3
