"""The settings registry: every key declared once, read and written only through it,
exported with the data or kept on this machine as declared."""

from __future__ import annotations

import json
import re
from datetime import time

import pytest

from db.connection import close_database
from db.models import Setting
from db.store import open_store
from desktop.domain.import_source import bundle_from_json
from desktop.playbook.calendar import QuietHours
from desktop.playbook.notes import Profile
from desktop.playbook.nudges import NudgeKind, NudgeSettings
from desktop.playbook.settings import PlaybookSettings
from desktop.services import exporting, notes, settings
from desktop.services.import_bundle import Duplicates, apply_bundle
from desktop.services.settings import REGISTRY, Scope
from desktop.tray.icons import TRAY_STYLES
from tests.conftest import REPO


def _tricky(name: str) -> str:
    # Quotes, newlines, a backslash, a tab and non-ASCII: all must come back unchanged.
    return f'Dear {{{{their_name}}}},\n\n"{name}" — ça, Grüße, 日本 \\ \t🙂\n'


def _customise_everything() -> dict[str, object]:
    """A value unlike the default for every setting that travels with the data."""
    chosen: dict[str, object] = {
        "playbook": PlaybookSettings(
            prep_time=time(17, 30),
            thank_you_after_minutes=95,
            morning=time(9, 15),
            quiet=QuietHours(time(22, 0), time(7, 30), skip_weekends=True),
            silenced_kinds=frozenset({"keep_in_touch", "debrief"}),
        ),
        "nudges": NudgeSettings(
            target_live=5, weekly_goal=8, max_per_day=2, off=frozenset({NudgeKind.PAUSE.value})
        ),
        "profile": Profile(
            'Zoë "Z" Ångström', "SQL, 説明\nand patience", "Zoë Ångström\n+46 8 123 456"
        ),
        "profile_asked": True,
    }
    for name in notes.TEMPLATE_NAMES:
        chosen[f"template:{name}"] = _tricky(name)
    for key, value in chosen.items():
        settings.put(REGISTRY[key], value)
    return chosen


def test_every_exported_setting_survives_a_json_round_trip_into_a_fresh_folder(
    store, clock, tmp_path
) -> None:
    chosen = _customise_everything()
    exported_keys = {k for k, o in REGISTRY.items() if o.scope is Scope.DATA}
    assert set(chosen) == exported_keys  # a new setting must be added to this test
    settings.put(settings.AUTOSTART_ASKED, True)
    text = exporting.export_text("json", clock)
    assert set(json.loads(text)["settings"]) == exported_keys
    close_database()

    open_store(tmp_path / "elsewhere")
    apply_bundle(bundle_from_json(text), Duplicates.SKIP, clock)
    for key, value in chosen.items():
        assert settings.get(REGISTRY[key]) == value, key
    for name in notes.TEMPLATE_NAMES:
        assert notes.template_text(name) == _tricky(name)
    assert settings.get(settings.AUTOSTART_ASKED) is False  # asked there, not here
    close_database()


def test_machine_only_settings_are_never_exported(store, clock) -> None:
    settings.put(settings.AUTOSTART_ASKED, True)
    settings.put(settings.OPPORTUNITIES_VIEW, "board")
    machine = {k for k, o in REGISTRY.items() if o.scope is Scope.MACHINE}
    assert machine == {"autostart_asked", "opportunities_view"}
    assert not machine & set(json.loads(exporting.export_text("json", clock))["settings"])


def test_import_keeps_the_settings_already_chosen_here(store, clock) -> None:
    notes.save_template("thank_you", "Mine")
    bundle = {
        "format": "debrief-export",
        "version": 1,
        "settings": {
            "template:thank_you": "Theirs",
            "nudges": {"weekly_goal": 9},
            "autostart_asked": True,  # machine-only: left out
            "opportunities_view": "board",  # machine-only: left out
            "no_such_setting": 1,  # unknown: left out
            "profile": "not an object",  # unreadable: left out
        },
    }
    apply_bundle(bundle_from_json(json.dumps(bundle)), Duplicates.SKIP, clock)
    assert notes.template_text("thank_you") == "Mine"
    assert settings.get(settings.NUDGES).weekly_goal == 9
    assert {row.key for row in Setting.select()} == {"template:thank_you", "nudges"}


def test_an_unreadable_row_gives_the_default_and_is_logged(store, caplog) -> None:
    Setting.create(key="playbook", value="{not json")
    assert settings.get(settings.PLAYBOOK) == PlaybookSettings()
    assert "playbook" in caplog.text


def test_each_row_holds_json(store) -> None:
    _customise_everything()
    settings.put(settings.AUTOSTART_ASKED, True)
    for row in Setting.select():
        json.loads(row.value)


def test_a_key_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match="'profile' is declared twice"):
        settings._declare(settings.PROFILE)


def test_the_tray_icon_style_default_is_a_style_there_is() -> None:
    assert settings.TRAY_ICON_STYLE.default in TRAY_STYLES


def test_nothing_else_reads_a_setting_or_a_ui_state_key_by_its_bare_name() -> None:
    """Only the registry touches the Setting table; ui-state.ini is read by declared key."""
    registry = REPO / "desktop" / "services" / "settings.py"
    offenders = []
    for path in sorted((REPO / "desktop").rglob("*.py")):
        if path == registry:
            continue
        text = path.read_text(encoding="utf-8")
        uses_table = re.search(r"\bSetting\.\w+|import[^\n]*\bSetting\b", text)
        if uses_table or re.search(r"ui_state\.(set)?[vV]alue\(", text):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []
