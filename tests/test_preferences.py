"""Preferences, offscreen: silenced kinds, quiet hours, timing and start at login."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime

from desktop.playbook.settings import PlaybookSettings
from desktop.services.settings import load_playbook_settings
from desktop.tray.autostart import Autostart
from desktop.ui.preferences_dialog import PreferencesDialog


def _dialog(qtbot, tmp_path) -> tuple[PreferencesDialog, Autostart]:
    autostart = Autostart("linux", home=tmp_path, config_home=tmp_path / "config")
    dialog = PreferencesDialog(autostart, ["/usr/bin/debrief", "--background"])
    qtbot.addWidget(dialog)
    return dialog, autostart


def test_it_opens_on_the_current_settings(qtbot, store, tmp_path) -> None:
    dialog, _ = _dialog(qtbot, tmp_path)
    assert all(box.isChecked() for box in dialog.kind_boxes.values())
    assert dialog.quiet_start.time() == QTime(21, 0)
    assert dialog.timing["thank_you_after_minutes"].value() == 180
    assert not dialog.start_at_login.isChecked()


def test_saving_stores_every_choice(qtbot, store, tmp_path) -> None:
    dialog, autostart = _dialog(qtbot, tmp_path)
    dialog.kind_boxes["keep_in_touch"].setChecked(False)
    dialog.quiet_start.setTime(QTime(22, 30))
    dialog.quiet_end.setTime(QTime(7, 0))
    dialog.skip_weekends.setChecked(True)
    dialog.timing["thank_you_after_minutes"].setValue(120)
    dialog.start_at_login.setChecked(True)
    dialog.accept()
    saved = load_playbook_settings()
    assert saved.silenced_kinds == frozenset({"keep_in_touch"})
    assert (saved.quiet.start, saved.quiet.end, saved.quiet.skip_weekends) == (
        time(22, 30),
        time(7, 0),
        True,
    )
    assert saved.thank_you_after_minutes == 120
    assert saved.follow_up_after_interview_business_days == 10  # untouched
    assert autostart.is_enabled()

    again, _ = _dialog(qtbot, tmp_path)
    assert again.start_at_login.isChecked()
    assert not again.kind_boxes["keep_in_touch"].isChecked()
    again.start_at_login.setChecked(False)
    again.accept()
    assert not autostart.is_enabled()


def test_equal_quiet_hours_are_explained_as_none(qtbot, store, tmp_path) -> None:
    dialog, _ = _dialog(qtbot, tmp_path)
    dialog.show()
    dialog.quiet_end.setTime(QTime(21, 0))
    assert dialog.quiet_note.isVisible()


def test_a_failing_autostart_keeps_the_dialog_open_and_saves_nothing(
    qtbot, store, tmp_path
) -> None:
    (tmp_path / "config").write_text("not a folder")  # so the autostart folder cannot exist
    dialog, _ = _dialog(qtbot, tmp_path)
    dialog.show()
    dialog.timing["thank_you_after_minutes"].setValue(60)
    dialog.start_at_login.setChecked(True)
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "start at login" in dialog.error.text()
    assert load_playbook_settings() == PlaybookSettings()


def test_silenced_kinds_survive_a_round_trip_and_junk_is_ignored() -> None:
    settings = PlaybookSettings(silenced_kinds=frozenset({"debrief", "follow_up"}))
    data = settings.to_json()
    assert data["silenced_kinds"] == ["debrief", "follow_up"]
    assert PlaybookSettings.from_json(data) == settings
    assert PlaybookSettings.from_json({"silenced_kinds": "debrief"}).silenced_kinds == frozenset()


def test_keep_searching_choices_are_saved(qtbot, store, tmp_path) -> None:
    from desktop.services.nudges import load_nudge_settings

    dialog, _ = _dialog(qtbot, tmp_path)
    assert dialog.nudge_numbers["weekly_goal"].value() == 5
    dialog.nudge_numbers["weekly_goal"].setValue(8)
    dialog.nudge_numbers["max_per_day"].setValue(0)
    dialog.nudge_boxes["nudge_pause"].setChecked(False)
    dialog.accept()
    saved = load_nudge_settings()
    assert (saved.weekly_goal, saved.max_per_day, saved.target_live) == (8, 0, 3)
    assert saved.off == frozenset({"nudge_pause"})


def test_nudge_settings_ignore_junk() -> None:
    from desktop.playbook.nudges import NudgeSettings

    parsed = NudgeSettings.from_json({"weekly_goal": -3, "max_per_day": True, "off": ["x", 1]})
    assert parsed == NudgeSettings()


def test_the_note_profile_is_kept_in_preferences(qtbot, store, tmp_path) -> None:
    from desktop.services.notes import Profile, load_profile, save_profile

    save_profile(Profile(your_name="Alex", strengths="SQL"))
    dialog, _ = _dialog(qtbot, tmp_path)
    assert dialog.profile.your_name.text() == "Alex"
    dialog.profile.your_name.setText("  Alex Moreau ")
    dialog.profile.signature.setPlainText("Alex Moreau\n+44 20 7946 0000\n\n")
    dialog.accept()
    assert load_profile() == Profile(
        your_name="Alex Moreau", strengths="SQL", signature="Alex Moreau\n+44 20 7946 0000"
    )


def test_a_quiet_hour_that_is_not_a_time_is_refused_with_a_message(qtbot, store, tmp_path) -> None:
    dialog, _ = _dialog(qtbot, tmp_path)
    dialog.show()
    dialog.quiet_start.selectAll()
    qtbot.keyClicks(dialog.quiet_start, "25:99")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Quiet hours: 25:99 is not a time of day; use 00:00 to 23:59."
    assert load_playbook_settings().quiet.start == time(21, 0)  # nothing saved
    dialog.quiet_start.selectAll()
    qtbot.keyClicks(dialog.quiet_start, "22:15")
    dialog.accept()
    assert load_playbook_settings().quiet.start == time(22, 15)
