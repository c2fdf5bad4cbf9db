"""A JSON import costs memory and time in proportion to the file, however the file is made,
and whatever it cannot take it says in one sentence while writing nothing."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from desktop import gc_pause
from desktop.domain import import_source
from desktop.domain.bundle import MAX_PROBLEMS, BundleError, check_bundle
from desktop.domain.import_source import bundle_from_json
from desktop.services.export_bundle import build_bundle, bundle_json
from tests.conftest import REPO, run_cli
from tests.histories import rich_history

HEAD = '{"format": "debrief-export", "version": 1, '
STAMP = "2026-01-01T09:00:00Z"


def _peak_bytes(action) -> int:
    tracemalloc.start()
    try:
        action()
    except ValueError:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_file_packed_with_empty_objects_is_refused_before_it_is_parsed() -> None:
    # Parsed and checked, each `{}` (3 bytes) once became a dict, its defaults and five
    # problem sentences: a megabyte needed over 300 MB.
    text = HEAD + '"opportunities": [' + ",".join(["{}"] * 350_000) + "]}"
    with pytest.raises(
        ValueError, match="not a Debrief export: it holds 350,002 objects and lists"
    ):
        bundle_from_json(text)
    assert _peak_bytes(lambda: bundle_from_json(text)) < 20 * len(text)  # a 1 MB file: < 20 MB


def test_brackets_inside_text_do_not_count_as_objects() -> None:
    notes = "{[" * 200  # code pasted into a note
    opportunity = {"company": "A", "role_title": "B", "created_at": STAMP, "updated_at": STAMP}
    text = json.dumps(
        {
            "format": "debrief-export",
            "version": 1,
            "opportunities": [dict(opportunity, notes=notes)],
        }
    )
    assert bundle_from_json(text)["opportunities"][0]["notes"] == notes


def test_checking_stops_at_the_hundredth_problem() -> None:
    # Small records that pass the density check but each miss four required fields.
    text = HEAD + '"opportunities": [' + ",".join(['{"a": "bcd"}'] * 20_000) + "]}"
    with pytest.raises(BundleError) as raised:
        bundle_from_json(text)
    assert raised.value.stopped
    assert len(raised.value.problems) == MAX_PROBLEMS
    assert raised.value.problems[0] == "file.opportunities[0].company: missing"


def test_an_entry_of_the_wrong_kind_is_a_problem_not_a_crash() -> None:
    with pytest.raises(BundleError, match=r"file.contacts\[0\]: expected an object"):
        check_bundle({"format": "debrief-export", "version": 1, "contacts": [1]})


def test_a_setting_nested_deeper_than_any_debrief_writes_is_refused() -> None:
    deep: object = "end"
    for _ in range(40):
        deep = [deep]
    with pytest.raises(BundleError, match=r"file\.settings\.x: nested more than 16 levels deep"):
        check_bundle({"format": "debrief-export", "version": 1, "settings": {"x": deep}})


class _CountedRef(int):
    """A ref that counts how often it is compared: the work the reference check does."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        _CountedRef.comparisons += 1
        return int(self) == other

    __hash__ = int.__hash__


def test_the_reference_check_looks_each_reference_up_once() -> None:
    # Each recruiter was compared with every person in the file: 24,000 of each took 34 s.
    count = 2_000
    data = {
        "format": "debrief-export",
        "version": 1,
        "contacts": [
            {"ref": _CountedRef(i), "name": f"P{i}", "created_at": STAMP}
            for i in range(1, count + 1)
        ],
        "opportunities": [
            {
                "company": f"C{i}",
                "role_title": "R",
                "created_at": STAMP,
                "updated_at": STAMP,
                "recruiter": _CountedRef(i),
                "interviews": [
                    {
                        "ref": _CountedRef(i),
                        "starts_at": STAMP,
                        "created_at": STAMP,
                        "interviewers": [_CountedRef(i)],
                    }
                ],
                "reminders": [
                    {
                        "kind": "debrief",
                        "key": f"o{i}:debrief:i{i}",
                        "due_at": STAMP,
                        "created_at": STAMP,
                        "interview": _CountedRef(i),
                        "contact": _CountedRef(i),
                    }
                ],
            }
            for i in range(1, count + 1)
        ],
    }
    _CountedRef.comparisons = 0
    check_bundle(data)
    assert _CountedRef.comparisons < 10 * count  # the old check made about count² / 2


def _with_reminder_keys(clock, *keys: str, shared: str | None = None) -> dict:
    rich_history(clock)
    data = json.loads(bundle_json(build_bundle(clock.now())))
    opportunity = next(o for o in data["opportunities"] if o["reminders"])
    template = opportunity["reminders"][0]
    opportunity["reminders"] = [dict(template, key=key) for key in keys]
    if shared is not None:
        data["reminders"] = [dict(template, key=shared, interview=None)]
    return data


