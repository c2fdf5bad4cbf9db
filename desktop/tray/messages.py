"""The single-instance socket's messages: one JSON object per line, versioned, answered
with one JSON line. Shared by the Unix socket and the Windows named pipe that carry them.
`json` is imported when a message comes or goes: the tray icon shows before it."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

PROTOCOL = 1
MAX_MESSAGE_BYTES = 64 * 1024

Handler = Callable[[dict[str, object]], dict[str, object]]


def request(command: str) -> bytes:
    import json

    return json.dumps({"protocol": PROTOCOL, "command": command}).encode() + b"\n"


def answer(handler: Handler, line: bytes) -> bytes:
    """The reply line to one message line; a bad message gets an error reply."""
    import json

    return json.dumps(_answer(handler, line)).encode() + b"\n"


def _answer(handler: Handler, line: bytes) -> dict[str, object]:
    import json

    try:
        message = json.loads(line)
    except (ValueError, RecursionError):  # 50,000 "[" nest deeper than json can follow
        return {"ok": False, "error": "not JSON"}
    if not isinstance(message, dict) or message.get("protocol") != PROTOCOL:
        return {"ok": False, "error": "unsupported message"}
    try:
        return {"ok": True, **handler(message)}
    except ValueError as error:  # a command it does not know
        return {"ok": False, "error": str(error)}
    except Exception as error:  # a bug in a handler must not take the app down
        log.exception("message handler failed")
        return {"ok": False, "error": str(error)}


def reply(data: bytes) -> dict[str, object] | None:
    """The running instance's answer; None when it is not one."""
    import json

    try:
        answer = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return answer if isinstance(answer, dict) else None
