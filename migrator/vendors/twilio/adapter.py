"""The Twilio adapter: a Twilio account (and its subaccounts) through the official twilio SDK.

Twilio specifics the engine relies on (shared/reference/vendors.md section 1.1):
- A number answers from its own URLs, a linked TwiML App, or a SIP trunk; setting a voice app
  clears the trunk and the other way round. `NumberConfig.vendor_fields` carries `trunk_sid` and
  `voice_receive_mode`; SMS follows `app_id` unless `sms_app_id` says otherwise ("" = no app).
- Updates are partial on Twilio, so setting a complete configuration sends every field, with ""
  for what must be cleared. Application names carry the idempotency marker as `name [marker]`.
- Subaccounts are read with their own auth token, which the parent's Accounts list reveals; a
  number or application a subaccount owns is changed, released or deleted through that
  subaccount (the main account's lists do not show it), found by asking the main account first.
- TwiML Bin content is fetched with a GET signed like Twilio's own webhook requests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import Any, ClassVar, TypeVar

from migrator.gcpause import gc_paused
from migrator.model.enums import NumberType, Vendor
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.vendors.base import (
    AccountInfo,
    ApplicationSpec,
    AvailableNumber,
    Capabilities,
    Credentials,
    NumberConfig,
    NumberQuery,
    VendorAdapter,
)
from migrator.vendors.capabilities import TWILIO
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.errors import BusinessRule, NotFound
from migrator.vendors.throttle import Throttle
from migrator.vendors.twilio import convert
from migrator.vendors.twilio.bins import with_content
from migrator.vendors.twilio.calls import TwilioCalls
from migrator.vendors.twilio.discovery import PAGE_SIZE, TreeRead, read_tree, services_of
from migrator.vendors.twilio.errors import VENDOR as VENDOR_NAME

T = TypeVar("T")
SEARCH_LISTS = {
    NumberType.LOCAL: "local",
    NumberType.MOBILE: "mobile",
    NumberType.TOLLFREE: "toll_free",
    NumberType.NATIONAL: "national",
    NumberType.OTHER: "local",
}


def _refuse(message: str) -> BusinessRule:
    return BusinessRule(message, vendor=VENDOR_NAME)


def _checked(build: Callable[[], T]) -> T:
    """Parameters built from a spec or config; what Twilio cannot hold is a business rule."""
    try:
        return build()
    except ValueError as exc:
        raise _refuse(str(exc)) from None


class TwilioAdapter(VendorAdapter):
    vendor: ClassVar[str] = "twilio"
    capabilities: ClassVar[Capabilities] = TWILIO

    def __init__(
        self,
        credentials: Credentials,
        endpoint: Endpoint = VENDOR,
        throttle: Throttle | None = None,
    ) -> None:
        super().__init__(credentials, endpoint, throttle)
        try:
            sid, token = self.credentials["account_sid"], self.credentials["auth_token"]
        except KeyError:
            raise _refuse("Twilio credentials need an account_sid and an auth_token") from None
        self.calls = TwilioCalls(sid, token, endpoint, self.throttle)
        self._subaccounts: list[str] | None = None
        self._tree_lock = threading.Lock()
        self._owners: dict[str, str] = {}
        """E.164 or application sid -> the sid of the (sub)account found owning it."""

    @property
    def account_id(self) -> str:
        return self.calls.account_sid

    @property
    def _client(self) -> Any:
        return self.calls.client()

    # --- connection and discovery ---------------------------------------------------------
    def check_credentials(self) -> AccountInfo:
        account = self.calls.read(lambda: self._client.api.v2010.accounts(self.account_id).fetch())
        return AccountInfo(
            vendor=self.vendor,
            account_id=self.account_id,
            name=convert.text(account.friendly_name),
            status=convert.text(account.status) or "active",
        )

    def discover(self, progress: Progress = no_progress, cancel: CancelToken = NEVER) -> Inventory:
        with gc_paused():
            with ThreadPoolExecutor(self.throttle.limit.workers, "twilio-discovery") as pool:
                tree = read_tree(self.calls, pool, progress, cancel)
            inventory = build_inventory(tree)
        self._subaccounts = [sid for sid in tree.accounts if sid != self.account_id]
        self._owners.update({n.e164: n.account_id for n in inventory.numbers})
        self._owners.update({a.id: a.account_id for a in inventory.applications})
        return inventory

    # --- the account tree ------------------------------------------------------------------
    def _subaccount_sids(self) -> list[str]:
        """Active subaccounts we can act for (their tokens come from the Accounts list)."""
        with self._tree_lock:
            if self._subaccounts is None:
                accounts = self.calls.read(
                    lambda: self._client.api.v2010.accounts.list(page_size=PAGE_SIZE)
                )
                found = []
                for account in accounts:
                    sid, token = convert.text(account.sid), convert.text(account.auth_token)
                    owner = convert.text(account.owner_account_sid)
                    if sid == self.account_id or owner != self.account_id:
                        continue
                    if convert.text(account.status) == "active" and token:
                        self.calls.add_account(sid, token)
                        found.append(sid)
                self._subaccounts = found
            return self._subaccounts

    def _candidates(self, key: str) -> Iterator[str]:
        """Accounts to ask about a number or an application: where it was last seen first,
        then the main account, then each subaccount (listed only when it comes to that)."""
        asked: set[str] = set()
        for sid in (self._owners.get(key), self.account_id):
            if sid and sid not in asked:
                asked.add(sid)
                yield sid
        yield from (sid for sid in self._subaccount_sids() if sid not in asked)

    # --- applications ----------------------------------------------------------------------
    def _application_raw(self, app_id: str) -> dict[str, Any]:
        for sid in self._candidates(app_id):
            fetch = self.calls.client(sid).applications(app_id).fetch
            try:
                app = self.calls.read(fetch)
            except NotFound:
                continue
            self._owners[app_id] = sid
            return convert.record(app, convert.APP_FIELDS)
        raise NotFound(f"no Twilio application {app_id} in this account", vendor=VENDOR_NAME)

    def _app_client(self, app_id: str) -> Any:
        """The client of the account owning the application (NotFound when none does)."""
        if app_id not in self._owners:
            self._application_raw(app_id)
        return self.calls.client(self._owners[app_id])

    def create_application(self, spec: ApplicationSpec) -> Application:
        params = _checked(lambda: convert.spec_params(spec))
        created = self.calls.write(lambda: self._client.applications.create(**params))
        return convert.to_application(convert.record(created, convert.APP_FIELDS))

    def get_application(self, app_id: str) -> Application | None:
        try:
            return convert.to_application(self._application_raw(app_id))
        except NotFound:
            return None

    def find_application(self, marker: str) -> Application | None:
        apps = self.calls.read(lambda: self._client.applications.list(page_size=PAGE_SIZE))
        for app in apps:
            if convert.carries_marker(convert.text(app.friendly_name), marker):
                return convert.to_application(convert.record(app, convert.APP_FIELDS))
        return None

    def read_application_spec(self, app_id: str) -> ApplicationSpec:
        return convert.spec_of(convert.to_application(self._application_raw(app_id)))

    def update_application(self, app_id: str, spec: ApplicationSpec) -> Application:
        params = _checked(lambda: convert.spec_params(spec))
        client = self._app_client(app_id)
        updated = self.calls.read(lambda: client.applications(app_id).update(**params))
        return convert.to_application(convert.record(updated, convert.APP_FIELDS))

    def delete_application(self, app_id: str) -> None:
        client = self._app_client(app_id)
        self.calls.write(lambda: client.applications(app_id).delete())

    # --- numbers ---------------------------------------------------------------------------
    def search_numbers(self, query: NumberQuery) -> list[AvailableNumber]:
        country = self._client.available_phone_numbers(query.country.upper())
        lister = getattr(country, SEARCH_LISTS[query.number_type])
        filters: dict[str, Any] = {f"{cap.value}_enabled": True for cap in query.capabilities}
        if query.area_code:
            filters["area_code"] = query.area_code
        if query.contains:
            filters["contains"] = query.contains
        limit = max(1, query.limit)
        found = self.calls.read(
            lambda: lister.list(limit=limit, page_size=min(limit, PAGE_SIZE), **filters)
        )
        return [convert.to_available(offer, query.number_type) for offer in found]

    def buy_number(self, e164: str, config: NumberConfig | None = None, label: str = "") -> Number:
        params = _checked(lambda: convert.config_params(config)) if config else {}
        if label:
            params["friendly_name"] = convert.with_marker(label, "")
        bought = self.calls.write(
            lambda: self._client.incoming_phone_numbers.create(phone_number=e164, **params)
        )
        return convert.to_number(convert.record(bought, convert.NUMBER_FIELDS), {})

    def _number_raw(self, e164: str) -> dict[str, Any] | None:
        """The number as the (sub)account owning it holds it; None when no account does."""
        for sid in self._candidates(e164):
            lister = self.calls.client(sid).incoming_phone_numbers.page
            page = self.calls.read(partial(lister, phone_number=e164, page_size=50))
            for number in page:
                if number.phone_number == e164:
                    self._owners[e164] = sid
                    return convert.record(number, convert.NUMBER_FIELDS)
        return None

    def _owned(self, e164: str) -> dict[str, Any]:
        raw = self._number_raw(e164)
        if raw is None:
            raise NotFound(f"the Twilio account does not own {e164}", vendor=VENDOR_NAME)
        return raw

    def _service_of(self, raw: dict[str, Any]) -> str | None:
        """The Messaging Service whose sender pool holds the number (a number is in one at most)."""
        client = self.calls.client(raw.get("account_sid") or self.account_id)
        services = self.calls.read(lambda: client.messaging.v1.services.list(page_size=PAGE_SIZE))
        return next((str(s.sid) for s in services if self._holds(client, str(s.sid), raw)), None)

    def _holds(self, client: Any, service_sid: str, raw: dict[str, Any]) -> bool:
        senders = client.messaging.v1.services(service_sid).phone_numbers
        try:
            self.calls.read(lambda: senders(raw["sid"]).fetch())
        except NotFound:
            return False
        return True

    def get_number(self, e164: str) -> Number | None:
        raw = self._number_raw(e164)
        if raw is None:
            return None
        service = self._service_of(raw)
        return convert.to_number(raw, {raw["sid"]: service} if service else {})

    def read_number_config(self, e164: str) -> NumberConfig:
        return convert.number_config(self._owned(e164))

    def configure_number(self, e164: str, config: NumberConfig) -> None:
        params = _checked(lambda: convert.config_params(config))
        raw = self._owned(e164)
        numbers = self.calls.client(self._owners[e164]).incoming_phone_numbers
        self.calls.read(lambda: numbers(raw["sid"]).update(**params))

    def release_number(self, e164: str) -> None:
        raw = self._owned(e164)
        numbers = self.calls.client(self._owners[e164]).incoming_phone_numbers
        self.calls.write(lambda: numbers(raw["sid"]).delete())


# --- the inventory --------------------------------------------------------------------------
def build_inventory(tree: TreeRead) -> Inventory:
    """The neutral inventory of everything read, with precedence and TwiML Bin content."""
    services, _ = services_of(tree.accounts)
    numbers: list[Number] = []
    webhooks: list[Webhook] = []
    apps: list[Application] = []
    trunks, domains = [], []
    for read in tree.accounts.values():
        apps += [convert.to_application(raw) for raw in read.applications]
        trunks += [convert.to_trunk(raw, urls, tuple(ids)) for raw, urls, ids in read.trunks]
        domains += [convert.to_domain(raw) for raw in read.domains]
    bins = tree.bins
    for read in tree.accounts.values():
        for listed in read.numbers:  # settled by read_tree: final
            numbers += listed.numbers
            webhooks += listed.hooks
    others: list[Webhook] = []
    for app in apps:
        others += convert.application_webhooks(app)
    for service in services:
        others += convert.service_webhooks(service)
    for trunk in trunks:
        others += convert.trunk_webhooks(trunk)
    for domain in domains:
        others += convert.domain_webhooks(domain)
    webhooks += [with_content(hook, bins) for hook in others]
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id=str(tree.main["sid"]),
        account_name=convert.text(tree.main.get("friendly_name")),
        taken_at=datetime.now(UTC).isoformat(timespec="seconds"),
        numbers=tuple(numbers),
        applications=tuple(apps),
        messaging_services=tuple(services),
        trunks=tuple(trunks),
        sip_domains=tuple(domains),
        subaccounts=tuple(convert.to_subaccount(raw) for raw in tree.subaccounts),
        webhooks=tuple(webhooks),
    )
