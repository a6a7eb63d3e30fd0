"""The pinned-CA transport adapter: verification against one bundle, read once per bundle file.

Every SDK pointed at an https endpoint uses it (see the vendors' transport tests for the SDKs);
here: the CA bundle becomes one shared SSLContext that verifies, connections use it instead of
loading the bundle again, and a bundle without the right CA is still refused.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest
import requests
from urllib3 import HTTPSConnectionPool

from migrator.sandbox import Sandbox
from migrator.sandbox.plivo import PlivoApi
from migrator.vendors.pinned_ca import PinnedCaAdapter, verifying_context


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        yield running


def _session(adapter: PinnedCaAdapter, origin: str) -> requests.Session:
    session = requests.Session()
    session.mount(origin + "/", adapter)
    return session


def test_the_bundle_becomes_one_verifying_context(sandbox: Sandbox) -> None:
    context = verifying_context(sandbox.ca_bundle)
    assert context is verifying_context(str(sandbox.ca_bundle))
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


def test_connections_share_the_context_instead_of_loading_the_bundle(sandbox: Sandbox) -> None:
    adapter = PinnedCaAdapter(sandbox.ca_bundle)
    session = _session(adapter, sandbox.https_url)
    url = sandbox.https_url + "/_sandbox/accounts"
    assert session.get(url, timeout=10).status_code == 200
    request = requests.Request("GET", url).prepare()
    pool = adapter.get_connection_with_tls_context(request, verify=True)
    adapter.cert_verify(pool, url, True, None)
    assert isinstance(pool, HTTPSConnectionPool)
    connection = pool._new_conn()
    assert connection.ssl_context is verifying_context(sandbox.ca_bundle)
    assert connection.ca_certs is None  # nothing left for urllib3 to load per connection
    assert pool.cert_reqs == "CERT_REQUIRED"


def test_a_changed_bundle_file_is_read_again(tmp_path: Path, sandbox: Sandbox) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(sandbox.ca_bundle.read_bytes())
    first = verifying_context(bundle)
    bundle.write_bytes(sandbox.ca_bundle.read_bytes() + b"\n")
    os.utime(bundle, ns=(1, 1))
    assert verifying_context(bundle) is not first


def test_a_bundle_without_the_endpoints_ca_is_refused(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(sandbox.ca_bundle))
    session = _session(PinnedCaAdapter(certifi.where()), sandbox.https_url)
    with pytest.raises(requests.exceptions.SSLError):
        session.get(sandbox.https_url + "/_sandbox/accounts", timeout=10)
