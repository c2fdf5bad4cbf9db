"""`debrief due / done / snooze / dismiss`, in process, on a real data folder."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from desktop.domain.clock import FixedClock
from tests.conftest import run_cli

# The commands run by a fixed clock, at 19:00 on a Wednesday in Berlin, and the interview
# was that afternoon: its steps are due whatever the hour the suite runs at (by the real
# clock, at night, they would wait for the end of the quiet hours).
AFTERNOON = "2026-11-25 13:00"


@pytest.fixture
def evening() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 18, 0, tzinfo=UTC), tz="Europe/Berlin")


@pytest.fixture
def data(tmp_path, evening):
    folder = tmp_path / "data"
    # Logged a few hours after it ended: the thank-you, the call and the debrief are due,
    # and still worth doing (a step long past would be recorded as past, silently).
    logged = run_cli(
        folder,
        "log-interview", "--company", "Acme", "--role", "Data Analyst",
        "--at", AFTERNOON, "--interviewer", "Dana Li <dana@acme.example>",
        "--recruiter", "Sam Ortiz <sam@agency.example>", clock=evening,
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    return folder


def _due(data, clock: FixedClock) -> list[dict]:
    done = run_cli(data, "due", "--json", clock=clock)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_due_lists_overdue_reminders_with_readable_titles(data, evening) -> None:
    due = _due(data, evening)
    titles = {d["title"] for d in due}
    assert "Send a thank-you note to Dana Li — Acme, Data Analyst" in titles
    assert "Call Sam Ortiz with your feedback — Acme, Data Analyst" in titles
    assert "late_thank_you" not in {d["kind"] for d in due}  # not yet: the first still is
    text = run_cli(data, "due", clock=evening).stdout
    assert "Send a thank-you note to Dana Li — Acme, Data Analyst" in text


def test_done_dismiss_and_snooze_take_reminders_off_the_list(data, evening) -> None:
    due = _due(data, evening)
    by_kind = {d["kind"]: d["id"] for d in due}
    assert run_cli(data, "done", str(by_kind["thank_you"]), clock=evening).returncode == 0
    assert run_cli(data, "dismiss", str(by_kind["recruiter_call"]), clock=evening).returncode == 0
    snoozed = run_cli(data, "snooze", str(by_kind["debrief"]), "--for", "1d", clock=evening)
    assert snoozed.returncode == 0 and snoozed.stdout.startswith("Snoozed until ")
    left = {d["kind"] for d in _due(data, evening)}
    # The late thank-you goes too: the note was sent.
    assert not left & {"thank_you", "late_thank_you", "recruiter_call", "debrief"}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["done", "999"], "no reminder with id 999"),
        (["done", "x"], "must be a number"),
        (["snooze", "1"], "required"),
        (["snooze", "1", "--for", "forever"], "not a duration"),
        (["snooze", "1", "--until", "2020-01-01 10:00"], "future"),
        (["snooze", "1", "--until", "someday"], "not a date and time"),
    ],
)
def test_bad_ids_and_times_are_one_line_exit_2(data, evening, args, fragment) -> None:
    before = _due(data, evening)
    done = run_cli(data, *args, clock=evening)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and fragment in done.stderr
    assert _due(data, evening) == before


def test_answering_twice_says_it_is_no_longer_open(data, evening) -> None:
    first = _due(data, evening)[0]["id"]
    assert run_cli(data, "done", str(first), clock=evening).returncode == 0
    again = run_cli(data, "dismiss", str(first), clock=evening)
    assert again.returncode == 2 and "no longer open" in again.stderr


def test_an_agency_recruiter_from_the_command_line_gets_the_thanks(tmp_path, evening) -> None:
    folder = tmp_path / "agency"
    logged = run_cli(
        folder,
        "log-interview", "--company", "Acme", "--role", "Data Analyst",
        "--at", AFTERNOON, "--interviewer", "Dana Li <dana@acme.example>",
        "--recruiter", "Sam Ortiz <sam@agency.example>", "--recruiter-from", "agency",
        clock=evening,
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    titles = {d["title"] for d in _due(folder, evening)}
    assert "Ask Sam Ortiz to pass on your thanks — Acme, Data Analyst" in titles
    assert not any("Dana Li" in title for title in titles)
    wrong = run_cli(folder, "log-interview", "--company", "Acme", "--role", "R",
                    "--at", "2020-03-11 14:00", "--recruiter-from", "cousin")  # fmt: skip
    assert wrong.returncode == 2 and "--recruiter-from" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_the_command_line_answers_by_the_clock_it_is_given(tmp_path, clock) -> None:
    from datetime import timedelta

    folder = tmp_path / "data"
    logged = run_cli(
        folder, "log-interview", "--company", "Acme", "--role", "Analyst",
        "--at", "2026-11-25 14:00", clock=clock,
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    assert json.loads(run_cli(folder, "due", "--json", clock=clock).stdout) == []
    clock.advance(days=4)  # the day after the interview
    due = json.loads(run_cli(folder, "due", "--json", clock=clock).stdout)
    assert "debrief" in {d["kind"] for d in due}
    snoozed = run_cli(folder, "snooze", str(due[0]["id"]), "--for", "2h", clock=clock)
    stamp = (clock.now() + timedelta(hours=2)).astimezone(clock.tz).strftime("%Y-%m-%d %H:%M")
    assert snoozed.stdout.startswith(f"Snoozed until {stamp}")
