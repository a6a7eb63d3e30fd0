"""A client-side limiter per vendor account: at most N calls in flight and R calls per window.

Adapters use it for parallel discovery and the engine for apply, so an account is kept near its
limit without going over (the vendor's 429 is the exception, not the control loop).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """concurrency: calls in flight; rate per `per` seconds (None: no such limit)."""

    concurrency: int | None = None
    rate: int | None = None
    per: float = 1.0

    @property
    def workers(self) -> int:
        """A sensible thread count for this limit."""
        if self.concurrency is not None:
            return max(1, min(self.concurrency, 32))
        if self.rate is not None:
            return max(2, min(16, int(self.rate / self.per)))
        return 8


class Throttle:
    """Blocks callers until a call fits both limits. Thread-safe."""

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit.concurrency) if limit.concurrency else None
        self._lock = threading.Lock()
        self._stamps: deque[float] = deque()
        """When recent calls finished (a vendor counts a call when it arrives, which is between
        our start and our finish, so counting by finish time can never undercount)."""
        self._in_flight = 0
        """Calls started and not finished: they may already count at the vendor."""
        self._paused_until = 0.0

    def back_off(self, seconds: float) -> None:
        """Hold every caller for `seconds` (after a 429)."""
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def _wait_for_window(self) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                wait = self._paused_until - now
                if wait <= 0 and self.limit.rate is not None:
                    while self._stamps and now - self._stamps[0] >= self.limit.per:
                        self._stamps.popleft()
                    if len(self._stamps) + self._in_flight >= self.limit.rate:
                        # A small margin keeps us under the server's own window edge; with
                        # every counted call still in flight, wait for one to finish.
                        wait = (
                            self.limit.per - (now - self._stamps[0]) + 0.005
                            if self._stamps
                            else 0.005
                        )
                if wait <= 0:
                    if self.limit.rate is not None:
                        self._in_flight += 1
                    return
            time.sleep(wait)

    def _finished(self) -> None:
        with self._lock:
            self._in_flight -= 1
            self._stamps.append(time.monotonic())

    @contextmanager
    def slot(self) -> Iterator[None]:
        if self._slots is not None:
            self._slots.acquire()
        try:
            self._wait_for_window()
            try:
                yield
            finally:
                if self.limit.rate is not None:
                    self._finished()
        finally:
            if self._slots is not None:
                self._slots.release()
