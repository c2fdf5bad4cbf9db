"""The Insights tab: what the user's own history says about their search."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.clock import Clock
from desktop.domain.insights import FELT_LABELS, FORWARD, NOT, OPEN, OUTCOME_LABELS
from desktop.services.insights import Insights, gather_insights, history_size
from desktop.ui import strings
from desktop.ui.background_op import BackgroundOp, run_in_background
from desktop.ui.bar_chart import BarChart, Series
from desktop.ui.company_table import CompanyModel

MAX_COMPANIES = 200
# Opportunities from which the tab is read off the GUI thread: a smaller history reads in
# well under 100 ms on a slow machine, and is drawn at once rather than a moment later.
BACKGROUND_FROM = 2_000
SHOWN_ROWS = 12


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # company names are user data
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def week_sentence(done: int, goal: int) -> str:
    """Applications sent this week, against the weekly goal when there is one."""
    if goal and done < goal:
        text = strings.INSIGHTS_WEEK_GOAL
    elif goal:
        text = strings.INSIGHTS_WEEK_GOAL_MET_ONE if done == 1 else strings.INSIGHTS_WEEK_GOAL_MET
    else:
        text = strings.INSIGHTS_WEEK_NO_GOAL_ONE if done == 1 else strings.INSIGHTS_WEEK_NO_GOAL
    return text.format(done=done, goal=goal)


class ChartSection(QGroupBox):
    """A chart with its plain sentence above and its numbers, as text, one click away."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        layout = QVBoxLayout(self)
        self.sentence = _label()
        self.chart = BarChart(title)
        self.toggle = QToolButton()
        self.toggle.setText(strings.INSIGHTS_SHOW_NUMBERS)
        self.toggle.setCheckable(True)
        self.numbers = _label()
        self.numbers.hide()
        self.toggle.toggled.connect(self.numbers.setVisible)
        for widget in (self.sentence, self.chart, self.toggle, self.numbers):
            layout.addWidget(widget)

    def refresh_numbers(self) -> None:
        self.numbers.setText(self.chart.as_text())


