"""The Vonage adapter: a Vonage account (and its subaccounts) through the official vonage SDK.

Numbers are digits without '+' on the wire and need their country on every write; an application
holds a number's voice and messages URLs, the number its own inbound-SMS and call-status URLs and
an optional SIP/phone forward. Applications are replaced whole by PUT, so every update is a
read-modify-write. HTTP 420 ("method failed") is a business rule and never retried; reads retry
rate limits and transient faults; writes retry only rate limits (a 429 was never processed),
except updates, which are idempotent.

A number or application a subaccount owns is read and changed as that subaccount (the primary's
calls do not see it): the adapter asks the account it was last seen in, then the primary, then
each subaccount.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import phonenumbers
from vonage_numbers import SearchAvailableNumbersFilter, UpdateNumberParams

from migrator.gcpause import gc_paused
from migrator.model.enums import Capability, NumberType, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.vendors import retry
from migrator.vendors.base import (
    AccountInfo,
    ApplicationSpec,
    AvailableNumber,
    Credentials,
    NumberConfig,
    NumberQuery,
    VendorAdapter,
)
from migrator.vendors.capabilities import VONAGE
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.errors import BusinessRule, NotFound, RateLimited
from migrator.vendors.throttle import Throttle
from migrator.vendors.vonage import mapping
from migrator.vendors.vonage.discovery import AccountRead, Reader, read_account_tree
from migrator.vendors.vonage.errors import VENDOR as VENDOR_NAME
from migrator.vendors.vonage.errors import sdk_call
from migrator.vendors.vonage.rest import VonageRest
from migrator.vendors.vonage.transport import vonage_client

T = TypeVar("T")
NAME_LIMIT = 255
"""Longest application name we send (Vonage documents none; 255 is a safe bound)."""
SEARCH_PAGE = 100
WRITE_ATTEMPTS = 6
FEATURE_ORDER = ("SMS", "VOICE", "MMS")


def with_marker(name: str, marker: str) -> str:
    """`name [marker]`, the name trimmed so the whole fits NAME_LIMIT and the marker stays whole."""
    if not marker:
        return name[:NAME_LIMIT]
    suffix = f" [{marker}]"
    return name[: max(0, NAME_LIMIT - len(suffix))] + suffix


class VonageAdapter(VendorAdapter):
    vendor = VENDOR_NAME
    capabilities = VONAGE

    def __init__(
        self,
        credentials: Credentials,
        endpoint: Endpoint = VENDOR,
        throttle: Throttle | None = None,
    ) -> None:
        super().__init__(credentials, endpoint, throttle)
        self._key = self.credentials["api_key"]
        self._secret = self.credentials["api_secret"]
        self._pool_size = max(10, self.throttle.limit.workers)
        self._rests: dict[str, VonageRest] = {}
        self.rest = self._rest(self._key)
        self._subaccounts: list[str] | None = None
        self._tree_lock = threading.Lock()
        self._owners: dict[str, str] = {}
        """E.164 or application id -> the api_key of the account found owning it."""

    def _rest(self, api_key: str) -> VonageRest:
        """Calls as `api_key`, authenticated with this adapter's secret. For a subaccount that is
        the primary's secret: we assume Vonage lets a primary act for its subaccounts this way
        (the reference docs neither confirm nor rule it out; the sandbox emulates it). If Vonage
        refuses, discovery says so for that subaccount (PermissionDenied)."""
        found = self._rests.get(api_key)
        if found is None:
            client = vonage_client(api_key, self._secret, self.endpoint, pool_size=self._pool_size)
            found = self._rests[api_key] = VonageRest(client, api_key)
        return found

    def _subaccount_keys(self) -> list[str]:
        with self._tree_lock:
            if self._subaccounts is None:
                listing = self._read(self.rest.subaccounts, "list subaccounts")
                self._subaccounts = [str(s["api_key"]) for s in listing.get("subaccounts", [])]
            return self._subaccounts

    def _candidates(self, key: str) -> Iterator[VonageRest]:
        """Accounts to ask about a number or an application: where it was last seen, the
        primary, then each subaccount (listed only when it comes to that)."""
        asked: set[str] = set()
        for api_key in (self._owners.get(key), self._key):
            if api_key and api_key not in asked:
                asked.add(api_key)
                yield self._rest(api_key)
        yield from (self._rest(k) for k in self._subaccount_keys() if k not in asked)

    @property
    def account_id(self) -> str:
        return self._key

    # --- calling ---------------------------------------------------------------------------
    def _read(self, fn: Callable[[], T], doing: str) -> T:
        """A read: throttled, rate limits and transient faults retried."""
        return retry.call_idempotent(lambda: sdk_call(fn, doing), throttle=self.throttle)

    def _write(self, fn: Callable[[], T], doing: str, idempotent: bool = False) -> T:
        """A write: throttled; repeated after a 429 (Vonage never processed it), and after a
        transient fault only when repeating it is harmless (`idempotent`)."""
        if idempotent:
            return self._read(fn, doing)
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            with self.throttle.slot():
                try:
                    return sdk_call(fn, doing)
                except RateLimited as exc:
                    if attempt == WRITE_ATTEMPTS:
                        raise
                    self.throttle.back_off(exc.retry_after or 0.5 * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    # --- connection and discovery ---------------------------------------------------------
    def check_credentials(self) -> AccountInfo:
        self._read(self.rest.balance, "check the credentials")
        listing = self._read(self.rest.subaccounts, "read the account name")
        return AccountInfo(
            vendor=self.vendor,
            account_id=self._key,
            name=str(listing.get("primary_name") or self._key),
        )

    def discover(self, progress: Progress = no_progress, cancel: CancelToken = NEVER) -> Inventory:
        workers = self.throttle.limit.workers
        progress(0, None, "connecting to Vonage")
        with (
            gc_paused(),
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vonage-read") as pool,
        ):
            reader = Reader(pool, self.throttle, progress, cancel)
            try:
                tree = read_account_tree(self.rest, self._rest, reader)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            inventory = self._inventory(tree.reads, tree.primary_name, tree.subaccounts)
        self._subaccounts = [str(s["api_key"]) for s in tree.subaccounts]
        self._owners.update({n.e164: n.account_id for n in inventory.numbers})
        self._owners.update({a.id: a.account_id for a in inventory.applications})
        progress(len(inventory.numbers), len(inventory.numbers), "read the Vonage account")
        return inventory

    def _inventory(
        self, reads: list[AccountRead], name: str, subaccounts: list[dict[str, Any]]
    ) -> Inventory:
        numbers: dict[str, Number] = {}  # index paging can repeat a number that moved
        applications: list[Application] = []
        webhooks: list[Webhook] = []
        settings: dict[str, Any] = {}
        for read in reads:
            for number, hooks in read.numbers:
                if number.e164 in numbers:
                    continue
                numbers[number.e164] = number
                webhooks += hooks
            for raw in read.applications:
                applications.append(mapping.application_from(raw, read.account_id))
                webhooks.extend(mapping.app_webhooks(raw, read.account_id))
            webhooks.extend(mapping.account_webhooks(read.settings, read.account_id))
            if read.account_id == self._key:
                settings.update(read.settings)
            else:
                settings.setdefault("subaccounts", {})[read.account_id] = read.settings
        return Inventory(
            vendor=Vendor.VONAGE,
            account_id=self._key,
            account_name=name,
            taken_at=datetime.now(UTC).isoformat(timespec="seconds"),
            numbers=tuple(numbers[e164] for e164 in sorted(numbers)),
            applications=tuple(applications),
            subaccounts=tuple(mapping.subaccount_from(s) for s in subaccounts),
            webhooks=tuple(webhooks),
            settings=settings,
        )

    # --- applications ----------------------------------------------------------------------
    def _all_applications(self) -> list[dict[str, Any]]:
        apps: list[dict[str, Any]] = []
        page = 1
        while True:
            body = self._read(partial(self.rest.applications_page, page, 100), "list applications")
            found = body.get("_embedded", {}).get("applications") or []
            apps.extend(found)
            if not found or page >= int(body.get("total_pages") or 0):
                return apps
            page += 1

    def _raw_application(self, app_id: str) -> dict[str, Any]:
        """The application as the account owning it holds it (NotFound when none does)."""
        for rest in self._candidates(app_id):
            try:
                found = self._read(partial(rest.application, app_id), "read an application")
            except NotFound:
                continue
            self._owners[app_id] = rest.account_id
            return found
        raise NotFound(f"no Vonage application {app_id} in account {self._key}", vendor=self.vendor)

    def _app_rest(self, app_id: str) -> VonageRest:
        if app_id not in self._owners:
            self._raw_application(app_id)
        return self._rest(self._owners[app_id])

    def create_application(self, spec: ApplicationSpec) -> Application:
        name = with_marker(spec.name, spec.marker)
        config = mapping.config_for(spec, {"capabilities": {}})
        created = self._write(
            lambda: self.rest.create_application(name, config), "create an application"
        )
        # The private key Vonage generated is returned once; it is not kept (no secrets stored).
        created.get("keys", {}).pop("private_key", None)
        return mapping.application_from(created, self._key)

    def get_application(self, app_id: str) -> Application | None:
        try:
            raw = self._raw_application(app_id)
        except NotFound:
            return None
        return mapping.application_from(raw, self._owners[app_id])

    def find_application(self, marker: str) -> Application | None:
        wanted = re.compile(rf"\[{re.escape(marker)}\]\s*$")
        for raw in self._all_applications():
            if wanted.search(str(raw.get("name", ""))):
                return mapping.application_from(raw, self._key)
        return None

    def read_application_spec(self, app_id: str) -> ApplicationSpec:
        return mapping.spec_from(self._raw_application(app_id))

    def update_application(self, app_id: str, spec: ApplicationSpec) -> Application:
        current = self._raw_application(app_id)
        config = mapping.config_for(spec, mapping.app_config(current))
        name = with_marker(spec.name, spec.marker) if spec.name else str(current["name"])
        rest = self._app_rest(app_id)
        updated = self._write(
            lambda: rest.replace_application(app_id, name, config),
            "update an application",
            idempotent=True,
        )
        return mapping.application_from(updated, rest.account_id)

    def delete_application(self, app_id: str) -> None:
        rest = self._app_rest(app_id)
        self._write(lambda: rest.delete_application(app_id), "delete an application", True)

    # --- numbers ---------------------------------------------------------------------------
    def search_numbers(self, query: NumberQuery) -> list[AvailableNumber]:
        if Capability.FAX in query.capabilities:
            return []  # Vonage numbers have no fax capability
        country = query.country.upper()
        features = ",".join(f for f in FEATURE_ORDER if Capability(f.lower()) in query.capabilities)
        pattern, mode = None, None
        if query.area_code:
            calling_code = phonenumbers.country_code_for_region(country)
            pattern, mode = f"{calling_code}{query.area_code}", 0
        elif query.contains:
            pattern, mode = query.contains.lstrip("+"), 1
        found: list[AvailableNumber] = []
        index = 1
        while len(found) < query.limit:
            search = SearchAvailableNumbersFilter(
                country=country,
                type=mapping.VONAGE_TYPE_BY_NUMBER_TYPE.get(query.number_type),
                features=features or None,
                pattern=pattern,
                search_pattern=mode,
                size=min(SEARCH_PAGE, query.limit),
                index=index,
            )
            page, count = self._read(partial(self.rest.search, search), "search numbers")
            for offer in page:
                number = _available(offer, country)
                if query.contains and query.contains.lstrip("+") not in number.e164:
                    continue
                found.append(number)
            if not page or index * search.size >= count:
                break
            index += 1
        return found[: query.limit]

    def _raw_number(self, e164: str) -> dict[str, Any] | None:
        """The number as the account owning it lists it; None when no account does."""
        digits = mapping.msisdn(e164)
        for rest in self._candidates(e164):
            found = self._read(partial(rest.find_number, digits), "look up a number")
            if found is not None:
                self._owners[e164] = rest.account_id
                return found
        return None

    def _owned(self, e164: str) -> dict[str, Any]:
        raw = self._raw_number(e164)
        if raw is None:
            raise NotFound(
                f"{e164} is not a number of Vonage account {self._key}", vendor=self.vendor
            )
        return raw

    def get_number(self, e164: str) -> Number | None:
        raw = self._raw_number(e164)
        return None if raw is None else mapping.number_from(raw, self._owners[e164])

    def buy_number(self, e164: str, config: NumberConfig | None = None, label: str = "") -> Number:
        """Buy it (Vonage numbers have no label, so `label` is not stored). A 420 after the SDK
        re-sent a buy whose connection dropped means the first attempt succeeded: if the number
        is now owned, that is the purchase."""
        country = _country(e164)
        digits = mapping.msisdn(e164)
        try:
            self._write(lambda: self.rest.buy(country, digits), f"buy {e164}")
        except BusinessRule:
            if self._raw_number(e164) is None:
                raise
        if config is not None:
            self.configure_number(e164, config)
        return mapping.number_from(self._owned(e164), self._owners[e164])

    def read_number_config(self, e164: str) -> NumberConfig:
        return mapping.number_config(self._owned(e164))

    def configure_number(self, e164: str, config: NumberConfig) -> None:
        """Set the number's whole routing: its application, its own URLs (empty clears) and its
        SIP/phone forward (cleared when the config has none)."""
        unsupported = set(config.webhooks) - set(mapping.NUMBER_HOOKS)
        if unsupported:
            names = ", ".join(sorted(p.value for p in unsupported))
            raise BusinessRule(
                f"a Vonage number cannot hold {names} URLs itself; set them on its application",
                vendor=self.vendor,
            )
        if config.sms_app_id and config.app_id and config.sms_app_id != config.app_id:
            raise BusinessRule(
                "a Vonage number links to one application for both voice and messages",
                vendor=self.vendor,
            )
        current = self._owned(e164)
        fields: dict[str, Any] = {
            "country": str(current.get("country") or _country(e164)),
            "msisdn": mapping.msisdn(e164),
            "app_id": config.app_id or config.sms_app_id or "",
            "mo_http_url": _url(config, WebhookPurpose.SMS_INBOUND),
            "voice_status_callback": _url(config, WebhookPurpose.CALL_STATUS),
        }
        kind = config.vendor_fields.get("voiceCallbackType")
        value = config.vendor_fields.get("voiceCallbackValue")
        forward = mapping.forward_of(current)
        if kind in mapping.FORWARD_TYPES and value:
            fields.update(voice_callback_type=kind, voice_callback_value=str(value))
        elif forward is not None:
            fields.update(voice_callback_type=forward[0], voice_callback_value="")
        params = sdk_call(lambda: UpdateNumberParams(**fields), f"configure {e164}")
        rest = self._rest(self._owners[e164])
        self._write(lambda: rest.update(params), f"configure {e164}", idempotent=True)

    def link_number(self, e164: str, app_id: str | None) -> None:
        """Link a number to an application (None unlinks), keeping its other settings."""
        current = self.read_number_config(e164)
        self.configure_number(
            e164,
            NumberConfig(
                app_id=app_id, webhooks=current.webhooks, vendor_fields=current.vendor_fields
            ),
        )

    def release_number(self, e164: str) -> None:
        """Cancel it, naming the country Vonage holds for it: phonenumbers places some UK
        ranges in JE/GG/IM, which Vonage refuses for a GB number."""
        owned = self._raw_number(e164)
        country = str(owned.get("country")) if owned and owned.get("country") else _country(e164)
        digits = mapping.msisdn(e164)
        rest = self._rest(self._owners.get(e164, self._key))
        try:
            self._write(lambda: rest.cancel(country, digits), f"release {e164}")
        except BusinessRule:
            if self._raw_number(e164) is None:
                raise NotFound(
                    f"{e164} is not a number of Vonage account {self._key}",
                    vendor=self.vendor,
                    status=420,
                    code="420",
                ) from None
            raise


def _country(e164: str) -> str:
    region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
    if not region or region == "ZZ":
        raise BusinessRule(f"{e164} is not a number Vonage can place in a country", vendor="vonage")
    return str(region)


def _url(config: NumberConfig, purpose: WebhookPurpose) -> str:
    target = config.webhooks.get(purpose)
    return target.url if target is not None else ""


def _available(offer: Any, country: str) -> AvailableNumber:
    return AvailableNumber(
        e164=mapping.e164(str(offer.msisdn)),
        country=str(offer.country or country),
        number_type=mapping.NUMBER_TYPE_BY_VONAGE.get(str(offer.type), NumberType.OTHER),
        capabilities=frozenset(
            mapping.CAPABILITY_BY_FEATURE[f]
            for f in offer.features or ()
            if f in mapping.CAPABILITY_BY_FEATURE
        ),
    )
