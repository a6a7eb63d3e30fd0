"""Sandbox responses validate against Vonage's own OpenAPI specs (shared/reference/specs/vonage).

Each response is checked against the schema its operation documents for that status. The specs
declare few required fields and allow any extra one, so the checks are tightened where the SDK
is stricter (it requires `_embedded`, `_links`, `id`, `name`) and unknown top-level fields are
refused, apart from those the live API and the SDK know but the 2021 spec omits (a number's
`app_id` and `voiceStatusCallback`, an application's `keys` and `_links`, the subaccount list's
totals).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import requests
import yaml

from migrator.sandbox import Sandbox
from migrator.sandbox.vonage import VonageApi
from migrator.sandbox.vonage.store import VonageStore

SPECS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "specs" / "vonage"
SPEC_EXTRAS = {"app_id", "voiceStatusCallback", "keys", "_links"}
SUBACCOUNT_TOTALS = {"total_balance", "total_credit_limit"}
REST = {"Host": "rest.nexmo.com"}
API = {"Host": "api.nexmo.com"}

pytestmark = pytest.mark.skipif(not SPECS.is_dir(), reason="Vonage specs not available")


def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((SPECS / name).read_text())
    return loaded


def _resolve(node: Any, root: dict[str, Any]) -> Any:
    """Inline local $refs (JSON pointers); refs to files not shipped with the spec become {}."""
    if isinstance(node, list):
        return [_resolve(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        if not ref.startswith("#/"):
            return {}
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return _resolve(target, root)
    return {key: _resolve(value, root) for key, value in node.items()}


def _merge_all_of(schema: dict[str, Any]) -> dict[str, Any]:
    if "allOf" not in schema:
        return schema
    merged: dict[str, Any] = {"type": "object", "properties": {}}
    for part in schema["allOf"]:
        part = _merge_all_of(part)
        for name, prop in part.get("properties", {}).items():
            merged["properties"][name] = prop
    return merged


def _closed(schema: dict[str, Any], depth: int, extras: set[str]) -> dict[str, Any]:
    """Refuse unknown properties in the top `depth` levels of objects (array items count too)."""
    schema = _merge_all_of(schema)
    if depth == 0:
        return schema
    closed = dict(schema)
    if "properties" in schema:
        props = dict(schema["properties"])
        for extra in extras - set(props):
            props[extra] = {}
        closed["properties"] = {k: _closed(v, depth - 1, extras) for k, v in props.items()}
        closed["additionalProperties"] = False
    if "items" in schema:
        closed["items"] = _closed(schema["items"], depth, extras)
    return closed


def _schema(spec: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    operation = spec["paths"][path][method]
    response = _resolve(operation["responses"][str(status)], spec)
    schema: dict[str, Any] = response["content"]["application/json"]["schema"]
    return schema


def _check(
    instance: Any, schema: dict[str, Any], depth: int = 2, extras: set[str] = SPEC_EXTRAS
) -> None:
    jsonschema.Draft7Validator(_closed(schema, depth, extras)).validate(instance)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"vonage": VonageApi()}) as running:
        running.seed({"vonage": 250})
        running.state.limits.configure("vonage", {"rate": None})
        yield running


@pytest.fixture(scope="module")
def auth(sandbox: Sandbox) -> tuple[str, str]:
    creds = sandbox.credentials("vonage")
    return creds["api_key"], creds["api_secret"]


def _get(sandbox: Sandbox, path: str, auth: Any, headers: dict[str, str], **params: Any) -> Any:
    return requests.get(sandbox.url + path, params=params, headers=headers, auth=auth, timeout=10)


def _post(sandbox: Sandbox, path: str, auth: Any, headers: dict[str, str], **kw: Any) -> Any:
    return requests.post(sandbox.url + path, headers=headers, auth=auth, timeout=10, **kw)


# --- numbers.yml ---------------------------------------------------------------------------------
def test_owned_numbers_pages_match_the_spec(sandbox: Sandbox, auth: tuple[str, str]) -> None:
    spec = _load("numbers.yml")
    schema = _schema(spec, "/account/numbers", "get", 200)
    kinds: set[str] = set()
    for index in (1, 2, 3):
        response = _get(sandbox, "/account/numbers", auth, REST, size=100, index=index)
        assert response.status_code == 200
        body = response.json()
        _check(body, schema, depth=3)
        for number in body["numbers"]:
            kinds.update(number)
    assert {"moHttpUrl", "voiceCallbackType", "messagesCallbackValue", "app_id"} <= kinds
    unauthorized = _get(sandbox, "/account/numbers", ("nobody", "nothing"), REST)
    assert unauthorized.status_code == 401
    _check(unauthorized.json(), _schema(spec, "/account/numbers", "get", 401))


def test_search_buy_update_cancel_match_the_spec(sandbox: Sandbox, auth: tuple[str, str]) -> None:
    spec = _load("numbers.yml")
    found = _get(sandbox, "/number/search", auth, REST, country="US", type="landline", size=3)
    _check(found.json(), _schema(spec, "/number/search", "get", 200), depth=3)
    msisdn = found.json()["numbers"][0]["msisdn"]
    form = {"country": "US", "msisdn": msisdn}
    bought = _post(sandbox, "/number/buy", auth, REST, data=form)
    assert bought.status_code == 200
    _check(bought.json(), _schema(spec, "/number/buy", "post", 200))
    again = _post(sandbox, "/number/buy", auth, REST, data=form)
    assert again.status_code == 420
    _check(again.json(), _schema(spec, "/number/buy", "post", 420))
    denied = _post(sandbox, "/number/buy", ("nobody", "nothing"), REST, data=form)
    _check(denied.json(), _schema(spec, "/number/buy", "post", 401))
    updated = _post(
        sandbox, "/number/update", auth, REST, data={**form, "moHttpUrl": "https://x.example/mo"}
    )
    _check(updated.json(), _schema(spec, "/number/update", "post", 200))
    cancelled = _post(sandbox, "/number/cancel", auth, REST, data=form)
    assert cancelled.status_code == 200
    _check(cancelled.json(), _schema(spec, "/number/cancel", "post", 200))


# --- application.v2.yml ----------------------------------------------------------------------
def _sdk_required(schema: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {**schema, "required": required}


def test_applications_match_the_spec(sandbox: Sandbox, auth: tuple[str, str]) -> None:
    spec = _load("application.v2.yml")
    listed = _get(sandbox, "/v2/applications", auth, API, page_size=3, page=2)
    assert listed.status_code == 200
    collection = _sdk_required(_schema(spec, "/", "get", 200), ["_embedded", "_links"])
    _check(listed.json(), collection)
    app_schema = _sdk_required(_schema(spec, "/{id}", "get", 200), ["id", "name"])
    for app in listed.json()["_embedded"]["applications"]:
        _check(app, app_schema)
        fetched = _get(sandbox, f"/v2/applications/{app['id']}", auth, API)
        _check(fetched.json(), app_schema)
    config = {
        "name": "Conformance",
        "capabilities": {
            "voice": {
                "webhooks": {
                    "answer_url": {"address": "https://a.example/answer", "http_method": "GET"},
                    "event_url": {"address": "https://a.example/event", "http_method": "POST"},
                }
            },
            "messages": {
                "webhooks": {
                    "inbound_url": {"address": "https://a.example/in", "http_method": "POST"}
                }
            },
        },
    }
    created = _post(sandbox, "/v2/applications", auth, API, json=config)
    assert created.status_code == 201
    _check(created.json(), _sdk_required(_schema(spec, "/", "post", 201), ["id", "name", "keys"]))
    assert created.json()["keys"]["private_key"].startswith("-----BEGIN PRIVATE KEY-----")
    replaced = requests.put(
        f"{sandbox.url}/v2/applications/{created.json()['id']}",
        json={**config, "name": "Conformance 2"},
        headers=API,
        auth=auth,
        timeout=10,
    )
    _check(replaced.json(), _schema(spec, "/{id}", "put", 200))


def test_application_validation_errors_match_the_spec(
    sandbox: Sandbox, auth: tuple[str, str]
) -> None:
    spec = _load("application.v2.yml")
    bad_page = _get(sandbox, "/v2/applications", auth, API, page_size=0)
    assert bad_page.status_code == 400
    _check(bad_page.json(), _schema(spec, "/", "get", 400))
    bad_body = _post(sandbox, "/v2/applications", auth, API, json={"capabilities": {}})
    assert bad_body.status_code == 400
    _check(bad_body.json(), _schema(spec, "/", "post", 400))


# --- subaccounts.yml and account.yml -------------------------------------------------------------
def test_subaccounts_and_settings_match_the_spec(sandbox: Sandbox, auth: tuple[str, str]) -> None:
    subaccounts = _load("subaccounts.yml")
    listed = _get(sandbox, f"/accounts/{auth[0]}/subaccounts", auth, API)
    list_schema = _schema(subaccounts, "/{api_key}/subaccounts", "get", 200)
    _check(listed.json(), list_schema, depth=3, extras=SPEC_EXTRAS | SUBACCOUNT_TOTALS)
    for sub in listed.json()["_embedded"]["subaccounts"]:
        _check(sub, _schema(subaccounts, "/{api_key}/subaccounts/{subaccount_key}", "get", 200))
    key = sandbox.credentials("vonage")["api_key"]
    account = sandbox.state.accounts.get("vonage", key)
    assert account is not None
    store: VonageStore = account.store
    number = store.sorted_numbers()[0]
    moved = _post(
        sandbox,
        f"/accounts/{auth[0]}/transfer-number",
        auth,
        API,
        json={"from": key, "to": store.subaccount_keys[0], "number": number.msisdn},
    )
    assert moved.status_code == 200
    _check(moved.json(), _schema(subaccounts, "/{api_key}/transfer-number", "post", 200))
    wrong = _get(sandbox, f"/accounts/{auth[0]}/subaccounts", (auth[0], "wrong"), API)
    _check(wrong.json(), _schema(subaccounts, "/{api_key}/subaccounts", "get", 401))

    account_spec = _load("account.yml")
    settings = _post(sandbox, "/account/settings", auth, REST)
    _check(settings.json(), _schema(account_spec, "/account/settings", "post", 200))
    balance = _get(sandbox, "/account/get-balance", auth, REST)
    _check(balance.json(), _schema(account_spec, "/account/get-balance", "get", 200))
