"""The .deb as a person gets it: built by `make package`, installed with dpkg, started from
/usr/bin on a real X server with a tray and a notification daemon, then removed.

Installing needs root. `make test` on CI runs as root on a throwaway machine; a developer's
`pytest` as another user is told why this module cannot run.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import APP_ID, __version__
from tests.conftest import packaging_script
from tests.desktop_session import DesktopSession, wait_until
from tests.tray_helpers import new_notifications, ready, seed

pytestmark = pytest.mark.desktop_session

REPO = Path(__file__).resolve().parent.parent
elf_files = packaging_script("build_deb").elf_files

PACKAGE = "debrief"
INSTALLED = Path("/usr/lib/debrief")
LAUNCHER = Path("/usr/bin/debrief")
# Every place the package writes to; compared before installing and after removing.
WATCHED = (
    INSTALLED,
    Path("/usr/bin"),
    Path("/usr/share/applications"),
    Path("/usr/share/icons/hicolor"),
    Path("/usr/share/metainfo"),
    Path("/usr/share/doc/debrief"),
    Path("/usr/share/man/man1"),
    Path("/usr/share/lintian/overrides"),
)
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def listed_folders(deb: Path) -> list[Path]:
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    return [
        Path(line.split()[5].removeprefix(".")) for line in listing.splitlines() if line[0] == "d"
    ]


def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=300)


# Caches the desktop's own triggers rebuild after any package touches these folders; they
# belong to the icon theme and the menu, not to Debrief.
SYSTEM_CACHES = ("icon-theme.cache", "mimeinfo.cache")


def snapshot() -> set[str]:
    return {
        str(path)
        for root in WATCHED
        if root.exists()
        for path in root.rglob("*")
        if path.name not in SYSTEM_CACHES
    }


@pytest.fixture(scope="module")
def deb() -> Path:
    if os.geteuid() != 0:
        pytest.skip("installing the .deb needs root; `make test` on CI runs as root")
    built = subprocess.run(
        ["make", "package"], cwd=REPO, capture_output=True, text=True, timeout=1200
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    # The package's own checks ran as part of the build, and each must have passed.
    for checker in ("lintian", "desktop-file-validate", "appstreamcli"):
        assert f"{checker}: passed" in built.stdout
    return REPO / "packaging" / "dist" / f"{PACKAGE}_{__version__}_amd64.deb"


@pytest.fixture
def clean_machine(deb: Path) -> Iterator[set[str]]:
    """No Debrief installed before; none left after, whatever the test did."""
    if "Status: install ok installed" in dpkg("--status", PACKAGE).stdout:
        pytest.skip("Debrief is installed on this machine; the test will not remove it")
    dpkg("--purge", PACKAGE)  # what a crashed earlier run may have left half-installed
    yield snapshot()
    dpkg("--purge", PACKAGE)


def field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_package_is_small_and_complete(deb: Path) -> None:
    assert deb.stat().st_size < 40 * 2**20
    depends = field(deb, "Depends")
    # What Qt's xcb platform plugin links, and notify-send for notifications.
    for needed in ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0", "libegl1"):
        assert needed in depends
    assert "libnotify-bin" in depends
    assert "python3" not in depends  # it brings its own
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    assert f"/usr/share/applications/{APP_ID}.desktop" in paths
    assert f"/usr/share/metainfo/{APP_ID}.metainfo.xml" in paths
    assert f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in paths
    for size in ICON_SIZES:
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in paths
    assert "/usr/bin/debrief -> ../lib/debrief/debrief" in listing.replace("./usr", "/usr")
    # Only under /usr: never /opt, which no Debian package owns, so dpkg would remove it
    # with Debrief when it is empty (as on a fresh system).
    stray = {path for path in paths if path != "/" and not path.startswith("/usr/")}
    assert stray == set()


def test_installed_debrief_runs_from_the_menu_and_uninstalls_cleanly(
    deb: Path, clean_machine: set[str], desktop: DesktopSession, tmp_path: Path
) -> None:
    before = clean_machine
    # The system's folders the package also lists (/, /usr, /usr/share/applications…):
    # dpkg removes such a folder on purge when it is empty and no other package lists it.
    system_folders = [folder for folder in listed_folders(deb) if folder.is_dir()]
    installed = dpkg("--install", str(deb))
    assert installed.returncode == 0, installed.stderr
    status = dpkg("--status", PACKAGE).stdout
    assert "Status: install ok installed" in status  # so every Depends was satisfied
    files = [Path(line) for line in dpkg("--listfiles", PACKAGE).stdout.splitlines()]

    # Every library the bundle links is there, inside it or from a declared dependency.
    for path in elf_files(INSTALLED):
        linked = subprocess.run(
            ["ldd", str(path)],
            capture_output=True,
            text=True,
            env={"LD_LIBRARY_PATH": str(INSTALLED / "_internal")},  # as the launcher sets
        ).stdout
        assert "not found" not in linked, f"{path}:\n{linked}"

    # The menu entry starts the installed program by name, with an installed icon.
    entry = Path(f"/usr/share/applications/{APP_ID}.desktop").read_text()
    assert "\nExec=debrief\n" in entry and f"\nIcon={APP_ID}\n" in entry
    assert LAUNCHER.resolve() == INSTALLED / "debrief"

    # A person's own account: default data folder under a home with nothing else in it.
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PATH": "/usr/local/bin:/usr/bin:/bin",  # not the test's virtual environment
    }
    data_dir = home / ".local" / "share" / "Debrief"
    check = subprocess.run(
        ["debrief", "self-check"],
        env={**desktop.env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "platform xcb" in check.stdout and "All checks passed." in check.stdout

    due = seed(data_dir)
    before_notes = len(desktop.notifications())
    app = desktop.launch(None, program=["debrief"], env=env)
    try:
        # The steps after one interview are one moment: one notification naming each.
        got = new_notifications(desktop, before_notes, 1, timeout=30)
        assert len(got) == 1, app.stdout.read() if app.poll() is not None else got
        assert got[0]["body"].count("• ") == len(due), got
        assert {n["app"] for n in got} == {"Debrief"}
        assert {n["desktop_entry"] for n in got} == {APP_ID}
        state = ready(desktop, data_dir)
        assert state["window_visible"] is True and state["tray_visible"] is True
        title = f"Debrief ({len(due)})"  # the window counts what is waiting
        assert wait_until(lambda: desktop.top_level_named(title), timeout=10)
        assert wait_until(desktop.tray_icon_window, timeout=10)
    finally:
        app.terminate()
        app.wait(timeout=20)

    # Nothing of Debrief's outside the data folder, in the home or the install.
    left_in_home = {
        path.relative_to(home)
        for path in home.rglob("*")
        if path.is_file() and data_dir not in path.parents
    }
    assert left_in_home == set()
    unexpected = {str(path) for path in INSTALLED.rglob("*") if path not in files and path.exists()}
    assert unexpected == set()  # nothing written next to the program at run time

    removed = dpkg("--purge", PACKAGE)
    assert removed.returncode == 0, removed.stderr
    assert not INSTALLED.exists() and not LAUNCHER.exists()
    assert [str(path) for path in files if path.is_file() or path.is_symlink()] == []
    assert snapshot() == before
    assert [folder for folder in system_folders if not folder.is_dir()] == []
    assert (data_dir / "debrief.sqlite3").is_file()  # the user's data is theirs to keep
