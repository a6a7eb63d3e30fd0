"""Plivo accounts, subaccounts, credentials, rate limits and faults, through the plivo SDK."""

from __future__ import annotations

from collections.abc import Iterator

import plivo
import pytest
import requests
from plivo import exceptions

from migrator.sandbox import Sandbox
from migrator.sandbox.plivo import PlivoApi
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.plivo.transport import rest_client


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 40})
        yield running


def sdk(sandbox: Sandbox, role: str = "source") -> plivo.RestClient:
    creds = sandbox.credentials("plivo", role)
    return rest_client(creds["auth_id"], creds["auth_token"], Endpoint(sandbox.url))


def control(sandbox: Sandbox, name: str, body: dict[str, object]) -> dict[str, object]:
    response = requests.post(f"{sandbox.url}/_sandbox/{name}", json=body, timeout=10)
    response.raise_for_status()
    result: dict[str, object] = response.json()
    return result


def test_account_details_over_tls(sandbox: Sandbox) -> None:
    creds = sandbox.credentials("plivo")
    endpoint = Endpoint(sandbox.https_url, sandbox.ca_bundle)
    account = rest_client(creds["auth_id"], creds["auth_token"], endpoint).account.get()
    assert account.auth_id == creds["auth_id"]
    assert account.resource_uri == f"/v1/Account/{creds['auth_id']}/"


def test_wrong_token_is_an_authentication_error(sandbox: Sandbox) -> None:
    creds = sandbox.credentials("plivo")
    client = rest_client(creds["auth_id"], "not-the-token", Endpoint(sandbox.url))
    with pytest.raises(exceptions.AuthenticationError, match="Authentication failed"):
        client.account.get()
    with pytest.raises(exceptions.AuthenticationError):
        client.numbers.get("14155550100")
    with pytest.raises(exceptions.AuthenticationError):
        client.applications.get("12345678901234567")
    unknown = rest_client("MA" + "Z" * 18, creds["auth_token"], Endpoint(sandbox.url))
    with pytest.raises(exceptions.AuthenticationError):
        unknown.account.get()


def test_sdk_list_calls_trip_over_plivos_error_body(sandbox: Sandbox) -> None:
    """plivo 4.63 builds a ListResponseObject from any list answer and then takes its len()
    before reading the status, so a JSON error body without `objects` raises AttributeError
    instead of AuthenticationError. Callers must look at the HTTP status themselves."""
    creds = sandbox.credentials("plivo")
    client = rest_client(creds["auth_id"], "not-the-token", Endpoint(sandbox.url))
    with pytest.raises(AttributeError, match="objects"):
        client.numbers.list()


def test_401_body_is_plivos_error_shape(sandbox: Sandbox) -> None:
    creds = sandbox.credentials("plivo")
    response = requests.get(
        f"{sandbox.url}/v1/Account/{creds['auth_id']}/Number/",
        auth=(creds["auth_id"], "wrong"),
        headers={"Host": "api.plivo.com"},
        timeout=10,
    )
    assert response.status_code == 401
    assert set(response.json()) == {"api_id", "error"}


def test_subaccount_lifecycle_and_scope(sandbox: Sandbox) -> None:
    main = sdk(sandbox, "target")
    created = main.subaccounts.create("Reseller-A", enabled=True)
    assert created.auth_id.startswith("SA") and len(created.auth_id) == 20
    listed = main.subaccounts.list()
    assert [s.auth_id for s in listed] == [created.auth_id]
    assert listed[0].enabled is True
    sub = rest_client(created.auth_id, created.auth_token, Endpoint(sandbox.url))
    offer = sub.numbers.search("US", type="local", limit=1).objects[0]
    sub.numbers.buy(offer.number)
    sub_app = sub.applications.create("sub-app", answer_url="https://sub.example.com/")
    main_app = main.applications.create("main-app", answer_url="https://main.example.com/")
    assert [n.number for n in sub.numbers.list()] == [offer.number]
    assert main.numbers.get(offer.number).sub_account == created.auth_id
    assert {a.app_id for a in sub.applications.list()} == {sub_app.app_id}
    assert {a.app_id for a in main.applications.list()} == {sub_app.app_id, main_app.app_id}
    with pytest.raises(exceptions.ForbiddenError):
        sub.subaccounts.get(created.auth_id)
    main.subaccounts.update(created.auth_id, "Reseller-B", enabled=True)
    assert main.subaccounts.get(created.auth_id).name == "Reseller-B"
    main.subaccounts.delete(created.auth_id, cascade=False)
    assert main.numbers.get(offer.number).sub_account is None
    with pytest.raises(exceptions.AuthenticationError):
        sub.account.get()
    with pytest.raises(exceptions.ResourceNotFoundError):
        main.subaccounts.get(created.auth_id)


