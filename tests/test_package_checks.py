"""The .deb builder's own judgements: appstreamcli's output (only a missing homepage
passes) and the modes of the package tree, whatever the umask it was made under."""

from __future__ import annotations

import os
import stat

from tests.conftest import packaging_script

build_deb = packaging_script("build_deb")
appstream_only_tolerated = build_deb.appstream_only_tolerated


def test_a_missing_homepage_is_the_one_appstream_warning_tolerated() -> None:
    homepage = [
        "org.debrief.Debrief.metainfo.xml",
        "  W: org.debrief.Debrief:~: url-homepage-missing",
    ]
    assert appstream_only_tolerated(homepage)
    other = [*homepage, "  E: org.debrief.Debrief:12: tag-invalid summary"]
    assert not appstream_only_tolerated(other)
    assert not appstream_only_tolerated(
        ["  W: org.debrief.Debrief:3: description-first-para-too-short"]
    )
    assert not appstream_only_tolerated(["✘ Validation failed"])  # a failure it cannot read


def test_a_tree_made_under_a_private_umask_gets_the_modes_dpkg_deb_wants(tmp_path) -> None:
    saved = os.umask(0o077)
    try:
        tree = tmp_path / "root"
        (tree / "DEBIAN").mkdir(parents=True)
        (tree / "usr" / "lib" / "debrief" / "debrief").parent.mkdir(parents=True)
        (tree / "usr" / "lib" / "debrief" / "debrief").write_text("#!/bin/sh\n")
        (tree / "DEBIAN" / "control").write_text("Package: debrief\n")
    finally:
        os.umask(saved)
    build_deb.normalise_modes(tree)
    modes = {
        str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode)
        for p in [tree, *tree.rglob("*")]
    }
    assert modes == {
        "root": 0o755,
        "root/DEBIAN": 0o755,
        "root/DEBIAN/control": 0o644,
        "root/usr": 0o755,
        "root/usr/lib": 0o755,
        "root/usr/lib/debrief": 0o755,
        "root/usr/lib/debrief/debrief": 0o755,
    }
