"""Qt's item roles as plain ints, for code that runs before the window's first paint.

PySide makes every enum of the `Qt` namespace, a hundred or so, the first time anything
in it is touched: 13 ms on the bench machine, a tenth of a bare window's start. The
models' roles are module-level constants and default arguments, made at import, so they
are spelled here as the numbers Qt 6 gives them (tests/test_item_roles.py checks them
against Qt's own). Code that runs later uses `Qt.ItemDataRole` as usual.
"""

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
USER_ROLE = 256  # Qt.ItemDataRole.UserRole
