"""The user's zone from TZ: a zone name or a POSIX rule, each with its summer time."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.clock import posix_zone, zone_from_tz
from tests.conftest import REPO

NEW_YORK = ZoneInfo("America/New_York")  # has followed EST5EDT,M3.2.0,M11.1.0 since 2007
BERLIN = ZoneInfo("Europe/Berlin")  # has followed CET-1CEST,M3.5.0,M10.5.0/3 since 1996
US_RULE = "EST5EDT,M3.2.0,M11.1.0"
EU_RULE = "CET-1CEST,M3.5.0,M10.5.0/3"

instants = st.datetimes(
    min_value=datetime(2008, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
)
wall_times = st.datetimes(min_value=datetime(2008, 1, 1), max_value=datetime(2037, 12, 31))


def _local_zone_with(tz: str) -> str:
    """What a fresh process makes of TZ: its zone's name and two local times from it."""
    code = (
        "from datetime import UTC, datetime\n"
        "from desktop.domain.clock import SystemClock\n"
        "tz = SystemClock().tz\n"
        "show = lambda m, d: datetime(2026, m, d, 12, tzinfo=UTC).astimezone(tz)"
        ".strftime('%H:%M %Z')\n"
        "print(str(tz), show(1, 15), show(7, 15), sep=' | ')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "TZ": tz}, cwd=REPO, timeout=60,
    )  # fmt: skip
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("tz", "seen"),
    [
        (US_RULE, f"{US_RULE} | 07:00 EST | 08:00 EDT"),
        (EU_RULE, f"{EU_RULE} | 13:00 CET | 14:00 CEST"),
        ("Europe/Berlin", "Europe/Berlin | 13:00 CET | 14:00 CEST"),
        (":Europe/Berlin", "Europe/Berlin | 13:00 CET | 14:00 CEST"),
        ("<+0530>-5:30", "<+0530>-5:30 | 17:30 +0530 | 17:30 +0530"),
    ],
)
def test_the_tz_variable_decides_the_zone(tz: str, seen: str) -> None:
    assert _local_zone_with(tz) == seen


@pytest.mark.parametrize("value", ["", "no such zone!", ":EST5EDT,M3.2.0,M11.1.0", "EST5EDT,M13"])
def test_a_tz_that_means_nothing_usable_leaves_the_choice_to_the_system(value: str) -> None:
    assert zone_from_tz(value) is None


SYSTEM_BERLIN = Path("/usr/share/zoneinfo/Europe/Berlin")


@pytest.mark.skipif(not SYSTEM_BERLIN.is_file(), reason="no system zone files here")
def test_a_zone_file_by_its_path(tmp_path) -> None:
    path = tmp_path / "zone"
    path.write_bytes(SYSTEM_BERLIN.read_bytes())
    zone = zone_from_tz(f":{path}")
    assert zone is not None and datetime(2026, 7, 1, tzinfo=zone).utcoffset() == timedelta(hours=2)


def test_a_summer_name_without_dates_takes_the_c_librarys_default_dates() -> None:
    zone = posix_zone("AAA3BBB")
    assert zone is not None
    assert datetime(2026, 1, 15, tzinfo=zone).utcoffset() == timedelta(hours=-3)
    assert datetime(2026, 7, 15, tzinfo=zone).utcoffset() == timedelta(hours=-2)


@settings(max_examples=300, deadline=None)
@given(moment=instants)
def test_a_rule_gives_the_same_local_time_as_the_named_zone_and_back(moment: datetime) -> None:
    for rule, named in ((US_RULE, NEW_YORK), (EU_RULE, BERLIN)):
        zone = posix_zone(rule)
        local = moment.astimezone(zone)
        assert local.replace(tzinfo=None) == moment.astimezone(named).replace(tzinfo=None)
        assert local.utcoffset() == moment.astimezone(named).utcoffset()
        assert local.astimezone(UTC) == moment  # the round trip, across every change


@settings(max_examples=300, deadline=None)
@given(wall=wall_times, fold=st.sampled_from([0, 1]))
def test_a_wall_time_in_the_gap_or_the_repeated_hour_means_what_it_means_in_the_named_zone(
    wall: datetime, fold: int
) -> None:
    for rule, named in ((US_RULE, NEW_YORK), (EU_RULE, BERLIN)):
        ruled = wall.replace(tzinfo=posix_zone(rule), fold=fold)
        assert ruled.utcoffset() == wall.replace(tzinfo=named, fold=fold).utcoffset()


def test_the_night_the_clocks_go_back_in_new_york() -> None:
    zone = posix_zone(US_RULE)
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC).astimezone(zone)
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC).astimezone(zone)
    assert (first.strftime("%H:%M %Z"), second.strftime("%H:%M %Z")) == ("01:30 EDT", "01:30 EST")
    assert (first.fold, second.fold) == (0, 1)
