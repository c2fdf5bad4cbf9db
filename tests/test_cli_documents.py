"""`debrief attach`, `debrief documents`, and the full export through the command line."""

from __future__ import annotations

import os
import stat

import pytest

from tests.conftest import run_cli
from tests.test_cli import _log
from tests.test_cli_data import _count
from tests.test_full_disk import disk, fill  # noqa: F401 - disk is a fixture

CV = b"%PDF-1.7\n" + bytes(range(256)) * 8


@pytest.fixture
def cv(tmp_path):
    path = tmp_path / "Jane Doe CV.pdf"
    path.write_bytes(CV)
    return path


def test_attach_and_list(tmp_path, cv) -> None:
    data = tmp_path / "data"
    _log(data)
    done = run_cli(data, "attach", "1", str(cv), "--kind", "cv", "--sent-on", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Attached Jane Doe CV.pdf (CV, 2 KB) to Acme — Data Analyst: document 1.\n"
    )
    [stored] = (data / "documents").iterdir()
    assert stored.read_bytes() == CV and stat.S_IMODE(stored.stat().st_mode) == 0o600
    listed = run_cli(data, "documents", "1")
    assert listed.returncode == 0
    assert listed.stdout.split() == [
        "1",
        "CV",
        "sent",
        "2026-11-20",
        "2",
        "KB",
        "Jane",
        "Doe",
        "CV.pdf",
    ]


def test_the_documents_columns_line_up_with_and_without_a_date(tmp_path, cv) -> None:
    data = tmp_path / "data"
    _log(data)
    run_cli(data, "attach", "1", str(cv), "--kind", "cv", "--sent-on", "2026-11-20")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Acme")
    run_cli(data, "attach", "1", str(letter), "--kind", "cover-letter")
    lines = run_cli(data, "documents", "1").stdout.splitlines()
    assert len(lines) == 2
    # The names start in the same column, whatever the date and size columns hold.
    assert {
        line.index(name) for line, name in zip(lines, ("Jane Doe", "letter.txt"), strict=True)
    } == {lines[0].index("Jane Doe")}, lines


def test_the_same_cv_for_a_second_opportunity_is_stored_once(tmp_path, cv) -> None:
    data = tmp_path / "data"
    _log(data)
    _log(data, "--company", "Globex")
    run_cli(data, "attach", "1", str(cv), "--kind", "cv")
    done = run_cli(data, "attach", "2", str(cv), "--kind", "cv")
    assert done.returncode == 0, done.stderr
    assert "also attached to 1 other opportunity; it is stored once" in done.stdout
    assert len(list((data / "documents").iterdir())) == 1
    assert _count(data, "opportunity_document") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("attach", "1", "{missing}"), "was not found; nothing was attached."),
        (("attach", "1", "{cv}", "--kind", "selfie"), "attach: --kind: unknown document kind"),
        (("attach", "1", "{cv}", "--sent-on", "yesterday-ish"), "attach: --sent-on:"),
        (("attach", "1", "{cv}", "--sent-on", "2099-01-01"), "2099-01-01 is in the future"),
        (("attach", "one", "{cv}"), "OPPORTUNITY_ID must be a number"),
        (("attach", "9", "{cv}"), "no opportunity with id 9"),
        (("attach", "1", "{big}"), "Debrief keeps documents up to 25 MB, so nothing was attached"),
        (("documents", "9"), "no opportunity with id 9"),
        (("attach", "1"), "attach: the following arguments are required: FILE"),
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path, cv, args, message) -> None:
    data = tmp_path / "data"
    _log(data)
    big = tmp_path / "huge.pdf"
    with open(big, "wb") as out:
        out.truncate(25 * 2**20 + 1)
    filled = [a.format(cv=cv, big=big, missing=tmp_path / "gone.pdf") for a in args]
    done = run_cli(data, *filled)
    assert done.returncode == 2
    assert message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not (data / "documents").exists() or not [
        p for p in os.listdir(data / "documents") if not p.startswith(".")
    ]


def test_full_export_then_import_elsewhere(tmp_path, cv) -> None:
    first, second = tmp_path / "laptop", tmp_path / "desktop"
    _log(first)
    run_cli(first, "attach", "1", str(cv), "--kind", "cv", "--sent-on", "2026-11-20")
    out = tmp_path / "everything.zip"
    done = run_cli(first, "export", "--format", "full", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Exported everything, with 1 document, to {out}\n"
    imported = run_cli(second, "import", str(out))
    assert imported.returncode == 0, imported.stderr
    listed = run_cli(second, "documents", "1")
    assert "Jane Doe CV.pdf" in listed.stdout and "sent 2026-11-20" in listed.stdout
    [stored] = (second / "documents").iterdir()
    assert stored.read_bytes() == CV


def test_a_json_export_names_documents_it_cannot_bring(tmp_path, cv) -> None:
    first, second = tmp_path / "laptop", tmp_path / "desktop"
    _log(first)
    run_cli(first, "attach", "1", str(cv), "--kind", "cv")
    out = tmp_path / "data.json"
    run_cli(first, "export", "--format", "json", "-o", str(out))
    imported = run_cli(second, "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "1 document named in the file were not imported" not in imported.stdout
    assert "1 document named in the file was not imported" in imported.stdout
    assert _count(second, "opportunity_document") == 0


def test_a_broken_archive_imports_nothing(tmp_path) -> None:
    data = tmp_path / "data"
    _log(data)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 and then nothing useful")
    done = run_cli(data, "import", str(broken))
    assert done.returncode == 2
    assert done.stderr == (
        "debrief: broken.zip is not a Debrief full export (.zip); nothing was imported.\n"
    )
    assert _count(data) == 1


def test_attaching_on_a_full_disk_says_so_and_leaves_nothing(disk, cv) -> None:  # noqa: F811
    data = disk / "data"
    _log(data)
    (data / "documents").mkdir(mode=0o700)
    filler = fill(disk)
    done = run_cli(data, "attach", "1", str(cv), "--kind", "cv")
    assert done.returncode == 2
    assert done.stderr == (
        "debrief: There is no room left on the disk for Jane Doe CV.pdf; nothing was attached.\n"
    )
    assert list((data / "documents").iterdir()) == []
    filler.unlink()
    assert _count(data, "opportunity_document") == 0
