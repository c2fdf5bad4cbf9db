"""Long work off the GUI thread, in the spirit of Anki's CollectionOp: one helper that runs
a service function in a worker thread, shows how far it got with a Cancel button, and
hands back its result, its cancellation or its one-sentence failure on the GUI thread.

The work is a plain function `work(progress) -> result` from the services (no Qt there):
it calls `progress(done, total)` every so many items and stops with `Cancelled` when that
returns False, undoing what it began (the transaction rolls back, the temporary file is
removed). The worker thread talks to SQLite through its own connection: Peewee keeps one
connection per thread (`thread_safe=True`, the default), opened on first use with the
same pragmas, and `services.threads.release()` closes it when the work ends.

The progress window is modal to the main window only: the window keeps repainting and the
tray keeps answering, but no edit can start that would wait for the import's write lock.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop import gc_pause
from desktop.domain.progress import Cancelled, Progress
from desktop.faults import explain
from desktop.services import threads
from desktop.ui import background_texts as texts
from desktop.ui import gui_first

log = logging.getLogger(__name__)

T = TypeVar("T")

# Progress crosses to the GUI thread at most this often: more would only queue repaints.
REPORT_EVERY_S = 0.05
# Work that ends sooner than this never shows a progress window (no flicker).
SHOW_AFTER_MS = 300

_running: set[BackgroundOp[Any]] = set()  # kept alive until they finish
# The threads themselves, apart: a window closed mid-work deletes its ops, not these.
_workers: set[_Worker] = set()


def wait_all(cancel: bool = True) -> None:
    """Wait for every worker (asking each to stop first, unless `cancel` is False): at
    quit, as a QThread destroyed while it runs aborts the whole process."""
    for worker in list(_workers):
        if not shiboken6.isValid(worker):  # deleted once it had ended
            _workers.discard(worker)
            continue
        if cancel:
            worker.stop.set()
        gui_first.let_worker_go()  # this thread handles nothing until the worker ends
        worker.wait()


# While a worker runs, each call from Qt into Python on the GUI thread (a list's data()
# while it paints: hundreds) waits for the worker to hand over Python's lock, up to the
# switch interval each time: 5 ms by default, and a repaint of the list behind a progress
# window stopped the GUI thread for 0.5-1.6 s during an export. 0.2 ms meanwhile; that
# alone did not end it, as a repaint makes thousands of such calls: the worker now steps
# aside while the GUI thread repaints a list (gui_first).
WORKING_SWITCH_INTERVAL_S = 0.0002
_usual_switch_interval: list[float] = []


def _started(worker: _Worker) -> None:
    _forget_deleted()
    if not _workers:
        if not _usual_switch_interval:
            _usual_switch_interval.append(sys.getswitchinterval())
        sys.setswitchinterval(WORKING_SWITCH_INTERVAL_S)
        gui_first.start()
    _workers.add(worker)


def _ended(worker: _Worker, gc_hold: gc_pause.Hold) -> None:
    _workers.discard(worker)
    gc_hold.release()
    _forget_deleted()
    if not _workers:
        if _usual_switch_interval:
            sys.setswitchinterval(_usual_switch_interval.pop())
        gui_first.stop()


def _forget_deleted() -> None:
    # A worker deleted before its end reached `_ended` (its queued call is dropped with
    # it; pytest-qt deletes what is left between tests), or one that has finished but
    # whose end has not reached `_ended` yet, would keep the switch interval short and the
    # GUI thread watched: for good, or until that call comes.
    for worker in list(_workers):
        if not shiboken6.isValid(worker) or worker.isFinished():
            _workers.discard(worker)


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Progress], object]) -> None:
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self.result: object = None
        self.error: BaseException | None = None
        self.cancelled = False
        self._last = 0.0
        self._sent = -1

    def progress(self, done: int, total: int) -> bool:
        # The window's thread first (gui_first): a repaint meanwhile would wait for Python's
        # lock at each of its thousands of calls into Python.
        gui_first.wait_for_gui()
        now = time.monotonic()
        # The last count is sent even if it comes soon; work that counts nothing (0 of 0,
        # often: an export writing) at most every REPORT_EVERY_S like the rest.
        if now - self._last >= REPORT_EVERY_S or (done >= total > 0 and done != self._sent):
            self._last = now
            self._sent = done
            self.progressed.emit(done, total)
        return not self.stop.is_set()

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except Cancelled:
            self.cancelled = True
        except BaseException as error:  # handed to the GUI thread, which tells the user
            self.error = error
        finally:
            threads.release()


class BackgroundOp(QObject, Generic[T]):
    """One run of `work`; `done(result)` is called on the GUI thread when it succeeds,
    `failed(sentence)` and `cancelled()` otherwise (all optional). `finished` is emitted
    after any of the three: tests wait for it."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[Progress], T],
        data_dir: Path,
        done: Callable[[T], object] | None = None,
        failed: Callable[[str], object] | None = None,
        cancelled: Callable[[], object] | None = None,
        explain_error: Callable[[BaseException], str | None] | None = None,
        title: str = "",
        quiet: bool = False,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.on_done, self.on_failed, self.on_cancelled = done, failed, cancelled
        self.explain_error = explain_error
        self.outcome: str | None = None  # "done", "failed" or "cancelled" once finished
        self.result: T | None = None
        self.message = ""  # the failure's sentence
        self.followed_by: QWidget | None = None  # what `done` opened, if anything
        self.gui_thread = threading.get_ident()
        # Quiet work (reading for a view) shows no progress window and cannot be cancelled.
        self.dialog = None if quiet else self._progress_dialog(parent, label, title)
        # No full collection while the worker makes (and the GUI thread is handed) a year
        # of rows: held until `_finished` has passed the result on, or until the thread
        # has ended if this op was deleted first (a window closed mid-work).
        gc_hold = self.gc_hold = gc_pause.Hold()
        self.worker = _Worker(work)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        worker = self.worker
        worker.finished.connect(lambda: _ended(worker, gc_hold))
        _running.add(self)
        _started(worker)
        _wait_at_quit()
        self.worker.start()

    def _progress_dialog(self, parent: QWidget, label: str, title: str) -> QProgressDialog:
        dialog = QProgressDialog(label, texts.CANCEL, 0, 0, parent)
        dialog.setWindowTitle(title or texts.TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        return dialog

    @property
    def running(self) -> bool:
        return self.outcome is None

    def cancel(self) -> None:
        if self.outcome is None and not self.worker.stop.is_set():
            self.worker.stop.set()
            if self.dialog is not None:
                self.dialog.setLabelText(texts.STOPPING)

    def wait(self) -> None:
        """Stop and wait for the worker."""
        self.cancel()
        self.worker.wait()

    def _progressed(self, done: int, total: int) -> None:
        if self.worker.stop.is_set() or self.dialog is None:
            return
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total))

    def _finished(self) -> None:
        worker = self.worker
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        _running.discard(self)
        if worker.cancelled:
            self.outcome = "cancelled"
            if self.on_cancelled:
                self.on_cancelled()
        elif worker.error is not None:
            self.outcome = "failed"
            self._failed(worker.error)
        else:
            self.outcome = "done"
            self.result = worker.result  # type: ignore[assignment]
            if self.on_done:
                self.on_done(self.result)  # type: ignore[arg-type]
        self.finished.emit()
        worker.deleteLater()
        self.gc_hold.release()

    def _failed(self, error: BaseException) -> None:
        sentence = (self.explain_error(error) if self.explain_error else None) or explain(
            error, self.data_dir
        )
        if sentence is None:
            # A bug: the window's error hook logs the traceback and points to the log.
            self.message = texts.FAILED.format(error=error)
            sys.excepthook(type(error), error, error.__traceback__)
            return
        log.warning("%s: %s", type(error).__name__, error)
        self.message = sentence
        if self.on_failed:
            self.on_failed(sentence)


_hooked: list[bool] = []


def _wait_at_quit() -> None:
    app = QApplication.instance()
    if app is not None and not _hooked:
        _hooked.append(True)
        app.aboutToQuit.connect(lambda: wait_all())


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], T],
    data_dir: Path,
    done: Callable[[T], object] | None = None,
    failed: Callable[[str], object] | None = None,
    cancelled: Callable[[], object] | None = None,
    explain_error: Callable[[BaseException], str | None] | None = None,
    title: str = "",
    quiet: bool = False,
) -> BackgroundOp[T]:
    """`label` says what is being done ("Saving your data to all.json…"), `title` names
    the action in the progress window's title bar."""
    return BackgroundOp(
        parent, label, work, data_dir, done, failed, cancelled, explain_error, title, quiet
    )
