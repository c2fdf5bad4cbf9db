"""`pip install .` (what pipx does) gives the whole app, not only its code.

The wheel is built from a copy of the sources (a build in the checkout leaves build/ behind,
whose stale files setuptools would pack next time), installed into a new virtual
environment, not editable (an editable install finds resources/ in the checkout and hides
what the wheel lacks), and started there. Its dependencies come from the test's own
environment through a path entry, so nothing is downloaded; Debrief itself comes only from
the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from desktop import __version__
from desktop.playbook.notes import TEMPLATE_NAMES
from desktop.shipped import nudges

REPO = Path(__file__).resolve().parent.parent
PIP = [sys.executable, "-m", "pip"]
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("sources") / "debrief"
    shutil.copytree(REPO, copy, ignore=NOT_SOURCES)
    shutil.rmtree(copy / "packaging" / "build", ignore_errors=True)
    return copy


@pytest.fixture(scope="module")
def wheel(sources: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = run([*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(sources)])
    # setuptools' warnings (a deprecated license table…) would be printed on every install.
    assert "Warning" not in built.stderr, built.stderr
    (found,) = out.glob("debrief-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(target)])
    python = target / "bin" / "python"
    run([*PIP, "--python", str(python), "install", "--no-deps", str(wheel)])
    # PySide6, APScheduler, peewee and plyer from this environment: a plain path entry, so
    # this environment's own .pth files (the editable Debrief among them) are not run.
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    Path(site.stdout.strip(), "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return target


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "DEBRIEF_DATA_DIR": str(tmp_path / "data")}


def test_the_wheel_holds_every_module_resource_and_the_license(sources: Path, wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        path.relative_to(sources).as_posix()
        for folder in ("desktop", "db")
        for path in (sources / folder).rglob("*")
        if path.is_file() and path.suffix in (".py", ".sql")
    }
    expected |= {
        "desktop/resources/" + path.relative_to(sources / "resources").as_posix()
        for path in (sources / "resources").rglob("*")
        if path.is_file()
    }
    assert expected - names == set()
    dist_info = f"debrief-{__version__}.dist-info"
    assert f"{dist_info}/licenses/LICENSE" in names
    metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    assert "License-Expression: GPL-3.0-or-later" in metadata
    license_text = zipfile.ZipFile(wheel).read(f"{dist_info}/licenses/LICENSE").decode()
    assert "GNU GENERAL PUBLIC LICENSE" in license_text and "Version 3" in license_text


def test_the_installed_wheel_passes_self_check(venv: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(venv / "bin" / "debrief"), "self-check"],
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(tmp_path),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok    shipped files: " in done.stdout
    assert "ok    icons draw: " in done.stdout


# Runs inside the new environment: each kind of shipped file, loaded as the app loads it.
LOAD_EACH_KIND = """
import json, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
import desktop
from desktop.services.notes import shipped_template
from desktop.services.nudges import messages
from desktop.shipped import nudges
from desktop.tray.icons import TRAY_STYLES, app_icon, tray_icon
icons = [app_icon()] + [tray_icon(style) for style in TRAY_STYLES]
print(json.dumps({
    "desktop": desktop.__file__,
    "icons_drawn": [not icon.pixmap(32, 32).isNull() for icon in icons],
    "templates": {name: shipped_template(name) for name in sys.argv[1:]},
    "nudges": {nudge.message_file: len(messages(nudge)) for nudge in nudges()},
}))
"""


def test_the_installed_wheel_loads_icons_templates_and_nudges(venv: Path, tmp_path: Path):
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", LOAD_EACH_KIND, *TEMPLATE_NAMES],
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(tmp_path),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert Path(loaded["desktop"]).is_relative_to(venv)  # Debrief from the wheel, not here
    assert loaded["icons_drawn"] and all(loaded["icons_drawn"])
    assert set(loaded["templates"]) == set(TEMPLATE_NAMES)
    assert all("{" in text for text in loaded["templates"].values())  # fields to fill
    assert set(loaded["nudges"]) == {nudge.message_file for nudge in nudges()}
    assert all(count > 0 for count in loaded["nudges"].values())
