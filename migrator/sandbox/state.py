"""Everything the sandbox knows, behind one lock."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from migrator.sandbox.accounts import Account, AccountBook
from migrator.sandbox.clock import Clock
from migrator.sandbox.faults import Faults
from migrator.sandbox.limits import Limits
from migrator.sandbox.numbers import NumberPool

if TYPE_CHECKING:
    from migrator.sandbox.vendor_api import PortableNumber, VendorApi


class SandboxState:
    """Accounts, number pool, clock, limits and faults.

    Vendor handlers run with `lock` held (the server takes it), so resource stores need no locks
    of their own. Limits, faults and the clock lock themselves because they are used outside it.
    """

    def __init__(self, apis: dict[str, VendorApi]) -> None:
        self.lock = threading.RLock()
        self.apis = apis
        self.accounts = AccountBook()
        self.numbers = NumberPool()
        self.clock = Clock()
        self.limits = Limits()
        self.faults = Faults()
        self.seed_spec: dict[str, int] = {}

    def reset(self) -> None:
        with self.lock:
            self.accounts.clear()
            self.numbers.clear()
            self.clock.reset()
            self.limits.reset()
            self.faults.reset()
            self.seed_spec = {}

    def owner_of(self, e164: str) -> tuple[VendorApi, Account] | None:
        """Which account of which vendor owns a number (for ports across vendors)."""
        with self.lock:
            for api in self.apis.values():
                for account in self.accounts.of_vendor(api.vendor):
                    if api.find_number(account, e164) is not None:
                        return api, account
            return None

    def move_number(self, e164: str, gaining_vendor: str, gaining: Account) -> PortableNumber:
        """Complete a port: the number leaves its owner (any vendor) and joins `gaining`."""
        with self.lock:
            found = self.owner_of(e164)
            if found is not None:
                api, losing = found
                number = api.remove_number(losing, e164)
                assert number is not None
            else:
                from migrator.sandbox.numbers import number_type
                from migrator.sandbox.vendor_api import PortableNumber

                number = PortableNumber(e164, number_type(e164), frozenset({"voice", "sms"}))
            self.numbers.reserve(e164)
            self.apis[gaining_vendor].add_number(gaining, number)
            return number