class InsightsView(QScrollArea):
    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.intro = _label()
        layout.addWidget(self.intro)
        self.felt = ChartSection(strings.INSIGHTS_FELT)
        self.funnel = ChartSection(strings.INSIGHTS_FUNNEL)
        self.weeks = ChartSection(strings.INSIGHTS_WEEKS)
        for section in (self.felt, self.funnel, self.weeks):
            section.chart.setMinimumHeight(200)
            layout.addWidget(section)
        companies = QGroupBox(strings.INSIGHTS_COMPANIES)
        company_layout = QVBoxLayout(companies)
        self.company_model = CompanyModel(self)
        self.companies = QTableView()
        self.companies.setModel(self.company_model)
        self.companies.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.companies.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.companies.verticalHeader().hide()  # row numbers mean nothing here
        self.companies.setWordWrap(False)
        self.companies.setAlternatingRowColors(True)
        header = self.companies.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Columns fit the rows shown without scrolling, not all 200 (measured through
        # Python, 200 rows took 100 ms and more of the GUI thread): their words are short.
        pass  # header.setResizeContentsPrecision(SHOWN_ROWS)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("Went silent") + 24)
        company_layout.addWidget(self.companies)
        layout.addWidget(companies)
        lessons = QGroupBox(strings.INSIGHTS_LESSONS)
        lessons_layout = QVBoxLayout(lessons)
        self.lessons = _label()
        lessons_layout.addWidget(self.lessons)
        layout.addWidget(lessons)
        layout.addStretch(1)
        self.setWidget(body)
        self.data: Insights | None = None
        self.background_from = BACKGROUND_FROM
        self.loading: BackgroundOp[Insights] | None = None
        self._again = False

    def refresh(self) -> Insights:
        """Read and draw now, on this thread."""
        return self.show_data(gather_insights(self.clock))

    def refresh_soon(self, data_dir: Path) -> None:
        """Read a big history in a worker thread and draw it when read (the tab keeps what
        it showed meanwhile); a small one at once."""
        if self.loading is not None:
            self._again = True  # changed while being read: read once more after
            return
        if history_size() < self.background_from:
            self.refresh()
            return
        if self.data is None:
            self.intro.setText(strings.INSIGHTS_READING)
        clock = self.clock

        def loaded(data: Insights) -> None:
            self.show_data(data)

        def ended() -> None:
            self.loading = None
            if self._again:
                self._again = False
                self.refresh_soon(data_dir)

        self.loading = run_in_background(
            self, "", lambda _progress: gather_insights(clock), data_dir, done=loaded, quiet=True
        )
        self.loading.finished.connect(ended)

    def show_data(self, data: Insights) -> Insights:
        self.data = data
        self.intro.setText(
            strings.INSIGHTS_EMPTY if data.opportunities == 0 else strings.INSIGHTS_INTRO
        )
        self._felt(data)
        self._funnel(data)
        self._weeks(data)
        self._companies(data)
        self._lessons(data)
        charts = [section.chart for section in (self.felt, self.funnel, self.weeks)]
        widest = max([c.top_label() for c in charts] + ["0000"], key=len)
        for section in (self.felt, self.funnel, self.weeks):
            section.chart.axis_at_least = widest  # their plots line up, one above the other
            section.refresh_numbers()
        return data

    def _felt(self, data: Insights) -> None:
        felts = list(FELT_LABELS)
        self.felt.sentence.setText(data.felt.sentence())
        self.felt.chart.set_data(
            [FELT_LABELS[f] for f in felts],
            [
                Series(OUTCOME_LABELS[o], tuple(data.felt.counts[f][o] for f in felts), o == OPEN)
                for o in (FORWARD, NOT, OPEN)
            ],
            stacked=True,
        )

    def _funnel(self, data: Insights) -> None:
        steps = []
        for stage in data.funnel:
            rate = f" ({stage.rate:.0%})" if stage.rate is not None else ""
            steps.append(f"{stage.count} {stage.label.lower()}{rate}")
        self.funnel.sentence.setText(" → ".join(steps))
        self.funnel.chart.set_data(
            [s.label for s in data.funnel],
            [Series(strings.INSIGHTS_OPPORTUNITIES, tuple(s.count for s in data.funnel))],
        )

    def _weeks(self, data: Insights) -> None:
        goal = data.weekly_goal
        self.weeks.sentence.setText(week_sentence(data.weeks[-1].applications, goal))
        self.weeks.chart.set_data(
            [f"{w.start:%d %b}" for w in data.weeks],
            [
                Series(strings.INSIGHTS_APPLICATIONS, tuple(w.applications for w in data.weeks)),
                Series(strings.INSIGHTS_INTERVIEWS, tuple(w.interviews for w in data.weeks)),
                Series(strings.INSIGHTS_NOTES, tuple(w.notes for w in data.weeks)),
            ],
            goal=goal or None,
            goal_label=strings.INSIGHTS_GOAL,
        )

    def _companies(self, data: Insights) -> None:
        self.company_model.set_rows(data.companies[:MAX_COMPANIES])
        # As tall as its rows (up to about a dozen, then it scrolls): no empty box below.
        table = self.companies
        rows = min(self.company_model.rowCount(), SHOWN_ROWS)
        if rows:
            # One line a row (no word wrap): one row measured sets them all, instead of
            # asking the model for each of 200 (14,000 Python calls).
            table.verticalHeader().setDefaultSectionSize(table.sizeHintForRow(0))
        row_height = table.verticalHeader().defaultSectionSize()
        self._fit_columns()
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        table.setFixedHeight(height + max(rows, 1) * row_height)

    def _fit_columns(self) -> None:
        table, model = self.companies, self.company_model
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        # What Qt's item delegate adds around a text: the focus frame's margin each side.
        margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        for column in range(1, model.columnCount()):
            widest = max(
                (
                    metrics.horizontalAdvance(model.text(row, column))
                    for row in range(model.rowCount())
                ),
                default=0,
            )
            header.resizeSection(
                column,
                max(widest + margin, header.sectionSizeHint(column), header.minimumSectionSize()),
            )

    def _lessons(self, data: Insights) -> None:
        lines = [f"• {label} (×{count})" for label, count in data.lessons.mistakes if count > 1]
        lines += [f"• {lesson}" for lesson in data.lessons.lessons]
        self.lessons.setText("\n".join(lines) if lines else strings.INSIGHTS_NO_LESSONS)
