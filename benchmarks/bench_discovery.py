"""Discovery of a 10,000-number account per vendor, against the least time the vendor allows.

Issue 3's goal: discovery through the adapters, against the sandbox at its default limits, within
1.2x of the floor for that vendor, shown side by side with a naive loop over the SDK's `list()`
calls at their default page size. Calls are counted as they leave this process (every SDK sends
through `requests`), 429 answers separately.

The floor is computed from the calls the adapter actually made:
- a rate window (Plivo 300 per 5 s, Vonage 30 per 1 s) lets call k start no earlier than
  per * floor(k / rate), so N calls need per * floor((N - 1) / rate), plus one call's latency
  (measured alone first) for the last answer to come back;
- Twilio limits concurrency (100 in flight), which paging one list after another never reaches;
  what bounds it is the critical path: the account's numbers are token-paged, page after page,
  so the floor is reading that one list alone, at the largest page size (measured first, after
  one untimed read: the sandbox formats each number's dates the first time it lists it and keeps
  them, so a first read costs it more than the adapter's read, which comes after, does).
The naive loop retries a 429 after a second's sleep, so it finishes and its 429s show.

The machine is shared, so each measured time (the Twilio floor, the adapter) is the median of
`--runs` runs (for Twilio, a floor read and an adapter run in turn: its floor is measured, not
worked out from a window, so both sides of its ratio are noisy, and its runs are short, so it
gets 9 by default where Vonage and Plivo get 3); each adapter run is a first
discovery (a new adapter, the number facts adapters cache per process forgotten), and every run
must find the same inventory (fingerprint).

"floor here" adds what this machine can do. For Vonage and Plivo: calls go no faster than the
speed measured with the limits lifted (client and sandbox sharing its cores), so the calls after
a window's first burst wait for that burst's calls to leave the window one by one. For Twilio:
the critical path read while every other call of the adapter's last run (the other lists, their
sub-lists, the subaccounts' lists, the bins) is sent again alongside, each as long after the
read starts as it left after that run's first call, since the sandbox serves them on the cores
the chain needs, where Twilio would serve them on its own. The goal is against the floor; the
second column tells how much of any gap is the machine rather than the adapter.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import requests
from requests import PreparedRequest
from requests.adapters import HTTPAdapter
from vonage_numbers import ListOwnedNumbersFilter

from benchmarks.support import (
    VENDORS,
    Request,
    RunningSandbox,
    is_rate_limited,
    load,
    print_table,
    sandbox_process,
)
from migrator.model.inventory import Inventory
from migrator.sandbox.limits import DEFAULT_POLICIES
from migrator.vendors import number_facts
from migrator.vendors.capabilities import TWILIO
from migrator.vendors.plivo.transport import rest_client
from migrator.vendors.registry import connect
from migrator.vendors.twilio.transport import twilio_client
from migrator.vendors.vonage.transport import vonage_client

GOAL = 1.2
THREADS = 16
"""Client threads for the speed measurement (as many as the adapters use)."""
TWILIO_WORKERS = TWILIO.default_limit.workers
"""Threads a Twilio discovery reads with (its throttle's)."""
NAIVE_RETRY_SLEEP = 1.0
DEFAULT_RUNS = {"twilio": 9, "vonage": 3, "plivo": 3}
T = TypeVar("T")


# --- counting calls --------------------------------------------------------------------------
@dataclass
class Calls:
    """Answers by status, and successful calls by the account that made them (rate limits are
    per account: a subaccount's calls do not count against its parent's)."""

    statuses: Counter[int] = field(default_factory=Counter)
    by_account: Counter[str] = field(default_factory=Counter)
    sent: list[tuple[float, PreparedRequest]] = field(default_factory=list)
    """Each successful call's request as it left, with when it left (perf_counter), to replay
    the load it made."""

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != 429)


