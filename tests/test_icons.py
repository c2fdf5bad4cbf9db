"""The tray icon's looks: each style draws, and "something is waiting" shows on each."""

from __future__ import annotations

import pytest

from desktop.tray.icons import BADGE_COLOR, TRAY_STYLES, badged, tray_icon


@pytest.mark.parametrize("style", sorted(TRAY_STYLES))
@pytest.mark.parametrize("size", [16, 22, 32])
def test_every_style_shows_a_waiting_badge_at_tray_sizes(qapp, style: str, size: int) -> None:
    plain = tray_icon(style).pixmap(size, size).toImage()
    waiting = badged(tray_icon(style), 3).pixmap(size, size).toImage()
    assert not plain.isNull()
    dot = size * 0.6
    top_of_dot = (int(size - dot / 2), max(1, int(dot * 0.15)))  # above the count's digits
    assert waiting.pixelColor(*top_of_dot) == BADGE_COLOR
    assert plain.pixelColor(*top_of_dot) != BADGE_COLOR


@pytest.mark.parametrize(("style", "light"), [("light", True), ("dark", False)])
def test_the_one_colour_styles_cut_the_check_out_of_the_bubble(qapp, style, light) -> None:
    image = tray_icon(style).pixmap(64, 64).toImage()
    bubble, check = image.pixelColor(12, 14), image.pixelColor(28, 34)
    assert bubble.alpha() == 255 and (bubble.lightnessF() > 0.9) is light
    assert check.alpha() == 0  # the panel shows through the check mark


def test_an_unknown_style_falls_back_to_colour(qapp) -> None:
    unknown = tray_icon("no such style").pixmap(32, 32).toImage()
    assert unknown == tray_icon("colour").pixmap(32, 32).toImage()


def test_the_installers_icons_render_at_every_size(qapp, tmp_path) -> None:
    import struct

    from PySide6.QtGui import QImage, QImageReader

    from tests.conftest import packaging_script

    icons = packaging_script("render_icons")
    HICOLOR_SIZES, ICNS_TYPES, render_all = icons.HICOLOR_SIZES, icons.ICNS_TYPES, icons.render_all

    render_all(tmp_path)
    for size in HICOLOR_SIZES:
        image = QImage(str(tmp_path / f"hicolor/{size}x{size}/apps/org.debrief.Debrief.png"))
        assert (image.width(), image.height()) == (size, size)
    ico = QImageReader(str(tmp_path / "debrief.ico"))  # Qt reads Windows icons too
    assert ico.imageCount() == 6 and not ico.read().isNull()
    icns = (tmp_path / "debrief.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert all(kind in icns for kind in ICNS_TYPES.values())
