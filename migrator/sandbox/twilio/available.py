"""AvailablePhoneNumbers: searching the catalogue of numbers for sale.

As on Twilio, a search returns at most PageSize numbers and no further pages.
"""

from __future__ import annotations

from typing import Any

import phonenumbers

from migrator.sandbox.http import Response
from migrator.sandbox.twilio.catalogue import NO_MOBILE
from migrator.sandbox.twilio.errors import not_found
from migrator.sandbox.twilio.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.twilio.render import account_uri, available_json
from migrator.sandbox.twilio.resources import store_of
from migrator.sandbox.twilio.scope import ACCOUNT_PATH, path_account
from migrator.sandbox.vendor_api import Call, Router

KINDS = {"Local": "local", "Mobile": "mobile", "TollFree": "tollfree"}
COUNTRIES = ("US", "CA", "GB", "AU", "DE", "FR", "IE", "NL", "ES", "SE")


def _country_json(account_sid: str, country: str) -> dict[str, Any]:
    base = f"{account_uri(account_sid)}/AvailablePhoneNumbers/{country}"
    kinds = {"local": "Local", "toll_free": "TollFree"}
    if country not in NO_MOBILE:
        kinds["mobile"] = "Mobile"
    return {
        "country_code": country,
        "country": _country_name(country),
        "uri": f"{base}.json",
        "beta": False,
        "subresource_uris": {k: f"{base}/{v}.json" for k, v in kinds.items()},
    }


def _country_name(country: str) -> str:
    names = {
        "US": "United States",
        "CA": "Canada",
        "GB": "United Kingdom",
        "AU": "Australia",
        "DE": "Germany",
        "FR": "France",
        "IE": "Ireland",
        "NL": "Netherlands",
        "ES": "Spain",
        "SE": "Sweden",
    }
    return names.get(country, country)


def _countries(call: Call) -> Response:
    account = path_account(call)
    return Response.json(
        {
            "countries": [_country_json(account.key, c) for c in COUNTRIES],
            "uri": f"{account_uri(account.key)}/AvailablePhoneNumbers.json",
        }
    )


def _known_country(call: Call) -> str:
    country = call.params["country"]
    if country not in phonenumbers.SUPPORTED_REGIONS:
        raise not_found(call.request.path)
    return country


def _country(call: Call) -> Response:
    account = path_account(call)
    return Response.json(_country_json(account.key, _known_country(call)))


def _search(call: Call) -> Response:
    account = path_account(call)
    country = _known_country(call)
    params = Params(call.request)
    wanted = {
        cap: value
        for cap, name in (
            ("voice", "VoiceEnabled"),
            ("sms", "SmsEnabled"),
            ("mms", "MmsEnabled"),
            ("fax", "FaxEnabled"),
        )
        if (value := params.boolean(name)) is not None
    }
    found = store_of(account).catalogue.search(
        call.state.numbers,
        country,
        KINDS[call.params["kind"]],
        area_code=params.text("AreaCode") or None,
        contains=params.text("Contains") or None,
        wanted=wanted,
        limit=params.integer("PageSize", 1, MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE,
    )
    return Response.json(
        {
            "available_phone_numbers": [available_json(n) for n in found],
            "uri": call.request.path,
        }
    )


def register(router: Router) -> None:
    base = rf"{ACCOUNT_PATH}/AvailablePhoneNumbers"
    country = r"(?P<country>[A-Z]{2})"
    router.add("GET", rf"{base}\.json", _countries)
    router.add("GET", rf"{base}/{country}\.json", _country)
    router.add("GET", rf"{base}/{country}/(?P<kind>Local|Mobile|TollFree)\.json", _search)
