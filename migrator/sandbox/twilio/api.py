"""The Twilio emulation: every Twilio host the adapters use, one router per host.

api.twilio.com (2010-04-01: numbers, search, applications, accounts, SIP domains),
messaging.twilio.com (Messaging Services), trunking.twilio.com (Elastic SIP Trunks),
numbers.twilio.com (the Porting API, from `porting` when present) and handler.twilio.com
(TwiML Bin content). Studio and Serverless hosts are accepted and answer Twilio's 404.
"""

from __future__ import annotations

import importlib
import random
from types import ModuleType

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Request, Response
from migrator.sandbox.numbers import country_of
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio import (
    applications,
    available,
    bins,
    messaging,
    numbers,
    sip_domains,
    subaccounts,
    trunking,
)
from migrator.sandbox.twilio.catalogue import capabilities_of
from migrator.sandbox.twilio.errors import (
    TwilioError,
    authenticate,
    method_not_allowed,
    not_found,
    server_error,
    too_many_requests,
)
from migrator.sandbox.twilio.render import default_friendly_name
from migrator.sandbox.twilio.resources import NUMBER_TYPES, IncomingNumber, store_of
from migrator.sandbox.twilio.seed import seed_account
from migrator.sandbox.vendor_api import Call, PortableNumber, Router, VendorApi


def _optional_module(name: str) -> ModuleType | None:
    """The module, or None while it does not exist yet (the Porting API is built separately)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name != name:
            raise
        return None


porting = _optional_module("migrator.sandbox.twilio.porting")

API_HOST = "api.twilio.com"
MESSAGING_HOST = "messaging.twilio.com"
TRUNKING_HOST = "trunking.twilio.com"
NUMBERS_HOST = "numbers.twilio.com"
HANDLER_HOST = bins.HANDLER_HOST
OTHER_HOSTS = ("studio.twilio.com", "serverless.twilio.com")


class TwilioApi(VendorApi):
    vendor = "twilio"
    hosts = frozenset(
        {API_HOST, MESSAGING_HOST, TRUNKING_HOST, NUMBERS_HOST, HANDLER_HOST, *OTHER_HOSTS}
    )

    def __init__(self) -> None:
        self.routers = {host: Router() for host in self.hosts}
        api = self.routers[API_HOST]
        for module in (subaccounts, numbers, available, applications, sip_domains):
            module.register(api)
        messaging.register(self.routers[MESSAGING_HOST])
        trunking.register(self.routers[TRUNKING_HOST])
        bins.register(self.routers[HANDLER_HOST])
        if porting is not None:
            porting.register(self.routers[NUMBERS_HOST])
        self.router = api  # type: ignore[misc]

    # --- serving -------------------------------------------------------------------------
    def authenticate(self, request: Request, state: SandboxState) -> Account | None:
        if request.host == HANDLER_HOST:
            return bins.authenticate(request, state)
        account = super().authenticate(request, state)
        if account is None or store_of(account).profile.status != "active":
            return None
        return account

    def handle(self, call: Call) -> Response:
        router = self.routers.get(call.request.host, self.router)
        found = router.match(call.request.method, call.request.path)
        try:
            if found is None:
                raise not_found(call.request.path)
            if found is False:
                raise method_not_allowed(call.request.method)
            assert not isinstance(found, bool)
            handler, params = found
            return handler(Call(call.request, call.account, call.state, params))
        except TwilioError as error:
            return error.response()

    def unauthorized(self, request: Request) -> Response:
        return authenticate().response()

    def too_many_requests(self, request: Request) -> Response:
        return too_many_requests().response()

    def server_error(self, request: Request) -> Response:
        return server_error().response()

    def not_found(self, request: Request) -> Response:
        return not_found(request.path).response()

    def method_not_allowed(self, request: Request) -> Response:
        return method_not_allowed(request.method).response()

    # --- accounts ------------------------------------------------------------------------
    def create_account(
        self,
        state: SandboxState,
        rng: random.Random,
        role: str,
        name: str,
        parent: Account | None = None,
    ) -> Account:
        return subaccounts.new_account(state, rng, role, name, parent)

    def seed(self, state: SandboxState, account: Account, numbers: int, rng: random.Random) -> None:
        seed_account(state, account, numbers, rng, self.create_account)

    def sdk_credentials(self, account: Account) -> dict[str, str]:
        return {"account_sid": account.key, "auth_token": account.secret}

    def resource_counts(self, account: Account) -> dict[str, int]:
        """Counts of the account's own resources; `numbers` also counts its subaccounts'
        numbers (the seeded total), `own_numbers` only the account's."""
        store = store_of(account)
        children = store.subaccounts
        counts = {
            "numbers": len(store.numbers) + sum(len(store_of(c).numbers) for c in children),
            "own_numbers": len(store.numbers),
            "applications": len(store.applications),
            "messaging_services": len(store.services),
            "trunks": len(store.trunks),
            "sip_domains": len(store.domains),
            "twiml_bins": len(store.bins),
            "subaccounts": len(children),
        }
        if porting is not None:
            counts.update(porting.counts(account))
        return counts

    # --- ports ---------------------------------------------------------------------------
    def find_number(self, account: Account, e164: str) -> PortableNumber | None:
        number = store_of(account).number_by_e164(e164)
        return None if number is None else _portable(number)

    def remove_number(self, account: Account, e164: str) -> PortableNumber | None:
        store = store_of(account)
        number = store.number_by_e164(e164)
        if number is None:
            return None
        store.remove_number(number.sid)
        return _portable(number)

    def add_number(self, account: Account, number: PortableNumber) -> None:
        store = store_of(account)
        kind = number.number_type if number.number_type in NUMBER_TYPES else "local"
        caps = capabilities_of(country_of(number.e164), kind)
        if number.capabilities:
            caps = {name: name in number.capabilities for name in ("voice", "sms", "mms", "fax")}
        now = store.now()
        store.add_number(
            IncomingNumber(
                sid=f"PN{store.rng.getrandbits(128):032x}",
                phone_number=number.e164,
                number_type=kind,
                capabilities=caps,
                friendly_name=number.friendly_name or default_friendly_name(number.e164),
                date_created=now,
                date_updated=now,
            )
        )


def _portable(number: IncomingNumber) -> PortableNumber:
    return PortableNumber(
        e164=number.phone_number,
        number_type=number.number_type,
        capabilities=frozenset(k for k, on in number.capabilities.items() if on),
        friendly_name=number.friendly_name,
    )
