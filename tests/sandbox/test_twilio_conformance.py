"""Sandbox responses validate against Twilio's own OpenAPI specs (twilio-oai, in
shared/reference/specs/twilio).

Each response is checked against the schema its operation documents for that status, $refs
resolved with `referencing`. OpenAPI 3.0's `nullable` becomes a JSON Schema null type first.
The specs require no field, so each record must also carry every property its schema lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from migrator.sandbox import Sandbox
from migrator.sandbox.twilio import TwilioApi

SPECS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "specs" / "twilio"
API = "twilio_api_v2010.json"
MESSAGING = "twilio_messaging_v1.json"
TRUNKING = "twilio_trunking_v1.json"
HOSTS = {API: "api.twilio.com", MESSAGING: "messaging.twilio.com", TRUNKING: "trunking.twilio.com"}

pytestmark = pytest.mark.skipif(not SPECS.is_dir(), reason="Twilio specs not available")


def _nullable(node: Any) -> Any:
    """OpenAPI 3.0 `nullable: true` as JSON Schema: null joins the type (and the enum)."""
    if isinstance(node, list):
        return [_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _nullable(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        if isinstance(converted.get("type"), str):
            converted["type"] = [converted["type"], "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    return converted


@cache
def _spec(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = _nullable(json.loads((SPECS / name).read_text()))
    return loaded


@cache
def _registry() -> Registry:
    registry: Registry = Registry()
    for name in HOSTS:
        resource = Resource.from_contents(_spec(name), default_specification=DRAFT7)
        registry = registry.with_resource(f"urn:{name}", resource)
    return registry


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def check(spec: str, path: str, method: str, status: int, body: Any) -> None:
    """Validate `body` against the operation's documented response schema."""
    ref = _pointer(
        "paths", path, method, "responses", str(status), "content", "application/json", "schema"
    )
    validator = Draft7Validator({"$ref": f"urn:{spec}#/{ref}"}, registry=_registry())
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def complete(spec: str, component: str, record: dict[str, Any]) -> None:
    """Every property the component schema lists is present in the record."""
    listed = set(_spec(spec)["components"]["schemas"][component]["properties"])
    assert listed <= set(record), sorted(listed - set(record))


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"twilio": TwilioApi()}) as running:
        running.seed({"twilio": 150})
        yield running


