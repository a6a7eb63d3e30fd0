"""The sandbox server's own mechanics, with a minimal vendor emulation defined here.

The real vendor emulations are tested through their official SDKs in the sibling modules; this
module checks what they share: TLS on the same port, Host routing, authentication, limits, faults,
the clock and the control API.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from migrator.sandbox import Sandbox
from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Request, Response
from migrator.sandbox.state import SandboxState
from migrator.sandbox.vendor_api import Call, PortableNumber, Router, VendorApi

router = Router()


@router.route("GET", r"/numbers")
def _list(call: Call) -> Response:
    return Response.json({"numbers": sorted(call.account.store)})


class Acme(VendorApi):
    vendor = "acme"
    hosts = frozenset({"api.acme.test"})
    path_prefixes = ("/acme/",)

    def __init__(self) -> None:
        self.router = router  # type: ignore[misc]

    def unauthorized(self, request: Request) -> Response:
        return Response.json({"error": "bad credentials"}, 401)

    def too_many_requests(self, request: Request) -> Response:
        return Response.json({"error": "slow down"}, 429)

    def server_error(self, request: Request) -> Response:
        return Response.json({"error": "boom"}, 500)

    def not_found(self, request: Request) -> Response:
        return Response.json({"error": "nope"}, 404)

    def create_account(
        self,
        state: SandboxState,
        rng: random.Random,
        role: str,
        name: str,
        parent: Account | None = None,
    ) -> Account:
        account = Account("acme", f"key-{role}", f"secret-{role}", role, name, store=set())
        return state.accounts.add(account)

    def seed(self, state: SandboxState, account: Account, numbers: int, rng: random.Random) -> None:
        for _ in range(numbers):
            account.store.add(state.numbers.allocate(rng, "US", "local"))

    def sdk_credentials(self, account: Account) -> dict[str, str]:
        return {"key": account.key, "secret": account.secret}

    def resource_counts(self, account: Account) -> dict[str, int]:
        return {"numbers": len(account.store)}

    def find_number(self, account: Account, e164: str) -> PortableNumber | None:
        return PortableNumber(e164, "local") if e164 in account.store else None

    def remove_number(self, account: Account, e164: str) -> PortableNumber | None:
        found = self.find_number(account, e164)
        account.store.discard(e164)
        return found

    def add_number(self, account: Account, number: PortableNumber) -> None:
        account.store.add(number.e164)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """Overrides the suite's sandbox: only the Acme emulation."""
    with Sandbox(apis={"acme": Acme()}) as running:
        running.seed({"acme": 5})
        yield running


AUTH = ("key-source", "secret-source")


def _get(sandbox: Sandbox, path: str, **kw: Any) -> requests.Response:
    return requests.get(sandbox.url + path, headers={"Host": "api.acme.test"}, timeout=10, **kw)


def test_serves_by_host_header_with_basic_auth(sandbox: Sandbox) -> None:
    response = _get(sandbox, "/numbers", auth=AUTH)
    assert response.status_code == 200
    assert len(response.json()["numbers"]) == 5


def test_wrong_credentials_get_the_vendors_401(sandbox: Sandbox) -> None:
    response = _get(sandbox, "/numbers", auth=("key-source", "wrong"))
    assert response.status_code == 401
    assert response.json() == {"error": "bad credentials"}


def test_unknown_host_is_a_404(sandbox: Sandbox) -> None:
    response = requests.get(
        sandbox.url + "/numbers", headers={"Host": "api.other.test"}, timeout=10
    )
    assert response.status_code == 404


def test_tls_on_the_same_port_verifies_against_the_sandbox_ca(sandbox: Sandbox) -> None:
    response = requests.get(
        sandbox.https_url + "/_sandbox/accounts", verify=str(sandbox.ca_bundle), timeout=10
    )
    assert response.status_code == 200
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(
            sandbox.https_url + "/_sandbox/accounts", verify=requests.certs.where(), timeout=10
        )


def test_control_api_lists_accounts_with_counts(sandbox: Sandbox) -> None:
    accounts = requests.get(sandbox.url + "/_sandbox/accounts", timeout=10).json()["accounts"]
    roles = {(a["vendor"], a["role"]): a["resources"]["numbers"] for a in accounts}
    assert roles == {("acme", "source"): 5, ("acme", "target"): 0}


def test_seed_is_deterministic(sandbox: Sandbox) -> None:
    first = _get(sandbox, "/numbers", auth=AUTH).json()
    requests.post(sandbox.url + "/_sandbox/seed", json={"acme": 5}, timeout=10).raise_for_status()
    assert _get(sandbox, "/numbers", auth=AUTH).json() == first
    requests.post(sandbox.url + "/_sandbox/seed", json={"acme": 5, "seed": 7}, timeout=10)
    assert _get(sandbox, "/numbers", auth=AUTH).json() != first


def test_rate_limit_window_rejects_the_excess(sandbox: Sandbox) -> None:
    requests.post(
        sandbox.url + "/_sandbox/limits", json={"vendor": "acme", "rate": 3, "per": 60}, timeout=10
    ).raise_for_status()
    codes = [_get(sandbox, "/numbers", auth=AUTH).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_concurrency_limit_counts_requests_in_flight(sandbox: Sandbox) -> None:
    requests.post(
        sandbox.url + "/_sandbox/limits",
        json={"vendor": "acme", "concurrency": 2, "latency": 0.3},
        timeout=10,
    ).raise_for_status()
    codes: list[int] = []
    lock = threading.Lock()

    def fetch() -> None:
        code = _get(sandbox, "/numbers", auth=AUTH).status_code
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=fetch) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes.count(200) >= 2
    assert codes.count(429) >= 1
    assert set(codes) <= {200, 429}


def test_faults_are_injected_at_the_configured_rate(sandbox: Sandbox) -> None:
    requests.post(
        sandbox.url + "/_sandbox/faults", json={"rate_5xx": 1.0, "seed": 3}, timeout=10
    ).raise_for_status()
    assert _get(sandbox, "/numbers", auth=AUTH).status_code == 500
    requests.post(
        sandbox.url + "/_sandbox/faults", json={"rate_5xx": 0.0, "rate_drop": 1.0}, timeout=10
    )
    with pytest.raises(requests.exceptions.ConnectionError):
        _get(sandbox, "/numbers", auth=AUTH)
    requests.post(sandbox.url + "/_sandbox/faults", json={"clear": True}, timeout=10)
    assert _get(sandbox, "/numbers", auth=AUTH).status_code == 200


def test_clock_only_moves_forward(sandbox: Sandbox) -> None:
    before = requests.get(sandbox.url + "/_sandbox/clock", timeout=10).json()["now"]
    after = requests.post(
        sandbox.url + "/_sandbox/clock", json={"advance_days": 3}, timeout=10
    ).json()["now"]
    assert after[:10] > before[:10]
    bad = requests.post(sandbox.url + "/_sandbox/clock", json={"advance_seconds": -5}, timeout=10)
    assert bad.status_code == 400


def test_completed_port_moves_a_number_between_accounts(sandbox: Sandbox) -> None:
    state = sandbox.state
    with state.lock:
        source = state.accounts.get("acme", "key-source")
        target = state.accounts.get("acme", "key-target")
        assert source is not None and target is not None
        number = sorted(source.store)[0]
        state.move_number(number, "acme", target)
        assert number in target.store and number not in source.store


def test_binds_loopback_only(sandbox: Sandbox) -> None:
    assert sandbox.url.startswith("http://127.0.0.1:")
