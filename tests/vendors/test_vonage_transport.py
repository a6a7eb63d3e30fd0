"""Pointing the Vonage SDK at the sandbox: TLS verified against the sandbox CA, nothing else changed.

REQUESTS_CA_BUNDLE is preset on many machines and overrides a requests session's `verify`; the
client must still verify the sandbox, must fail against a bundle without the sandbox CA, and must
leave every other client's trust alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest
import requests
from vonage_numbers import ListOwnedNumbersFilter

from migrator.sandbox import Sandbox
from migrator.sandbox.vonage import VonageApi
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.vonage.transport import vonage_client


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"vonage": VonageApi()}) as running:
        running.seed({"vonage": 12})
        yield running


def _creds(sandbox: Sandbox) -> tuple[str, str]:
    creds = sandbox.credentials("vonage")
    return creds["api_key"], creds["api_secret"]


def test_sandbox_client_verifies_despite_requests_ca_bundle(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    monkeypatch.setenv("CURL_CA_BUNDLE", certifi.where())
    client = vonage_client(*_creds(sandbox), Endpoint(sandbox.url, sandbox.ca_bundle))
    assert (
        client.http_client.api_host == client.http_client.rest_host == f"127.0.0.1:{sandbox.port}"
    )
    _, count, _ = client.numbers.list_owned_numbers(ListOwnedNumbersFilter(size=5))
    assert count == 12
    assert client.http_client.last_response.url.startswith("https://127.0.0.1:")


def test_a_bundle_without_the_sandbox_ca_is_refused(sandbox: Sandbox) -> None:
    client = vonage_client(*_creds(sandbox), Endpoint(sandbox.url, Path(certifi.where())))
    with pytest.raises(requests.exceptions.SSLError):
        client.numbers.list_owned_numbers()


def test_other_clients_keep_their_own_trust(sandbox: Sandbox) -> None:
    before = os.environ.get("REQUESTS_CA_BUNDLE")
    vonage_client(*_creds(sandbox), Endpoint(sandbox.url, sandbox.ca_bundle))
    assert os.environ.get("REQUESTS_CA_BUNDLE") == before
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(sandbox.https_url + "/_sandbox/accounts", timeout=10)


def test_environment_proxies_do_not_capture_loopback_calls(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    client = vonage_client(*_creds(sandbox), Endpoint(sandbox.url, sandbox.ca_bundle))
    assert client.numbers.list_owned_numbers()[1] == 12


def test_vendor_endpoint_uses_vonages_own_hosts() -> None:
    client = vonage_client("abcd1234", "Secret123456789a", VENDOR)
    assert client.http_client.api_host == "api.nexmo.com"
    assert client.http_client.rest_host == "rest.nexmo.com"
    assert client.http_client.http_client_options.timeout == 30