class Caller:
    def __init__(self, sandbox: Sandbox) -> None:
        creds = sandbox.credentials("twilio")
        self.sid = creds["account_sid"]
        self.auth = (self.sid, creds["auth_token"])
        self.base = sandbox.url

    def __call__(
        self, spec: str, method: str, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        answer = requests.request(
            method,
            self.base + path,
            data=data,
            headers={"Host": HOSTS[spec]},
            auth=self.auth,
            timeout=10,
        )
        return answer.status_code, answer.json()


@pytest.fixture(scope="module")
def call(sandbox: Sandbox) -> Caller:
    return Caller(sandbox)


ACCOUNT = "/2010-04-01/Accounts/{AccountSid}"


def test_incoming_phone_numbers(call: Caller) -> None:
    base = f"/2010-04-01/Accounts/{call.sid}"
    status, body = call(API, "GET", f"{base}/IncomingPhoneNumbers.json?PageSize=100")
    check(API, f"{ACCOUNT}/IncomingPhoneNumbers.json", "get", status, body)
    assert status == 200 and len(body["incoming_phone_numbers"]) == 100 and body["next_page_uri"]
    for record in body["incoming_phone_numbers"]:
        complete(API, "api.v2010.account.incoming_phone_number", record)
    sid = body["incoming_phone_numbers"][0]["sid"]
    status, one = call(API, "GET", f"{base}/IncomingPhoneNumbers/{sid}.json")
    check(API, f"{ACCOUNT}/IncomingPhoneNumbers/{{Sid}}.json", "get", status, one)
    status, one = call(API, "POST", f"{base}/IncomingPhoneNumbers/{sid}.json", {"SmsUrl": ""})
    check(API, f"{ACCOUNT}/IncomingPhoneNumbers/{{Sid}}.json", "post", status, one)
    status, local = call(API, "GET", f"{base}/IncomingPhoneNumbers/Local.json")
    check(API, f"{ACCOUNT}/IncomingPhoneNumbers/Local.json", "get", status, local)
    status, toll_free = call(API, "GET", f"{base}/IncomingPhoneNumbers/TollFree.json")
    check(API, f"{ACCOUNT}/IncomingPhoneNumbers/TollFree.json", "get", status, toll_free)
    assert toll_free["incoming_phone_numbers"]


def test_search_and_purchase(call: Caller) -> None:
    base = f"/2010-04-01/Accounts/{call.sid}"
    status, found = call(API, "GET", f"{base}/AvailablePhoneNumbers/US/Local.json?AreaCode=303")
    check(API, f"{ACCOUNT}/AvailablePhoneNumbers/{{CountryCode}}/Local.json", "get", status, found)
    complete(
        API,
        "api.v2010.account.available_phone_number_country.available_phone_number_local",
        found["available_phone_numbers"][0],
    )
    status, mobile = call(API, "GET", f"{base}/AvailablePhoneNumbers/GB/Mobile.json")
    check(
        API, f"{ACCOUNT}/AvailablePhoneNumbers/{{CountryCode}}/Mobile.json", "get", status, mobile
    )
    number = found["available_phone_numbers"][0]["phone_number"]
    status, bought = call(API, "POST", f"{base}/IncomingPhoneNumbers.json", {"PhoneNumber": number})
    assert status == 201
    check(API, f"{ACCOUNT}/IncomingPhoneNumbers.json", "post", status, bought)


def test_applications(call: Caller) -> None:
    base = f"/2010-04-01/Accounts/{call.sid}"
    status, body = call(API, "GET", f"{base}/Applications.json")
    check(API, f"{ACCOUNT}/Applications.json", "get", status, body)
    for record in body["applications"]:
        complete(API, "api.v2010.account.application", record)
    status, created = call(
        API, "POST", f"{base}/Applications.json", {"FriendlyName": "x", "VoiceUrl": "https://a.b/c"}
    )
    check(API, f"{ACCOUNT}/Applications.json", "post", status, created)
    status, one = call(API, "GET", f"{base}/Applications/{created['sid']}.json")
    check(API, f"{ACCOUNT}/Applications/{{Sid}}.json", "get", status, one)


def test_accounts_and_sip_domains(call: Caller) -> None:
    status, body = call(API, "GET", "/2010-04-01/Accounts.json")
    check(API, "/2010-04-01/Accounts.json", "get", status, body)
    for record in body["accounts"]:
        complete(API, "api.v2010.account", record)
    status, domains = call(API, "GET", f"/2010-04-01/Accounts/{call.sid}/SIP/Domains.json")
    check(API, f"{ACCOUNT}/SIP/Domains.json", "get", status, domains)
    complete(API, "api.v2010.account.sip.sip_domain", domains["domains"][0])


def test_messaging_services_and_their_numbers(call: Caller) -> None:
    status, body = call(MESSAGING, "GET", "/v1/Services")
    check(MESSAGING, "/v1/Services", "get", status, body)
    for record in body["services"]:
        complete(MESSAGING, "messaging.v1.service", record)
    service = body["services"][0]["sid"]
    status, one = call(MESSAGING, "GET", f"/v1/Services/{service}")
    check(MESSAGING, "/v1/Services/{Sid}", "get", status, one)
    status, numbers = call(MESSAGING, "GET", f"/v1/Services/{service}/PhoneNumbers?PageSize=5")
    check(MESSAGING, "/v1/Services/{ServiceSid}/PhoneNumbers", "get", status, numbers)
    assert numbers["meta"]["next_page_url"].startswith("https://messaging.twilio.com/v1/")
    for record in numbers["phone_numbers"]:
        complete(MESSAGING, "messaging.v1.service.phone_number", record)
    status, created = call(MESSAGING, "POST", "/v1/Services", {"FriendlyName": "Conformance"})
    check(MESSAGING, "/v1/Services", "post", status, created)


def test_trunks_origination_urls_and_numbers(call: Caller) -> None:
    status, body = call(TRUNKING, "GET", "/v1/Trunks")
    check(TRUNKING, "/v1/Trunks", "get", status, body)
    complete(TRUNKING, "trunking.v1.trunk", body["trunks"][0])
    trunk = body["trunks"][0]["sid"]
    status, urls = call(TRUNKING, "GET", f"/v1/Trunks/{trunk}/OriginationUrls")
    check(TRUNKING, "/v1/Trunks/{TrunkSid}/OriginationUrls", "get", status, urls)
    complete(TRUNKING, "trunking.v1.trunk.origination_url", urls["origination_urls"][0])
    status, numbers = call(TRUNKING, "GET", f"/v1/Trunks/{trunk}/PhoneNumbers")
    check(TRUNKING, "/v1/Trunks/{TrunkSid}/PhoneNumbers", "get", status, numbers)
    complete(TRUNKING, "trunking.v1.trunk.phone_number", numbers["phone_numbers"][0])
    status, one = call(TRUNKING, "GET", f"/v1/Trunks/{trunk}")
    check(TRUNKING, "/v1/Trunks/{Sid}", "get", status, one)
