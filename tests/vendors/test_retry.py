"""Retrying calls that are safe to repeat: the first try is made directly, retries by tenacity."""

from __future__ import annotations

import pytest

from migrator.vendors import retry
from migrator.vendors.errors import BusinessRule, RateLimited, Transient
from migrator.vendors.retry import call_idempotent


class Flaky:
    """Fails with the given errors, one per call, then answers."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "answer"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    monkeypatch.setattr(retry, "_jitter", lambda state: 0.0)
    monkeypatch.setattr("tenacity.nap.time.sleep", waits.append)
    return waits


def test_a_call_that_succeeds_is_made_once() -> None:
    call = Flaky()
    assert call_idempotent(call) == "answer"
    assert call.calls == 1


def test_transient_faults_and_rate_limits_are_retried(no_waiting: list[float]) -> None:
    call = Flaky(Transient("blip", vendor="x"), RateLimited("slow down", vendor="x", retry_after=2))
    assert call_idempotent(call) == "answer"
    assert call.calls == 3
    assert no_waiting == [0.0, 2.0], "the 429's retry hint is the wait before the third try"


def test_other_errors_are_raised_at_once() -> None:
    call = Flaky(BusinessRule("no", vendor="x"))
    with pytest.raises(BusinessRule):
        call_idempotent(call)
    assert call.calls == 1


def test_the_last_failure_is_raised_after_every_attempt() -> None:
    call = Flaky(*(Transient(f"blip {n}", vendor="x") for n in range(5)))
    with pytest.raises(Transient, match="blip 2"):
        call_idempotent(call, attempts=3)
    assert call.calls == 3
