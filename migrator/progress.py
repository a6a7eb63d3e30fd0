"""Progress reporting and cooperative cancellation for long work.

The GUI runs long work on a worker thread and the CLI in the foreground; both pass a `Progress`
callback and a `CancelToken`, and the work checks the token between steps.
"""

from __future__ import annotations

import threading
from typing import Protocol

from migrator.errors import MigratorError


class Cancelled(MigratorError):
    """The person asked to stop; the work stopped at a safe point."""


class Progress(Protocol):
    def __call__(self, done: int, total: int | None, message: str) -> None: ...


def no_progress(done: int, total: int | None, message: str) -> None:
    """A Progress that reports nowhere."""


class CancelToken:
    """Set by the person (or a pause), checked by the work between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.reason = "cancelled"

    def cancel(self, reason: str = "cancelled") -> None:
        self.reason = reason
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled(f"stopped: {self.reason}")


NEVER = CancelToken()
