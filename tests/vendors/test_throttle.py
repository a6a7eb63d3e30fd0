"""The client-side throttle never lets an account go over its vendor's limit.

The vendor's side is played by the sandbox's own admission control (migrator.sandbox.limits,
which counts a request when it arrives, as vendors do), with requests that take a random time
to arrive and to be answered, from more threads than the limit allows at once. Windows are a
fraction of a second so the tests stay fast; nothing here asserts how fast the throttle is.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from migrator.sandbox.limits import Limits
from migrator.vendors.throttle import Limit, Throttle, _Turn


def vendor_with(rate: int | None, per: float, concurrency: int | None = None) -> Limits:
    limits = Limits()
    limits.configure("acme", {"rate": rate, "per": per, "concurrency": concurrency})
    return limits


def call_through(
    throttle: Throttle, vendor: Limits, calls: int, threads: int, seed: int, delay: float
) -> None:
    """`calls` requests from `threads` threads, each delayed on the way in and out."""
    rng = random.Random(seed)
    lock = threading.Lock()

    def pause() -> float:
        with lock:
            return rng.random() * delay

    def one(_: int) -> None:
        with throttle.slot():
            time.sleep(pause())  # the request on its way
            with vendor.admit("acme", "account") as admitted:
                assert admitted, "the vendor refused a call the throttle let through"
            time.sleep(pause())  # the answer on its way

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(calls)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_rate_window_is_never_exceeded_whatever_the_delays(seed: int) -> None:
    vendor = vendor_with(rate=6, per=0.1)
    call_through(Throttle(Limit(rate=6, per=0.1)), vendor, 30, 12, seed, delay=0.02)
    assert vendor.rejected == 0


def test_a_concurrency_limit_is_never_exceeded() -> None:
    vendor = vendor_with(rate=None, per=1.0, concurrency=3)
    call_through(Throttle(Limit(concurrency=3)), vendor, 40, 10, seed=4, delay=0.005)
    assert vendor.rejected == 0


def test_a_call_waits_for_the_oldest_counted_call_to_leave_the_window() -> None:
    """A call counts until `per` after it finishes (its arrival is somewhere before that)."""
    per = 0.2
    throttle = Throttle(Limit(rate=2, per=per))
    ran = []
    for _ in range(2):
        with throttle.slot():
            ran.append(time.monotonic())  # the call finishes after this
    assert throttle.saturated()
    with throttle.slot():
        started = time.monotonic()
    assert started >= ran[0] + per


def test_calls_in_flight_count_against_the_window() -> None:
    throttle = Throttle(Limit(rate=1, per=0.05))
    order: list[str] = []
    with throttle.slot():
        assert throttle.saturated()
        waiter = threading.Thread(target=_slot_then, args=(throttle, order, "second"))
        waiter.start()
        time.sleep(0.1)  # more than the window: only the call still in flight holds it
        order.append("first done")
    waiter.join()
    assert order == ["first done", "second"]


def _slot_then(throttle: Throttle, order: list[Any], name: object) -> None:
    with throttle.slot():
        order.append(name)


def test_waiting_callers_go_first_come_first_served() -> None:
    throttle = Throttle(Limit(rate=1, per=0.05))
    order: list[int] = []
    with throttle.slot():
        waiters = []
        for index in range(5):
            waiter = threading.Thread(target=_slot_then, args=(throttle, order, index))
            waiter.start()
            waiters.append(waiter)
            time.sleep(0.01)  # each one queued before the next arrives
    for waiter in waiters:
        waiter.join()
    assert order == [0, 1, 2, 3, 4]


def test_back_off_holds_every_caller() -> None:
    throttle = Throttle(Limit(rate=100, per=1.0))
    assert not throttle.saturated()
    throttle.back_off(0.1)
    assert throttle.saturated()
    asked = time.monotonic()
    with throttle.slot():
        started = time.monotonic()
    assert started - asked >= 0.09
    assert not throttle.saturated()


def test_no_limit_never_waits_or_counts() -> None:
    throttle = Throttle(Limit())
    for _ in range(1000):
        with throttle.slot():
            pass
    assert not throttle.saturated()


def test_the_head_of_the_line_lets_in_everyone_the_window_has_room_for() -> None:
    throttle = Throttle(Limit(rate=3, per=60.0))
    with throttle.slot():
        pass  # one of three calls in this window is used
    line = [_Turn() for _ in range(4)]
    with throttle._lock:
        throttle._line.extend(line)
        throttle._let_in()
    assert [turn.admitted for turn in line] == [True, True, False, False]
    assert [turn.event.is_set() for turn in line] == [True, True, True, False], "next head woken"
    assert throttle.saturated()
