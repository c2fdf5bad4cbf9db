"""export, import, backup and restore, in process, on real data folders."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from db.connection import close_database
from db.store import open_store
from desktop.services import notes
from tests.conftest import REPO, run_cli
from tests.test_cli import _log


def _count(data_dir, table: str = "opportunity") -> int:
    connection = sqlite3.connect(data_dir / "debrief.sqlite3")
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_every_export_format_writes_its_file(tmp_path) -> None:
    data = tmp_path / "data"
    assert _log(data).returncode == 0
    for fmt, suffix in (("json", "json"), ("csv", "csv"), ("ics", "ics"), ("report", "pdf")):
        target = tmp_path / f"out.{suffix}"
        extra = ("--from", "2026-11-01", "--to", "2026-11-30") if fmt == "report" else ()
        done = run_cli(data, "export", "--format", fmt, "-o", str(target), *extra)
        assert done.returncode == 0, done.stderr
        assert target.stat().st_size > 0
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "debrief-export"
    assert (tmp_path / "out.csv").read_bytes().startswith(b'"Company"')
    assert (tmp_path / "out.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    text = pypdf.PdfReader(tmp_path / "out.pdf").pages[0].extract_text()
    assert "Acme" in text and "Interviews: 1" in " ".join(text.split())
    assert not list(tmp_path.glob(".*partial*"))


@pytest.mark.parametrize("fmt", ["full", "json", "csv", "ics", "report"])
def test_an_export_aimed_at_a_folder_says_so_in_one_line(tmp_path, fmt: str) -> None:
    data = tmp_path / "data"
    assert _log(data).returncode == 0
    done = run_cli(data, "export", "--format", fmt, "-o", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == f"debrief: export: {tmp_path} is a folder; give a file name\n"
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_export_to_stdout_and_with_a_bom(tmp_path) -> None:
    data = tmp_path / "data"
    _log(data)
    done = run_cli(data, "export", "--format", "csv", "-o", "-", "--bom")
    assert done.returncode == 0 and done.stdout.startswith('\ufeff"Company"')


def test_moving_a_whole_history_to_another_folder_and_back(tmp_path) -> None:
    first, second = tmp_path / "laptop", tmp_path / "desktop"
    _log(first)
    run_cli(first, "set-status", "1", "Not this time")
    out = tmp_path / "all.json"
    assert run_cli(first, "export", "--format", "json", "-o", str(out)).returncode == 0
    imported = run_cli(second, "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 opportunity" in imported.stdout
    back = tmp_path / "back.json"
    run_cli(second, "export", "--format", "json", "-o", str(back))

    def without_stamp(path):
        return {k: v for k, v in json.loads(path.read_text()).items() if k != "exported_at"}

    assert without_stamp(back) == without_stamp(out)


def test_a_bad_csv_imports_nothing_and_lists_each_bad_row(tmp_path) -> None:
    data = tmp_path / "data"
    _log(data)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Employer,Position,Stage\nGlobex,Lead,applied\nInitech,,maybe\n")
    done = run_cli(data, "import", str(sheet))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith("  line 3: unknown status 'maybe'") and "Role is empty" in lines[0]
    assert lines[-1] == "debrief: import: sheet.csv has 1 problem(s); nothing was imported"
    assert "Traceback" not in done.stderr
    assert _count(data) == 1


def test_csv_import_with_a_column_map_dry_run_then_for_real(tmp_path) -> None:
    data = tmp_path / "data"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Firma,Stelle,Beworben\nGlobex,Lead,03/11/2026\nInitech,Analyst,4/11/2026\n")
    mapped = ("--map", "company=Firma", "--map", "role=Stelle", "--map", "applied_on=Beworben")
    dry = run_cli(data, "import", str(sheet), "--dry-run", *mapped)
    assert dry.returncode == 0 and "2 opportunities to add" in dry.stdout
    assert not (data / "debrief.sqlite3").exists() or _count(data) == 0
    done = run_cli(data, "import", str(sheet), *mapped, "--dates", "mdy")
    assert done.returncode == 0, done.stderr
    connection = sqlite3.connect(data / "debrief.sqlite3")
    assert connection.execute("SELECT applied_on FROM opportunity ORDER BY id").fetchall() == [
        ("2026-03-11",),
        ("2026-04-11",),
    ]
    connection.close()
    bad = run_cli(data, "import", str(sheet), "--map", "wage=Firma")
    assert bad.returncode == 2 and "--map takes FIELD=Header" in bad.stderr


def test_import_keeps_a_backup_of_what_was_there(tmp_path) -> None:
    data = tmp_path / "data"
    _log(data)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Company,Role\nGlobex,Lead\n")
    done = run_cli(data, "import", str(sheet))
    assert done.returncode == 0 and "Previous data kept in" in done.stdout
    [copy] = (data / "backups").glob("before-import-*.sqlite3")
    connection = sqlite3.connect(copy)
    assert connection.execute("SELECT count(*) FROM opportunity").fetchone()[0] == 1
    connection.close()


def test_backup_then_restore_keeps_a_copy_of_what_it_replaces(tmp_path) -> None:
    data = tmp_path / "data"
    _log(data)
    made = run_cli(data, "backup")
    assert made.returncode == 0
    backup_path = made.stdout.strip().removeprefix("Backed up to ")
    run_cli(data, "set-status", "1", "offer")
    _log(data, "--company", "Globex")
    assert _count(data) == 2

    restored = run_cli(data, "restore", backup_path)
    assert restored.returncode == 0, restored.stderr
    assert _count(data) == 1
    [kept] = (data / "backups").glob("before-restore-*.sqlite3")
    connection = sqlite3.connect(kept)
    assert connection.execute("SELECT count(*) FROM opportunity").fetchone()[0] == 2
    connection.close()
    listed = run_cli(data, "backup", "--list")
    assert "manual" in listed.stdout and "before-restore" in listed.stdout


def test_restore_refuses_a_file_that_is_not_a_good_backup(tmp_path) -> None:
    data = tmp_path / "data"
    _log(data)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    done = run_cli(data, "restore", str(junk))
    assert done.returncode == 2 and "nothing was changed" in done.stderr
    assert _count(data) == 1


def test_a_damaged_database_is_left_alone_and_the_message_names_a_good_backup(tmp_path) -> None:
    data = tmp_path / "data"
    _log(data)
    run_cli(data, "backup")
    database = data / "debrief.sqlite3"
    damaged = b"this is not a database any more" * 100
    database.write_bytes(damaged)
    done = run_cli(data, "list")
    assert done.returncode == 1
    assert "left untouched" in done.stderr and "debrief restore" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert database.read_bytes() == damaged

    backup_path = done.stderr.split("debrief restore '")[1].split("'")[0]
    assert run_cli(data, "restore", backup_path).returncode == 0
    assert _count(data) == 1
    [kept] = (data / "backups").glob("before-restore-*.sqlite3")
    assert kept.read_bytes() == damaged


def test_restore_refuses_while_the_app_runs(tmp_path) -> None:
    from desktop.tray.single_instance import InstanceLock

    data = tmp_path / "data"
    _log(data)
    backup_path = run_cli(data, "backup").stdout.strip().removeprefix("Backed up to ")
    lock = InstanceLock(data)
    assert lock.acquire()
    try:
        done = run_cli(data, "restore", backup_path)
    finally:
        lock.release()
    assert done.returncode == 2 and "Debrief is running" in done.stderr


def test_export_works_with_a_customised_note_template(tmp_path) -> None:
    data = tmp_path / "data"
    assert _log(data).returncode == 0
    template = 'Dear {{their_name}},\n"thanks" — ça 🙂\n'
    open_store(data)
    try:
        notes.save_template("thank_you", template)
    finally:
        close_database()
    for fmt in ("json", "csv", "ics"):
        done = run_cli(data, "export", "--format", fmt, "-o", "-")
        assert done.returncode == 0, done.stderr
        assert "Acme" in done.stdout
    exported = json.loads(run_cli(data, "export", "--format", "json", "-o", "-").stdout)
    assert exported["settings"]["template:thank_you"] == template


def _read_only_mount_works(tmp_path) -> bool:
    probe = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c",
         f"mount --bind -o ro '{tmp_path}' '{tmp_path}'"],
        capture_output=True, check=False,
    )  # fmt: skip
    return probe.returncode == 0


def test_restore_from_a_read_only_disk(tmp_path) -> None:
    """A backup on a read-only medium (a mounted stick, a CD, a snapshot) is restored: it
    was refused, as SQLite could not make its -shm file beside it."""
    if shutil.which("unshare") is None or not _read_only_mount_works(tmp_path):
        pytest.skip("no private read-only mount here (needs unshare and user namespaces)")
    data = tmp_path / "data"
    _log(data)
    made = run_cli(data, "backup")
    backup_path = Path(made.stdout.strip().removeprefix("Backed up to "))
    disk = tmp_path / "disk"
    disk.mkdir()
    shutil.copy(backup_path, disk / "debrief-backup.sqlite3")
    _log(data, "--company", "Globex")

    # The data folder stays writable; only `disk` is mounted read-only, in a namespace
    # of this one command, so nothing is left mounted whatever happens.
    script = (
        f"mount --bind -o ro '{disk}' '{disk}' && "
        f"exec '{sys.executable}' -m desktop --data-dir '{data}' restore "
        f"'{disk}/debrief-backup.sqlite3'"
    )
    done = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", script],
        capture_output=True, text=True, timeout=120, cwd=REPO,
        env={**os.environ, "TZ": "Europe/Berlin"}, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _count(data) == 1
    assert sorted(p.name for p in disk.iterdir()) == ["debrief-backup.sqlite3"]
