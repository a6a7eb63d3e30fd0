"""Pointing the twilio SDK at the sandbox: product host kept, TLS verified against the sandbox CA."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest
import requests
from twilio.http.http_client import TwilioHttpClient

from migrator.sandbox import Sandbox
from migrator.sandbox.twilio import TwilioApi
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.twilio.transport import EndpointHttpClient, product_host, twilio_client


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"twilio": TwilioApi()}) as running:
        running.seed({"twilio": 12})
        yield running


def _creds(sandbox: Sandbox) -> tuple[str, str]:
    creds = sandbox.credentials("twilio")
    return creds["account_sid"], creds["auth_token"]


def test_each_product_reaches_its_own_emulated_host(sandbox: Sandbox) -> None:
    sdk = twilio_client(*_creds(sandbox), Endpoint(sandbox.url))
    assert len(sdk.incoming_phone_numbers.list()) == 12 - 1  # one is the subaccount's
    assert len(sdk.messaging.v1.services.list()) == 2
    assert len(sdk.trunking.v1.trunks.list()) == 1
    # the sandbox routes by Host: the same path under api.twilio.com is not a trunk list
    wrong_host = requests.get(
        f"{sandbox.url}/v1/Trunks",
        headers={"Host": "api.twilio.com"},
        auth=_creds(sandbox),
        timeout=10,
    )
    assert wrong_host.status_code == 404


def test_https_verifies_the_sandbox_ca_despite_requests_ca_bundle(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    monkeypatch.setenv("CURL_CA_BUNDLE", certifi.where())
    sdk = twilio_client(*_creds(sandbox), Endpoint(sandbox.https_url, sandbox.ca_bundle))
    assert len(sdk.applications.list()) == 10


def test_a_bundle_without_the_sandbox_ca_is_refused(sandbox: Sandbox) -> None:
    sdk = twilio_client(*_creds(sandbox), Endpoint(sandbox.https_url, Path(certifi.where())))
    with pytest.raises(requests.exceptions.SSLError):
        sdk.applications.list()


def test_https_without_a_ca_bundle_is_a_usage_error(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="CA bundle"):
        EndpointHttpClient(Endpoint(sandbox.https_url))


def test_vendor_endpoint_uses_the_plain_sdk_client() -> None:
    sdk = twilio_client("AC" + "0" * 32, "token", VENDOR)
    assert type(sdk.http_client) is TwilioHttpClient


def test_edge_and_region_labels_are_dropped_from_the_host() -> None:
    assert product_host("api.sydney.us1.twilio.com") == "api.twilio.com"
    assert product_host("messaging.twilio.com") == "messaging.twilio.com"
