"""Where Debrief keeps the user's data. No Qt, so the command line stays light."""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from pathlib import Path

from db.file_safety import check_folder
from desktop import APP_NAME

DATA_DIR_ENV = "DEBRIEF_DATA_DIR"


def default_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then $DEBRIEF_DATA_DIR, then the platform's per-user folder."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    return Path(chosen).expanduser() if chosen else default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create the folder for the owner only (0700 on POSIX). An existing one must be the
    user's and writable by no one else (db.file_safety.UnsafeLocation says why not)."""
    made = False
    if not path.exists():
        try:
            path.mkdir(parents=True, mode=0o700)
            made = True
        except FileExistsError:
            pass  # another Debrief starting at the same moment made it: checked below
    if made:
        if os.name == "posix":
            os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask
    elif not path.is_dir():
        raise NotADirectoryError(f"{path} exists and is not a folder")
    check_folder(path)
    return path


RESOURCES_PACKAGE = "desktop.resources"


def resources_dir() -> Path:
    """The shipped icons, templates and nudge texts: the package desktop.resources, which
    is the repository's resources/ folder in an editable install, the installed package
    data after `pip install`, and the bundled copy in the frozen app."""
    # The package's folder, as its import spec names it: importlib.resources (with the
    # tempfile, shutil and zipfile it imports) cost 5-10 ms of every start's CPU before
    # the first paint. It still answers where the spec names no folder on disk.
    spec = find_spec(RESOURCES_PACKAGE)
    folders = spec.submodule_search_locations if spec is not None else None
    for folder in folders or []:
        if Path(folder).is_dir():
            return Path(folder)
    from importlib.resources import files

    found = files(RESOURCES_PACKAGE)
    if not isinstance(found, Path):  # a zip import; Debrief is never installed that way
        raise FileNotFoundError(f"{RESOURCES_PACKAGE} is not a folder on disk: {found}")
    return found
