"""Waiting for long work run off the GUI thread (desktop/ui/background_op.py)."""

from __future__ import annotations


def finished(qtbot, op) -> str:
    """Wait until `op` ended and its outcome reached the GUI thread: "done", "failed" or
    "cancelled"."""
    qtbot.waitUntil(lambda: op.outcome is not None, timeout=30_000)
    return op.outcome
