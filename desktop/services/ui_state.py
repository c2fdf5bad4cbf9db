"""`ui-state.ini`: what is this screen's business (window geometry, splitter, columns, the
tray icon's style, hints already shown). Kept by QSettings, never in the database, never
exported; no database here, so the tray icon's style is read before Peewee is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UiStateKey:
    """A key of `ui-state.ini` (QSettings, kept by the window and the tray): never in the
    database, never exported. `kind` is the type QSettings should convert the stored
    text to (None: Qt's own bytes, such as a saved geometry)."""

    key: str
    default: object
    kind: type | None


UI_STATE_FILE = "ui-state.ini"
WINDOW_GEOMETRY = UiStateKey("window/geometry", None, None)
WINDOW_SPLITTER = UiStateKey("window/splitter", None, None)
WINDOW_COLUMNS = UiStateKey("window/columns", None, None)
# The last start opened on Today (something was due): the next one's first frame, painted
# before anything is read, shows the same tab, so that it does not jump when filled.
WINDOW_STARTS_ON_TODAY = UiStateKey("window/starts_on_today", False, bool)
# The detail pane's size hint and minimum size hint widths last time: its stand-in in the
# first frame (made before the pane) shares the window's width as the pane will.
WINDOW_DETAIL_WIDTH = UiStateKey("window/detail_width", 0, int)
WINDOW_DETAIL_LEAST_WIDTH = UiStateKey("window/detail_least_width", 0, int)
TRAY_ICON_STYLE = UiStateKey("tray/icon_style", "colour", str)
CLOSE_HINT_SHOWN = UiStateKey("tray/close_hint_shown", False, bool)
NO_TRAY_TOLD = UiStateKey("tray/no_tray_told", False, bool)
UI_STATE_KEYS = (
    WINDOW_GEOMETRY,
    WINDOW_SPLITTER,
    WINDOW_COLUMNS,
    WINDOW_STARTS_ON_TODAY,
    WINDOW_DETAIL_WIDTH,
    WINDOW_DETAIL_LEAST_WIDTH,
    TRAY_ICON_STYLE,
    CLOSE_HINT_SHOWN,
    NO_TRAY_TOLD,
)


def read_ui_state(store: Any, key: UiStateKey) -> Any:
    """`store` is the QSettings of ui-state.ini (duck-typed: no Qt below the screens)."""
    if key.kind is None:
        return store.value(key.key, key.default)
    return store.value(key.key, key.default, key.kind)


def write_ui_state(store: Any, key: UiStateKey, value: object) -> None:
    store.setValue(key.key, value)
