"""`Qt`, PySide's namespace of enums, made when first used rather than when imported.

PySide makes every enum of the `Qt` namespace, a hundred or so, the first time the name
is looked up, and `from PySide6.QtCore import Qt` looks it up: 13 ms on the bench
machine, a tenth of a bare window's start. The window's first frame needs none of them
(see item_roles.py for the roles it does use), so the modules imported before it take
`Qt` from here; each name is fetched from PySide's `Qt` once, then kept here, as fast to
look up as any attribute. tests/test_start_cost.py checks the first frame leaves it unmade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING


class _LazyQt:
    def __getattr__(self, name: str) -> object:
        from PySide6 import QtCore

        value = getattr(QtCore.Qt, name)
        setattr(self, name, value)
        return value


if TYPE_CHECKING:
    from PySide6.QtCore import Qt as Qt  # re-exported: the real one, for the type checker
else:
    Qt = _LazyQt()
