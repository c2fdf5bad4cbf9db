"""The .deb builder's judgement of appstreamcli's output: only a missing homepage passes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
from build_deb import appstream_only_tolerated


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
