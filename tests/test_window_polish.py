"""The window, right the first time: focus, fitting the screen, refusals that say why."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox, QLabel, QLineEdit

from db.models import Contact, Interview, Opportunity
from desktop.services.queries import opportunity_detail
from desktop.services.reminders import reminders_of
from desktop.services.vocabulary import Status
from desktop.ui.screen_fit import DECORATION
from tests.conftest import REPO, open_window


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    return open_window(qtbot, clock, tmp_path)


@pytest.mark.parametrize("opener", ["new_interview", "new_opportunity"])
def test_typing_right_after_opening_goes_into_the_company(qtbot, window, opener) -> None:
    dialog = getattr(window, opener)()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    focused = QApplication.focusWidget()
    assert focused is dialog.fields["company"]
    qtbot.keyClicks(focused, "Quartz Mining Group")
    assert dialog.isVisible()  # the Space did not press Save
    assert isinstance(dialog.fields["company"], QLineEdit)
    assert dialog.fields["company"].text() == "Quartz Mining Group"


def test_tab_goes_through_the_fields_then_the_buttons(qtbot, window) -> None:
    dialog = window.new_opportunity()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    seen = []
    for _ in range(len(dialog.fields) + 4):  # every field, then the buttons
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    names = [w.objectName() or type(w).__name__ for w in seen]
    fields = ["company", "role", "status", "source", "posting_url"]
    assert names[: len(fields)] == fields
    assert isinstance(seen[5], QCheckBox)  # the "applied on" box
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert seen.index(save) > names.index("notes")


SCREENS = {
    # (width, height, scale): a common laptop at 100 %, a small one at 125 %.
    "1366x768@100%": (1366, 768, "1"),
    "1280x720@125%": (1280, 720, "1.25"),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_every_dialog_and_the_window_fit_a_small_screen(tmp_path, screen) -> None:
    width, height, scale = SCREENS[screen]
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "small", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}))  # fmt: skip
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "TZ": "Europe/Berlin",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.screen_probe", str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    sx, sy, sw, sh = found["screen"]
    assert (sw, sh) == (round(width / float(scale)), round(height / float(scale)))
    # Room for the title bar and borders the window manager adds.
    room_w, room_h = sw - DECORATION.width(), sh - DECORATION.height()
    too_big = {}
    for name, placed in {"window": found["window"],
                         **found["dialogs"]}.items():  # fmt: skip
        x, y, frame_w, frame_h, w, h = placed["frame"]
        min_w, min_h = placed["min"]
        inside = sx <= x and sy <= y and x + frame_w <= sx + sw and y + frame_h <= sy + sh
        if w > room_w or h > room_h or min_w > room_w or min_h > room_h or not inside:
            too_big[name] = placed
    assert too_big == {}, f"on {sw}×{sh}"


def _probe_window(tmp_path, width: int, height: int, remembered: str) -> dict[str, list[int]]:
    """Where the window opens on a screen of this size (a subprocess: a screen is fixed
    per process), with no geometry kept ("none") or with the one given."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "probe", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "TZ": "UTC"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.screen_probe", str(tmp_path), remembered],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found: dict[str, list[int]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize(
    ("width", "height"), [(1600, 1000), (1920, 1080), (2560, 1440), (1366, 768), (1024, 600)]
)
def test_a_first_start_uses_a_large_screen_and_still_fits_a_small_one(
    tmp_path, width, height
) -> None:
    found = _probe_window(tmp_path, width, height, "none")
    sx, sy, sw, sh = found["screen"]
    x, y, frame_w, frame_h, w, h = found["window"]
    # Whole on the screen, room left for the title bar and borders.
    assert w <= sw - DECORATION.width() and h <= sh - DECORATION.height()
    assert sx <= x and sy <= y and x + frame_w <= sx + sw and y + frame_h <= sy + sh
    # Most of a large screen, never a sea of space on a very large one; centred.
    assert w >= min(1100, sw - DECORATION.width()) and h >= min(680, sh - DECORATION.height())
    if sw >= 1600:
        assert 0.8 * sw <= w <= 0.9 * sw or w == 1680
        assert 0.8 * sh <= h <= 0.9 * sh or h == 1050
        assert w <= 1680 and h <= 1050
        assert abs((x - sx) - (sx + sw - x - frame_w)) <= DECORATION.width()


def test_a_remembered_geometry_wins_over_the_first_start_size(tmp_path) -> None:
    found = _probe_window(tmp_path, 1600, 1000, "900x600+40+60")
    x, y, _frame_w, _frame_h, w, h = found["window"]
    assert (w, h) == (900, 600)
    assert abs(x - 40) <= DECORATION.width() and abs(y - 60) <= DECORATION.height()


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_a_time_that_is_not_one_is_refused_with_a_message(qtbot, window) -> None:
    dialog = window.new_interview()
    qtbot.keyClicks(dialog.fields["company"], "Acme")
    qtbot.keyClicks(dialog.fields["role"], "Analyst")
    time_edit = dialog.fields["starts_at"].time
    time_edit.clear()
    qtbot.keyClicks(time_edit, "25:99")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_labels["starts_at"].isVisible()
    assert dialog.error_labels["starts_at"].text() == (
        "25:99 is not a time of day; use 00:00 to 23:59."
    )
    assert Opportunity.select().count() == 0
    time_edit.clear()
    qtbot.keyClicks(time_edit, "9:05")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    assert Interview.get().starts_at.astimezone(window.clock.tz).strftime("%H:%M") == "09:05"


@pytest.mark.parametrize("field", ["recruiter", "interviewers"])
def test_name_then_email_without_brackets_is_read_as_both(qtbot, window, field) -> None:
    dialog = window.new_interview()
    qtbot.keyClicks(dialog.fields["company"], "Acme")
    qtbot.keyClicks(dialog.fields["role"], "Analyst")
    qtbot.keyClicks(dialog.fields[field], "Alex Moreno alex.moreno@agency.example")
    _save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_labels[field].text()
    person = Contact.get()
    assert (person.name, person.email) == ("Alex Moreno", "alex.moreno@agency.example")
    if field == "recruiter":
        [call] = [r for r in reminders_of(1) if r.kind.value == "recruiter_call"]
        assert call.title == "Call Alex Moreno with your feedback — Acme, Analyst"


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(x) for x in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#eeeeee"),
        (QPalette.ColorRole.Link, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_refusal_is_red_with_an_icon_and_told_to_a_screen_reader(qtbot, window, theme) -> None:
    dialog = window.new_interview()
    if theme == "dark":
        dialog.setPalette(_dark_palette())
    qtbot.waitExposed(dialog)
    _save(qtbot, dialog)
    line = dialog.error_lines["company"]
    assert line.isVisible() and line.icon.isVisible() and not line.icon.pixmap().isNull()
    colour = QColor(line.label.styleSheet().removeprefix("color: ").removesuffix(";"))
    background = dialog.palette().color(QPalette.ColorRole.Window)
    assert colour.red() > colour.green() and colour.red() > colour.blue()  # a red
    assert colour != dialog.palette().color(QPalette.ColorRole.Link)
    assert _contrast(colour, background) >= 4.5
    company = dialog.fields["company"]
    assert company.accessibleName() == "Company"
    assert company.accessibleDescription() == "Company is required."
    assert dialog.last_announcement == ("Not saved yet. Company is required. 2 fields need a look.")
    qtbot.keyClicks(company, "Acme")
    assert company.accessibleDescription() == ""


def _two_opportunities(clock) -> tuple[int, int]:
    from datetime import date

    from desktop.domain.forms import validate_opportunity
    from desktop.services.opportunities import change_status, create_opportunity

    first = create_opportunity(
        validate_opportunity(
            {"company": "Acme", "role": "Data Analyst", "source": "Referral",
             "posting_url": "https://acme.example/jobs/1", "applied_on": "2026-11-02"}
        ),
        clock,
    )  # fmt: skip
    second = create_opportunity(
        validate_opportunity({"company": "Globex", "role": "Analyst"}), clock
    )
    change_status(second, Status.NOT_THIS_TIME, clock)
    assert Opportunity.get_by_id(first).applied_on == date(2026, 11, 2)
    return first, second


def test_the_list_keeps_its_width_when_reflect_appears(qtbot, window, clock) -> None:
    first, rejected = _two_opportunities(clock)
    window.refresh()
    window.tabs.setCurrentWidget(window.splitter)
    window.select_opportunity(first)
    qtbot.waitUntil(lambda: window.detail.detail is not None)
    # The detail pane as narrow as it goes, as on a 1366-pixel screen.
    window.splitter.setSizes([10_000, 1])
    narrowest = window.detail.minimumSizeHint().width()
    before = window.splitter.sizes()
    columns = [window.table.columnWidth(c) for c in range(4)]
    window.select_opportunity(rejected)
    qtbot.waitUntil(lambda: window.detail.reflect_button.isVisible())
    assert window.detail.minimumSizeHint().width() == narrowest
    assert window.splitter.sizes() == before
    assert [window.table.columnWidth(c) for c in range(4)] == columns


def test_the_detail_reads_in_order_with_the_applied_date(qtbot, window, clock) -> None:
    from desktop.services.interviews import log_interview
    from tests.conftest import interview_draft

    first, _ = _two_opportunities(clock)
    log_interview(interview_draft(clock), clock, first)
    window.refresh(select_id=first)
    text = window.detail.body.toPlainText()
    facts = text.index("Found through: Referral")
    assert facts < text.index("Interviews") < text.index("Status history")
    assert "Applied on: 02 Nov 2026" in text
    history = text[text.index("Status history") :]
    assert "02 Nov 2026: Applied" in history  # not 22 Nov, the day it was typed in
    reminders = text[text.index("Reminders") : text.index("Status history")]
    assert "Write your debrief while it's fresh" in reminders
    assert "Acme" not in reminders


def test_due_dates_are_not_dimmed_grey_on_grey(qtbot, window, clock) -> None:
    from desktop.services.interviews import log_interview
    from tests.conftest import interview_draft

    log_interview(interview_draft(clock), clock)
    window.refresh()
    row = window.today.actions_for(next(iter(window.today.rows)))
    assert row.due.isEnabled()
    text = row.due.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    panel = row.palette().color(QPalette.ColorRole.Window)
    assert _contrast(text, panel) >= 4.5


def test_insights_names_feelings_as_the_debrief_form_does(qtbot, window) -> None:
    from desktop.playbook.reflection import FELT

    window.show_insights()
    chart = window.insights.felt.chart.as_text()
    for label in FELT.values():
        assert label in chart
    assert "Not great" not in chart and "Unsure" not in chart


def test_the_outcome_menu_marks_the_current_status(qtbot, window, clock) -> None:
    first, rejected = _two_opportunities(clock)
    window.refresh(select_id=rejected)
    window.tabs.setCurrentWidget(window.splitter)
    for menu in (
        window.detail.status_button.menu(),
        window.build_context_menu().actions()[2].menu(),
    ):
        checked = [a.text() for a in menu.actions() if a.isChecked()]
        assert checked == [Status.NOT_THIS_TIME.label]
    window.select_opportunity(first)
    checked = [a.text() for a in window.detail.status_button.menu().actions() if a.isChecked()]
    assert checked == [Status.APPLIED.label]


def test_the_offer_deadline_is_asked_only_for_an_offer(qtbot, window, clock) -> None:
    first, _ = _two_opportunities(clock)
    window.refresh(select_id=first)
    dialog = window.change_status_selected(Status.AWAITING)
    qtbot.waitExposed(dialog)
    deadline = dialog.fields["offer_deadline"]
    assert not deadline.isVisible()
    dialog.set_values({"status": Status.OFFER.value})
    assert deadline.isVisible()
    dialog.set_values({"status": Status.NOT_THIS_TIME.value})
    assert not deadline.isVisible()


def test_an_outcome_can_be_backdated_and_the_history_follows_it(qtbot, window, clock) -> None:
    first, _ = _two_opportunities(clock)
    window.refresh(select_id=first)
    dialog = window.change_status_selected(Status.AWAITING)
    happened = dialog.fields["happened_on"]
    assert happened.date().toString("yyyy-MM-dd") == "2026-11-22"  # today by default
    happened.setDate(QDate(2026, 11, 30))  # the future is not on offer
    assert happened.date().toString("yyyy-MM-dd") == "2026-11-22"
    _save(qtbot, dialog)
    dialog = window.change_status_selected(Status.NOT_THIS_TIME)
    dialog.fields["happened_on"].setDate(QDate(2026, 11, 10))
    _save(qtbot, dialog)
    history = [
        (c.to_status, c.changed_at.date().isoformat()) for c in opportunity_detail(first).history
    ]
    # Applied on 2 Nov, told on the 22nd of the no that came on the 10th.
    assert history == [
        (Status.APPLIED, "2026-11-02"),
        (Status.NOT_THIS_TIME, "2026-11-10"),
        (Status.AWAITING, "2026-11-22"),
    ]
    text = window.detail.body.toPlainText()
    assert "10 Nov 2026: Not this time" in text


def test_a_day_after_today_is_refused_for_an_outcome() -> None:
    from datetime import date

    from desktop.domain.forms import FormError, validate_status_change

    with pytest.raises(FormError) as raised:
        validate_status_change(
            {"status": "offer", "happened_on": "2026-11-23"}, today=date(2026, 11, 22)
        )
    assert "hasn't come yet" in raised.value.errors["happened_on"]


def test_a_search_that_finds_nothing_says_so_and_debriefs_are_searched(
    qtbot, window, clock
) -> None:
    from desktop.services.debriefs import DebriefData, MistakeEntry, save_debrief
    from desktop.services.interviews import log_interview
    from tests.conftest import interview_draft

    interview = log_interview(interview_draft(clock), clock)
    log_interview(interview_draft(clock, company="Globex"), clock)
    save_debrief(
        interview,
        DebriefData(felt=2, went_well="The SQL exercise", mistakes=(MistakeEntry("rambled"),)),
        clock,
    )
    window.refresh()
    window.tabs.setCurrentWidget(window.splitter)
    qtbot.keyClicks(window.search, "zeppelin")
    assert window.list_stack.currentWidget() is window.no_match
    assert window.no_match_text.isVisible()
    assert window.no_match_text.text() == "No opportunity matches your search or filter."
    window.search.clear()
    assert window.list_stack.currentWidget() is window.table
    for words in ("sql exercise", "rambled"):  # the user's words and a chosen mistake
        window.search.setText(words)
        assert window.filter.rowCount() == 1
        assert window.filter.index(0, 0).data() == "Acme"


def test_the_report_period_is_shown_as_every_form_shows_dates(qtbot, window) -> None:
    from PySide6.QtWidgets import QDateEdit

    dialog, chosen = window.export_options_dialog("report")
    qtbot.addWidget(dialog)
    start, end = dialog.findChildren(QDateEdit)
    assert (start.text(), end.text()) == ("2026-10-23", "2026-11-22")
    assert chosen()["start"].isoformat() == "2026-10-23"


def test_a_screen_reader_hears_which_reminder_each_button_answers(qtbot, window, clock) -> None:
    from PySide6.QtWidgets import QAbstractButton

    from desktop.services.interviews import log_interview
    from tests.conftest import interview_draft

    log_interview(interview_draft(clock, recruiter="Sam Roe <sam@agency.example>"), clock)
    log_interview(interview_draft(clock, company="Globex"), clock)
    clock.advance(days=4)  # the debriefs, calls and thank-yous are due
    window.refresh()
    assert len(window.today.rows) >= 3
    names = []
    for ident in window.today.rows:
        row = window.today.actions_for(ident)
        assert row.accessibleName() == row.view.title
        for button in row.findChildren(QAbstractButton):
            name = button.accessibleName()
            assert name.endswith(": " + row.view.title), name
            assert name.startswith(button.text())
            names.append(name)
    assert len(names) == len(set(names))  # never "Done" twice with nothing to tell apart
    for widget in (window.search, window.status_filter, window.table, window.detail.body):
        assert widget.accessibleName()
    assert "debriefs" in window.search.accessibleDescription()
    assert window.banner.close_button.accessibleName() == "Hide this message"


def test_help_lists_the_shortcuts_opens_the_data_folder_and_says_what_debrief_is(
    qtbot, window
) -> None:
    from desktop import __version__

    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[-1] == "Help"
    rows = dict(window.shortcut_rows())
    assert rows["Log an interview…"] == "Ctrl+N"
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Keyboard shortcuts"] == "F1"
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    assert "Ctrl+Shift+N" in dialog.findChild(QLabel).text()

    opened = []
    window.open_url = lambda url: opened.append(url.toLocalFile()) or True
    assert window.open_data_folder()
    assert opened == [str(window.data_dir)]
    errors = []
    window.show_error = errors.append
    window.open_url = lambda url: False
    assert not window.open_data_folder()
    assert str(window.data_dir) in errors[0]

    about = window.show_about()
    assert f"Debrief {__version__}" in about.text()
    assert str(window.data_dir) in about.text()
    assert "General Public License" in about.text()


def test_preferences_open_wide_enough_that_nothing_is_cut_on_the_right(qtbot, window) -> None:
    from PySide6.QtWidgets import QScrollArea

    from desktop.ui.preferences_dialog import PreferencesDialog

    class NoAutostart:
        def is_enabled(self) -> bool:
            return False

    dialog = PreferencesDialog(NoAutostart(), ["debrief"], window)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.widget().width() > 0)
    assert scroll.horizontalScrollBar().maximum() == 0


def test_a_backdated_no_plans_its_reply_from_the_day_it_came(store, clock) -> None:
    from datetime import date

    from desktop.domain.forms import validate_opportunity
    from desktop.services.opportunities import change_status, create_opportunity

    opportunity = create_opportunity(
        validate_opportunity({"company": "Globex", "role": "Analyst"}), clock
    )
    change_status(opportunity, Status.AWAITING, clock)
    clock.advance(days=1)  # 23 Nov: told today of the no that came on the 16th
    change_status(opportunity, Status.NOT_THIS_TIME, clock, happened_on=date(2026, 11, 16))
    [reply] = [r for r in reminders_of(opportunity) if r.kind.value == "rejection_reply"]
    assert reply.due_at.astimezone(clock.tz).date() == date(2026, 11, 17)  # next business day


def test_every_column_stays_in_view_when_the_list_is_narrow(qtbot, window, clock) -> None:
    _two_opportunities(clock)
    window.refresh()
    window.tabs.setCurrentWidget(window.splitter)
    window.resize(1024, 540)  # 1280×720 at 125 %
    qtbot.waitUntil(lambda: window.table.viewport().width() < 700)
    header = window.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= window.table.viewport().width())
    assert window.table.horizontalScrollBar().maximum() == 0
    assert all(header.sectionSize(c) > 40 for c in range(5))


def test_a_name_with_no_spaces_does_not_widen_the_window_past_the_screen(
    qtbot, window, clock
) -> None:
    """A link pasted as the role, or a 200-letter company: the heading cannot wrap it, and
    it must not push the window wider than a 1366-pixel screen."""
    from desktop.domain.forms import validate_opportunity
    from desktop.services.opportunities import create_opportunity

    made = create_opportunity(
        validate_opportunity({"company": "Ü" * 150, "role": "https://jobs.example/" + "x" * 150}),
        clock,
    )
    window.refresh()
    window.tabs.setCurrentWidget(window.splitter)
    for board in (False, True):
        window.show_board(board)
        assert window.select_opportunity(made)
        qtbot.waitUntil(lambda: window.detail.detail is not None)
        assert window.minimumSizeHint().width() <= 1366 - DECORATION.width()
    assert "Ü" * 150 in window.detail.heading.text()  # shown (clipped), and whole in the data
