"""The emulated Plivo REST API (api.plivo.com/v1/Account/{auth_id}/...), as plivo 4.63 uses it.

Plivo has no OpenAPI spec; shapes follow docs.plivo.com and what the SDK sends and parses
(shared/reference/vendors.md section 1.3). Requests authenticate with HTTP Basic auth_id:auth_token
and must name their own auth_id in the path. Errors are `{"api_id", "error"}` with the status the
SDK maps to its exceptions; a 429 is "Too many requests, rate limited". The SDK retries a voice
request (Application, Endpoint) twice on a 5xx; faults are drawn before a handler runs, so a
failed attempt never changes state and the retry is harmless.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Request, Response
from migrator.sandbox.plivo import routes_account, routes_numbers, routes_voice
from migrator.sandbox.plivo.credentials import new_auth_id, new_auth_token
from migrator.sandbox.plivo.geography import facts, pool_kind
from migrator.sandbox.plivo.protocol import ROUTER, ApiError, error
from migrator.sandbox.plivo.resources import PlivoNumber, PlivoStore, visible
from migrator.sandbox.plivo.seed import seed_account
from migrator.sandbox.state import SandboxState
from migrator.sandbox.vendor_api import Call, PortableNumber, VendorApi

_ROUTE_MODULES = (routes_account, routes_numbers, routes_voice)  # imported to register routes
_PATH_ACCOUNT = re.compile(r"^/v1/Account/(?P<auth_id>[^/]+)/")


class PlivoApi(VendorApi):
    vendor = "plivo"
    hosts = frozenset({"api.plivo.com"})
    path_prefixes = ("/v1/Account/",)
    router = ROUTER

    # --- serving -------------------------------------------------------------------------
    def authenticate(self, request: Request, state: SandboxState) -> Account | None:
        account = super().authenticate(request, state)
        if account is None or not account.extra.get("enabled", True):
            return None
        return account

    def unauthorized(self, request: Request) -> Response:
        return error(401, "Authentication failed: invalid auth_id or auth_token")

    def too_many_requests(self, request: Request) -> Response:
        return error(429, "Too many requests, rate limited")

    def server_error(self, request: Request) -> Response:
        return error(500, "An internal server error occurred. Please retry later.")

    def not_found(self, request: Request) -> Response:
        return error(404, "not found")

    def method_not_allowed(self, request: Request) -> Response:
        return error(405, f"HTTP method {request.method} not allowed on this resource")

    def handle(self, call: Call) -> Response:
        found = _PATH_ACCOUNT.match(call.request.path)
        if found is None:
            return self.not_found(call.request)
        if found["auth_id"] != call.account.key:
            return error(401, "the auth_id in the URL does not match the credentials")
        try:
            return super().handle(call)
        except ApiError as exc:
            return error(exc.status, exc.message)

    # --- accounts ------------------------------------------------------------------------
    def create_account(
        self,
        state: SandboxState,
        rng: random.Random,
        role: str,
        name: str,
        parent: Account | None = None,
    ) -> Account:
        while True:
            key = new_auth_id(rng, subaccount=parent is not None)
            if state.accounts.get(self.vendor, key) is None:
                break
        account = Account(
            vendor=self.vendor,
            key=key,
            secret=new_auth_token(rng),
            role=role,
            name=name,
            parent_key=parent.key if parent is not None else None,
            store=parent.store if parent is not None else PlivoStore.for_account(key),
            extra={"enabled": True, "created": "2021-06-01", "modified": None},
        )
        if parent is not None:
            account.store.subaccounts.add(key)
        return state.accounts.add(account)

    def seed(self, state: SandboxState, account: Account, numbers: int, rng: random.Random) -> None:
        seed_account(self, state, account, numbers, rng)

    def sdk_credentials(self, account: Account) -> dict[str, str]:
        return {"auth_id": account.key, "auth_token": account.secret}

    def resource_counts(self, account: Account) -> dict[str, int]:
        store: PlivoStore = account.store
        viewer = account.key if account.parent_key is not None else None

        def count(owners: list[str | None]) -> int:
            return sum(1 for owner in owners if visible(owner, viewer))

        return {
            "numbers": count([n.sub_account for n in store.numbers.values()]),
            "applications": count([a.sub_account for a in store.applications.values()]),
            "endpoints": count([e.sub_account for e in store.endpoints.values()]),
            "subaccounts": len(store.subaccounts) if viewer is None else 0,
        }

    # --- ports ---------------------------------------------------------------------------
    def _visible_number(self, account: Account, e164: str) -> PlivoNumber | None:
        store: PlivoStore = account.store
        record = store.numbers.get(e164.lstrip("+"))
        viewer = account.key if account.parent_key is not None else None
        if record is None or not visible(record.sub_account, viewer):
            return None
        return record

    def find_number(self, account: Account, e164: str) -> PortableNumber | None:
        record = self._visible_number(account, e164)
        if record is None:
            return None
        services = {
            name
            for name, on in (
                ("voice", record.voice_enabled),
                ("sms", record.sms_enabled),
                ("mms", record.mms_enabled),
            )
            if on
        }
        return PortableNumber(
            e164=record.e164,
            number_type=pool_kind(record.number_type),
            capabilities=frozenset(services),
            friendly_name=record.alias or "",
        )

    def remove_number(self, account: Account, e164: str) -> PortableNumber | None:
        found = self.find_number(account, e164)
        if found is not None:
            store: PlivoStore = account.store
            del store.numbers[e164.lstrip("+")]
        return found

    def add_number(self, account: Account, number: PortableNumber) -> None:
        store: PlivoStore = account.store
        kind = number.number_type if number.number_type in ("mobile", "tollfree") else "local"
        found = facts(number.e164, kind)
        today = datetime.now(UTC).date()
        store.numbers[number.e164.lstrip("+")] = PlivoNumber(
            number=number.e164.lstrip("+"),
            number_type=found.number_type,
            region=found.region,
            added_on=today.isoformat(),
            renewal_date=(today + timedelta(days=30)).isoformat(),
            voice_enabled="voice" in number.capabilities or not number.capabilities,
            sms_enabled="sms" in number.capabilities,
            mms_enabled="mms" in number.capabilities,
            monthly_rental_rate=found.monthly_rental_rate,
            alias=number.friendly_name or None,
            sub_account=account.key if account.parent_key is not None else None,
        )
