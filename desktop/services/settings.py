"""User preferences stored in the database (the Setting table), with typed defaults."""

from __future__ import annotations

import json

from db.connection import DB
from db.models import Setting
from desktop.playbook.settings import PlaybookSettings

PLAYBOOK_KEY = "playbook"


def load_playbook_settings() -> PlaybookSettings:
    row = Setting.get_or_none(Setting.key == PLAYBOOK_KEY)
    if row is None:
        return PlaybookSettings()
    try:
        data = json.loads(row.value)
    except ValueError:
        return PlaybookSettings()
    return PlaybookSettings.from_json(data) if isinstance(data, dict) else PlaybookSettings()


def save_playbook_settings(settings: PlaybookSettings) -> None:
    with DB.atomic():
        Setting.replace(key=PLAYBOOK_KEY, value=json.dumps(settings.to_json())).execute()


def load_flag(key: str) -> bool:
    """A yes/no remembered across runs (a question already asked, a hint already shown)."""
    row = Setting.get_or_none(Setting.key == f"flag:{key}")
    return row is not None and row.value == "true"


def save_flag(key: str, value: bool) -> None:
    with DB.atomic():
        Setting.replace(key=f"flag:{key}", value="true" if value else "false").execute()
