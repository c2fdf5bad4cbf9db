"""APScheduler imported without the three things its import loads that Debrief never runs:
3.8 MiB of a tray's 20 over the bare baseline (benchmarks/README.md).

- `asyncio` (1.1 MiB), for `iscoroutinefunction` alone, which only the asyncio and
  tornado executors call; APScheduler itself takes `inspect`'s from Python 3.14 on.
- `importlib.metadata` with `email` and `csv`, for its version string and the plug-in
  tables (trigger, executor and job store names such as "date"), read from every
  installed distribution when `apscheduler.schedulers.base` is imported.
- `multiprocessing` and `concurrent.futures.process`, through `apscheduler.executors.pool`,
  for the thread pool a scheduler makes when given no executor (ours gets the debug
  executor, which runs jobs inline on the GUI thread).

While the three APScheduler modules the reminder scheduler uses are imported, and only
then, those names resolve to small stand-ins; they are removed from `sys.modules` right
after, so anything importing `asyncio` later gets the real one. What they leave behind
behaves as before: the plug-in tables read the entry points when a name is first looked
up, the default thread pool imports the real pool module when first made, and
`apscheduler.__version__` says "3.5.0" (APScheduler's own fallback; only `export_jobs`
writes it). If the import fails with them (a newer APScheduler needing more), APScheduler
is imported again the plain way: never a broken scheduler, at worst the memory back.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import sys
import types
from typing import Any

log = logging.getLogger(__name__)

MODULES = ("apscheduler.schedulers.qt", "apscheduler.executors.debug", "apscheduler.triggers.date")
STOOD_IN = ("asyncio", "importlib.metadata", "apscheduler.executors.pool")
PLUGIN_TABLES = {
    "_trigger_plugins": "apscheduler.triggers",
    "_executor_plugins": "apscheduler.executors",
    "_jobstore_plugins": "apscheduler.jobstores",
}


def import_apscheduler() -> None:
    """Import the modules in MODULES, the lean way when it works."""
    if all(name in sys.modules for name in MODULES):
        return
    stand_ins = {name: _stand_in(name) for name in STOOD_IN if name not in sys.modules}
    before = set(sys.modules)
    sys.modules.update(stand_ins)
    try:
        for name in MODULES:
            importlib.import_module(name)
        lean = True
    except Exception:  # anything: the plain import below is the answer to all of it
        log.debug("APScheduler needs more than the stand-ins; importing it plainly")
        for name in set(sys.modules) - before:
            if name.startswith("apscheduler"):
                del sys.modules[name]
        lean = False
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if lean:
        _plugins_when_asked()
    for name in MODULES:
        importlib.import_module(name)


def _stand_in(name: str) -> types.ModuleType:
    module = types.ModuleType(name, "A stand-in while APScheduler is imported (lean_apscheduler).")
    if name == "asyncio":
        module.iscoroutinefunction = inspect.iscoroutinefunction  # type: ignore[attr-defined]
    elif name == "importlib.metadata":

        class PackageNotFoundError(ModuleNotFoundError):
            pass

        def version(distribution: str) -> str:
            raise PackageNotFoundError(distribution)

        module.PackageNotFoundError = PackageNotFoundError  # type: ignore[attr-defined]
        module.version = version  # type: ignore[attr-defined]
        module.entry_points = lambda **_selection: ()  # type: ignore[attr-defined]
    else:  # apscheduler.executors.pool

        def thread_pool_executor(*args: Any, **kwargs: Any) -> Any:
            from apscheduler.executors.pool import ThreadPoolExecutor  # the real one

            return ThreadPoolExecutor(*args, **kwargs)

        module.ThreadPoolExecutor = thread_pool_executor  # type: ignore[attr-defined]
    return module


class _PluginsWhenAsked(dict[str, Any]):
    """A plug-in table that reads its entry points when first looked in, as APScheduler
    does (`alias in table`, then `table[alias]`)."""

    def __init__(self, group: str) -> None:
        super().__init__()
        self.group = group
        self.read = False

    def _read(self) -> None:
        if not self.read:
            from importlib.metadata import entry_points

            self.update({point.name: point for point in entry_points(group=self.group)})
            self.read = True

    def __contains__(self, key: object) -> bool:
        self._read()
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Any:
        self._read()
        return super().__getitem__(key)


def _plugins_when_asked() -> None:
    from apscheduler.schedulers.base import BaseScheduler

    for attribute, group in PLUGIN_TABLES.items():
        if getattr(BaseScheduler, attribute, None) == {}:  # as the stand-in left it
            setattr(BaseScheduler, attribute, _PluginsWhenAsked(group))
