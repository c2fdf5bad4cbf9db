"""`debrief people`, `person-import` and `person-export`: the People tab on the command line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from desktop.cli.parser import UsageError
from desktop.cli.terminal import write_utf8
from desktop.domain.clock import Clock
from desktop.domain.name_match import folded
from desktop.domain.person_form import drafts_from_file
from desktop.domain.vcard import VCardError, write_card
from desktop.files import write_atomically
from desktop.services import directory, person_edit
from desktop.services.directory import PersonRow

Act = Callable[[], int]


def people(args: argparse.Namespace, clock: Clock) -> Act:
    wanted = folded(" ".join(args.filter.split()))  # as the People tab: "zoe" finds "Zoë"

    def act() -> int:
        rows = [r for r in directory.people(clock.now()) if wanted in r.haystack]
        if args.json:
            write_utf8(json.dumps([_json(r, clock.tz) for r in rows], ensure_ascii=False))
            print()
        elif not rows:
            print(
                "Nobody matches."
                if wanted
                else "Nobody yet. People come with the interviews you log, or: "
                "debrief person-import FILE.vcf"
            )
        else:
            _print_table(rows, clock.tz)
        return 0

    return act


def _spoke(row: PersonRow, tz: tzinfo) -> str:
    return row.last_spoke.astimezone(tz).strftime("%Y-%m-%d") if row.last_spoke else "—"


def _json(row: PersonRow, tz: tzinfo) -> dict[str, object]:
    return {
        "id": row.id,
        "name": row.name,
        "company": row.company,
        "role": row.role.value,
        "job_title": row.job_title,
        "email": row.email,
        "phone": row.phone,
        "address_as": row.address_as,
        "interviews": row.interviews,
        "notes_sent": row.notes_sent,
        "last_spoke": row.last_spoke.astimezone(tz).isoformat(timespec="minutes")
        if row.last_spoke
        else None,
    }


def _print_table(rows: list[PersonRow], tz: tzinfo) -> None:
    table = [("ID", "Name", "Company", "Role", "Email", "Interviews", "Notes", "Last spoke")]
    for r in rows:
        table.append(
            (
                str(r.id),
                r.name,
                r.company or "—",
                r.role.label,
                r.email or "—",
                str(r.interviews),
                str(r.notes_sent),
                _spoke(r, tz),
            )
        )
    widths = [min(32, max(len(line[i]) for line in table)) for i in range(len(table[0]))]
    for line in table:
        print(
            "  ".join(
                cell[:32].ljust(width) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
        )


def person_import(args: argparse.Namespace, clock: Clock) -> Act:
    path = Path(args.file)
    try:  # read and checked before the database opens: a bad file writes nothing
        drafts = drafts_from_file(path)
    except VCardError as error:
        raise UsageError(str(error).rstrip(".")) from None

    def act() -> int:
        plan = person_edit.plan_import(drafts)
        outcome = person_edit.import_people(plan, args.update, clock)
        added, updated = len(outcome.added), len(outcome.updated)
        said = [f"Added {added} {_people(added)}"]
        if updated:
            said.append(f"updated {updated} already here")
        if outcome.skipped:
            said.append(
                f"left {outcome.skipped} already here as {'it was' if outcome.skipped == 1 else 'they were'} "
                "(same email; add --update to update them)"
            )
        print("; ".join(said) + ".")
        return 0

    return act


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


def person_export(args: argparse.Namespace, clock: Clock) -> Act:
    target = args.to
    if target != "-" and not Path(target).parent.is_dir():
        raise UsageError(f"person-export: the folder of {target} does not exist")
    if target != "-" and Path(target).is_dir():
        raise UsageError(f"person-export: {target} is a folder; give a file name")

    def act() -> int:
        contact_id = _one_person(args.name)
        text = write_card(person_edit.card_of(contact_id))
        if target == "-":
            write_utf8(text)
        else:
            write_atomically(Path(target), text.encode("utf-8"))
            print(f"Exported {person_edit.card_of(contact_id).name} to {target}")
        return 0

    return act


def _one_person(name: str) -> int:
    if name.strip().isdigit():
        return int(name.strip())  # an id, as `debrief people` shows; card_of checks it
    found = directory.find_people(name)
    if not found:
        raise UsageError(f"person-export: nobody is called {name!r}; see: debrief people")
    if len(found) > 1:
        shown = ", ".join(f"{n} ({i})" for i, n, _ in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise UsageError(
            f"person-export: {len(found)} people match {name!r}: {shown}{more}; "
            "give a full name, an email or an id"
        )
    return found[0][0]
