"""What each subcommand does, once its arguments parsed."""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path

from db.store import open_store
from db.vocabulary import InvalidTransition, Status
from desktop.change_marker import announce_change
from desktop.cli import (
    data_commands,
    document_commands,
    opportunity_commands,
    people_commands,
)
from desktop.cli.parser import UsageError, parse_id
from desktop.cli.terminal import write_utf8
from desktop.domain.clock import Clock
from desktop.domain.forms import (
    parse_local_datetime,
    validate_interview,
    validate_own_reminder,
    validate_status_change,
)
from desktop.playbook.snooze import parse_duration
from desktop.services import counts, reminders
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status, get_opportunity
from desktop.services.queries import (
    OpportunityRow,
    list_opportunities,
    opportunity_id_of_interview,
)

log = logging.getLogger(__name__)

# Other Debriefs (the app, more command lines) write too: a command waits this long for its
# turn before saying so. Each write holds the lock for milliseconds.
CLI_BUSY_MS = 30_000

# A parsed command, ready to run once the database is open: its exit code.
Act = Callable[[], int]


def dispatch(command: str, args: argparse.Namespace, data_dir: Path, clock: Clock) -> int:
    if command == "self-check":
        from desktop.cli.selfcheck import self_check

        return self_check(data_dir)
    handlers: dict[str, Callable[[argparse.Namespace, Clock], Act]] = {
        "log-interview": _log_interview,
        "add": opportunity_commands.add,
        "edit": opportunity_commands.edit,
        "list": _list,
        "set-status": _set_status,
        "due": _due,
        "remind": _remind,
        "done": _done,
        "dismiss": _dismiss,
        "snooze": _snooze,
        "attach": partial(document_commands.attach, data_dir=data_dir),
        "documents": partial(document_commands.list_documents, data_dir=data_dir),
        "export": partial(data_commands.export, data_dir=data_dir),
        "import": partial(data_commands.import_, data_dir=data_dir),
        "backup": partial(data_commands.backup, data_dir=data_dir),
        "restore": partial(data_commands.restore, data_dir=data_dir),
        "people": people_commands.people,
        "person-import": people_commands.person_import,
        "person-export": people_commands.person_export,
    }
    handler = handlers[command]
    # Parse every argument (and read any file) before the database is opened, so bad input
    # writes nothing.
    prepared = handler(args, clock)
    if command != "restore":  # restoring must work when the database cannot be opened
        open_store(data_dir, busy_timeout_ms=CLI_BUSY_MS)
    code = prepared()
    if code == 0 and command in CHANGING_COMMANDS:
        _tell_running_app(data_dir)
    return code


CHANGING_COMMANDS = frozenset(
    {
        "log-interview",
        "add",
        "edit",
        "set-status",
        "done",
        "dismiss",
        "snooze",
        "import",
        "remind",
        "person-import",
        "attach",
    }
)


def _tell_running_app(data_dir: Path) -> None:
    """A running Debrief re-reads and re-arms at once instead of at its next wake-up.

    Through the marker file it watches, not its socket: the file reaches it from any
    session (cron, ssh, another login), and spares each command importing Qt."""
    try:
        announce_change(data_dir)
    except OSError as error:  # the change is saved; the app re-reads later
        log.warning("could not tell the running app: %s", error)


def _log_interview(args: argparse.Namespace, clock: Clock) -> Act:
    draft = validate_interview(
        {
            "company": args.company,
            "role": args.role,
            "starts_at": args.at,
            "round_label": args.round,
            "format": args.format,
            "duration": args.duration,
            "location": args.location,
            "hear_by": args.hear_by,
            "interviewers": "\n".join(args.interviewer),
            "recruiter": args.recruiter,
            "recruiter_kind": args.recruiter_from,
            "notes": args.notes,
        },
        clock.tz,
    )

    def act() -> int:
        interview_id = log_interview(draft, clock)
        opportunity_id = opportunity_id_of_interview(interview_id)
        stamp = draft.starts_at.astimezone(clock.tz).strftime("%Y-%m-%d %H:%M")
        print(
            f"Logged the interview at {draft.company} ({draft.role}) on "
            f"{stamp}: interview {interview_id}, opportunity {opportunity_id}. "
            f"See what comes next with: debrief due"
        )
        return 0

    return act


def _set_status(args: argparse.Namespace, clock: Clock) -> Act:
    opportunity_id = parse_id(args.opportunity_id, "OPPORTUNITY_ID")
    today = clock.now().astimezone(clock.tz).date()
    raw = {"status": args.status, "note": args.note, "happened_on": args.on}
    status = validate_status_change(raw, today).status

    def act() -> int:
        # Not before the day they applied: read once the database is open.
        applied = get_opportunity(opportunity_id).applied_on
        draft = validate_status_change(raw, today, earliest=applied)
        changed = change_status(
            opportunity_id, status, clock, note=args.note, happened_on=draft.happened_on
        )
        print(f"{opportunity_id}: {status.label}" + ("" if changed else " (unchanged)"))
        return 0

    return act