def _account_of(request: Any) -> str:
    """Who a request authenticates as: the Basic-auth user, or Vonage's api_key parameter."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        return base64.b64decode(header[6:]).decode(errors="replace").partition(":")[0]
    return str(parse_qs(urlsplit(request.url).query).get("api_key", ["?"])[0])


@contextmanager
def counting_calls() -> Iterator[Calls]:
    """Count HTTP answers while active, by wrapping the transport adapter of `requests`, which
    every SDK's session sends through (the SDKs themselves are untouched)."""
    original = HTTPAdapter.send
    calls = Calls()
    lock = threading.Lock()

    def send(adapter: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        left = time.perf_counter()
        response = original(adapter, request, *args, **kwargs)
        with lock:
            calls.statuses[int(response.status_code)] += 1
            if response.status_code != 429:
                calls.by_account[_account_of(request)] += 1
                calls.sent.append((left, request))
        return response

    HTTPAdapter.send = send  # type: ignore[method-assign,assignment]
    try:
        yield calls
    finally:
        HTTPAdapter.send = original  # type: ignore[method-assign]


def retrying(call: Callable[..., T], *args: Any) -> T:
    """What a naive script does on a 429: sleep a second and try again."""
    while True:
        try:
            return call(*args)
        except Exception as exc:
            if not is_rate_limited(exc):
                raise
            time.sleep(NAIVE_RETRY_SLEEP)


# --- naive loops: the SDKs' list() at their default page sizes, one list after another -------
def naive_twilio(sandbox: RunningSandbox) -> int:
    creds = sandbox.credentials("twilio")
    main = twilio_client(creds["account_sid"], creds["auth_token"], sandbox.endpoint)
    accounts = retrying(main.api.v2010.accounts.list)
    numbers = 0
    for account in accounts:
        if account.status != "active" or not account.auth_token:
            continue
        client = twilio_client(account.sid, account.auth_token, sandbox.endpoint)
        numbers += len(retrying(client.incoming_phone_numbers.list))
        retrying(client.applications.list)
        retrying(client.messaging.v1.services.list)
        retrying(client.trunking.v1.trunks.list)
        retrying(client.sip.domains.list)
    return numbers


def naive_vonage(sandbox: RunningSandbox) -> int:
    creds = sandbox.credentials("vonage")
    secret = creds["api_secret"]
    primary = vonage_client(creds["api_key"], secret, sandbox.endpoint)
    subs = retrying(primary.subaccounts.list_subaccounts).subaccounts
    numbers = 0
    for key in [creds["api_key"], *(s.api_key for s in subs)]:
        client = vonage_client(key, secret, sandbox.endpoint)
        retrying(client.account.update_default_sms_webhook)  # how the SDK reads settings
        index: int | None = 1
        while index is not None:
            page, _, index = retrying(
                client.numbers.list_owned_numbers, ListOwnedNumbersFilter(index=index)
            )
            numbers += len(page)
        retrying(client.application.list_applications)
    return numbers


def naive_plivo(sandbox: RunningSandbox) -> int:
    creds = sandbox.credentials("plivo")
    client = rest_client(creds["auth_id"], creds["auth_token"], sandbox.endpoint)
    retrying(client.account.get)
    listings = [client.applications, client.endpoints, client.subaccounts, client.numbers]
    numbers = 0
    for listing in listings:
        offset = 0
        while True:
            page = retrying(partial(listing.list, offset=offset))
            objects = list(page)
            if listing is client.numbers:
                numbers += len(objects)
            if not page.meta.next:
                break
            offset += len(objects)
    return numbers


NAIVE: dict[str, Callable[[RunningSandbox], int]] = {
    "twilio": naive_twilio,
    "vonage": naive_vonage,
    "plivo": naive_plivo,
}


# --- the floors ------------------------------------------------------------------------------
def page_call(sandbox: RunningSandbox, vendor: str) -> Request:
    """One numbers page at the adapter's page size, on a client of its own."""
    creds = sandbox.credentials(vendor)
    if vendor == "vonage":
        vonage = vonage_client(creds["api_key"], creds["api_secret"], sandbox.endpoint)
        return partial(vonage.numbers.list_owned_numbers, ListOwnedNumbersFilter(size=100))
    plivo = rest_client(creds["auth_id"], creds["auth_token"], sandbox.endpoint)
    return partial(plivo.numbers.list, limit=20)


def one_call_latency(sandbox: RunningSandbox, vendor: str) -> float:
    """Median time of one page call, alone."""
    call = page_call(sandbox, vendor)
    call()  # connect first
    times = []
    for _ in range(5):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def throughput(sandbox: RunningSandbox, vendor: str, seconds: float) -> float:
    """Page calls per second this machine completes (client and sandbox together) with the
    vendor's limits lifted, from as many threads as the adapter uses."""
    sandbox.set_limits(vendor, lifted=True)
    try:
        tally, took = load(partial(page_call, sandbox, vendor), THREADS, seconds)
    finally:
        sandbox.set_limits(vendor, lifted=False)
    return tally.served / took


def twilio_critical_path(sandbox: RunningSandbox) -> Callable[[], tuple[float, int]]:
    """Reading the main account's numbers alone, page after page at 1000 a page: (seconds,
    pages) of one read. A first read is made here, untimed, so that the sandbox is as warm for
    the timed ones as it is for the adapter."""
    creds = sandbox.credentials("twilio")
    client = twilio_client(creds["account_sid"], creds["auth_token"], sandbox.endpoint)
    client.api.v2010.accounts(creds["account_sid"]).fetch()  # connect first

    def read() -> tuple[float, int]:
        began = time.perf_counter()
        page = client.incoming_phone_numbers.page(page_size=1000)
        pages = 1
        while (page := page.next_page()) is not None:
            pages += 1
        return time.perf_counter() - began, pages

    read()
    return read


def is_chain_call(request: PreparedRequest, account_sid: str) -> bool:
    """A page of the main account's numbers list (the critical path)."""
    path = urlsplit(str(request.url)).path
    return path.endswith(f"/Accounts/{account_sid}/IncomingPhoneNumbers.json")


def twilio_chain_alongside(
    sandbox: RunningSandbox,
    read: Callable[[], tuple[float, int]],
    others: list[tuple[float, PreparedRequest]],
) -> float:
    """The critical path read while `others` (every other call a discovery made: the other
    lists, their sub-lists, the subaccount's lists, the bins; each with when it left, in
    seconds after the discovery's first call) are sent again alongside, each at that moment
    after the read starts, from as many threads as the adapter uses, each answer parsed as the
    SDK parses it. What this machine allows a discovery: the sandbox serves those calls on the
    same cores as the chain, where Twilio would serve them on its own."""
    session = requests.Session()
    session.mount("http://", HTTPAdapter(pool_maxsize=TWILIO_WORKERS))
    session.mount("https://", HTTPAdapter(pool_maxsize=TWILIO_WORKERS))

    def replay(at: float, request: PreparedRequest) -> None:
        wait = began + at - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        response = session.send(request.copy(), verify=sandbox.ca_bundle, timeout=60)
        response.raise_for_status()
        if "json" in response.headers.get("Content-Type", ""):
            json.loads(response.text)

    with ThreadPoolExecutor(TWILIO_WORKERS, "replay") as pool:
        began = time.perf_counter()
        replays = [pool.submit(replay, at, request) for at, request in others]
        took, _ = read()
        for done in replays:
            done.result()
    session.close()
    return took


@dataclass
class Floor:
    seconds: float
    basis: str
    binds: bool = True
    """False when the limit allows every call at once (the floor is then one call's latency,
    and the goal is not meaningful at that size)."""
    here: float = 0.0
    """The floor with this machine's speed as well as the limit (the critical path: same)."""


def window_floor(vendor: str, calls: Calls, latency: float, speed: float) -> Floor:
    """The least time the rate window allows the busiest account's calls, plus one call; and
    the least time on this machine, whose `speed` (calls per second) bounds how soon calls go."""
    policy = DEFAULT_POLICIES[vendor]
    assert policy.rate is not None
    busiest = max(calls.by_account.values(), default=0)
    wait = policy.per * math.floor(max(busiest - 1, 0) / policy.rate)
    # On a real machine call k goes no sooner than k / speed, nor before the call `rate` places
    # earlier has left the window.
    starts: list[float] = []
    for k in range(busiest):
        earliest = k / speed
        if k >= policy.rate:
            earliest = max(earliest, starts[k - policy.rate] + policy.per)
        starts.append(earliest)
    here = (starts[-1] if starts else 0.0) + latency
    return Floor(
        wait + latency,
        f"{busiest} calls on one account at {policy.rate}/{policy.per:g} s: {wait:g} s "
        f"+ one call {latency:.3f} s; at {speed:.0f} calls/s here",
        binds=busiest > policy.rate,
        here=here,
    )


def clear_window(vendor: str) -> None:
    """Let the account's rate window empty, so each run starts as a fresh one would."""
    time.sleep(DEFAULT_POLICIES[vendor].per)


# --- the benchmark ---------------------------------------------------------------------------
@dataclass
class Run:
    seconds: float
    calls: Calls
    numbers: int


def timed(work: Callable[[], int]) -> Run:
    with counting_calls() as calls:
        began = time.perf_counter()
        numbers = work()
        took = time.perf_counter() - began
    return Run(took, calls, numbers)


def first_discovery(sandbox: RunningSandbox, vendor: str, fingerprints: set[str]) -> Run:
    """One discovery by a new adapter, with nothing cached from earlier ones; the inventory's
    fingerprint (worked out after the clock stops) goes into `fingerprints`."""
    adapter = connect(vendor, sandbox.credentials(vendor), sandbox.endpoint)
    number_facts.forget()
    found: list[Inventory] = []

    def discover() -> int:
        found.append(adapter.discover())
        return len(found[0].numbers)

    run = timed(discover)
    fingerprints.add(found[0].fingerprint())
    return run


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def bench_vendor(sandbox: RunningSandbox, vendor: str, runs: int) -> list[list[object]]:
    chains: list[tuple[float, int]] = []
    if vendor == "twilio":
        read_chain = twilio_critical_path(sandbox)
    else:
        speed = throughput(sandbox, vendor, seconds=2.0)
        latency = one_call_latency(sandbox, vendor)
        clear_window(vendor)
    fingerprints: set[str] = set()
    found_runs = []
    alongside: list[float] = []
    for _ in range(runs):
        if vendor == "twilio":
            chains.append(read_chain())  # floor and adapter taken turn about
        found_runs.append(first_discovery(sandbox, vendor, fingerprints))
        clear_window(vendor)
        if vendor == "twilio":
            main_sid = sandbox.credentials(vendor)["account_sid"]
            sent = found_runs[-1].calls.sent
            first = min(left for left, _ in sent)
            others = [
                (left - first, request)
                for left, request in sent
                if not is_chain_call(request, main_sid)
            ]
            alongside.append(twilio_chain_alongside(sandbox, read_chain, others))
    if len(fingerprints) != 1:
        raise SystemExit(f"{vendor}: the adapter's runs found different inventories")
    found = median_run(found_runs)
    times = ", ".join(f"{run.seconds:.2f}" for run in sorted(found_runs, key=lambda r: r.seconds))
    naive = timed(lambda: NAIVE[vendor](sandbox))
    clear_window(vendor)
    if vendor == "twilio":
        chain, pages = statistics.median(seconds for seconds, _ in chains), chains[0][1]
        floor = Floor(
            chain,
            f"critical path: {pages} pages of 1000 numbers in sequence (here: with the "
            f"discovery's {len(others)} other calls sent alongside)",
            here=statistics.median(alongside),
        )
    else:
        floor = window_floor(vendor, found.calls, latency, speed)
    return [
        [
            vendor,
            how,
            run.numbers,
            run.calls.ok,
            run.calls.statuses[429],
            run.seconds,
            floor.seconds,
            run.seconds / floor.seconds,
            floor.here,
            run.seconds / floor.here,
            run.seconds / found.seconds,
            f"{floor.basis}; median of {times}"
            if how == "adapter"
            else "SDK list(), default page size, one after another",
            floor.binds,
        ]
        for how, run in (("adapter", found), ("naive", naive))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.bench_discovery", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 numbers per vendor")
    parser.add_argument("--numbers", type=int, help="numbers per vendor (default 10,000)")
    parser.add_argument("--vendor", choices=VENDORS, action="append", help="only these vendors")
    parser.add_argument(
        "--runs",
        type=int,
        help="runs of each measurement, the median kept (Twilio 9, Vonage and Plivo 3)",
    )
    args = parser.parse_args(argv)
    size = args.numbers or (2000 if args.quick else 10_000)
    vendors = args.vendor or list(VENDORS)
    rows: list[list[object]] = []
    seed = ",".join(f"{vendor}:{size}" for vendor in vendors)
    began = time.perf_counter()
    with sandbox_process(seed) as sandbox:
        print(f"(sandbox seeded with {seed} in {time.perf_counter() - began:.1f} s)", flush=True)
        sandbox.default_limits()
        for vendor in vendors:
            runs = args.runs or DEFAULT_RUNS[vendor]
            rows += bench_vendor(sandbox, vendor, max(1, runs))
    print_table(
        f"Discovery of a {size:,}-number account per vendor, sandbox at its default limits "
        f"(goal: adapter within {GOAL:g}x of the floor)",
        [
            "vendor",
            "reader",
            "numbers",
            "calls",
            "429s",
            "seconds",
            "floor s",
            "x floor",
            "floor here s",
            "x floor here",
            "x adapter",
            "floor basis / how",
        ],
        [row[:-1] for row in rows],
    )
    for row in rows:
        if row[1] != "adapter":
            continue
        ratio = float(str(row[7]))
        if row[-1]:
            verdict = f"{'meets' if ratio <= GOAL else 'MISSES'} the {GOAL:g}x goal"
        else:
            verdict = "the limit does not bind at this size, so the goal does not apply"
        print(f"{row[0]}: adapter at {ratio:.2f}x the floor ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
