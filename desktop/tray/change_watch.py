"""The running app noticing changes made by other processes to its data folder.

QFileSystemWatcher on the marker file (desktop/change_marker.py) uses inotify on Linux
(kqueue on macOS, change notifications on Windows): the app sleeps until a change. A burst
of changes (twenty command lines in a second) becomes one reload after a short quiet.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.change_marker import ensure_marker

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150


class ChangeWatch(QObject):
    changed = Signal()  # once per burst of outside changes

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.changed)
        self.folder = str(data_dir)
        self.watcher = QFileSystemWatcher(self)
        try:
            self.marker = str(ensure_marker(data_dir))
        except OSError as error:  # a socket message still reaches the app
            log.warning("cannot watch for outside changes: %s", error)
            return
        # The folder too: if the marker is deleted and made again, the watch is renewed.
        self.watcher.addPaths([self.marker, self.folder])
        self.watcher.fileChanged.connect(self._file_changed)
        self.watcher.directoryChanged.connect(self._folder_changed)

    def poke(self) -> None:
        """Something changed outside: reload once things settle."""
        self.debounce.start()

    def _file_changed(self, _path: str) -> None:
        if self.marker not in self.watcher.files() and Path(self.marker).exists():
            self.watcher.addPath(self.marker)  # replaced rather than rewritten
        self.poke()

    def _folder_changed(self, _path: str) -> None:
        if self.marker not in self.watcher.files() and Path(self.marker).exists():
            self.watcher.addPath(self.marker)
            self.poke()

    def stop(self) -> None:
        self.debounce.stop()
        self.watcher.removePaths(self.watcher.files() + self.watcher.directories())
