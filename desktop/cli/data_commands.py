"""Export, import, backup and restore from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from db.backups import MANUAL, BackupUnusable
from desktop.cli.parser import UsageError
from desktop.cli.terminal import write_utf8
from desktop.domain.activity_report import ActivityReport
from desktop.domain.bundle import BundleError
from desktop.domain.clock import Clock
from desktop.domain.forms import parse_date
from desktop.domain.import_source import bundle_from_json, looks_like_json, read_import_text
from desktop.domain.spreadsheet import (
    FIELDS,
    detect_day_first,
    guess_mapping,
    read_table,
    table_to_bundle,
)
from desktop.files import write_atomically
from desktop.services import archive, backups, exporting
from desktop.services.import_bundle import Duplicates, apply_bundle, preview

MAX_PROBLEMS_SHOWN = 20
Act = Callable[[], int]  # as in commands.py: a parsed command, run once the data is open


def export(args: argparse.Namespace, clock: Clock, data_dir: Path) -> Act:
    fmt = args.format
    target = args.output
    if fmt == "report":
        start, end = _period(args, clock)
        if target == "-":
            raise UsageError("export: the report is a PDF; give a file with -o")
    elif fmt == "full":
        if target == "-":
            raise UsageError("export: the full export is a .zip; give a file with -o")
        if args.since or args.until:
            raise UsageError("export: --from and --to are for --format report")
    elif args.since or args.until:
        raise UsageError("export: --from and --to are for --format report")
    if target != "-" and not Path(target).parent.is_dir():
        raise UsageError(f"export: the folder of {target} does not exist")
    if target != "-" and Path(target).is_dir():
        raise UsageError(f"export: {target} is a folder; give a file name")

    def act() -> int:
        if fmt == "report":
            return _write_report(exporting.report_for(start, end, clock), Path(target))
        if fmt == "full":
            print(archive.write_archive(Path(target), data_dir, clock).sentence())
            return 0
        text = exporting.export_text(fmt, clock, bom=args.bom)
        if target == "-":
            write_utf8(text)
        else:
            write_atomically(Path(target), text.encode("utf-8"))
            print(f"Exported to {target}")
        return 0

    return act


def _period(args: argparse.Namespace, clock: Clock) -> tuple[date, date]:
    today = clock.now().astimezone(clock.tz).date()
    end = parse_date(args.until) if args.until else today
    start = parse_date(args.since) if args.since else end - timedelta(days=30)
    if end < start:
        raise UsageError("export: --from is after --to")
    return start, end


def _write_report(report: ActivityReport, target: Path) -> int:
    import os

    # The PDF is laid out by Qt; no window is needed, so no display either.
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from desktop.services.notes import load_profile
    from desktop.ui.report_pdf import write_report_pdf

    _app = QGuiApplication.instance() or QGuiApplication(["debrief"])
    write_report_pdf(report, target, load_profile().your_name)
    print(f"Report of {len(report.entries)} activities written to {target}")
    return 0


def import_(args: argparse.Namespace, clock: Clock, data_dir: Path) -> Act:
    path = Path(args.file)
    full: archive.Archive | None = None
    try:
        if path.is_file() and archive.looks_like_archive(path):
            if args.map:
                raise UsageError("import: --map is for CSV files")
            full = archive.read_archive(path)
            bundle = full.bundle
        elif looks_like_json(path, text := read_import_text(path)):
            if args.map:
                raise UsageError("import: --map is for CSV files")
            bundle = bundle_from_json(text)
        else:
            bundle = _csv_bundle(text, args, clock)
    except BundleError as error:
        shown = error.problems[:MAX_PROBLEMS_SHOWN]
        more = len(error.problems) - len(shown)
        for problem in shown:
            print(f"  {problem}", file=sys.stderr)
        if more:
            print(f"  … and {more} more", file=sys.stderr)
        count = f"{'more than ' if error.stopped else ''}{len(error.problems)} problem(s)"
        raise UsageError(f"import: {path.name} has {count}; nothing was imported") from None
    policy = Duplicates(args.duplicates)

    def act() -> int:
        if args.dry_run:
            print(f"Dry run, nothing written: {preview(bundle, policy).sentence()}")
            return 0
        kept = backups.back_up_before_import(data_dir, clock)
        if full is not None:
            summary = archive.import_archive(full, policy, clock, data_dir)
        else:
            summary = apply_bundle(bundle, policy, clock)
        done = "merged" if policy is Duplicates.MERGE else "skipped"
        count = len(summary.added)
        print(
            f"Imported {count} opportunit{'y' if count == 1 else 'ies'}; "
            f"{len(summary.duplicates)} already there ({done})."
            + summary.documents_note()
            + (f" Previous data kept in {kept}" if kept else "")
        )
        return 0

    return act


def _csv_bundle(text: str, args: argparse.Namespace, clock: Clock) -> dict[str, Any]:
    try:
        table = read_table(text)
    except ValueError as error:
        raise UsageError(f"import: {error}") from None
    mapping = guess_mapping(table.headers)
    for item in args.map:
        name, _, header = item.partition("=")
        if name not in FIELDS or not header:
            raise UsageError(
                f"import: --map takes FIELD=Header, FIELD one of {', '.join(FIELDS)}; got {item!r}"
            )
        if header not in table.headers:
            raise UsageError(f"import: no column headed {header!r} in the file")
        mapping[name] = table.headers.index(header)
    detected = detect_day_first(table, mapping)
    day_first = args.dates == "dmy" if args.dates else detected is not False
    return table_to_bundle(table, mapping, clock.tz, clock.now(), day_first)


def backup(args: argparse.Namespace, clock: Clock, data_dir: Path) -> Act:
    def act() -> int:
        if args.list:
            found = backups.list_all(data_dir)
            if not found:
                print("No backups yet.")
            for item in found:
                stamp = item.made_at.astimezone(clock.tz).strftime("%Y-%m-%d %H:%M")
                print(f"{stamp}  {item.kind:<22} {item.size / 1024:>8.0f} KiB  {item.path}")
            return 0
        print(f"Backed up to {backups.back_up(data_dir, MANUAL, clock)}")
        return 0

    return act


def restore(args: argparse.Namespace, clock: Clock, data_dir: Path) -> Act:
    source = Path(args.file)

    def act() -> int:
        from desktop.tray.single_instance import InstanceLock

        lock = InstanceLock(data_dir)
        if not lock.acquire():
            if not lock.held_elsewhere():  # not running: the lock file cannot be written
                from desktop.faults import Unusable, cannot_lock

                raise Unusable(cannot_lock(data_dir))
            raise UsageError(
                "restore: Debrief is running; restore from its Your data ▸ Backups window, "
                "or quit it first"
            )
        try:
            # The copy is checked before anything is touched.
            kept = backups.restore(data_dir, source, clock)
        except BackupUnusable as error:
            raise UsageError(f"restore: {error}; nothing was changed") from None
        finally:
            lock.release()
        print(
            f"Restored {source.name}."
            + (f" The data it replaced is kept in {kept}" if kept else "")
        )
        return 0

    return act
