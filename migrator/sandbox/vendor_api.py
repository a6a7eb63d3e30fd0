"""What every vendor emulation provides to the sandbox server, and a small regex router.

A vendor emulation (`migrator.sandbox.twilio`, `.vonage`, `.plivo`) subclasses `VendorApi`: it
names the hosts it serves, authenticates requests against the account book, answers with the
vendor's own error shapes, and can create, seed and count its accounts. Ports move numbers between
vendors, so each emulation can also give up and take in a number.
"""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Request, Response

if TYPE_CHECKING:
    from migrator.sandbox.state import SandboxState


@dataclass(frozen=True)
class Call:
    """One authenticated request being served."""

    request: Request
    account: Account
    state: SandboxState
    params: dict[str, str]


@dataclass(frozen=True)
class PortableNumber:
    """A number as it moves between accounts in a completed port."""

    e164: str
    number_type: str  # local | mobile | tollfree
    capabilities: frozenset[str] = field(default_factory=frozenset)  # voice, sms, mms, fax
    friendly_name: str = ""


Handler = Callable[[Call], Response]


class Router:
    """Routes (method, path regex) to handlers; named groups become `Call.params`."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        compiled = re.compile(f"^{pattern}$")

        def register(handler: Handler) -> Handler:
            self._routes.append((method.upper(), compiled, handler))
            return handler

        return register

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append((method.upper(), re.compile(f"^{pattern}$"), handler))

    def match(self, method: str, path: str) -> tuple[Handler, dict[str, str]] | bool | None:
        """The handler and its params; False when the path exists under another method."""
        path_known = False
        for route_method, pattern, handler in self._routes:
            found = pattern.match(path)
            if found is None:
                continue
            path_known = True
            if route_method == method.upper():
                return handler, found.groupdict()
        return False if path_known else None


class VendorApi(ABC):
    """Base class of the three vendor emulations."""

    vendor: ClassVar[str]
    hosts: ClassVar[frozenset[str]]
    path_prefixes: ClassVar[tuple[str, ...]] = ()
    """Paths this vendor owns when a request arrives with the sandbox's own address as Host
    (the Vonage SDK can only be pointed at a host:port, so it sends Host: 127.0.0.1:PORT)."""

    router: ClassVar[Router]

    # --- serving -------------------------------------------------------------------------
    def credentials(self, request: Request) -> tuple[str, str] | None:
        """The (key, secret) a request presents; HTTP Basic unless the vendor says otherwise."""
        return request.basic_auth()

    def authenticate(self, request: Request, state: SandboxState) -> Account | None:
        """The account a request acts as, or None (answered with `unauthorized`)."""
        presented = self.credentials(request)
        if presented is None:
            return None
        return state.accounts.authenticate(self.vendor, *presented)

    @abstractmethod
    def unauthorized(self, request: Request) -> Response:
        """The vendor's own 401."""

    @abstractmethod
    def too_many_requests(self, request: Request) -> Response:
        """The vendor's own 429."""

    @abstractmethod
    def server_error(self, request: Request) -> Response:
        """The vendor's own 5xx."""

    @abstractmethod
    def not_found(self, request: Request) -> Response:
        """The vendor's own 404 for an unknown path or resource."""

    def method_not_allowed(self, request: Request) -> Response:
        return self.not_found(request)

    def handle(self, call: Call) -> Response:
        found = self.router.match(call.request.method, call.request.path)
        if found is None:
            return self.not_found(call.request)
        if found is False:
            return self.method_not_allowed(call.request)
        assert not isinstance(found, bool)
        handler, params = found
        return handler(Call(call.request, call.account, call.state, params))

    # --- accounts ------------------------------------------------------------------------
    @abstractmethod
    def create_account(
        self,
        state: SandboxState,
        rng: random.Random,
        role: str,
        name: str,
        parent: Account | None = None,
    ) -> Account:
        """A new, empty account (added to the state's account book)."""

    @abstractmethod
    def seed(self, state: SandboxState, account: Account, numbers: int, rng: random.Random) -> None:
        """Fill `account` with a realistic departing inventory of about `numbers` numbers."""

    @abstractmethod
    def sdk_credentials(self, account: Account) -> dict[str, str]:
        """Credentials keyed as the SDK's constructor names them."""

    @abstractmethod
    def resource_counts(self, account: Account) -> dict[str, int]:
        """Counts of every resource kind held by the account (numbers first)."""

    # --- ports ---------------------------------------------------------------------------
    @abstractmethod
    def find_number(self, account: Account, e164: str) -> PortableNumber | None:
        """The number if this account owns it."""

    @abstractmethod
    def remove_number(self, account: Account, e164: str) -> PortableNumber | None:
        """Take a number away (it ported out); None when the account does not own it."""

    @abstractmethod
    def add_number(self, account: Account, number: PortableNumber) -> None:
        """Take in a number (it ported in), with no configuration yet."""

    def describe(self, account: Account) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "role": account.role,
            "name": account.name,
            "parent": account.parent_key,
            "credentials": self.sdk_credentials(account),
            "resources": self.resource_counts(account),
        }
