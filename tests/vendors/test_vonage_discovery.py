"""Vonage discovery converts pages on the calling thread only when no call could use the time.

What bounds a large account is the rate window; a page is turned into the model while the window
is full, or once every call has started, so the conversion never delays a call. (The end-to-end
comparison with the sandbox is in test_vonage_adapter.py.)
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from migrator.progress import NEVER, no_progress
from migrator.vendors.throttle import Limit, Throttle
from migrator.vendors.vonage.discovery import Reader


def _blocked_until(gate: threading.Event) -> dict[str, Any]:
    gate.wait(5)
    return {"numbers": []}


def _no_numbers() -> dict[str, Any]:
    return {"numbers": []}


def test_a_call_waiting_for_a_thread_with_room_in_the_window_goes_first() -> None:
    gate = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        reader = Reader(pool, Throttle(Limit(rate=100, per=60)), no_progress, NEVER)
        running = reader.submit(lambda: _blocked_until(gate), "list numbers")
        queued = reader.submit(_no_numbers, "list numbers")
        assert reader.calls_could_start(), "a call waits for the pool's only thread"
        gate.set()
        assert reader.when_idle(running) == {"numbers": []}
        queued.result(5)
        assert not reader.calls_could_start()


def test_a_full_window_leaves_the_time_to_conversion() -> None:
    gate = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        reader = Reader(pool, Throttle(Limit(rate=1, per=60)), no_progress, NEVER)
        assert reader.result(reader.submit(lambda: {"numbers": [1]}, "list numbers"))
        pool.submit(gate.wait, 5)  # the pool's thread is busy, so the next call is queued
        queued = reader.submit(lambda: {"numbers": [2]}, "list numbers")
        assert reader.throttle.saturated(), "one call a minute, and it was made"
        assert not reader.calls_could_start()
        assert queued.cancel()
        gate.set()
