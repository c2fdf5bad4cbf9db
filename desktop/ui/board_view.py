"""The board: one column per outcome, each a list view over its own small model, so only
the cards in sight are drawn. A card moves by drag and drop, by Ctrl+Shift+Left/Right,
or by its menu's "Move to"; the view only asks (`move_requested`), the window makes the
change through the services and the card follows the list's model to its new column."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.vocabulary import Status
from desktop.ui import board_strings as texts
from desktop.ui.board_model import NEXT_ROLE, ROLE_ROLE, Board, BoardColumn
from desktop.ui.opportunity_model import ROW_ID_ROLE

ORDER = list(Status)  # the columns, left to right: the live outcomes first
COLUMN_WIDTH = 200
_Index = QModelIndex | QPersistentModelIndex


class CardDelegate(QStyledItemDelegate):
    """A card: the company in bold, the role, and the next interview when there is one."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        lines = option.fontMetrics.height() * 3 + 2
        return QSize(COLUMN_WIDTH - 24, lines + 2 * self.PAD + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        rect: QRect = option.rect.adjusted(3, 3, -3, -3)
        state = option.state
        palette: QPalette = option.palette
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = palette.highlight() if selected else palette.base()
        # The text's colour, faint: a border that shows on light and dark themes alike.
        border = palette.color(QPalette.ColorRole.Text)
        border.setAlpha(70)
        if selected:
            border = palette.color(QPalette.ColorRole.Highlight)
        pen = QPen(border)
        pen.setWidth(2 if state & QStyle.StateFlag.State_HasFocus else 1)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        inner = rect.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD)
        height = option.fontMetrics.height()
        font: QFont = option.font
        lines = (
            (str(index.data(Qt.ItemDataRole.DisplayRole) or ""), True, text_role),
            (str(index.data(ROLE_ROLE) or ""), False, text_role),
            (
                str(index.data(NEXT_ROLE) or ""),
                False,
                text_role if selected else QPalette.ColorRole.PlaceholderText,
            ),
        )
        for number, (text, bold, role) in enumerate(lines):
            line_font = QFont(font)
            line_font.setBold(bold)
            painter.setFont(line_font)
            painter.setPen(palette.color(role))
            line = QRect(inner.left(), inner.top() + number * height, inner.width(), height)
            shown = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, line.width()
            )
            painter.drawText(
                line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown
            )
        painter.restore()


class ColumnView(QListView):
    """One outcome's cards. Ctrl+Shift+Left/Right asks to move the selected ones."""

    step_requested = Signal(object, int)  # (this view, -1 or +1)

    def __init__(self, column: BoardColumn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        self.setModel(column)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)  # ten thousand cards: no per-card size to measure
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAccessibleDescription(texts.A11Y_COLUMN_DESCRIPTION)
        # Cards (the base colour) stand out on the window's colour, in light and dark themes.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        wanted = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if event.modifiers() & wanted == wanted and event.key() in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
        ):
            self.step_requested.emit(self, -1 if event.key() == Qt.Key.Key_Left else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self.column.row_at(row).id for row in rows]


