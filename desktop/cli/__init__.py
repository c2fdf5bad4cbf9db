"""The command line: parse, open the data folder, dispatch, and turn failures into one line."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import unicodedata
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from db.file_safety import UnsafeLocation
from desktop import fault_texts
from desktop.cli.parser import UsageError, parse
from desktop.cli.terminal import make_output_safe
from desktop.domain.clock import Clock, SystemClock
from desktop.paths import ensure_private_dir, resolve_data_dir

if TYPE_CHECKING:
    from db.connection import DatabaseUnreadable
    from desktop.domain.forms import FormError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# self-check's child process, which only checks that Qt loads (see cli.selfcheck).
PROBE_QT = "_probe-qt"

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
    make_output_safe()
    if argv[:1] == [PROBE_QT]:
        from desktop.cli.selfcheck import probe_qt

        return probe_qt()
    try:
        return _run(argv, clock)
    except BrokenPipeError:
        return reader_left()


def reader_left() -> int:
    """`debrief due | head`: the reader has all it wanted and closed the pipe. Nothing
    failed; say nothing, and point stdout at nothing so the exit's flush stays quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout: nothing left to flush anyway
        pass
    finally:
        os.close(devnull)
    return EXIT_OK


def _run(argv: list[str], clock: Clock | None) -> int:
    try:
        args = parse(argv)
    except UsageError as error:
        return fail(str(error), EXIT_USAGE)
    except SystemExit as leaving:  # --help and --version print and leave through here
        return int(leaving.code or 0)

    keep_files_private()
    from desktop.logs import enable_debug, setup_logging

    if args.debug:
        enable_debug()
    command = getattr(args, "command", None)
    try:
        data_dir = ensure_private_dir(resolve_data_dir(args.data_dir))
    except UnsafeLocation as error:
        return _refuse_folder(str(error), window=command is None)
    except OSError as error:
        from desktop.faults import explain

        folder = resolve_data_dir(args.data_dir)
        return fail(explain(error, folder) or f"cannot use the data folder: {error}", EXIT_FAILED)

    log_path = setup_logging(data_dir)
    previous_hook = sys.excepthook
    install_command_line_hook(log_path)
    try:
        return _run_command(command, args, data_dir, log_path, clock)
    finally:
        sys.excepthook = previous_hook


def _run_command(
    command: str | None,
    args: argparse.Namespace,
    data_dir: Path,
    log_path: Path | None,
    clock: Clock | None,
) -> int:
    if command is None:
        from desktop.app import launch

        return launch(data_dir, background=args.background)

    # Here, not at the top: a start of the app shows its tray icon before Peewee is
    # imported (tray/early_icon.py).
    from db.connection import DatabaseBusy, DatabaseUnreadable, close_database, is_busy
    from db.migrations import DatabaseTooNew
    from desktop.cli import commands
    from desktop.domain.forms import FormError
    from desktop.services import NotFound

    try:
        return commands.dispatch(command, args, Path(data_dir), clock or SystemClock())
    except FormError as error:
        return fail(_form_message(error), EXIT_USAGE)
    except (NotFound, UsageError, ValueError) as error:
        return fail(str(error), EXIT_USAGE)
    except DatabaseTooNew as error:
        return fail(str(error), EXIT_FAILED)
    except DatabaseBusy as error:  # one sentence for "locked", whoever holds it
        log.warning("command %s gave up waiting: %s", command, error.detail)
        return fail(fault_texts.LOCKED, EXIT_FAILED)
    except DatabaseUnreadable as error:
        return fail(_unreadable_message(error, Path(data_dir)), EXIT_FAILED)
    except BrokenPipeError:
        raise  # the reader left: not a failure (see reader_left)
    except MemoryError:  # its own message is empty; the user still gets a sentence
        log.exception("command %s ran out of memory", command)
        where = f"details in {log_path}" if log_path else "the log could not be written"
        return fail(f"{command}: not enough memory to finish ({where})", EXIT_FAILED)
    except Exception as error:  # the user gets a line, the log gets the traceback
        if is_busy(error):  # waited CLI_BUSY_MS for other writers, in vain
            log.warning("command %s gave up waiting: %s", command, error)
            return fail(fault_texts.LOCKED, EXIT_FAILED)
        from desktop.faults import explain

        explained = explain(error, Path(data_dir))
        if explained is not None:
            log.warning("command %s failed: %s", command, error)
            return fail(explained, EXIT_FAILED)
        if isinstance(error, OSError):
            filename = getattr(error, "filename", "") or ""
            return fail(f"{getattr(error, 'strerror', None) or error} ({filename})", 1)
        log.exception("command %s failed", command)
        return fail(_unexpected(error, log_path), EXIT_FAILED)
    finally:
        close_database()


def _unexpected(error: BaseException, log_path: Path | None) -> str:
    where = f"details in {log_path}" if log_path else "the log could not be written"
    return f"unexpected error: {error} ({where})"


def keep_files_private() -> None:
    """Every file Debrief (and SQLite, Qt, the log) creates is the user's alone, whatever
    umask the session has: 0600 files, 0700 folders. Exports written elsewhere with -o
    are private too; the user can share one with chmod."""
    if os.name == "posix":
        os.umask(0o077)


def install_command_line_hook(log_path: Path | None) -> None:
    """An error nothing caught: logged in full, one line on stderr, exit code 1."""

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, trace)
            return
        log.error("unexpected error", exc_info=(kind, value, trace))
        print(f"debrief: {one_line(_unexpected(value, log_path))}", file=sys.stderr)

    sys.excepthook = hook


def _refuse_folder(message: str, window: bool) -> int:
    """The data folder is unsafe: one line, and a dialog too when the app was started (from
    the menu or at login nobody reads stderr, and no reminder would ever come)."""
    has_screen = any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY"))
    if window and (has_screen or sys.platform in ("win32", "darwin")):
        try:
            from desktop.app import tell_and_quit

            tell_and_quit(message)
        except Exception:  # no display: the line below is all there is
            log.debug("could not show the refusal", exc_info=True)
    return fail(message, EXIT_FAILED)


_OPTION_FOR_FIELD = {
    "text": "TEXT",
    "at": "--at",
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
    from desktop.cli.opportunity_options import OPTION_FOR_FIELD

    options = {**OPTION_FOR_FIELD, **_OPTION_FOR_FIELD}
    return "; ".join(f"{options.get(name, name)}: {text}" for name, text in error.errors.items())


def _unreadable_message(error: DatabaseUnreadable, data_dir: Path) -> str:
    from desktop.services.backups import latest_good

    good = latest_good(data_dir)
    advice = (
        f"restore the latest good backup with: debrief restore '{good.path}'"
        if good
        else "no good backup was found"
    )
    return f"{error}. The file was left untouched; {advice}"
