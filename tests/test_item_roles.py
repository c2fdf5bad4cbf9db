"""The roles spelled as ints for the first frame are Qt's own."""

from PySide6.QtCore import Qt

from desktop.ui import item_roles


def test_the_plain_roles_are_qts() -> None:
    assert Qt.ItemDataRole.DisplayRole.value == item_roles.DISPLAY_ROLE
    assert Qt.ItemDataRole.ToolTipRole.value == item_roles.TOOLTIP_ROLE
    assert Qt.ItemDataRole.UserRole.value == item_roles.USER_ROLE
