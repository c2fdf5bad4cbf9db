"""The argument grammar of `debrief`."""

from __future__ import annotations

import argparse

from desktop import __version__
from desktop.cli.opportunity_options import add_detail_options


class UsageError(ValueError):
    """Arguments that do not parse; printed as one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        _, _, subcommand = self.prog.partition(" ")
        raise UsageError(f"{subcommand}: {message}" if subcommand else message)


# What a plain start of the app may say (from the menu, at login, a test's --data-dir):
# option → the attribute it sets, and whether a value follows.
_START_OPTIONS = {"--background": ("background", False), "--debug": ("debug", False)}
_START_OPTIONS["--data-dir"] = ("data_dir", True)


def parse(argv: list[str]) -> argparse.Namespace:
    """The arguments, as `build_parser()` reads them. A plain start of the window or the
    tray is read without building the twenty commands' parsers (7-8 ms before the first
    paint); anything else, help and mistakes included, goes to the full grammar."""
    plain = plain_start(argv)
    return plain if plain is not None else build_parser().parse_args(argv)


def plain_start(argv: list[str]) -> argparse.Namespace | None:
    """The namespace of a start with only --background, --debug and --data-dir PATH (no
    command), or None for anything else: an abbreviation, `--`, a PATH that begins with
    "-" are all left to argparse, so every answer stays argparse's own."""
    found = argparse.Namespace(data_dir=None, background=False, debug=False)
    words = iter(argv)
    for word in words:
        name, equals, value = word.partition("=")
        if name not in _START_OPTIONS:
            return None
        attribute, takes_value = _START_OPTIONS[name]
        if not takes_value:
            if equals:
                return None
            setattr(found, attribute, True)
            continue
        if not equals:
            following = next(words, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        setattr(found, attribute, value)
    found.command = None
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="debrief", description="Debrief: after-interview companion.")
    parser.add_argument("--version", action="version", version=f"debrief {__version__}")
    parser.add_argument("--data-dir", metavar="PATH", help="folder holding your Debrief data")
    parser.add_argument(
        "--background", action="store_true", help="start in the system tray only (for login)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="log in detail, including names and note texts"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    log = sub.add_parser("log-interview", help="record an interview")
    log.add_argument("--company", required=True, help="the company you interviewed with")
    log.add_argument("--role", required=True, metavar="TITLE", help="the job title")
    log.add_argument("--at", required=True, metavar='"YYYY-MM-DD HH:MM"', help="local start time")
    log.add_argument("--round", default="", metavar="LABEL", help='e.g. "phone screen"')
    log.add_argument("--format", default="video", help="phone, video or on site")
    log.add_argument(
        "--duration", default="60", metavar="MINUTES", help="how long it lasts (default 60)"
    )
    log.add_argument("--location", default="", help="address or meeting link")
    log.add_argument(
        "--hear-by", default="", metavar="YYYY-MM-DD", help="when they said you'd hear"
    )
    log.add_argument(
        "--interviewer",
        action="append",
        default=[],
        metavar='"Name <email>"',
        help="someone who interviewed you; repeat for each",
    )
    log.add_argument(
        "--recruiter", default="", metavar='"Name <email>"', help="the recruiter involved, if any"
    )
    log.add_argument(
        "--recruiter-from",
        default="",
        metavar="agency|in-house",
        help="who the recruiter works for (remembered for them)",
    )
    log.add_argument("--notes", default="", help="anything worth keeping")

    adder = sub.add_parser("add", help="add an opportunity (a job you applied to or consider)")
    adder.add_argument("--company", required=True, help="the company")
    adder.add_argument("--role", required=True, metavar="TITLE", help="the job title")
    add_detail_options(adder)
    adder.add_argument(
        "--anyway", action="store_true", help="add it even if it looks like one you have"
    )
    editor = sub.add_parser("edit", help="change an opportunity's fields or details")
    editor.add_argument(
        "opportunity_id", metavar="OPPORTUNITY_ID", help="as shown by `debrief list`"
    )
    editor.add_argument("--company", help="the company")
    editor.add_argument("--role", metavar="TITLE", help="the job title")
    add_detail_options(editor)

    lister = sub.add_parser("list", help="list opportunities with their latest interview")
    lister.add_argument("--status", help="only this status")
    lister.add_argument("--all", action="store_true", help="include archived opportunities")
    lister.add_argument("--json", action="store_true", help="machine-readable output")

    status = sub.add_parser("set-status", help="change an opportunity's outcome")
    status.add_argument(
        "opportunity_id", metavar="OPPORTUNITY_ID", help="as shown by `debrief list`"
    )
    status.add_argument("status", metavar="STATUS", help='e.g. "Not this time", offer, withdrawn')
    status.add_argument("--note", default="", help="why, in your words (kept in the history)")
    status.add_argument(
        "--on", metavar="YYYY-MM-DD", default="", help="the day it happened, if before today"
    )

    due = sub.add_parser("due", help="list reminders that are due or overdue")
    due.add_argument("--json", action="store_true", help="machine-readable output")
    for name, text in (("done", "mark a reminder done"), ("dismiss", "dismiss a reminder")):
        answer = sub.add_parser(name, help=text)
        answer.add_argument("reminder_id", metavar="ID", help="as shown by `debrief due`")
    snoozer = sub.add_parser("snooze", help="bring a reminder back later")
    snoozer.add_argument("reminder_id", metavar="ID", help="as shown by `debrief due`")
    when = snoozer.add_mutually_exclusive_group(required=True)
    when.add_argument("--until", metavar='"YYYY-MM-DD HH:MM"', help="local time")
    when.add_argument("--for", dest="for_", metavar="2h|1d|1w", help="how long from now")

    remind = sub.add_parser("remind", help="add a reminder or to-do of your own")
    remind.add_argument(
        "opportunity_id", metavar="OPPORTUNITY_ID", help="as shown by `debrief list`"
    )
    remind.add_argument("text", metavar="TEXT", help='e.g. "Send the portfolio link"')
    remind.add_argument("--at", required=True, metavar='"YYYY-MM-DD HH:MM"', help="local time")
    remind.add_argument("--interview", metavar="INTERVIEW_ID", help="about this interview")

    attach = sub.add_parser("attach", help="keep a copy of a document you sent (CV, letter…)")
    attach.add_argument(
        "opportunity_id", metavar="OPPORTUNITY_ID", help="as shown by `debrief list`"
    )
    attach.add_argument("file", metavar="FILE", help="the document, copied into your data")
    attach.add_argument(
        "--kind",
        default="other",
        metavar="KIND",
        help="cv, cover-letter, portfolio, offer-letter or other (default other)",
    )
    attach.add_argument("--sent-on", default="", metavar="YYYY-MM-DD", help="the day you sent it")
    shower = sub.add_parser("documents", help="list the documents sent for an opportunity")
    shower.add_argument(
        "opportunity_id", metavar="OPPORTUNITY_ID", help="as shown by `debrief list`"
    )

    exporter = sub.add_parser("export", help="write your data to a file")
    exporter.add_argument(
        "--format",
        required=True,
        choices=("full", "json", "csv", "ics", "report"),
        help="full: everything with your documents, one .zip; json: everything but the "
        "documents' files; csv: a spreadsheet; ics: a calendar; report: a PDF",
    )
    exporter.add_argument("-o", "--output", required=True, metavar="FILE", help="- for stdout")
    exporter.add_argument("--bom", action="store_true", help="CSV: mark as UTF-8 for Excel")
    exporter.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="report: first day")
    exporter.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="report: last day")

    importer = sub.add_parser(
        "import", help="add opportunities from a full export (.zip), a JSON or a CSV file"
    )
    importer.add_argument(
        "file", metavar="FILE", help="a Debrief full export (.zip), JSON export or a CSV file"
    )
    importer.add_argument("--dry-run", action="store_true", help="check and report only")
    importer.add_argument(
        "--duplicates",
        choices=("skip", "merge"),
        default="skip",
        help="for opportunities already here: skip them, or add what they lack",
    )
    importer.add_argument(
        "--map", action="append", default=[], metavar="FIELD=Header", help="CSV column to use"
    )
    importer.add_argument("--dates", choices=("dmy", "mdy"), help="CSV: order of 3/11/2026")

    _add_people_commands(sub)

    backup = sub.add_parser("backup", help="copy your data to the backups folder now")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    restorer = sub.add_parser("restore", help="put a backup in place of your data")
    restorer.add_argument("file", metavar="FILE", help="a backup, as listed by `backup --list`")

    sub.add_parser("self-check", help="check that Debrief can run here")
    # `_probe-qt` (self-check's child process) is taken before parsing: it is no command
    # for people and appears in no help or error.
    return parser


def _add_people_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The People tab's commands (issue #21)."""
    people = sub.add_parser("people", help="list everyone: recruiters, interviewers, referrers")
    people.add_argument(
        "filter",
        nargs="?",
        default="",
        metavar="TEXT",
        help="only names, companies, emails or roles containing this",
    )
    people.add_argument("--json", action="store_true", help="machine-readable output")
    importer = sub.add_parser("person-import", help="add people from a vCard file (.vcf)")
    importer.add_argument("file", metavar="FILE.vcf", help="one or more vCards")
    importer.add_argument(
        "--update",
        action="store_true",
        help="update people already here (same email) instead of leaving them as they are",
    )
    exporter = sub.add_parser("person-export", help="write one person to a vCard file")
    exporter.add_argument("name", metavar="NAME", help="a name, part of one, an email or an id")
    exporter.add_argument("--to", required=True, metavar="FILE.vcf", help="- for stdout")


def parse_id(text: str, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"{what} must be a number, not {text!r}") from None
    if value <= 0:
        raise UsageError(f"{what} must be a positive number, not {text!r}")
    return value
