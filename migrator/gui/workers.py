"""Run long work (vendor calls, disk) off the GUI thread, with progress and cooperative cancel.

A task is a plain callable `fn(progress, cancel) -> result` from the core (services take a
`Progress` callback and a `CancelToken`). `TaskRunner.start()` runs it on a QThreadPool and
returns a `TaskHandle` whose signals arrive on the GUI thread. Tests can pass `inline=True` to
run tasks on the GUI thread (still from the event loop). Threads are never killed: cancel sets
the token and the work stops at its next safe point.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from migrator.progress import Cancelled, CancelToken, Progress

log = logging.getLogger(__name__)

TaskFn = Callable[[Progress, CancelToken], Any]
PROGRESS_INTERVAL = 0.05
"""Seconds between progress signals (the work may report far more often)."""


class TaskHandle(QObject):
    """The GUI side of one running task."""

    progress = Signal(int, object, str)
    """(done, total or None, message)"""
    succeeded = Signal(object)
    failed = Signal(object)
    """The exception (never Cancelled: that one emits `cancelled`)."""
    cancelled = Signal(str)
    finished = Signal()
    """Always last, after succeeded, failed or cancelled."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.token = CancelToken()
        self.running = True
        self.result: Any = None
        self.error: BaseException | None = None
        self._last_progress = 0.0
        self.finished.connect(self._on_finished)

    def cancel(self, reason: str = "cancelled") -> None:
        if self.running:
            self.token.cancel(reason)

    def report(self, done: int, total: int | None, message: str) -> None:
        """The Progress callback handed to the work (called on the worker thread)."""
        now = time.monotonic()
        finished = total is not None and done >= total
        if finished or now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            self.progress.emit(done, total, message)

    def _on_finished(self) -> None:
        self.running = False
        _RUNNING.discard(self)


_RUNNING: set[TaskHandle] = set()
"""Handles stay alive until their task finishes, even if the page that started them is gone."""


class _Job(QRunnable):
    def __init__(self, fn: TaskFn, handle: TaskHandle) -> None:
        super().__init__()
        self.fn = fn
        self.handle = handle

    def run(self) -> None:
        execute(self.fn, self.handle)


def execute(fn: TaskFn, handle: TaskHandle) -> None:
    """Run the work and emit its outcome (on whatever thread calls this)."""
    try:
        result = fn(handle.report, handle.token)
    except Cancelled as exc:
        handle.error = exc
        handle.cancelled.emit(handle.token.reason or str(exc))
    except Exception as exc:
        log.debug("task %s failed", handle.name, exc_info=True)
        handle.error = exc
        handle.failed.emit(exc)
    else:
        handle.result = result
        handle.succeeded.emit(result)
    finally:
        handle.finished.emit()


class TaskRunner:
    """Starts tasks on a thread pool (or inline, for deterministic tests)."""

    def __init__(self, pool: QThreadPool | None = None, inline: bool = False) -> None:
        self.pool = pool
        self.inline = inline

    def start(self, name: str, fn: TaskFn) -> TaskHandle:
        """Queue the work; it begins on the next turn of the event loop, so the caller can
        connect the handle's signals first."""
        handle = TaskHandle(name)
        _RUNNING.add(handle)
        QTimer.singleShot(0, lambda: self._launch(fn, handle))
        return handle

    def _launch(self, fn: TaskFn, handle: TaskHandle) -> None:
        if handle.token.cancelled:
            execute(lambda progress, cancel: cancel.check(), handle)
        elif self.inline:
            execute(fn, handle)
        else:
            (self.pool or QThreadPool.globalInstance()).start(_Job(fn, handle))

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every task of the pool is done (tests and shutdown only)."""
        return bool((self.pool or QThreadPool.globalInstance()).waitForDone(timeout_ms))


def bound(owner: QObject, fn: Callable[..., Any]) -> Callable[..., None]:
    """`fn`, called only while `owner` (a widget) still exists: a task may finish after the
    page that started it was closed."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call


def running_tasks() -> list[TaskHandle]:
    return [h for h in _RUNNING if h.running]
