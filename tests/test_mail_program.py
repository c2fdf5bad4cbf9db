"""Whether a mailto: link can reach a mail program, asked of the real xdg-mime protocol:
a small stand-in xdg-mime on PATH answers as the real one does."""

from __future__ import annotations

import sys

import pytest

from desktop.ui.mail_program import linux_has_mail_program

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-mime is Linux")


def _xdg_mime(tmp_path, answer: str) -> str:
    script = tmp_path / "xdg-mime"
    script.write_text(
        '#!/bin/sh\n[ "$*" = "query default x-scheme-handler/mailto" ] || exit 3\n'
        f"printf '%s' '{answer}'\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(tmp_path)


def test_no_default_mail_program_is_reported(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", _xdg_mime(tmp_path, ""))
    assert linux_has_mail_program() is False


def test_a_default_mail_program_is_found(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", _xdg_mime(tmp_path, "thunderbird.desktop\n"))
    assert linux_has_mail_program() is True


def test_without_xdg_mime_openurl_decides(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert linux_has_mail_program() is True
