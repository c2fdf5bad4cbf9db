"""Hand the C heap's free pages back to the system once start-up has settled.

Start-up frees much of what it allocates (the database's opening check, its first reads,
SQLite's page cache given back by `db.connection.release_cache`), but glibc's `malloc`
keeps freed memory inside its heap, resident, for the next allocations; `malloc_trim(0)`
returns the free pages. Only glibc has it: elsewhere this does nothing.
"""

from __future__ import annotations

import sys


def trim_heap() -> bool:
    """Return the free heap pages to the system; True if any were (glibc only)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: a start on another system never loads it

    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library already loaded; musl has none
    except (OSError, AttributeError):
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return bool(trim(0))
