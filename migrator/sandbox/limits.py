"""Per-account rate limits with each vendor's documented default.

Twilio limits concurrent requests per account; Vonage and Plivo limit requests per time window
(Plivo: 300 requests per 5 seconds). A request over the limit is answered with the vendor's own
429 shape by the vendor emulation; this module only decides.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class LimitPolicy:
    """How much one account may ask of the emulated API.

    concurrency: requests in flight at once (None: unlimited).
    rate / per: at most `rate` requests in any window of `per` seconds (rate None: unlimited).
    latency: seconds every request takes to serve, to make concurrency observable.
    """

    concurrency: int | None = None
    rate: int | None = None
    per: float = 1.0
    latency: float = 0.0

    def updated(self, values: dict[str, Any]) -> LimitPolicy:
        known = {k: values[k] for k in ("concurrency", "rate", "per", "latency") if k in values}
        return replace(self, **known)

    def as_dict(self) -> dict[str, Any]:
        return {
            "concurrency": self.concurrency,
            "rate": self.rate,
            "per": self.per,
            "latency": self.latency,
        }


# Twilio: concurrency-based; 100 is the commonly quoted default (shared/reference/vendors.md s.3).
# Vonage: `max-outbound-request` in account settings (spec example 30 per second).
# Plivo: 300 requests per 5 seconds per account (plivo.com/docs/voice/concepts/account-limits).
DEFAULT_POLICIES: dict[str, LimitPolicy] = {
    "twilio": LimitPolicy(concurrency=100),
    "vonage": LimitPolicy(rate=30, per=1.0),
    "plivo": LimitPolicy(rate=300, per=5.0),
}


class _AccountGate:
    def __init__(self) -> None:
        self.in_flight = 0
        self.stamps: deque[float] = deque()


class Limits:
    """Admission control for every account, keyed by (vendor, account key)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._vendor_policies: dict[str, LimitPolicy] = dict(DEFAULT_POLICIES)
        self._account_policies: dict[tuple[str, str], LimitPolicy] = {}
        self._gates: dict[tuple[str, str], _AccountGate] = {}
        self.rejected = 0

    def reset(self) -> None:
        with self._lock:
            self._vendor_policies = dict(DEFAULT_POLICIES)
            self._account_policies.clear()
            self._gates.clear()
            self.rejected = 0

    def policy(self, vendor: str, account: str | None = None) -> LimitPolicy:
        with self._lock:
            if account is not None and (vendor, account) in self._account_policies:
                return self._account_policies[(vendor, account)]
            return self._vendor_policies.get(vendor, LimitPolicy())

    def configure(self, vendor: str, values: dict[str, Any], account: str | None = None) -> None:
        current = self.policy(vendor, account)
        updated = current.updated(values)
        with self._lock:
            if account is None:
                self._vendor_policies[vendor] = updated
            else:
                self._account_policies[(vendor, account)] = updated

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "vendors": {v: p.as_dict() for v, p in self._vendor_policies.items()},
                "accounts": {
                    f"{v}:{a}": p.as_dict() for (v, a), p in self._account_policies.items()
                },
                "rejected": self.rejected,
            }

    @contextmanager
    def admit(self, vendor: str, account: str) -> Iterator[bool]:
        """Yield True when the request may proceed, False when it is over the limit."""
        policy = self.policy(vendor, account)
        key = (vendor, account)
        now = time.monotonic()
        with self._lock:
            gate = self._gates.setdefault(key, _AccountGate())
            admitted = True
            if policy.concurrency is not None and gate.in_flight >= policy.concurrency:
                admitted = False
            if admitted and policy.rate is not None:
                while gate.stamps and now - gate.stamps[0] >= policy.per:
                    gate.stamps.popleft()
                if len(gate.stamps) >= policy.rate:
                    admitted = False
                else:
                    gate.stamps.append(now)
            if admitted:
                gate.in_flight += 1
            else:
                self.rejected += 1
        try:
            if admitted and policy.latency > 0:
                time.sleep(policy.latency)
            yield admitted
        finally:
            if admitted:
                with self._lock:
                    gate.in_flight -= 1
