"""The Plivo adapter: one Plivo account (and its subaccounts) through the official plivo SDK.

Plivo specifics the engine relies on (shared/reference/vendors.md section 1.3):
- Webhooks live only on Applications; a number links to one application for voice and SMS.
- `applications.update()` always sends its defaults (answer_method='POST', default_number_app=
  False, ...), so every update passes every current value (read-modify-write). The SDK cannot
  send an empty URL, so a URL an application has cannot be cleared: that is a BusinessRule.
- Buying a number that needs documents succeeds with status "pending"; the number is owned and
  tagged `compliance-pending`.
- The SDK resends a failed voice request (applications) itself after a 5xx; when that happened
  on a create, duplicates carrying the same marker are removed.
- Unlinking a number from its application sends an empty app_id.
- The throttle holds the account to Plivo's own 300 requests per 5 s with no padding: it counts
  a call until 5 s after its answer came back, and Plivo counted it on arrival, before that, so
  network jitter cannot put more than 300 in any window Plivo sees (migrator.vendors.throttle).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, ClassVar

from migrator.gcpause import gc_paused
from migrator.model.enums import Capability, Vendor
from migrator.model.inventory import Application, Inventory, Number, SipEndpoint, Subaccount
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
from migrator.vendors.capabilities import PLIVO
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.errors import BusinessRule, NotFound
from migrator.vendors.plivo import convert
from migrator.vendors.plivo.discovery import PAGE, PagedList, ask_first, read_all
from migrator.vendors.plivo.sdk_calls import VENDOR as PLIVO_NAME
from migrator.vendors.plivo.sdk_calls import PlivoCalls
from migrator.vendors.throttle import Throttle


def _refuse(message: str) -> BusinessRule:
    return BusinessRule(message, vendor=PLIVO_NAME)


class PlivoAdapter(VendorAdapter):
    vendor: ClassVar[str] = "plivo"
    capabilities: ClassVar[Capabilities] = PLIVO

    def __init__(
        self,
        credentials: Credentials,
        endpoint: Endpoint = VENDOR,
        throttle: Throttle | None = None,
    ) -> None:
        super().__init__(credentials, endpoint, throttle)
        try:
            auth_id, auth_token = self.credentials["auth_id"], self.credentials["auth_token"]
        except KeyError:
            raise _refuse("Plivo credentials need an auth_id and an auth_token") from None
        self.calls = PlivoCalls(auth_id, auth_token, endpoint, self.throttle)

    @property
    def account_id(self) -> str:
        return self.calls.auth_id

    @property
    def is_subaccount(self) -> bool:
        return self.account_id.startswith("SA")

    # --- connection and discovery ---------------------------------------------------------
    def check_credentials(self) -> AccountInfo:
        account = convert.plain(self.calls.read(lambda c: c.account.get()))
        return AccountInfo(
            vendor=self.vendor, account_id=self.account_id, name=str(account.get("name") or "")
        )

    def discover(self, progress: Progress = no_progress, cancel: CancelToken = NEVER) -> Inventory:
        with gc_paused():
            return self._discover(progress, cancel)

    def _discover(self, progress: Progress, cancel: CancelToken) -> Inventory:
        cancel.check()
        main = self.account_id
        counted: dict[str, tuple[int, int | None]] = {}

        def ticker(label: str) -> Any:
            def tick(done: int, total: int | None) -> None:
                counted[label] = (done, total)
                read = sum(d for d, _ in counted.values())
                totals = [t for _, t in counted.values()]
                whole = None if None in totals else sum(t or 0 for t in totals)
                progress(read, whole, f"reading Plivo {label}")

            return tick

        numbers: PagedList[Number] = PagedList(
            lambda c, limit, offset: c.numbers.list(limit=limit, offset=offset),
            lambda raw: convert.to_number(raw, main),
            lambda number: number.id,
        )
        applications: PagedList[Application] = PagedList(
            lambda c, limit, offset: c.applications.list(limit=limit, offset=offset),
            lambda raw: convert.to_application(raw, main),
            lambda app: app.id,
        )
        endpoints: PagedList[SipEndpoint] = PagedList(
            lambda c, limit, offset: c.endpoints.list(limit=limit, offset=offset),
            lambda raw: convert.to_endpoint(raw, main),
            lambda endpoint: endpoint.id,
        )
        subaccounts: PagedList[Subaccount] = PagedList(
            lambda c, limit, offset: c.subaccounts.list(limit=limit, offset=offset),
            lambda raw: convert.to_subaccount(raw, main),
            lambda sub: sub.id,
        )
        calls = self.calls
        with ThreadPoolExecutor(calls.throttle.limit.workers, "plivo-discovery") as pool:
            # Every list's first page at once; then the short lists (they fit in the first rate
            # window with the numbers' start), then the numbers.
            asked_account = pool.submit(calls.read, lambda c: c.account.get())
            lists: list[PagedList[Any]] = [applications, endpoints, numbers]
            lists += [] if self.is_subaccount else [subaccounts]
            first = {id(listing): ask_first(calls, pool, listing) for listing in lists}

            def read(listing: PagedList[Any], label: str) -> list[Any]:
                return read_all(calls, pool, listing, cancel, ticker(label), first[id(listing)])

            account = convert.plain(asked_account.result())
            apps = tuple(read(applications, "applications"))
            found_endpoints = read(endpoints, "endpoints")
            found_subaccounts = [] if self.is_subaccount else read(subaccounts, "subaccounts")
            found_numbers = read(numbers, "numbers")
        defaults = {
            "default_number_app": next((a.id for a in apps if a.config.get("default_app")), None),
            "default_endpoint_app": next(
                (a.id for a in apps if a.config.get("default_endpoint_app")), None
            ),
        }
        return Inventory(
            vendor=Vendor.PLIVO,
            account_id=main,
            account_name=str(account.get("name") or ""),
            taken_at=datetime.now(UTC).isoformat(timespec="seconds"),
            numbers=tuple(found_numbers),
            applications=apps,
            endpoints=tuple(found_endpoints),
            subaccounts=tuple(found_subaccounts),
            webhooks=tuple(hook for app in apps for hook in convert.app_webhooks(app)),
            settings=defaults,
        )

    # --- applications ----------------------------------------------------------------------
    def _all_applications(self) -> list[Application]:
        found: list[Application] = []
        offset = 0
        while True:
            page = self._applications_page(offset)
            found.extend(convert.to_application(raw, self.account_id) for raw in page["objects"])
            if not (page.get("meta") or {}).get("next"):
                return found
            offset += PAGE

    def _applications_page(self, offset: int) -> dict[str, Any]:
        page: dict[str, Any] = convert.plain(
            self.calls.read(lambda c: c.applications.list(limit=PAGE, offset=offset))
        )
        return page

    def get_application(self, app_id: str) -> Application | None:
        try:
            raw = convert.plain(self.calls.read(lambda c: c.applications.get(app_id)))
        except NotFound:
            return None
        return convert.to_application(raw, self.account_id)

    def _application(self, app_id: str) -> Application:
        app = self.get_application(app_id)
        if app is None:
            raise NotFound(f"Plivo application {app_id} does not exist", vendor=PLIVO_NAME)
        return app

    def find_application(self, marker: str) -> Application | None:
        return next(
            (a for a in self._all_applications() if convert.carries_marker(a.name, marker)), None
        )

    def read_application_spec(self, app_id: str) -> ApplicationSpec:
        return convert.spec_of(self._application(app_id))

    def _params(self, spec: ApplicationSpec, current: ApplicationSpec | None) -> dict[str, Any]:
        """Every parameter update()/create() takes, from the spec, else the current values."""
        try:
            params: dict[str, Any] = convert.webhook_params(spec)
        except ValueError as exc:
            raise _refuse(str(exc)) from None
        if "answer_url" not in params:
            raise _refuse("a Plivo application needs a voice answer URL")
        if current is not None:
            for purpose in current.webhooks:
                if purpose not in spec.webhooks:
                    raise _refuse(
                        f"the plivo SDK cannot clear an application's {purpose.value} URL; "
                        "set a replacement URL instead"
                    )
        base = dict(current.extra) if current is not None else {}
        settings = {**base, **spec.extra}
        for flag in convert.APP_FLAGS:
            if flag in settings and settings[flag] is not None:
                params[flag] = bool(settings[flag])
        subaccount = settings.get("subaccount")
        current_sub = base.get("subaccount")
        if subaccount and subaccount != current_sub:
            params["subaccount"] = str(subaccount)
        return params

    def create_application(self, spec: ApplicationSpec) -> Application:
        name = convert.app_name(spec.name, spec.marker)
        params = self._params(spec, None)
        created = convert.plain(self.calls.write(lambda c: c.applications.create(name, **params)))
        app_id = str(created["app_id"])
        if self.calls.sdk_retried and spec.marker:
            self._remove_duplicates(spec.marker, keep=app_id)
        return self._application(app_id)

    def _remove_duplicates(self, marker: str, keep: str) -> None:
        """The SDK resent a create after a 5xx that may have created the app after all."""
        for app in self._all_applications():
            if app.id != keep and convert.carries_marker(app.name, marker):
                self.delete_application(app.id)

    def update_application(self, app_id: str, spec: ApplicationSpec) -> Application:
        current = self.read_application_spec(app_id)
        params = self._params(spec, current)
        self.calls.read(lambda c: c.applications.update(app_id, **params))
        return self._application(app_id)

    def delete_application(self, app_id: str) -> None:
        self.calls.write(lambda c: c.applications.delete(app_id, cascade=False))

    # --- numbers ---------------------------------------------------------------------------
    def search_numbers(self, query: NumberQuery) -> list[AvailableNumber]:
        if Capability.FAX in query.capabilities:
            return []
        services = ",".join(sorted(c.value for c in query.capabilities if c is not Capability.FAX))
        params: dict[str, Any] = {"type": convert.SEARCH_TYPES[query.number_type]}
        if query.area_code:
            params["pattern"] = query.area_code
        if services:
            params["services"] = services
        wanted = max(1, query.limit)
        found: list[AvailableNumber] = []
        offset = 0
        while len(found) < wanted:
            page = self._offers_page(query.country.upper(), offset, params)
            for raw in page.get("objects") or []:
                offer = convert.to_available(raw, query.country.upper())
                if query.contains and query.contains not in offer.e164:
                    continue
                found.append(offer)
            if not (page.get("meta") or {}).get("next"):
                break
            offset += PAGE
        return found[:wanted]

    def _offers_page(self, country: str, offset: int, params: dict[str, Any]) -> dict[str, Any]:
        page: dict[str, Any] = convert.plain(
            self.calls.read(
                lambda c: c.numbers.search(country, limit=PAGE, offset=offset, **params)
            )
        )
        return page

    def _check_config(self, config: NumberConfig) -> None:
        if config.webhooks:
            raise _refuse("a Plivo number holds no webhooks of its own; use an application")
        if config.sms_app_id and config.sms_app_id != config.app_id:
            raise _refuse("a Plivo number links to one application for both voice and SMS")

    def buy_number(self, e164: str, config: NumberConfig | None = None, label: str = "") -> Number:
        config = config or NumberConfig()
        self._check_config(config)
        number = convert.digits(e164)
        buy: dict[str, Any] = {"app_id": config.app_id} if config.app_id else {}
        self.calls.write(lambda c: c.numbers.buy(number, **buy))
        alias = label or config.vendor_fields.get("alias")
        if alias:
            self.calls.read(lambda c: c.numbers.update(number, alias=str(alias)))
        owned = self.get_number(e164)
        if owned is None:
            raise NotFound(f"Plivo sold {e164} but does not list it", vendor=PLIVO_NAME)
        return owned

    def get_number(self, e164: str) -> Number | None:
        number = convert.digits(e164)
        try:
            raw = convert.plain(self.calls.read(lambda c: c.numbers.get(number)))
        except NotFound:
            return None
        return convert.to_number(raw, self.account_id)

    def read_number_config(self, e164: str) -> NumberConfig:
        owned = self.get_number(e164)
        if owned is None:
            raise NotFound(f"the Plivo account does not own {e164}", vendor=PLIVO_NAME)
        return NumberConfig(
            app_id=owned.voice_app_id,
            sms_app_id=owned.sms_app_id,
            vendor_fields={"alias": owned.config.get("alias")},
        )

    def configure_number(self, e164: str, config: NumberConfig) -> None:
        self._check_config(config)
        number = convert.digits(e164)
        params: dict[str, Any] = {"app_id": config.app_id or ""}
        if "alias" in config.vendor_fields:
            params["alias"] = str(config.vendor_fields["alias"] or "")
        self.calls.read(lambda c: c.numbers.update(number, **params))

    def release_number(self, e164: str) -> None:
        number = convert.digits(e164)
        self.calls.write(lambda c: c.numbers.delete(number))
