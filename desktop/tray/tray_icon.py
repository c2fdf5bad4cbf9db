"""The tray icon: a badge and tooltip when reminders wait, and a menu to answer them.

The menu lists what waits by group: a moment's heading ("After your Acme interview — Sun
22 Nov") with its steps under it, each a submenu of its own answers.

The menu is rebuilt each time it opens, from the database, so it is never stale.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.domain.clock import Clock
from desktop.playbook.groups import grouped
from desktop.playbook.nudges import NudgeKind
from desktop.playbook.snooze import CHOICES
from desktop.services import NotFound, counts, nudges, reminders
from desktop.services.changes import Changes
from desktop.services.reminders import ReminderView, Snoozed
from desktop.services.vocabulary import InvalidTransition
from desktop.tray import texts
from desktop.tray.icons import badged

MENU_REMINDERS = 8  # steps; more would make the menu taller than a laptop screen
# A step under its moment's heading: set in by an em space, as a checklist reads.
STEP_INDENT = "\u2003"


class TrayIcon(QObject):
    act_requested = Signal(object)  # ReminderView: open what it asks for (debrief, note…)
    toggle_window_requested = Signal()
    log_interview_requested = Signal()
    preferences_requested = Signal()
    quit_requested = Signal()
    answered = Signal(object)  # a reminder was answered from the menu: its Changes

    def __init__(
        self,
        clock: Clock,
        icon: QIcon,
        window_visible: Callable[[], bool],
        parent: QObject | None = None,
        shown: QSystemTrayIcon | None = None,
    ) -> None:
        """`shown`: an icon already on the panel (a start at login's), taken over."""
        super().__init__(parent)
        self.clock = clock
        self.base_icon = icon
        self.window_visible = window_visible
        self.waiting: list[ReminderView] = []
        self.icon = shown or QSystemTrayIcon(icon)
        self.icon.setParent(self)
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.update_state()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_base_icon(self, icon: QIcon) -> None:
        self.base_icon = icon
        self.update_state()

    def update_state(self) -> None:
        """Badge and tooltip from what is waiting now (`services.counts`, the same count
        as the window's title and `debrief due`)."""
        self.waiting = counts.waiting_now(self.clock.now())
        count = len(self.waiting)
        self.icon.setIcon(badged(self.base_icon, count) if count else self.base_icon)
        self.icon.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        count = len(self.waiting)
        if count == 0:
            first = texts.TOOLTIP_IDLE
        elif count == 1:
            first = texts.TOOLTIP_WAITING_ONE
        else:
            first = texts.TOOLTIP_WAITING.format(count=count)
        done, goal = nudges.this_week(self.clock)
        if not goal:
            return first
        if done < goal:
            week = texts.TOOLTIP_WEEK
        else:
            week = texts.TOOLTIP_WEEK_MET_ONE if done == 1 else texts.TOOLTIP_WEEK_MET
        return f"{first}\n{week.format(done=done, goal=goal)}"

    def rebuild_menu(self) -> None:
        self.update_state()
        self.menu.clear()
        if self.waiting:
            self.menu.addSection(texts.MENU_WAITING_HEADER)
            shown = 0
            for group in grouped(self.waiting, self.clock.tz):
                if shown >= MENU_REMINDERS:
                    break
                if group.alone:
                    self.menu.addMenu(self._reminder_menu(group.steps[0], group.steps[0].title))
                else:
                    # The moment, then its steps under it, each answered on its own.
                    heading = self.menu.addAction(_menu_text(group.title))
                    heading.setEnabled(False)
                    bold = heading.font()
                    bold.setBold(True)
                    heading.setFont(bold)
                    for step in group.steps:
                        label = f"{STEP_INDENT}{step.task or step.title}"
                        self.menu.addMenu(self._reminder_menu(step, label))
                shown += len(group.steps)
            rest = len(self.waiting) - shown
            if rest > 0:
                more = self.menu.addAction(texts.MENU_MORE.format(count=rest))
                more.triggered.connect(self.toggle_window_requested.emit)
        else:
            self.menu.addAction(texts.MENU_NOTHING_WAITING).setEnabled(False)
        self.menu.addSeparator()
        window_text = texts.HIDE_WINDOW if self.window_visible() else texts.SHOW_WINDOW
        self.menu.addAction(window_text).triggered.connect(self.toggle_window_requested.emit)
        self.menu.addAction(texts.LOG_INTERVIEW).triggered.connect(
            self.log_interview_requested.emit
        )
        self.menu.addAction(texts.PREFERENCES).triggered.connect(self.preferences_requested.emit)
        self.menu.addSeparator()
        self.menu.addAction(texts.QUIT).triggered.connect(self.quit_requested.emit)

    def _reminder_menu(self, view: ReminderView, label: str) -> QMenu:
        menu = QMenu(_menu_text(label), self.menu)
        menu.setToolTipsVisible(True)
        menu.addAction(texts.DONE).triggered.connect(
            lambda: self._answer(lambda: reminders.mark_done(view.id, self.clock))
        )
        snooze = menu.addMenu(texts.SNOOZE)
        for choice, label in CHOICES.items():
            snooze.addAction(label).triggered.connect(
                lambda _=False, c=choice: self._answer(
                    lambda: reminders.snooze_choice(view.id, c, self.clock)
                )
            )
        opened = menu.addAction(texts.OPEN)
        # A nudge opens where its next step happens (a pause to rest has nothing to open).
        nudge = isinstance(view.kind, NudgeKind) and view.kind is not NudgeKind.RECHARGE
        opened.setEnabled(view.opportunity_id is not None or nudge)
        opened.triggered.connect(lambda: self.act_requested.emit(view))
        return menu

    def _answer(self, action: Callable[[], Changes | Snoozed]) -> None:
        # Answered elsewhere meanwhile (window, command line): the update shows it.
        changes = Changes(reminders=True)
        with contextlib.suppress(NotFound, InvalidTransition):
            done = action()
            changes = done.changes if isinstance(done, Snoozed) else done
        self.update_state()
        self.answered.emit(changes)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window_requested.emit()


def _menu_text(title: str) -> str:
    # "&" would become a keyboard accelerator in a menu; long titles are cut for width.
    text = title.replace("&", "&&")
    return text if len(text) <= 70 else text[:69] + "…"
