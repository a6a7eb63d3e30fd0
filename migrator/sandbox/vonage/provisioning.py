"""Opening emulated Vonage accounts and subaccounts, with credentials shaped like Vonage's."""

from __future__ import annotations

import random
import string

from migrator.sandbox.accounts import Account
from migrator.sandbox.state import SandboxState
from migrator.sandbox.vonage.store import VonageStore

VENDOR = "vonage"
_SECRET_ALPHABET = string.ascii_letters + string.digits


def api_key(rng: random.Random) -> str:
    """An 8-hex-digit API key, like Vonage's."""
    return f"{rng.getrandbits(32):08x}"


def api_secret(rng: random.Random) -> str:
    """A 16-character secret with upper, lower and digits, like Vonage's generated secrets."""
    while True:
        secret = "".join(rng.choice(_SECRET_ALPHABET) for _ in range(16))
        if (
            any(c.islower() for c in secret)
            and any(c.isupper() for c in secret)
            and any(c.isdigit() for c in secret)
        ):
            return secret


def open_account(
    state: SandboxState,
    rng: random.Random,
    role: str,
    name: str,
    parent: Account | None = None,
    secret: str | None = None,
    created_at: str | None = None,
) -> Account:
    """A new, empty account in the state's account book (a subaccount when `parent` is given)."""
    key = api_key(rng)
    while state.accounts.get(VENDOR, key) is not None:
        key = api_key(rng)
    store = VonageStore()
    if created_at is not None:
        store.created_at = created_at
    account = Account(
        VENDOR,
        key,
        secret or api_secret(rng),
        role,
        name,
        parent_key=parent.key if parent is not None else None,
        store=store,
    )
    if parent is not None:
        parent.store.subaccount_keys.append(key)
    return state.accounts.add(account)
