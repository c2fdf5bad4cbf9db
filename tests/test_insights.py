"""Insights: statistics on hand-built histories with known answers, and the dashboard
rendering empty, small and large histories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPointF, Qt

from db.connection import DB
from db.vocabulary import Status
from desktop.domain.insights import (
    FORWARD,
    NOT,
    OPEN,
    OpportunityHistory,
    company_memory,
    felt_vs_outcome,
    funnel,
)
from desktop.playbook.weeks import weekly_activity
from desktop.services.debriefs import DebriefData, save_debrief
from desktop.services.insights import gather_insights, memory_of
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.queries import opportunity_id_of_interview
from tests.conftest import interview_draft, open_window

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def _history(status: str, felts: list[int | None], company: str = "Acme", **extra):
    talks = tuple(
        (NOW - timedelta(days=30 - n), extra.pop("round", "") if n == 0 else "", felt)
        for n, felt in enumerate(felts)
    )
    return OpportunityHistory(
        company=company,
        status=status,
        applied_at=NOW - timedelta(days=40),
        interviews=talks,
        statuses_reached=frozenset({status, *extra.get("reached", ())}),
        first_answer_at=extra.get("answered"),
    )


def test_felt_against_outcome_with_a_plain_sentence() -> None:
    histories = [
        # felt badly, then a second interview: moved forward
        _history("interviewing", [1, 4]),
        _history("not_this_time", [2]),
        _history("offer", [2], reached={"offer"}),
        _history("not_this_time", [5]),
        _history("awaiting_decision", [4]),
        _history("withdrawn", [1]),  # the user's decision, not an outcome
    ]
    table = felt_vs_outcome(histories)
    assert table.counts[1] == {FORWARD: 1, NOT: 0, OPEN: 0}
    assert table.counts[2] == {FORWARD: 1, NOT: 1, OPEN: 0}
    assert table.counts[4] == {FORWARD: 0, NOT: 0, OPEN: 2}
    assert table.sentence() == (
        "Of the 3 interviews you felt went badly, 2 moved forward. "
        "Of the 1 interview you felt went well, 0 moved forward. 2 more are still open."
    )


def test_too_little_history_is_explained_gently() -> None:
    assert (
        "Too early to tell: 1 of your debriefed interviews has an outcome"
        in felt_vs_outcome(
            [_history("not_this_time", [2]), _history("interviewing", [3])]
        ).sentence()
    )
    assert felt_vs_outcome([]).sentence().startswith("When you write a debrief")


def test_funnel_counts_and_rates() -> None:
    histories = [
        *[_history("applied", []) for _ in range(6)],
        _history("not_this_time", [3]),
        _history("interviewing", [3, 3, 3]),
        _history("not_this_time", [3], round="Final round"),
        _history("accepted", [3, 3], reached={"offer"}),
    ]
    stages = funnel(histories)
    assert [(s.label, s.count) for s in stages] == [
        ("Applied", 10),
        ("Interviewed", 4),
        ("Final round", 3),
        ("Offer", 1),
    ]
    assert stages[0].rate is None and stages[1].rate == pytest.approx(0.4)
    assert stages[3].rate == pytest.approx(1 / 3)


def test_weekly_activity_buckets_by_local_monday() -> None:
    sunday_night = datetime(2026, 11, 15, 23, 30, tzinfo=BERLIN)  # previous week
    monday = datetime(2026, 11, 16, 0, 30, tzinfo=BERLIN)
    weeks = weekly_activity([sunday_night, monday, NOW], [monday], [], NOW, BERLIN)
    assert len(weeks) == 12 and weeks[-1].start.isoformat() == "2026-11-16"
    assert (weeks[-1].applications, weeks[-2].applications) == (2, 1)
    assert weeks[-1].interviews == 1


def test_company_memory_median_wait_silence_and_no() -> None:
    found = company_memory(
        [
            _history("no_response", [], answered=None),
            _history("not_this_time", [], answered=NOW - timedelta(days=30)),
            _history("interviewing", [3], answered=NOW - timedelta(days=20)),
            _history("applied", [], company="Globex"),
        ]
    )
    acme = found[0]
    assert (acme.company, acme.applications, acme.went_silent, acme.said_no) == ("Acme", 3, 1, 1)
    assert acme.answered_in_days == pytest.approx(15)
    assert acme.sentence() == (
        'Acme: 3 applications, answered in about 15 days, "Not this time" 1×, went silent 1×.'
    )


# ----- through the database and the window ----------------------------------------------


def _debriefed(clock, company: str, felt: int, status: Status | None) -> None:
    interview = log_interview(interview_draft(clock, company=company), clock)
    save_debrief(interview, DebriefData(felt=felt), clock)
    if status is not None:
        change_status(opportunity_id_of_interview(interview), status, clock)


def test_a_user_with_a_few_weeks_learns_something_true(store, clock) -> None:
    for n, (felt, status) in enumerate(
        [(1, Status.OFFER), (2, Status.NOT_THIS_TIME), (2, Status.OFFER), (5, Status.NOT_THIS_TIME)]
    ):
        _debriefed(clock, f"Company {n}", felt, status)
    found = gather_insights(clock)
    assert found.felt.sentence().startswith(
        "Of the 3 interviews you felt went badly, 2 moved forward."
    )
    assert [s.count for s in found.funnel] == [4, 4, 2, 2]
    assert memory_of("company 1", clock.tz).said_no == 1


def test_the_dashboard_renders_empty_small_and_large(qtbot, store, clock, tmp_path) -> None:
    window = open_window(qtbot, clock, tmp_path)
    window.show_insights()
    assert window.tabs.currentWidget() is window.insights
    assert "Nothing to show yet" in window.insights.intro.text()
    assert window.insights.felt.chart.as_text().startswith("Went badly: Moved forward 0")

    _debriefed(clock, "Acme", 2, Status.OFFER)
    window.refresh()
    assert window.insights.data.opportunities == 1
    chart = window.insights.felt.chart
    window.resize(900, 700)
    chart.grab()  # paints
    bars = {text: rect for rect, text in chart._bars}
    forward = bars["Rough in places — Moved forward: 1"]
    assert chart.tooltip_at(forward.center()) == "Rough in places — Moved forward: 1"
    assert chart.tooltip_at(QPointF(0, 0)) is None
    assert "Rough in places: Moved forward 1" in window.insights.felt.numbers.text()

    _bulk_history(1000, clock)
    window.refresh()
    assert window.insights.data.opportunities == 1001
    assert window.insights.company_model.rowCount() == 200
    for size in ((320, 240), (1600, 1000)):
        window.resize(*size)
        window.insights.grab()

    # Stacked one above the other, the charts' plots begin at the same x, though the
    # funnel's axis reads 10000 and the others' fewer digits.
    from dataclasses import replace

    from desktop.domain.insights import Stage

    insights = window.insights
    funnel = [
        Stage(s.label, 10000 if n == 0 else 1000, None) for n, s in enumerate(insights.data.funnel)
    ]
    insights.show_data(replace(insights.data, funnel=funnel))
    insights.grab()
    assert insights.funnel.chart.top_label() == "10000"
    lefts = {s.chart.plot_area.left() for s in (insights.felt, insights.funnel, insights.weeks)}
    assert len(lefts) == 1, lefts


def test_the_chart_reads_in_dark_and_light_palettes(qtbot) -> None:
    from PySide6.QtGui import QColor, QPalette

    from desktop.ui.bar_chart import BarChart, Series

    chart = BarChart("Test")
    qtbot.addWidget(chart)
    chart.set_data(["a", "b"], [Series("x", (1, 2))])
    for window_colour in ("#202020", "#f5f5f5"):
        palette = chart.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(window_colour))
        chart.setPalette(palette)
        bar = chart.colour(0, chart.series[0])
        contrast = abs(bar.lightness() - QColor(window_colour).lightness())
        assert contrast > 60
        chart.resize(400, 200)
        chart.grab()
    assert chart.accessibleDescription() == "a: x 1\nb: x 2"


def _bulk_history(count: int, clock) -> None:
    """Many opportunities at once, straight through the models (the services would replan
    each, which this test does not need)."""
    from db.models import Company, Interview, Opportunity, StatusChange

    now = clock.now()
    with DB.atomic():
        for n in range(count):
            company = Company.create(name=f"Bulk {n}", created_at=now)
            opp = Opportunity.create(
                company=company,
                role_title="Analyst",
                status=Status.NOT_THIS_TIME.value if n % 3 else Status.APPLIED.value,
                created_at=now - timedelta(days=n % 80),
                updated_at=now,
            )
            StatusChange.create(opportunity=opp, to_status=opp.status, changed_at=now)
            if n % 2:
                Interview.create(
                    opportunity=opp, starts_at=now - timedelta(days=n % 60), created_at=now
                )


def test_adding_at_a_company_that_said_no_shows_what_happened(qtbot, store, clock, tmp_path):
    _debriefed(clock, "Initech", 3, Status.NOT_THIS_TIME)
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.new_opportunity()
    qtbot.addWidget(dialog)
    assert dialog.company_hint.isHidden()
    dialog.fields["company"].setText("initech")
    assert dialog.company_hint.text().startswith("You've been here before — Initech: 1 application")
    assert '"Not this time" 1×' in dialog.company_hint.text()
    dialog.fields["company"].setText("Globex")
    assert dialog.company_hint.isHidden()


def test_a_nudge_opens_where_the_next_step_happens(qtbot, store, clock, tmp_path) -> None:
    from desktop.playbook.nudges import NudgeKind
    from desktop.services.nudges import plan_nudge
    from desktop.services.reminders import reminder_view

    log_interview(interview_draft(clock), clock)
    clock.advance(days=1)
    made = plan_nudge(clock)
    window = open_window(qtbot, clock, tmp_path)
    # Open on the nudge's row in Today goes there (main disabled it).
    row = window.today.actions_for(made)
    assert row.open_button.isEnabled()
    with qtbot.waitSignal(window.today.act_requested) as opened:
        row.open_button.click()
    assert opened.args[0].id == made
    qtbot.waitUntil(lambda: reminder_view(made).state.value == "done")
    dialog = window.active_dialog
    assert dialog is not None and dialog.windowTitle() == "Add an opportunity"
    dialog.reject()
    view = reminder_view(made)
    assert view.kind is NudgeKind.FEW_LIVE


def test_what_each_company_did_reads_right(qtbot, store, clock, tmp_path) -> None:
    from PySide6.QtWidgets import QHeaderView

    from desktop.domain.forms import validate_opportunity
    from desktop.services.opportunities import create_opportunity

    def applied(company: str, days_ago: int) -> int:
        on = (clock.now() - timedelta(days=days_ago)).date().isoformat()
        raw = {"company": company, "role": "Analyst", "applied_on": on}
        return create_opportunity(validate_opportunity(raw), clock)

    silent = applied("Acme", 20)
    change_status(silent, Status.NO_RESPONSE, clock)  # the user's mark, not an answer
    change_status(applied("Initech", 5), Status.NOT_THIS_TIME, clock)
    applied("Umbrella", 2)  # still waiting
    log_interview(interview_draft(clock, company="Globex"), clock)  # answered; wait unknown
    window = open_window(qtbot, clock, tmp_path)
    window.show_insights()
    table, model = window.insights.companies, window.insights.company_model
    rows = {model.text(r, 0): [model.text(r, c) for c in range(5)] for r in range(model.rowCount())}
    assert rows["Acme"] == ["Acme", "1", "no answer yet", "—", "1"]
    assert rows["Initech"] == ["Initech", "1", "about 5 days", "1", "—"]
    assert rows["Umbrella"][2] == "no answer yet"
    assert rows["Globex"][2] == "—"
    assert table.verticalHeader().isHidden()
    header = table.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    window.resize(1366, 768)
    table.grab()
    for column, title in enumerate(
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)
    ):
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title)
    # Every row's words fit their column, and every row is one line of text.
    for row in range(model.rowCount()):
        for column in range(1, 5):
            width = table.fontMetrics().horizontalAdvance(model.text(row, column))
            assert header.sectionSize(column) > width
        assert table.rowHeight(row) >= table.fontMetrics().height()


def _applied(clock, *days: int) -> None:
    """One application on each of these days of November 2026, as the user dates them."""
    from datetime import date

    from desktop.domain.forms import OpportunityDraft
    from desktop.services.opportunities import add_opportunity

    for n, on in enumerate(days):
        draft = OpportunityDraft(
            company=f"Sent {on}-{n}", role="Analyst", applied_on=date(2026, 11, on)
        )
        add_opportunity(draft, clock)


def test_this_week_counts_applications_against_the_weekly_goal(
    qtbot, store, clock, tmp_path
) -> None:
    # Sunday 22 November: this week began on Monday the 16th; the 15th is last week's.
    from desktop.playbook.nudges import NudgeSettings
    from desktop.services.nudges import save_nudge_settings

    _applied(clock, 9, 13, 15, 15, 16, 20)
    window = open_window(qtbot, clock, tmp_path)
    window.show_insights()
    sentence = window.insights.weeks.sentence
    assert sentence.text() == "This week: 2 of 5 applications."
    assert window.insights.weeks.chart.series[0].values[-2:] == (4, 2)

    _applied(clock, 17, 18, 21, 22, 22)  # seven this week: past the goal of five
    window.refresh()
    assert sentence.text() == "This week: 7 applications, your goal of 5 reached."

    save_nudge_settings(NudgeSettings(weekly_goal=7))
    window.refresh()
    assert sentence.text() == "This week: 7 applications, your goal of 7 reached."
    save_nudge_settings(NudgeSettings(weekly_goal=0))  # no goal: the count alone
    window.refresh()
    assert sentence.text() == "This week: 7 applications."


def test_the_week_sentence_reads_right_in_the_singular() -> None:
    from desktop.ui.insights_view import week_sentence

    assert week_sentence(1, 1) == "This week: 1 application, your goal of 1 reached."
    assert week_sentence(1, 0) == "This week: 1 application."
    assert week_sentence(0, 1) == "This week: 0 of 1 applications."


@pytest.mark.parametrize("point_size", [9, 16])
def test_the_widest_axis_label_fits_left_of_the_bars(qtbot, point_size) -> None:
    from desktop.ui.bar_chart import BarChart, Series

    chart = BarChart("Funnel")
    qtbot.addWidget(chart)
    font = chart.font()
    font.setPointSize(point_size)
    chart.setFont(font)
    chart.set_data(["Applied", "Offer"], [Series("Opportunities", (10000, 1000))])
    chart.resize(600, 240)
    chart.grab()  # paints
    room = chart.plot_area.left() - 4  # the labels end 4 px before the plot
    assert room >= chart.fontMetrics().horizontalAdvance("10000"), chart.as_text()
