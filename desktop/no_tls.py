"""Debrief never goes on the network, so its process does not load OpenSSL.

Two imports would load it all the same: Peewee imports `hashlib`, whose fast path is
OpenSSL's `_hashlib`, and APScheduler imports `asyncio`, which imports `ssl` when it can.
Neither needs it: `hashlib` falls back to CPython's own SHA-256 and MD5 (the same digests),
and `asyncio` runs without TLS. Left out, libcrypto and libssl are never mapped: 4.5 MiB
less resident memory in the tray (benchmarks/README.md).

Marking a module None in `sys.modules` is Python's documented way to make its import
raise ImportError, which both libraries catch. It must run before anything imports
`hashlib` or `ssl`, so `desktop/__main__.py` calls it first.
"""

from __future__ import annotations

import sys

LEFT_OUT = ("_hashlib", "_ssl", "ssl")


def leave_out_tls() -> None:
    """Make the TLS modules unimportable in this process (a module already imported, as
    in a test run, is left as it is)."""
    for name in LEFT_OUT:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
