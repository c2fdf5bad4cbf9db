"""Reading a file offered for import, refusing what is not a text table or export.

Every refusal is a ValueError whose message can be shown to the user as it is.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from desktop.domain.bundle import check_bundle

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def read_import_text(path: Path) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ValueError(f"cannot read {path.name}: {error.strerror or error}") from None
    if not path.is_file():
        raise ValueError(f"{path.name} is not a file")
    if size == 0:
        raise ValueError(f"{path.name} is empty")
    if size > MAX_IMPORT_BYTES:
        raise ValueError(
            f"{path.name} is {size / 2**20:.0f} MiB; Debrief imports files up to "
            f"{MAX_IMPORT_BYTES // 2**20} MiB"
        )
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:65536]:
        raise ValueError(
            f"{path.name} is not a text file (is it a spreadsheet's own format?"
            " Save it as CSV first)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older spreadsheet programs on Windows write CSV in this code page.
        return data.decode("cp1252", errors="replace")


def looks_like_json(path: Path, text: str) -> bool:
    return Path(path).suffix.lower() == ".json" or text.lstrip().startswith("{")


def bundle_from_json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ValueError("not a Debrief export (nested too deeply)") from None
    return check_bundle(data)
