"""`debrief`: the window when run bare, a subcommand otherwise."""

from __future__ import annotations

import os
import sys

from desktop.no_tls import leave_out_tls

leave_out_tls()  # before the imports below: Peewee imports hashlib, which would load OpenSSL
from desktop.cli import reader_left, run  # noqa: E402
from desktop.domain.clock import Clock  # noqa: E402


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    _give_windowed_build_a_console()
    code = run(sys.argv[1:] if argv is None else argv, clock)
    try:  # what is still buffered goes now, while a closed pipe can still be taken calmly
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        return reader_left()
    return code


def _give_windowed_build_a_console() -> None:
    """The Windows build is a windowed program (no console flashes up from the Start menu),
    so it starts with no stdout; typed in a terminal, its commands should still print there.
    Written for Windows and not run on Linux: see packaging/README.md."""
    if sys.stdout is not None or sys.platform != "win32":
        return
    import ctypes

    attach_parent_process = -1
    if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - for the process
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
    else:
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115


if __name__ == "__main__":
    sys.exit(main())
