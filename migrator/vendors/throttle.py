"""A client-side limiter per vendor account: at most N calls in flight and R calls per window.

Adapters use it for parallel discovery and the engine for apply, so an account is kept near its
limit without going over (the vendor's 429 is the exception, not the control loop).

How a call is counted: a vendor counts a request when it arrives, which is somewhere between our
start and our finish, so the client cannot know the moment. Counting a call from its start would
undercount whenever a request leaves late (a busy interpreter, a slow connection): the vendor
would then see more than R arrivals in one window. So a call counts while it is in flight and
for `per` seconds after it finishes: the finish is the earliest moment the arrival is certainly
behind us, which makes this the tightest schedule that can never exceed the vendor's window.
Callers that must wait queue first come, first served, and only the first in line watches the
clock, so a window full of waiting threads costs one wake-up per freed slot, not one per thread.
When it goes, it also lets in (on their behalf, in order) whoever else the window has room for at
that moment, so a watcher that woke late does not hand the window over one caller at a time.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

EDGE = 0.001
"""Seconds added past the window's edge, so a call never lands exactly on it."""


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


class _Turn:
    """A caller's place in the line: woken as the head (to watch the clock) or once let in."""

    __slots__ = ("admitted", "event")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.admitted = False


class Throttle:
    """Blocks callers until a call fits both limits. Thread-safe."""

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit.concurrency) if limit.concurrency else None
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        """Signalled when a call finishes or a back-off is set: the first in line looks again."""
        self._stamps: deque[float] = deque()
        """When recent calls finished, oldest first (see the module docstring)."""
        self._in_flight = 0
        """Calls started and not finished: they may already count at the vendor."""
        self._paused_until = 0.0
        self._line: deque[_Turn] = deque()
        """Callers waiting for the window, first come first served; the head's event is set."""

    def back_off(self, seconds: float) -> None:
        """Hold every caller for `seconds` (after a 429)."""
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)
            self._changed.notify_all()

    def saturated(self) -> bool:
        """Whether a call asking now would have to wait for the rate window (full, callers
        already waiting for it, or a back-off), so work done meanwhile delays no call. The
        concurrency limit is not considered."""
        with self._lock:
            return bool(self._line) or self._delay(time.monotonic()) != 0.0

    def _delay(self, now: float) -> float | None:
        """Seconds until a call may start (0.0: now; None: when an in-flight call finishes).
        Called with the lock held."""
        if self._paused_until > now:
            return self._paused_until - now
        rate = self.limit.rate
        if rate is None:
            return 0.0
        stamps = self._stamps
        while stamps and now - stamps[0] >= self.limit.per:
            stamps.popleft()
        if len(stamps) + self._in_flight < rate:
            return 0.0
        if not stamps:
            return None  # every counted call is still in flight
        return stamps[0] + self.limit.per + EDGE - now

    def _admit(self) -> None:
        if self.limit.rate is not None:
            self._in_flight += 1

    def _wait_for_window(self) -> None:
        with self._lock:
            if not self._line and self._delay(time.monotonic()) == 0.0:
                self._admit()
                return
            turn = _Turn()
            self._line.append(turn)
            if len(self._line) == 1:
                turn.event.set()
        returned = False
        try:
            turn.event.wait()
            with self._lock:
                # The head of the line watches the clock, unless it has been let in meanwhile.
                while not turn.admitted and (delay := self._delay(time.monotonic())) != 0.0:
                    self._changed.wait(delay)
                if not turn.admitted:
                    self._admit()
                    turn.admitted = True
                    self._line.popleft()  # the head is first in line
                    self._let_in()
            returned = True
        finally:
            if not returned:  # interrupted while waiting
                with self._lock:
                    if turn in self._line:
                        self._line.remove(turn)
                    elif turn.admitted:
                        self._in_flight -= 1  # let in, but it will not make its call
                    self._let_in()

    def _let_in(self) -> None:
        """Admit the callers the window has room for now, in order, on their behalf (so a late
        clock-watcher does not hand over one caller at a time), and wake the next head of the
        line. Called with the lock held."""
        now = time.monotonic()
        while self._line and self._delay(now) == 0.0:
            waiter = self._line.popleft()
            self._admit()
            waiter.admitted = True
            waiter.event.set()
        if self._line:
            self._line[0].event.set()

    def _finished(self) -> None:
        with self._lock:
            self._in_flight -= 1
            self._stamps.append(time.monotonic())
            self._changed.notify()

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
