"""The files Debrief ships and reads at run time, listed in one place so `self-check` can
tell when an install lost some (a wheel without its package data still starts, then fails
half a minute later). No Qt: the command line stays light. The playbook's names are
imported when a list is asked for: the tray's icons come from here, and the playbook is
13-16 ms of CPU a start in the tray need not spend before its icon shows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.paths import resources_dir

if TYPE_CHECKING:
    from desktop.playbook.nudges import Nudge

APP_ICON = "debrief.svg"
# The colour icon reads on most panels; the one-colour ones are for panels where it does not.
TRAY_ICONS = {"colour": APP_ICON, "light": "debrief-light.svg", "dark": "debrief-dark.svg"}


def nudges() -> tuple[Nudge, ...]:
    """Every nudge text: one per kind, and the other words some kinds use (see the
    playbook's `candidates`)."""
    from desktop.playbook.nudges import Nudge, NudgeKind

    return (*(Nudge(kind) for kind in NudgeKind), Nudge(NudgeKind.PAUSE, variant="rejections"))


def icon_file(name: str) -> Path:
    return resources_dir() / "icons" / name


def template_file(name: str) -> Path:
    return resources_dir() / "templates" / f"{name}.txt"


def nudge_file(nudge: Nudge) -> Path:
    return resources_dir() / "nudges" / nudge.message_file


def needed_files(root: Path | None = None) -> list[Path]:
    """Every shipped file some feature opens: the icons, each note template, each nudge
    kind's texts; inside `root` when given, else the installed resources."""
    from desktop.playbook.notes import TEMPLATE_NAMES

    root = root or resources_dir()
    icons = [root / "icons" / name for name in sorted(set(TRAY_ICONS.values()))]
    templates = [root / "templates" / f"{name}.txt" for name in TEMPLATE_NAMES]
    return icons + templates + [root / "nudges" / nudge.message_file for nudge in nudges()]


def missing_files(root: Path | None = None) -> list[str]:
    """The needed files that are absent, empty or unreadable (nudge texts: with no message
    in them), relative to the resources folder."""
    from desktop.playbook.nudges import parse_messages

    try:
        root = root or resources_dir()
    except (ModuleNotFoundError, FileNotFoundError):
        return ["the whole desktop.resources package"]
    missing = []
    for path in needed_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        usable = bool(parse_messages(text)) if path.parent.name == "nudges" else bool(text.strip())
        if not usable:
            missing.append(path.relative_to(root).as_posix())
    return missing
