"""Seed specs such as `twilio:2500,vonage:300,plivo:300`, and seeding the state from one."""

from __future__ import annotations

import random
from typing import Any

from migrator.errors import UsageError
from migrator.sandbox.state import SandboxState

MAX_NUMBERS_PER_ACCOUNT = 200_000


def parse_seed_spec(text: str, known: set[str] | None = None) -> dict[str, int]:
    """Parse `vendor:count[,vendor:count...]` into {vendor: count}."""
    spec: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        vendor, sep, count = part.partition(":")
        vendor = vendor.strip().lower()
        if not sep or not count.strip().isdigit():
            raise UsageError(f"seed spec '{part}' must look like vendor:count, e.g. twilio:2500")
        if known is not None and vendor not in known:
            raise UsageError(
                f"unknown vendor '{vendor}' in seed spec (known: {', '.join(sorted(known))})"
            )
        amount = int(count)
        if amount > MAX_NUMBERS_PER_ACCOUNT:
            raise UsageError(f"at most {MAX_NUMBERS_PER_ACCOUNT} numbers per account")
        spec[vendor] = amount
    return spec


def seed_state(state: SandboxState, spec: dict[str, int], seed: int = 0) -> list[dict[str, Any]]:
    """Give each vendor in `spec` a departing account with that many numbers, and every vendor an
    empty target account. Deterministic for a given (spec, seed)."""
    created = []
    with state.lock:
        for vendor in sorted(spec):
            api = state.apis[vendor]
            rng = random.Random(f"{seed}:{vendor}:source")
            source = api.create_account(state, rng, "source", f"Departing {vendor} account")
            api.seed(state, source, spec[vendor], rng)
            created.append(source)
        for vendor in sorted(state.apis):
            api = state.apis[vendor]
            rng = random.Random(f"{seed}:{vendor}:target")
            created.append(api.create_account(state, rng, "target", f"Target {vendor} account"))
        state.seed_spec = dict(spec)
        return [summary(state, account) for account in created]


def summary(state: SandboxState, account: Any) -> dict[str, Any]:
    """The short account description printed by `migrator sandbox --json`."""
    api = state.apis[account.vendor]
    counts = api.resource_counts(account)
    return {
        "vendor": account.vendor,
        "role": account.role,
        "name": account.name,
        "credentials": api.sdk_credentials(account),
        "numbers": counts.get("numbers", 0),
    }
