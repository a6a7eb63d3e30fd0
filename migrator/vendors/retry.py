"""Retrying calls that are safe to repeat (reads, and writes the vendor treats as idempotent)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from migrator.vendors.errors import RateLimited, VendorError
from migrator.vendors.throttle import Throttle

T = TypeVar("T")
_jitter = wait_exponential_jitter(multiplier=0.2, max=10.0)


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, VendorError) and exc.retryable


def _wait(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    if isinstance(exc, RateLimited) and exc.retry_after:
        return exc.retry_after
    return float(_jitter(state))


def call_idempotent(
    fn: Callable[[], T], *, attempts: int = 6, throttle: Throttle | None = None
) -> T:
    """Call `fn` (which raises core VendorErrors), retrying rate limits and transient faults
    with jittered exponential back-off. Only for calls that are safe to repeat."""

    def once() -> T:
        if throttle is None:
            return fn()
        with throttle.slot():
            try:
                return fn()
            except RateLimited as exc:
                throttle.back_off(exc.retry_after or 0.5)
                raise

    # Most calls succeed the first time: they are made directly, and only a retryable failure
    # enters tenacity's loop (whose first attempt raises that failure again, so the waits and
    # the count of attempts are tenacity's own).
    try:
        return once()
    except VendorError as exc:
        if not exc.retryable or attempts <= 1:
            raise
        failures = [exc]

    def again() -> T:
        if failures:
            raise failures.pop()
        return once()

    for attempt in Retrying(
        retry=retry_if_exception(_retryable),
        wait=_wait,
        stop=stop_after_attempt(attempts),
        reraise=True,
    ):
        with attempt:
            return again()
    raise AssertionError("unreachable")  # pragma: no cover
