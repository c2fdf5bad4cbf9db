"""A Qt warning fails the test that caused it; only the offscreen platform's known lines
are let through. Checked by running a small suite under this project's Qt log settings."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO

pytest_plugins = ["pytester"]

WARNS = """
from PySide6.QtCore import qWarning

def test_an_unexpected_warning(qapp):
    qWarning("something is wrong")

def test_the_offscreen_platform_line(qapp):
    qWarning("This plugin does not support propagateSizeHints()")

def test_a_longer_line_that_starts_the_same(qapp):
    qWarning("This plugin does not support propagateSizeHints() and more")
"""


def test_only_the_offscreen_platforms_known_lines_pass(pytester) -> None:
    options = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]
    qt = {k: v for k, v in options["ini_options"].items() if k.startswith("qt_")}
    lines = ["[pytest]"]
    for key, value in qt.items():
        lines.append(
            f"{key} = " + ("\n    ".join(["", *value]) if isinstance(value, list) else value)
        )
    pytester.makeini("\n".join(lines))
    pytester.makepyfile(test_warns=WARNS)
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*FAILED*test_an_unexpected_warning*"])
    result.stdout.fnmatch_lines(["*FAILED*test_a_longer_line_that_starts_the_same*"])
