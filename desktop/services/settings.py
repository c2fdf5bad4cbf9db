"""Every setting Debrief keeps, declared once: its key, type, default, section and scope.

In the spirit of MusicBrainz Picard's `config.py`: an `Option` names a row of the Setting
table, and `get`, `put` and `reset` are the only code that reads or writes one. Each row
holds the option's value as JSON (schema 6 upgraded the older raw-text rows, see
db/migrations.py). The scope says where a setting belongs:

- `Scope.DATA` travels with the data: export writes it and import brings it in;
- `Scope.MACHINE` is about this computer (the start-at-login question was asked here) and
  never leaves it.

What is only this screen's business (window layout, the tray icon's colours) is kept in
`ui-state.ini` instead; its keys are declared at the end of this file, so that they too
are named in one place, for the window and the tray alike.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from db.connection import DB
from db.models import Setting
from desktop.logs import personal
from desktop.playbook.notes import TEMPLATE_NAMES, Profile
from desktop.playbook.nudges import NudgeSettings
from desktop.playbook.settings import PlaybookSettings
from desktop.services import ui_state

log = logging.getLogger(__name__)

T = TypeVar("T")


class Scope(StrEnum):
    DATA = "exported with the data"
    MACHINE = "this machine only"


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    section: str
    scope: Scope
    default: Callable[[], T]
    to_json: Callable[[T], object]
    # Raises ValueError or TypeError on a value it cannot read; `get` then gives the default.
    from_json: Callable[[object], T]


REGISTRY: dict[str, Option[Any]] = {}


def _declare(option: Option[T]) -> Option[T]:
    if option.key in REGISTRY:
        raise ValueError(f"setting {option.key!r} is declared twice")
    REGISTRY[option.key] = option
    return option


def _dict_of(read: Callable[[dict[str, Any]], T]) -> Callable[[object], T]:
    def from_json(raw: object) -> T:
        if not isinstance(raw, dict):
            raise TypeError("expected an object")
        return read(raw)

    return from_json


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise TypeError("expected text")
    return raw


def _yes_no(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise TypeError("expected true or false")
    return raw


def _profile(raw: dict[str, Any]) -> Profile:
    return Profile(
        str(raw.get("your_name", "")), str(raw.get("strengths", "")), str(raw.get("signature", ""))
    )


PLAYBOOK: Option[PlaybookSettings] = _declare(
    Option(
        "playbook",
        "reminders",
        Scope.DATA,
        PlaybookSettings,
        PlaybookSettings.to_json,
        _dict_of(PlaybookSettings.from_json),
    )
)
NUDGES: Option[NudgeSettings] = _declare(
    Option(
        "nudges",
        "keep searching",
        Scope.DATA,
        NudgeSettings,
        NudgeSettings.to_json,
        _dict_of(NudgeSettings.from_json),
    )
)
PROFILE: Option[Profile] = _declare(
    Option(
        "profile",
        "notes",
        Scope.DATA,
        Profile,
        lambda p: {"your_name": p.your_name, "strengths": p.strengths, "signature": p.signature},
        _dict_of(_profile),
    )
)
# The first note asked, once, who the notes are from (answered, or "Not now").
PROFILE_ASKED: Option[bool] = _declare(
    Option("profile_asked", "notes", Scope.DATA, lambda: False, bool, _yes_no)
)
# The user's edit of each note template; None means the shipped text
# (resources/templates/NAME.txt, read by services.notes).
TEMPLATES: dict[str, Option[str | None]] = {
    name: _declare(
        Option(f"template:{name}", "notes", Scope.DATA, lambda: None, lambda t: t, _text)
    )
    for name in TEMPLATE_NAMES
}
AUTOSTART_ASKED: Option[bool] = _declare(
    Option("autostart_asked", "start", Scope.MACHINE, lambda: False, bool, _yes_no)
)


def _view(raw: object) -> str:
    if raw not in OPPORTUNITIES_VIEWS:
        raise ValueError(f"unknown view {raw!r}")
    return str(raw)


# How the Opportunities tab shows them, a list or a board by status: a habit of this
# screen's user, so it stays on this machine.
OPPORTUNITIES_VIEWS = ("list", "board")
OPPORTUNITIES_VIEW: Option[str] = _declare(
    Option("opportunities_view", "window", Scope.MACHINE, lambda: "list", str, _view)
)


# ----- reading and writing ----------------------------------------------------------------
def get(option: Option[T]) -> T:
    row = Setting.get_or_none(Setting.key == option.key)
    if row is None:
        return option.default()
    try:
        return option.from_json(json.loads(row.value))
    except (TypeError, ValueError) as error:
        # The error quotes the stored value, which may be the user's name or strengths.
        log.warning("setting %s unreadable (%s); using its default", option.key, personal(error))
        return option.default()


def is_set(option: Option[Any]) -> bool:
    return Setting.get_or_none(Setting.key == option.key) is not None


def put(option: Option[T], value: T) -> None:
    text = json.dumps(option.to_json(value), ensure_ascii=False)
    with DB.atomic():
        Setting.replace(key=option.key, value=text).execute()


def reset(option: Option[Any]) -> None:
    """Back to the default: the row goes."""
    with DB.atomic():
        Setting.delete().where(Setting.key == option.key).execute()


# ----- export and import --------------------------------------------------------------------
def exported() -> dict[str, object]:
    """The settings the user changed that travel with the data, as JSON values by key.

    Machine-only settings, and rows no option declares, stay here."""
    found: dict[str, object] = {}
    for row in Setting.select().order_by(Setting.key):
        option = REGISTRY.get(row.key)
        if option is None or option.scope is not Scope.DATA:
            continue
        found[row.key] = option.to_json(get(option))
    return found


def import_missing(values: Mapping[str, object]) -> list[str]:
    """Bring in the settings of an export that this database does not have yet (the
    user's own choices here win); returns the keys added. Call inside the import's
    transaction. Machine-only and unknown keys (an old export's `flag:…` rows) are left
    out; so is a value that cannot be read, which is logged."""
    added = []
    for key, raw in values.items():
        option = REGISTRY.get(key)
        if option is None or option.scope is not Scope.DATA or is_set(option):
            continue
        try:
            value = option.from_json(raw)
        except (TypeError, ValueError) as error:
            log.warning("import: setting %s left out (%s)", key, personal(error))
            continue
        put(option, value)
        added.append(key)
    return added


# ----- the common ones, by name -----------------------------------------------------------
def load_playbook_settings() -> PlaybookSettings:
    return get(PLAYBOOK)


def save_playbook_settings(settings: PlaybookSettings) -> None:
    put(PLAYBOOK, settings)


# ----- ui-state.ini: this screen's business, declared in ui_state.py (no database there,
# so a start at login reads the tray icon's style before Peewee is imported)
UiStateKey = ui_state.UiStateKey
UI_STATE_FILE = ui_state.UI_STATE_FILE
WINDOW_GEOMETRY = ui_state.WINDOW_GEOMETRY
WINDOW_SPLITTER = ui_state.WINDOW_SPLITTER
WINDOW_COLUMNS = ui_state.WINDOW_COLUMNS
WINDOW_STARTS_ON_TODAY = ui_state.WINDOW_STARTS_ON_TODAY
TRAY_ICON_STYLE = ui_state.TRAY_ICON_STYLE
CLOSE_HINT_SHOWN = ui_state.CLOSE_HINT_SHOWN
NO_TRAY_TOLD = ui_state.NO_TRAY_TOLD
UI_STATE_KEYS = ui_state.UI_STATE_KEYS
read_ui_state = ui_state.read_ui_state
write_ui_state = ui_state.write_ui_state
