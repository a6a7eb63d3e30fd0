"""Calling one vendor account within its limit, and retrying only what may be retried.

Each adapter paces every SDK call through its account's Throttle (built from
`capabilities.default_limit`: concurrency for Twilio, requests per window for Vonage and Plivo)
and retries what is always safe (reads, and 429s, which the vendor never processed). The engine
keeps enough actions in flight to use that limit (`Limit.workers`) and adds the outer layer: a
429 that still comes through holds the whole account for the back-off (Retry-After when given);
429s and transient faults are retried with exponential back-off and jitter; reads and idempotent
writes are simply repeated, while a non-idempotent write (create an app, buy a number) is
repeated only after its `reconcile` asked the vendor whether the earlier try happened. Business
errors are never retried.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from migrator.engine.operations import Prepared
from migrator.vendors.base import VendorAdapter
from migrator.vendors.errors import NotFound, RateLimited, VendorError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Back-off for 429s and transient faults: full attempts, exponential with equal jitter."""

    attempts: int = 10
    base: float = 0.25
    cap: float = 10.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        ceiling = min(self.cap, self.base * float(2**attempt))
        return float(ceiling * rng.uniform(0.5, 1.0))


DEFAULT_RETRY = RetryPolicy()


class Invoker:
    """Calls an adapter through its account's throttle, retrying what may be retried."""

    def __init__(self, retry: RetryPolicy, sleep: Callable[[float], None], seed: int | None):
        self.retry = retry
        self.sleep = sleep
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()

    def _delay(self, attempt: int, exc: VendorError, adapter: VendorAdapter) -> float:
        with self._rng_lock:
            delay = self.retry.delay(attempt, self._rng)
        if isinstance(exc, RateLimited):
            delay = max(delay, exc.retry_after or 0.0)
            adapter.throttle.back_off(delay)
        return delay

    def reader(self, adapter: VendorAdapter) -> Callable[[Callable[[], Any]], Any]:
        """`read` bound to one account."""
        return lambda fn: self.read(adapter, fn)

    def read(self, adapter: VendorAdapter, fn: Callable[[], T]) -> T:
        """A call that is safe to repeat."""
        for attempt in range(self.retry.attempts):
            try:
                return fn()
            except VendorError as exc:
                if not exc.retryable or attempt == self.retry.attempts - 1:
                    raise
                self.sleep(self._delay(attempt, exc, adapter))
        raise AssertionError("unreachable")  # pragma: no cover

    def write(self, adapter: VendorAdapter, prepared: Prepared) -> dict[str, Any]:
        """The prepared call; a non-idempotent one is retried only after `reconcile` says the
        earlier try did not happen. NotFound on a release/delete means it is already gone."""
        for attempt in range(self.retry.attempts):
            try:
                return prepared.run()
            except NotFound:
                found = prepared.reconcile() if prepared.reconcile else None
                if found is None:
                    raise
                return found
            except VendorError as exc:
                if not exc.retryable:
                    raise
                delay = self._delay(attempt, exc, adapter)
                if prepared.reconcile is not None:
                    found = prepared.reconcile()
                    if found is not None:
                        return found
                if attempt == self.retry.attempts - 1:
                    raise
                self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover
