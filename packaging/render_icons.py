"""Renders Debrief's SVG icons to the files each installer wants, at build time.

    python packaging/render_icons.py OUT_DIR

OUT_DIR/hicolor/   the freedesktop icon theme layout (PNG sizes, scalable SVG, symbolic)
OUT_DIR/debrief.ico and debrief.icns   for the Windows installer and the macOS bundle

Rendering uses Qt's own SVG renderer, the one the app draws its tray icon with, so the
installed icons look exactly like the running app's.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import APP_ID  # noqa: E402

ICONS = ROOT / "resources" / "icons"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# Apple's PNG-carrying icon types, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def png_of(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png
        for size, png in sorted(pngs.items())
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_all(out: Path) -> None:
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *ICNS_TYPES})
    pngs = {size: png_of(ICONS / "debrief.svg", size) for size in sizes}
    hicolor = out / "hicolor"
    for size in HICOLOR_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICONS / "debrief.svg", scalable / f"{APP_ID}.svg")
    # Panels that ask for a monochrome icon look for the -symbolic name.
    symbolic = hicolor / "symbolic" / "apps"
    symbolic.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICONS / "debrief-dark.svg", symbolic / f"{APP_ID}-symbolic.svg")
    (out / "debrief.ico").write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    (out / "debrief.icns").write_bytes(icns_bytes({size: pngs[size] for size in ICNS_TYPES}))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: render_icons.py OUT_DIR", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # noqa: F841 - QPainter needs an application
    render_all(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
