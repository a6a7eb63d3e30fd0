"""Twilio's error shapes through the SDK: bad credentials, rate limits, injected faults, and the
signed TwiML Bin fetch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from migrator.sandbox import Sandbox
from migrator.sandbox.twilio import TwilioApi
from migrator.sandbox.twilio.resources import store_of
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.twilio.transport import twilio_client


@pytest.fixture(scope="module")
def running() -> Iterator[Sandbox]:
    with Sandbox(apis={"twilio": TwilioApi()}) as started:
        yield started


@pytest.fixture
def sandbox(running: Sandbox) -> Sandbox:
    running.seed({"twilio": 30})
    return running


def client(sandbox: Sandbox, role: str = "source") -> Client:
    creds = sandbox.credentials("twilio", role)
    return twilio_client(creds["account_sid"], creds["auth_token"], Endpoint(sandbox.url))


def control(sandbox: Sandbox, name: str, body: dict[str, Any]) -> None:
    requests.post(f"{sandbox.url}/_sandbox/{name}", json=body, timeout=10).raise_for_status()


def fetch_error(sdk: Client) -> TwilioRestException:
    with pytest.raises(TwilioRestException) as raised:
        sdk.api.v2010.accounts(sdk.account_sid).fetch()
    return raised.value


def test_bad_credentials_are_401_code_20003(sandbox: Sandbox) -> None:
    sid = sandbox.credentials("twilio")["account_sid"]
    error = fetch_error(twilio_client(sid, "0" * 32, Endpoint(sandbox.url)))
    assert (error.status, error.code) == (401, 20003)
    assert "Authenticate" in error.msg
    unknown = fetch_error(twilio_client("AC" + "1" * 32, "0" * 32, Endpoint(sandbox.url)))
    assert unknown.code == 20003


def test_a_list_refused_carries_the_same_body(sandbox: Sandbox) -> None:
    sid = sandbox.credentials("twilio")["account_sid"]
    with pytest.raises(TwilioException) as raised:
        twilio_client(sid, "bad", Endpoint(sandbox.url)).incoming_phone_numbers.list()
    response = raised.value.args[1]
    assert response.status_code == 401 and '"code":20003' in response.text


def test_concurrency_limit_answers_429_code_20429(sandbox: Sandbox) -> None:
    control(sandbox, "limits", {"vendor": "twilio", "concurrency": 0})
    error = fetch_error(client(sandbox))
    assert (error.status, error.code) == (429, 20429)
    assert "Too Many Requests" in error.msg


def test_injected_429_and_5xx_have_twilios_shape(sandbox: Sandbox) -> None:
    control(sandbox, "faults", {"vendor": "twilio", "rate_429": 1.0})
    error = fetch_error(client(sandbox))
    assert (error.status, error.code) == (429, 20429)
    control(sandbox, "faults", {"vendor": "twilio", "rate_429": 0.0, "rate_5xx": 1.0})
    error = fetch_error(client(sandbox))
    assert (error.status, error.code) == (500, 20500)
    control(sandbox, "faults", {"clear": True})
    assert client(sandbox).api.v2010.accounts(client(sandbox).account_sid).fetch().status == (
        "active"
    )


def test_unknown_paths_are_twilio_404s(sandbox: Sandbox) -> None:
    creds = sandbox.credentials("twilio")
    auth = (creds["account_sid"], creds["auth_token"])
    for host, path in (
        ("api.twilio.com", "/2010-04-01/Nowhere.json"),
        ("messaging.twilio.com", "/v1/Nowhere"),
        ("studio.twilio.com", "/v2/Flows"),
    ):
        answer = requests.get(sandbox.url + path, headers={"Host": host}, auth=auth, timeout=10)
        assert answer.status_code == 404
        assert answer.json()["code"] == 20404


def _bin(sandbox: Sandbox, role: str = "source") -> tuple[str, str, str]:
    creds = sandbox.credentials("twilio", role)
    account = sandbox.state.accounts.get("twilio", creds["account_sid"])
    assert account is not None
    found = next(iter(store_of(account).bins.values()))
    return found.url, creds["account_sid"], creds["auth_token"]


def _signed_get(sdk: Client, url: str, account_sid: str, token: str) -> Any:
    signed = f"{url}?AccountSid={account_sid}"
    signature = RequestValidator(token).compute_signature(signed, {})
    return sdk.request(
        "GET", url, params={"AccountSid": account_sid}, headers={"X-Twilio-Signature": signature}
    )


def test_signed_bin_fetch_returns_the_twiml(sandbox: Sandbox) -> None:
    url, sid, token = _bin(sandbox)
    answer = _signed_get(client(sandbox), url, sid, token)
    assert answer.status_code == 200
    assert answer.text.startswith('<?xml version="1.0"') and "<Response>" in answer.text


def test_bin_fetch_with_a_wrong_signature_or_account_is_refused(sandbox: Sandbox) -> None:
    url, sid, _ = _bin(sandbox)
    sdk = client(sandbox)
    assert _signed_get(sdk, url, sid, "f" * 32).status_code == 401
    assert sdk.request("GET", url, params={"AccountSid": sid}).status_code == 401
    assert sdk.request("GET", url).status_code == 401
    target_sid = sandbox.credentials("twilio", "target")["account_sid"]
    target_token = sandbox.credentials("twilio", "target")["auth_token"]
    assert _signed_get(client(sandbox, "target"), url, target_sid, target_token).status_code == 403
