"""Which of the files PyInstaller gathers go into the build.

Qt's wheel brings plugins for every kind of device; a widgets app with a tray icon on a
desktop needs far fewer. Each exclusion below was checked by the installed-package test
(window, tray icon and notification on a real X server).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import PurePath

Entry = tuple[str, str, str]  # PyInstaller's TOC: destination, source, type

# Qt's own translations: Debrief's text is English only.
DROPPED_DATA_PARTS = ("translations",)

# Plugin folders for devices without a desktop (framebuffers, touch panels, EGL devices).
DROPPED_PLUGIN_FOLDERS = (
    "egldeviceintegrations",
    "generic",
    "networkinformation",  # QtNetwork is used for a local socket only
    "qmltooling",
    "sqldrivers",
    "tls",
    # Wayland: Debrief runs through XWayland there, which every Wayland desktop has; the
    # Wayland plugins would add libwayland-* dependencies for no visible gain, and the
    # tray icon works the same way (StatusNotifierItem over D-Bus) on both.
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
)

# Single plugins: embedded-device platforms; the GTK theme, which would drag in GTK, Pango
# and Cairo; image formats Debrief never reads (it reads SVG, writes PNG and, on Windows, ICO).
DROPPED_PLUGINS = {
    "libqeglfs.so",
    "libqlinuxfb.so",
    "libqminimalegl.so",
    "libqvkkhrdisplay.so",
    "libqvnc.so",
    "libqwayland.so",
    "libqgtk3.so",
    "libqgif.so",
    "libqicns.so",
    "libqjpeg.so",
    "libqtga.so",
    "libqtiff.so",
    "libqwbmp.so",
    "libqwebp.so",
}

# Libraries only the dropped plugins and modules load.
DROPPED_LIBRARY_PREFIXES = (
    "libQt6EglFSDeviceIntegration",
    "libQt6EglFsKmsSupport",
    "libQt6Qml",
    "libQt6Quick",
    "libQt6Pdf",
    "libQt6VirtualKeyboard",
    "libQt6WaylandClient",
    "libQt6WlShellIntegration",
)


def keep_data(destination: str) -> bool:
    return not any(part in PurePath(destination).parts for part in DROPPED_DATA_PARTS)


def keep_binary(destination: str) -> bool:
    path = PurePath(destination)
    if any(part in path.parts for part in DROPPED_PLUGIN_FOLDERS):
        return False
    if path.name in DROPPED_PLUGINS:
        return False
    return not path.name.startswith(DROPPED_LIBRARY_PREFIXES)


def without_orphans(
    binaries: Iterable[Entry], imports_of: Callable[[str], Iterable[tuple[str, object]]]
) -> list[Entry]:
    """Drop the shared libraries that only dropped plugins needed: keep what the kept
    modules, plugins and Qt libraries need, transitively, and nothing else.
    `imports_of` is PyInstaller's bindepend.get_imports: (name, resolved path) pairs."""
    entries = list(binaries)
    by_destination = {entry[0]: entry for entry in entries}
    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(PurePath(entry[0]).name, []).append(entry)
    pending = [entry for entry in entries if not _only_a_dependency(entry[0])]
    kept: set[str] = set()
    while pending:
        destination, source, kind = pending.pop()
        if destination in kept:
            continue
        kept.add(destination)
        if kind == "SYMLINK":
            target = _link_target((destination, source, kind))
            pending.extend([by_destination[target]] if target in by_destination else [])
            continue
        for name, _resolved in imports_of(source):
            pending.extend(by_name.get(name, []))
    return [entry for entry in entries if entry[0] in kept]


def _only_a_dependency(destination: str) -> bool:
    """Libraries PyInstaller put beside the executable because something linked them."""
    path = PurePath(destination)
    return len(path.parts) == 1 and ".so" in path.name and not path.name.startswith("libpython")


def without_dangling_links(datas: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """PyInstaller files its links to libraries under the data; drop those whose library
    was dropped, so the build holds no broken links."""
    entries = list(datas)
    present = {entry[0] for entry in entries} | {entry[0] for entry in binaries}
    return [entry for entry in entries if entry[2] != "SYMLINK" or _link_target(entry) in present]


def _link_target(entry: Entry) -> str:
    destination, source, _kind = entry
    return posixpath.normpath(posixpath.join(posixpath.dirname(destination), source))
