"""The command line: parse, open the data folder, dispatch, and turn failures into one line."""

from __future__ import annotations

import logging
import sys
import unicodedata
from pathlib import Path

from db.connection import DatabaseBusy, DatabaseUnreadable, close_database, is_busy
from db.migrations import DatabaseTooNew
from desktop.cli.parser import UsageError, build_parser
from desktop.domain.clock import Clock, SystemClock
from desktop.domain.forms import FormError
from desktop.paths import ensure_private_dir, resolve_data_dir
from desktop.services import NotFound

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

log = logging.getLogger(__name__)


def fail(message: str, code: int) -> int:
    print(f"debrief: {one_line(message)}", file=sys.stderr)
    return code


def one_line(text: str) -> str:
    """Messages echo what the user typed; its control characters and line breaks are shown
    escaped, so the message stays one readable line."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in text
    )


def run(argv: list[str], clock: Clock | None = None) -> int:
    """`clock` is the system's unless a test or benchmark brings its own."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        return fail(str(error), EXIT_USAGE)
    except SystemExit as leaving:  # --help and --version print and leave through here
        return int(leaving.code or 0)

    try:
        data_dir = ensure_private_dir(resolve_data_dir(args.data_dir))
    except OSError as error:
        return fail(f"cannot use the data folder: {error}", EXIT_FAILED)

    from desktop.logs import setup_logging

    log_path = setup_logging(data_dir)
    command = getattr(args, "command", None)
    if command is None:
        from desktop.app import launch

        return launch(data_dir, background=args.background)

    from desktop.cli import commands

    try:
        return commands.dispatch(command, args, Path(data_dir), clock or SystemClock())
    except FormError as error:
        return fail(_form_message(error), EXIT_USAGE)
    except (NotFound, UsageError, ValueError) as error:
        return fail(str(error), EXIT_USAGE)
    except DatabaseTooNew as error:
        return fail(str(error), EXIT_FAILED)
    except DatabaseBusy as error:
        log.warning("command %s gave up waiting: %s", command, error.detail)
        return fail(str(error), EXIT_FAILED)
    except DatabaseUnreadable as error:
        return fail(_unreadable_message(error, Path(data_dir)), EXIT_FAILED)
    except OSError as error:
        return fail(f"{error.strerror or error} ({getattr(error, 'filename', '') or ''})", 1)
    except Exception as error:  # the user gets a line, the log gets the traceback
        if is_busy(error):  # waited CLI_BUSY_MS for other writers, in vain
            log.warning("command %s gave up waiting: %s", command, error)
            return fail(str(DatabaseBusy()), EXIT_FAILED)
        log.exception("command %s failed", command)
        return fail(f"unexpected error: {error} (details in {log_path})", EXIT_FAILED)
    finally:
        close_database()


_OPTION_FOR_FIELD = {
    "company": "--company",
    "role": "--role",
    "starts_at": "--at",
    "duration": "--duration",
    "format": "--format",
    "round_label": "--round",
    "location": "--location",
    "hear_by": "--hear-by",
    "interviewers": "--interviewer",
    "recruiter": "--recruiter",
    "recruiter_kind": "--recruiter-from",
    "notes": "--notes",
}


def _form_message(error: FormError) -> str:
    return "; ".join(
        f"{_OPTION_FOR_FIELD.get(name, name)}: {text}" for name, text in error.errors.items()
    )


def _unreadable_message(error: DatabaseUnreadable, data_dir: Path) -> str:
    from desktop.services.backups import latest_good

    good = latest_good(data_dir)
    advice = (
        f"restore the latest good backup with: debrief restore '{good.path}'"
        if good
        else "no good backup was found"
    )
    return f"{error}. The file was left untouched; {advice}"
