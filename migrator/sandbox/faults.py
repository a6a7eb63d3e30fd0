"""Fault injection: server errors, 429s, slow answers and dropped connections at chosen rates."""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

FaultKind = Literal["5xx", "429", "slow", "drop"]


@dataclass(frozen=True)
class FaultPlan:
    """Probabilities (0..1) of each fault per request; `vendor` None means every vendor."""

    rate_5xx: float = 0.0
    rate_429: float = 0.0
    rate_slow: float = 0.0
    rate_drop: float = 0.0
    slow_seconds: float = 2.0
    methods: tuple[str, ...] = ()
    """Only requests with these methods are hit (empty: all)."""

    def updated(self, values: dict[str, Any]) -> FaultPlan:
        fields = {"rate_5xx", "rate_429", "rate_slow", "rate_drop", "slow_seconds"}
        known: dict[str, Any] = {k: float(values[k]) for k in fields if k in values}
        if "methods" in values:
            known["methods"] = tuple(str(m).upper() for m in values["methods"])
        for key, value in known.items():
            if key.startswith("rate_") and not 0.0 <= value <= 1.0:
                raise ValueError(f"{key} must be between 0 and 1")
        return replace(self, **known)


class Faults:
    """Draws faults from a seeded generator so a failing run can be replayed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plans: dict[str | None, FaultPlan] = {}
        self._rng = random.Random(0)
        self.injected: dict[str, int] = {}

    def reset(self) -> None:
        with self._lock:
            self._plans.clear()
            self._rng = random.Random(0)
            self.injected = {}

    def configure(self, values: dict[str, Any], vendor: str | None = None) -> None:
        with self._lock:
            current = self._plans.get(vendor, FaultPlan())
            self._plans[vendor] = current.updated(values)
            if "seed" in values:
                self._rng = random.Random(int(values["seed"]))

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            plans = {(k or "*"): asdict(v) for k, v in self._plans.items()}
            return {"plans": plans, "injected": dict(self.injected)}

    def draw(self, vendor: str, method: str) -> tuple[FaultKind | None, float]:
        """The fault to inject for this request, if any, and the slow delay."""
        with self._lock:
            plan = self._plans.get(vendor) or self._plans.get(None)
            if plan is None or (plan.methods and method.upper() not in plan.methods):
                return None, 0.0
            roll = self._rng.random()
            edge = 0.0
            kinds: tuple[tuple[FaultKind, float], ...] = (
                ("drop", plan.rate_drop),
                ("5xx", plan.rate_5xx),
                ("429", plan.rate_429),
                ("slow", plan.rate_slow),
            )
            for kind, rate in kinds:
                edge += rate
                if roll < edge:
                    self.injected[kind] = self.injected.get(kind, 0) + 1
                    return kind, plan.slow_seconds
            return None, 0.0