@pytest.mark.parametrize(
    ("keys", "shared", "message"),
    [
        (
            ("o7:debrief:i1", "o7:debrief:i1"),
            None,
            r"reminders\[1\].key: 'o7:debrief:i1' is already",
        ),
        # Different in the file, the same once the opportunity's new id replaces o7 and o8.
        (("o7:debrief", "o8:debrief"), None, r"reminders\[1\].key: 'o8:debrief' is already"),
        (("welcome",), "welcome", r"file.reminders\[0\].key: 'welcome' is already used by"),
    ],
)
def test_reminders_that_would_share_a_key_are_reported_and_nothing_is_imported(
    store, clock, tmp_path, keys, shared, message
) -> None:
    data = _with_reminder_keys(clock, *keys, shared=shared)
    with pytest.raises(BundleError, match=message):
        check_bundle(data)


def test_the_command_line_lists_a_duplicate_key_and_writes_nothing(tmp_path) -> None:
    data_dir = tmp_path / "data"
    logged = run_cli(data_dir, "log-interview", "--company", "Acme", "--role", "Analyst",
                     "--at", "2026-11-25 14:00")  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    exported = tmp_path / "export.json"
    assert run_cli(data_dir, "export", "--format", "json", "-o", str(exported)).returncode == 0
    bundle = json.loads(exported.read_text(encoding="utf-8"))
    reminders = bundle["opportunities"][0]["reminders"]
    reminders.append(dict(reminders[0]))
    bundle["opportunities"][0]["role_title"] = "Another role"  # not a duplicate opportunity
    exported.write_text(json.dumps(bundle), encoding="utf-8")

    done = run_cli(data_dir, "import", str(exported))
    assert done.returncode == 2, done.stderr
    assert f"reminders[{len(reminders) - 1}].key:" in done.stderr
    assert "nothing was imported" in done.stderr
    assert "UNIQUE" not in done.stderr and "unexpected" not in done.stderr


_SHORT_OF_MEMORY = """
import resource, sys
from pathlib import Path
from desktop.cli import run
for line in Path("/proc/self/status").read_text().splitlines():
    if line.startswith("VmSize:"):
        used = int(line.split()[1]) * 1024
# Room for what the command line needs, not for the file's millions of strings.
resource.setrlimit(resource.RLIMIT_AS, (used + 150 * 2**20, resource.RLIM_INFINITY))
sys.exit(run(["--data-dir", sys.argv[1], "import", sys.argv[2]]))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_running_out_of_memory_is_one_sentence_and_writes_nothing(tmp_path) -> None:
    path = tmp_path / "strings.json"
    # Sparse enough for the density check, and some 500 MB once parsed.
    words = ",".join(f'"{n:08d}"' for n in range(2_000_000))
    path.write_text(HEAD + '"settings": {"x": [' + words + "]}}", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _SHORT_OF_MEMORY, str(tmp_path / "data"), str(path)],
        capture_output=True, text=True, timeout=300, cwd=REPO,
        env={**os.environ, "TZ": "Europe/Berlin"}, check=False,
    )  # fmt: skip
    assert done.returncode in (1, 2), done.stderr
    assert "not enough memory" in done.stderr
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr
    listed = run_cli(tmp_path / "data", "list", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []


def test_every_problem_is_named_where_it_is(store, clock) -> None:
    # A good file is checked once without naming places (the quiet pass); one with problems
    # is checked again, and each problem still says where it is, in the file's order.
    rich_history(clock)
    data = json.loads(bundle_json(build_bundle(clock.now())))
    good = check_bundle(json.loads(json.dumps(data)))
    last = len(data["opportunities"]) - 1
    data["opportunities"][0]["reminders"][0]["due_at"] = "soon"
    data["opportunities"][last]["applied_on"] = "yesterday"
    data["contacts"][0]["created_at"] = None
    with pytest.raises(BundleError) as raised:
        check_bundle(data)
    assert [problem.split(":")[0] for problem in raised.value.problems] == [
        "file.contacts[0].created_at",
        "file.opportunities[0].reminders[0].due_at",
        f"file.opportunities[{last}].applied_on",
    ]
    assert good["opportunities"][0]["created_at"].tzinfo is not None  # values, not text


def test_full_collections_are_held_off_only_while_a_file_is_read(store, clock) -> None:
    rich_history(clock)
    text = bundle_json(build_bundle(clock.now()))
    seen: list[tuple[bool, bool, int]] = []
    thresholds = gc.get_threshold()

    def watched(real):
        def check(data, tick=None):
            seen.append((gc.isenabled(), gc_pause.holding(), gc.get_threshold()[2]))
            return real(data, tick)

        return check

    with pytest.MonkeyPatch.context() as patch:
        for name in ("check_bundle", "check_rows_checked"):  # checked as parsed, or whole
            patch.setattr(import_source, name, watched(getattr(import_source, name)))
        bundle_from_json(text)
        with pytest.raises(BundleError):
            bundle_from_json(text.replace('"debrief-export"', '"something else"'))
    # Young collections go on (switched off, they were all left for one long one after);
    # full ones wait: as the good file's rows are checked, and the other's (as parsed,
    # then whole).
    assert seen == [(True, True, 2**31 - 1)] * 3
    assert not gc_pause.holding()  # released after a good file and a bad one
    assert gc.get_threshold() == thresholds
