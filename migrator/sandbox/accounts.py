"""Emulated accounts, keyed by vendor and credentials."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Account:
    """One vendor account (or subaccount) and its resources.

    `key` is the public half of the credentials (Twilio Account SID, Vonage API key, Plivo Auth ID),
    `secret` the private half. `store` belongs to the vendor emulation and holds its resources.
    """

    vendor: str
    key: str
    secret: str
    role: str
    name: str
    parent_key: str | None = None
    store: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def secret_matches(self, candidate: str) -> bool:
        return hmac.compare_digest(self.secret.encode(), candidate.encode())


class AccountBook:
    """Every account of every vendor. Callers hold the sandbox lock."""

    def __init__(self) -> None:
        self._accounts: dict[tuple[str, str], Account] = {}

    def add(self, account: Account) -> Account:
        self._accounts[(account.vendor, account.key)] = account
        return account

    def get(self, vendor: str, key: str) -> Account | None:
        return self._accounts.get((vendor, key))

    def authenticate(self, vendor: str, key: str, secret: str) -> Account | None:
        account = self.get(vendor, key)
        if account is None or not account.secret_matches(secret):
            return None
        return account

    def of_vendor(self, vendor: str) -> list[Account]:
        return [a for (v, _), a in self._accounts.items() if v == vendor]

    def children(self, account: Account) -> list[Account]:
        return [
            a
            for a in self._accounts.values()
            if a.vendor == account.vendor and a.parent_key == account.key
        ]

    def remove(self, account: Account) -> None:
        self._accounts.pop((account.vendor, account.key), None)

    def all(self) -> list[Account]:
        return list(self._accounts.values())

    def clear(self) -> None:
        self._accounts.clear()