class BoardView(QWidget):
    move_requested = Signal(object, object)  # (ids, Status)
    archive_requested = Signal(object)  # ids
    open_requested = Signal()  # the current card, for editing
    current_changed = Signal()  # the selection moved: the detail pane follows

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = board
        self.views: dict[Status, ColumnView] = {}
        self.headers: dict[Status, QLabel] = {}
        self._active: ColumnView | None = None
        self._quiet = False
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for status in ORDER:
            view = ColumnView(board.columns[status])
            header = QLabel()
            header.setBuddy(view)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(header)
            box.addWidget(view, 1)
            holder = QFrame()
            holder.setLayout(box)
            holder.setFixedWidth(COLUMN_WIDTH)
            box.setContentsMargins(0, 0, 0, 0)
            row.addWidget(holder)
            view.step_requested.connect(self._step)
            view.column.dropped.connect(self._dropped)
            view.activated.connect(lambda _index: self.open_requested.emit())
            view.customContextMenuRequested.connect(
                lambda position, v=view: self._context_menu(v, position)
            )
            view.selectionModel().selectionChanged.connect(
                lambda *_args, v=view: self._on_selection(v)
            )
            view.selectionModel().currentChanged.connect(
                lambda *_args, v=view: self._on_selection(v)
            )
            self.views[status] = view
            self.headers[status] = header
        row.addStretch(1)
        self.strip_area = QScrollArea()
        self.strip_area.setWidget(strip)
        self.strip_area.setWidgetResizable(True)
        self.strip_area.setFrameShape(QFrame.Shape.NoFrame)
        self.strip_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip_area)
        self.setAccessibleName(texts.A11Y_BOARD)
        board.changed.connect(self._count)
        self._count()

    def _count(self) -> None:
        for status, view in self.views.items():
            count = view.column.rowCount()
            self.headers[status].setText(
                texts.COLUMN_HEADER.format(status=status.label, count=count)
            )
            view.setAccessibleName(texts.A11Y_COLUMN.format(status=status.label, count=count))

    # ----- selection ------------------------------------------------------------------
    def _on_selection(self, view: ColumnView) -> None:
        if self._quiet:
            return
        if view.selectionModel().hasSelection():
            adding = QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
            self._active = view
            if not adding:  # a plain click starts a new selection: the other columns let go
                self._quiet = True
                try:
                    self._clear_except(view)
                finally:
                    self._quiet = False
        self.current_changed.emit()

    def _clear_except(self, keep: ColumnView | None) -> None:
        for view in self.views.values():
            if view is not keep:
                view.selectionModel().clearSelection()

    def selected_ids(self) -> list[int]:
        """Every selected card, column by column, left to right."""
        return [row_id for status in ORDER for row_id in self.views[status].selected_ids()]

    def current_id(self) -> int | None:
        view = self._active
        if view is None:
            return None
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().isSelected(index):
            chosen = view.selectionModel().selectedRows()
            if not chosen:
                return None
            index = chosen[0]
        row_id: int = index.data(ROW_ID_ROLE)
        return row_id

    def select(self, ids: Iterable[int], focus: bool = False) -> bool:
        """Select these cards (the first becomes current); False when none is on the board."""
        found = [(row_id, self.board.column_of(row_id)) for row_id in ids]
        placed = [(row_id, status) for row_id, status in found if status is not None]
        if not placed:
            return False
        self._quiet = True
        try:
            self._clear_except(None)
            for number, (row_id, status) in enumerate(placed):
                view = self.views[status]
                at = view.column.position_of(row_id)
                if at is None:
                    continue
                index = view.column.index(at)
                flag = QItemSelectionModel.SelectionFlag.Select
                if number == 0:
                    view.selectionModel().setCurrentIndex(index, flag)
                    view.scrollTo(index)
                    self._active = view
                    self.strip_area.ensureWidgetVisible(view, 0, 0)
                    if focus:
                        view.setFocus()
                else:
                    view.selectionModel().select(index, flag)
        finally:
            self._quiet = False
        self.current_changed.emit()
        return True

    # ----- moving ---------------------------------------------------------------------
    def _dropped(self, ids: list[int], status: Status) -> None:
        self.move_requested.emit(ids, status)
        self.select(ids, focus=True)

    def _step(self, view: ColumnView, delta: int) -> None:
        at = ORDER.index(view.column.status) + delta
        ids = self.selected_ids()
        if not ids or not 0 <= at < len(ORDER):
            return
        self.move_to(ids, ORDER[at])

    def move_to(self, ids: list[int], status: Status) -> None:
        """Ask for the move; the cards stay selected wherever they end up."""
        self.move_requested.emit(ids, status)
        self.select(ids, focus=True)

    def _context_menu(self, view: ColumnView, position: QPoint) -> None:
        if not view.indexAt(position).isValid():
            return
        menu = self.card_menu()
        menu.popup(view.viewport().mapToGlobal(position))

    def card_menu(self) -> QMenu:
        """Open, Move to (each other outcome), Archive: for the selected cards."""
        ids = self.selected_ids()
        menu = QMenu(self)
        if len(ids) == 1:
            menu.addAction(texts.OPEN, self.open_requested.emit)
        moves = menu.addMenu(texts.MOVE_TO)
        here = {self.board.column_of(row_id) for row_id in ids}
        for status in ORDER:
            action = moves.addAction(status.label)
            action.setEnabled(here != {status})
            action.triggered.connect(lambda _=False, s=status: self.move_to(self.selected_ids(), s))
        menu.addAction(
            texts.ARCHIVE_ALL.format(count=len(ids)) if len(ids) > 1 else texts.ARCHIVE_ONE,
            lambda: self.archive_requested.emit(self.selected_ids()),
        )
        return menu
