"""One Vonage account's API calls, all through the official SDK.

Typed SDK methods are used where their models carry everything (numbers search/buy/update/cancel,
account settings, subaccounts). Reads of owned numbers and all application calls go through the
SDK's public `HttpClient` (`get`/`post`/`put`/`delete`, same hosts, auth, retries and error
mapping) because the typed models drop fields the API returns: `OwnedNumber` has no
`voiceStatusCallback`, and `ApplicationData` keeps only modelled capability settings, which a
read-modify-write PUT (Vonage replaces the whole application) would then silently erase.
Methods raise SDK exceptions; callers translate them (errors.sdk_call).
"""

from __future__ import annotations

from typing import Any

from vonage import Vonage
from vonage_http_client import ForbiddenError, NotFoundError
from vonage_numbers import (
    NumberParams,
    SearchAvailableNumbersFilter,
    UpdateNumberParams,
)

BASIC = "basic"


class VonageRest:
    """The calls migrator makes on one account (primary or subaccount)."""

    def __init__(self, client: Vonage, account_id: str) -> None:
        self.client = client
        self.account_id = account_id

    @property
    def _http(self) -> Any:
        return self.client.http_client

    # --- numbers -------------------------------------------------------------------------
    def numbers_page(self, index: int, size: int, **filters: Any) -> dict[str, Any]:
        """GET /account/numbers as the API answers it: {"count", "numbers"?}."""
        params = {"index": index, "size": size, **filters}
        body = self._http.get(self._http.rest_host, "/account/numbers", params, BASIC)
        return dict(body or {})

    def find_number(self, digits: str, country: str | None = None) -> dict[str, Any] | None:
        """The owned number with exactly these digits, as listed, or None."""
        filters: dict[str, Any] = {"pattern": digits, "search_pattern": 0}
        if country:
            filters["country"] = country
        body = self.numbers_page(1, 100, **filters)
        return next((n for n in body.get("numbers") or () if n.get("msisdn") == digits), None)

    def search(self, search: SearchAvailableNumbersFilter) -> tuple[list[Any], int]:
        found, count, _ = self.client.numbers.search_available_numbers(search)
        return list(found), count

    def buy(self, country: str, digits: str) -> None:
        self.client.numbers.buy_number(NumberParams(country=country, msisdn=digits))

    def cancel(self, country: str, digits: str) -> None:
        self.client.numbers.cancel_number(NumberParams(country=country, msisdn=digits))

    def update(self, params: UpdateNumberParams) -> None:
        self.client.numbers.update_number(params)

    # --- applications ----------------------------------------------------------------------
    def applications_page(self, page: int, page_size: int) -> dict[str, Any]:
        params = {"page": page, "page_size": page_size}
        body = self._http.get(self._http.api_host, "/v2/applications", params, BASIC)
        return dict(body or {})

    def application(self, app_id: str) -> dict[str, Any]:
        body = self._http.get(self._http.api_host, f"/v2/applications/{app_id}", None, BASIC)
        return dict(body or {})

    def create_application(self, name: str, config: dict[str, Any]) -> dict[str, Any]:
        payload = {"name": name, **config}
        body = self._http.post(self._http.api_host, "/v2/applications", payload, BASIC)
        return dict(body or {})

    def replace_application(self, app_id: str, name: str, config: dict[str, Any]) -> dict[str, Any]:
        payload = {"name": name, **config}
        path = f"/v2/applications/{app_id}"
        body = self._http.put(self._http.api_host, path, payload, BASIC)
        return dict(body or {})

    def delete_application(self, app_id: str) -> None:
        self._http.delete(self._http.api_host, f"/v2/applications/{app_id}", None, BASIC)

    # --- account ---------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        """The account's settings, read the SDK's way (POST /account/settings changing nothing)."""
        found = self.client.account.update_default_sms_webhook()
        return {
            "mo-callback-url": found.mo_callback_url or "",
            "dr-callback-url": found.dr_callback_url or "",
            "max-outbound-request": found.max_outbound_request,
            "max-inbound-request": found.max_inbound_request,
            "max-calls-per-second": found.max_calls_per_second,
        }

    def balance(self) -> float:
        return float(self.client.account.get_balance().value)

    def subaccounts(self) -> dict[str, Any]:
        """{"primary_name", "subaccounts": [...]}, empty when the account may not use the
        Subaccounts API (Vonage answers 403 "unprovisioned": most accounts)."""
        try:
            listing = self.client.subaccounts.list_subaccounts()
        except (ForbiddenError, NotFoundError):
            return {"primary_name": "", "subaccounts": []}
        return {
            "primary_name": listing.primary_account.name,
            "subaccounts": [sub.model_dump() for sub in listing.subaccounts],
        }
