"""The base the window's mixins (data_actions, writing_actions) derive from.

For mypy a mixin is the window it is mixed into, so what it uses of MainWindow is checked;
at run time it adds nothing to MainWindow's bases but its own methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    WindowMixin = QMainWindow
else:
    WindowMixin = object