def _remind(args: argparse.Namespace, clock: Clock) -> Act:
    opportunity_id = parse_id(args.opportunity_id, "OPPORTUNITY_ID")
    interview_id = parse_id(args.interview, "INTERVIEW_ID") if args.interview else None
    draft = validate_own_reminder({"text": args.text, "at": args.at}, clock.tz, clock.now())

    def act() -> int:
        made = reminders.add_own_reminder(opportunity_id, draft, clock, interview_id)
        print(f"{made.id}  {draft.due_at.astimezone(clock.tz):%Y-%m-%d %H:%M}  {draft.text}")
        return 0

    return act


def _list(args: argparse.Namespace, clock: Clock) -> Act:
    wanted = Status.parse(args.status) if args.status else None

    def act() -> int:
        everything = sorted(list_opportunities(clock.now()), key=lambda r: r.id)
        rows = [
            row
            for row in everything
            if (args.all or not row.archived) and (wanted is None or row.status is wanted)
        ]
        archived = sum(1 for row in everything if row.archived)
        if args.json:
            write_utf8(json.dumps([_row_json(row, clock.tz) for row in rows], ensure_ascii=False))
            print()
        elif not rows and wanted:
            print("No opportunities match.")
        elif not rows and archived and not args.all:
            print(
                f"No live opportunities; {archived} archived. "
                f"See {'it' if archived == 1 else 'them'} with: debrief list --all"
            )
        elif not rows:  # none at all, archived or not
            print("No opportunities yet. Record one with: debrief log-interview --help")
        else:
            _print_table(rows, clock.tz)
        return 0

    return act


def _local(moment: datetime | None, tz: tzinfo) -> str | None:
    return moment.astimezone(tz).isoformat(timespec="minutes") if moment else None


def _row_json(row: OpportunityRow, tz: tzinfo) -> dict[str, object]:
    return {
        "id": row.id,
        "company": row.company,
        "role": row.role,
        "status": row.status.value,
        "status_label": row.status.label,
        "latest_interview": _local(row.latest_interview, tz),
        "next_interview": _local(row.next_interview, tz),
        "archived": row.archived,
    }


def _print_table(rows: list[OpportunityRow], tz: tzinfo) -> None:
    table = [("ID", "Company", "Role", "Status", "Latest interview")]
    for row in rows:
        latest = (
            row.latest_interview.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            if row.latest_interview
            else "—"
        )
        table.append((str(row.id), row.company, row.role, row.status.label, latest))
    widths = [min(40, max(len(r[i]) for r in table)) for i in range(len(table[0]))]
    for line in table:
        print(
            "  ".join(
                cell[:40].ljust(width) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
        )


def _due(args: argparse.Namespace, clock: Clock) -> Act:
    def act() -> int:
        views = counts.waiting_now(clock.now())
        if args.json:
            payload = [
                {
                    "id": v.id,
                    "kind": v.kind.value,
                    "due": _local(v.due_at, clock.tz),
                    "state": v.state.value,
                    "title": v.title,
                    "opportunity_id": v.opportunity_id,
                    "interview_id": v.interview_id,
                }
                for v in views
            ]
            write_utf8(json.dumps(payload, ensure_ascii=False))
            print()
        elif not views:
            print("Nothing is due. Take a breath — and keep applying.")
        else:
            for v in views:
                stamp = v.due_at.astimezone(clock.tz).strftime("%Y-%m-%d %H:%M")
                print(f"{v.id:>5}  {stamp}  {v.title}")
        return 0

    return act


def _answer_with(
    service: Callable[[int, Clock], object], verb: str
) -> Callable[[argparse.Namespace, Clock], Act]:
    def prepare(args: argparse.Namespace, clock: Clock) -> Act:
        reminder_id = parse_id(args.reminder_id, "ID")

        def act() -> int:
            title = reminders.reminder_view(reminder_id).title
            _answer_or_explain(lambda: service(reminder_id, clock))
            print(f"{verb}: {title}")
            return 0

        return act

    return prepare


def _answer_or_explain(action: Callable[[], object]) -> None:
    try:
        action()
    except InvalidTransition as error:
        raise UsageError(f"that reminder is no longer open: {error}") from None


_done = _answer_with(reminders.mark_done, "Done")
_dismiss = _answer_with(reminders.dismiss, "Dismissed")


def _snooze(args: argparse.Namespace, clock: Clock) -> Act:
    reminder_id = parse_id(args.reminder_id, "ID")
    if args.until:
        until = parse_local_datetime(args.until, clock.tz)
    else:
        until = clock.now() + parse_duration(args.for_)

    def act() -> int:
        title = reminders.reminder_view(reminder_id).title
        landed: list[datetime] = []
        _answer_or_explain(lambda: landed.append(reminders.snooze(reminder_id, until, clock).until))
        stamp = landed[0].astimezone(clock.tz).strftime("%Y-%m-%d %H:%M")
        print(f"Snoozed until {stamp}: {title}")
        return 0

    return act