def test_a_disabled_subaccount_cannot_authenticate(sandbox: Sandbox) -> None:
    main = sdk(sandbox, "target")
    created = main.subaccounts.create("Dormant")  # the SDK's default is enabled=False
    sub = rest_client(created.auth_id, created.auth_token, Endpoint(sandbox.url))
    with pytest.raises(exceptions.AuthenticationError):
        sub.account.get()
    main.subaccounts.update(created.auth_id, "Dormant", enabled=True)
    assert sub.account.get().auth_id == created.auth_id


def test_cascade_delete_of_a_subaccount_removes_its_resources(sandbox: Sandbox) -> None:
    main = sdk(sandbox)
    sub = main.subaccounts.list()[0]
    owned = main.numbers.list(subaccount=sub.auth_id)
    assert owned.meta.total_count == 2
    before = main.numbers.list(limit=1).meta.total_count
    main.subaccounts.delete(sub.auth_id, cascade=True)
    assert main.numbers.list(limit=1).meta.total_count == before - 2
    assert all(a.sub_account is None for a in main.applications.list())
    assert len(main.endpoints.list()) == 3


def test_rate_limit_gives_the_sdks_429_error(sandbox: Sandbox) -> None:
    control(sandbox, "limits", {"vendor": "plivo", "rate": 3, "per": 60})
    client = sdk(sandbox)
    for _ in range(3):
        client.numbers.list(limit=1)
    with pytest.raises(exceptions.PlivoRestError, match="429") as caught:
        client.numbers.list(limit=1)
    assert type(caught.value) is exceptions.PlivoRestError
    creds = sandbox.credentials("plivo")
    raw = requests.get(
        f"{sandbox.url}/v1/Account/{creds['auth_id']}/Number/",
        auth=(creds["auth_id"], creds["auth_token"]),
        timeout=10,
    )
    assert raw.status_code == 429
    assert raw.json()["error"] == "Too many requests, rate limited"


def test_the_default_limit_is_300_requests_per_5_seconds(sandbox: Sandbox) -> None:
    limits = requests.get(f"{sandbox.url}/_sandbox/limits", timeout=10).json()
    assert limits["vendors"]["plivo"]["rate"] == 300
    assert limits["vendors"]["plivo"]["per"] == 5.0


def test_injected_429_and_5xx(sandbox: Sandbox) -> None:
    client = sdk(sandbox)
    control(sandbox, "faults", {"vendor": "plivo", "rate_429": 1.0})
    with pytest.raises(exceptions.PlivoRestError, match="429"):
        client.numbers.list()
    control(sandbox, "faults", {"clear": True})
    control(sandbox, "faults", {"vendor": "plivo", "rate_5xx": 1.0})
    with pytest.raises(exceptions.PlivoServerError):
        client.numbers.get("14155550100")


def test_a_failed_voice_request_is_retried_twice_without_side_effects(sandbox: Sandbox) -> None:
    """The SDK's voice fallback resends a 5xx'd create; the fault hits before the handler, so
    nothing is created twice, and the SDK still raises once its retries are spent."""
    client = sdk(sandbox, "target")
    control(sandbox, "faults", {"vendor": "plivo", "rate_5xx": 1.0, "methods": ["POST"]})
    with pytest.raises(exceptions.PlivoServerError):
        client.applications.create("retry", answer_url="https://a.example.com/")
    faults = requests.get(f"{sandbox.url}/_sandbox/faults", timeout=10).json()
    assert faults["injected"]["5xx"] == 3
    control(sandbox, "faults", {"clear": True})
    assert len(client.applications.list()) == 0
    client.applications.create("retry", answer_url="https://a.example.com/")
    assert len(client.applications.list()) == 1


def test_the_url_must_name_the_callers_own_account(sandbox: Sandbox) -> None:
    source = sandbox.credentials("plivo")
    target = sandbox.credentials("plivo", "target")
    response = requests.get(
        f"{sandbox.url}/v1/Account/{target['auth_id']}/Number/",
        auth=(source["auth_id"], source["auth_token"]),
        timeout=10,
    )
    assert response.status_code == 401
