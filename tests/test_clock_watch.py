"""Detecting suspend/resume and clock or zone changes, with injected clocks."""

from __future__ import annotations

from desktop.tray.clock_watch import TOLERANCE_SECONDS, ClockWatch


class Clocks:
    def __init__(self) -> None:
        self.wall = 1_800_000_000.0
        self.monotonic = 500.0
        self.zone = "Europe/Berlin"

    def tick(self, seconds: float, wall_extra: float = 0.0) -> None:
        self.monotonic += seconds
        self.wall += seconds + wall_extra


def _watch(clocks: Clocks) -> ClockWatch:
    return ClockWatch(lambda: clocks.zone, lambda: clocks.wall, lambda: clocks.monotonic)


def test_time_passing_normally_is_not_a_jump(qtbot) -> None:
    clocks = Clocks()
    watch = _watch(clocks)
    clocks.tick(60, wall_extra=TOLERANCE_SECONDS / 2)  # NTP slews a little
    with qtbot.assertNotEmitted(watch.jumped):
        assert watch.check() is False


def test_a_night_of_suspend_is_a_jump(qtbot) -> None:
    clocks = Clocks()
    watch = _watch(clocks)
    clocks.tick(60, wall_extra=8 * 3600)  # monotonic time stood still while asleep
    with qtbot.waitSignal(watch.jumped, timeout=1000):
        assert watch.check() is True
    clocks.tick(60)
    assert watch.check() is False  # measured from the new mark


def test_setting_the_clock_back_or_changing_zone_is_a_jump() -> None:
    clocks = Clocks()
    watch = _watch(clocks)
    clocks.tick(60, wall_extra=-3600)
    assert watch.check() is True
    clocks.zone = "America/New_York"
    clocks.tick(60)
    assert watch.check() is True
