"""The emulated Vonage APIs: Numbers and account settings on rest.nexmo.com, Applications v2 and
Subaccounts on api.nexmo.com.

The Vonage SDK can only be pointed at a host:port (and always speaks https), so it reaches the
sandbox with Host: 127.0.0.1:PORT; the server then routes by the path prefixes below.
"""

from __future__ import annotations

import random
from typing import ClassVar

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Request, Response
from migrator.sandbox.numbers import country_of
from migrator.sandbox.state import SandboxState
from migrator.sandbox.vendor_api import PortableNumber, Router, VendorApi

# Importing the resource modules registers their endpoints on the shared router.
from migrator.sandbox.vonage import account as _account  # noqa: F401
from migrator.sandbox.vonage import applications as _applications  # noqa: F401
from migrator.sandbox.vonage import numbers as _numbers  # noqa: F401
from migrator.sandbox.vonage import subaccounts as _subaccounts  # noqa: F401
from migrator.sandbox.vonage import wire
from migrator.sandbox.vonage.provisioning import VENDOR, open_account
from migrator.sandbox.vonage.routes import router
from migrator.sandbox.vonage.seed import seed_account
from migrator.sandbox.vonage.store import (
    KIND_BY_TYPE,
    TYPE_BY_KIND,
    OwnedNumber,
    VonageStore,
    ordered_features,
)


class VonageApi(VendorApi):
    vendor = VENDOR
    hosts = frozenset({wire.REST_HOST, wire.API_HOST})
    path_prefixes = ("/account/", "/number/", "/v2/applications", "/accounts/")
    router: ClassVar[Router] = router

    # --- serving -------------------------------------------------------------------------
    def credentials(self, request: Request) -> tuple[str, str] | None:
        """HTTP Basic, or api_key/api_secret parameters as the older Numbers API documents."""
        basic = request.basic_auth()
        if basic is not None:
            return basic
        params = wire.fields(request)
        key, secret = params.get("api_key"), params.get("api_secret")
        return (key, secret) if key and secret else None

    def authenticate(self, request: Request, state: SandboxState) -> Account | None:
        """The account named by the API key, when the secret is its own or, for a subaccount,
        its primary account's (how a primary reads its subaccounts' numbers and applications;
        an assumption: the reference docs neither confirm nor rule it out). Suspended accounts
        are refused."""
        presented = self.credentials(request)
        if presented is None:
            return None
        key, secret = presented
        account = state.accounts.get(VENDOR, key)
        if account is None or account.store.suspended:
            return None
        if account.secret_matches(secret):
            return account
        parent = state.accounts.get(VENDOR, account.parent_key) if account.parent_key else None
        return account if parent is not None and parent.secret_matches(secret) else None

    def unauthorized(self, request: Request) -> Response:
        return wire.unauthorized(request)

    def too_many_requests(self, request: Request) -> Response:
        return wire.throttled(request)

    def server_error(self, request: Request) -> Response:
        return wire.internal_error(request)

    def not_found(self, request: Request) -> Response:
        return wire.not_found(request)

    def method_not_allowed(self, request: Request) -> Response:
        return wire.method_not_allowed(request)

    # --- accounts ------------------------------------------------------------------------
    def create_account(
        self,
        state: SandboxState,
        rng: random.Random,
        role: str,
        name: str,
        parent: Account | None = None,
    ) -> Account:
        return open_account(state, rng, role, name, parent)

    def seed(self, state: SandboxState, account: Account, numbers: int, rng: random.Random) -> None:
        seed_account(state, account, numbers, rng)

    def sdk_credentials(self, account: Account) -> dict[str, str]:
        return {"api_key": account.key, "api_secret": account.secret}

    def resource_counts(self, account: Account) -> dict[str, int]:
        store: VonageStore = account.store
        return {
            "numbers": len(store.numbers),
            "applications": len(store.applications),
            "subaccounts": len(store.subaccount_keys),
        }

    # --- ports ---------------------------------------------------------------------------
    def find_number(self, account: Account, e164: str) -> PortableNumber | None:
        number = account.store.numbers.get(e164)
        return None if number is None else _portable(number)

    def remove_number(self, account: Account, e164: str) -> PortableNumber | None:
        store: VonageStore = account.store
        number = store.pop(e164)
        return None if number is None else _portable(number)

    def add_number(self, account: Account, number: PortableNumber) -> None:
        vonage_type = TYPE_BY_KIND.get(number.number_type, "landline")
        features = ordered_features(number.capabilities - {"fax"}) or ["VOICE"]
        store: VonageStore = account.store
        store.add(OwnedNumber(number.e164, country_of(number.e164), vonage_type, features))


def _portable(number: OwnedNumber) -> PortableNumber:
    return PortableNumber(
        e164=number.e164,
        number_type=KIND_BY_TYPE.get(number.type, "local"),
        capabilities=frozenset(f.lower() for f in number.features),
    )
