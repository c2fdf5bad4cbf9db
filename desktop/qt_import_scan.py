"""A cheaper answer to the question PySide6 asks of every module imported after it.

Once PySide6 is loaded, it looks at every newly imported module to learn whether that
module mentions "PySide6" (so its opt-in `from __feature__ import ...` switches apply
there). It asks with `inspect.getsource`, which tokenizes the file and keeps every line of
it in `linecache` for the life of the process. For the 200-odd modules of a start with the
window, profiling found that cost 8.5 MiB of the tray's resident memory (Python strings
nobody reads again) and about 60 ms of start-up (benchmarks/README.md).

`make_cheap()` keeps the question and the answer and changes only how it is read: the
module's file, read once as bytes and not kept. Anything that is not a plain `.py` file
(a frozen build, an extension module) goes to PySide's own check as before. If a PySide6
release renames what is replaced, nothing is replaced and Debrief runs as it did.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"
MARKER = b"PySide6"


def make_cheap() -> bool:
    """Replace PySide6's per-import source scan with the raw read. Call right after the
    first import of PySide6, before Debrief's own Qt modules are imported. True when done."""
    import PySide6.QtCore  # noqa: F401 - loads the feature module this replaces a part of

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if feature is None or not callable(original) or getattr(original, "cheap", False):
        return False
    setattr(feature, CHECK, _reading_the_file(original))
    # What the scan of PySide6's own first imports already kept (enum.py, inspect.py,
    # PySide6's __init__ files): 0.2 MiB of lines nothing reads again. A traceback that
    # wants them reads them afresh.
    import linecache

    linecache.clearcache()
    return True


def _reading_the_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return MARKER in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.cheap = True  # type: ignore[attr-defined]
    return uses_pyside
