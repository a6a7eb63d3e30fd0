"""Pointing the unmodified plivo SDK at Plivo or at the sandbox, with TLS verified."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import plivo
import pytest
import requests
from plivo import exceptions

from migrator.sandbox import Sandbox
from migrator.sandbox.plivo import PlivoApi
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.plivo.transport import SandboxRestClient, rest_client


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 5})
        yield running


def test_the_vendor_endpoint_gives_the_plain_sdk_client() -> None:
    client = rest_client("MA" + "A" * 18, "token", VENDOR)
    assert type(client) is plivo.RestClient


def test_auth_ids_the_sdk_rejects_fail_early(sandbox: Sandbox) -> None:
    with pytest.raises(exceptions.AuthenticationError):
        rest_client("AC123", "token", Endpoint(sandbox.url))


def test_requests_keep_plivos_host_header(sandbox: Sandbox) -> None:
    creds = sandbox.credentials("plivo")
    client = rest_client(creds["auth_id"], creds["auth_token"], Endpoint(sandbox.url))
    assert isinstance(client, SandboxRestClient)
    seen: list[tuple[str, str]] = []

    def record(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        seen.append((str(response.request.url), str(response.request.headers["Host"])))

    client.session.hooks["response"].append(record)
    client.numbers.list(limit=1)
    client.applications.list(limit=1)
    assert len(seen) == 2
    for url, host in seen:
        assert url.startswith(sandbox.url + "/v1/Account/")
        assert host == "api.plivo.com"


def test_tls_is_verified_against_the_endpoints_ca(sandbox: Sandbox) -> None:
    creds = sandbox.credentials("plivo")
    trusted = Endpoint(sandbox.https_url, sandbox.ca_bundle)
    client = rest_client(creds["auth_id"], creds["auth_token"], trusted)
    assert client.account.get().auth_id == creds["auth_id"]
    untrusted = rest_client(creds["auth_id"], creds["auth_token"], Endpoint(sandbox.https_url))
    with pytest.raises(requests.exceptions.SSLError):
        untrusted.account.get()
