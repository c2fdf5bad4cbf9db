"""The Qt binding keeps Python's reference counts: a binding that drops a reference to None
or True on each call aborts the whole process once the count reaches zero, on Python 3.11
where they are not immortal. PySide6 6.12.0 does (see the pin in pyproject.toml): the app
would die after some thousand clicks, and the suite aborted at exit (bool_dealloc)."""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QObject, QTimer, Signal

CALLS = 200


class _Emitter(QObject):
    ping = Signal()


@pytest.fixture
def no_collection() -> Iterator[None]:
    """A collection meanwhile may free objects holding None or True: keep it out."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def _references_lost(singleton: object, call: Callable[[], object]) -> int:
    before = sys.getrefcount(singleton)
    for _ in range(CALLS):
        call()
    lost = before - sys.getrefcount(singleton)
    for _ in range(max(lost, 0)):  # give them back, so a failure fails and does not abort
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(singleton))
    return lost


def test_a_void_method_keeps_the_reference_to_none(no_collection) -> None:
    timer = QTimer()
    assert _references_lost(None, timer.stop) < CALLS // 2


def test_emitting_a_signal_keeps_the_reference_to_true(no_collection) -> None:
    emitter = _Emitter()
    emitter.ping.connect(lambda: None)
    assert _references_lost(True, emitter.ping.emit) < CALLS // 2
