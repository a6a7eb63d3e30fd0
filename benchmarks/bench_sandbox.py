"""How many requests per second the sandbox serves, against the highest rate it enforces.

Issue 2 asks the sandbox never to be the bottleneck: it must serve at least five times the
highest default rate limit it enforces (Plivo's 300 requests per 5 s = 60/s; Vonage 30/s;
Twilio limits concurrency, 100 in flight, not a rate). Each vendor's official SDK, and plain
`requests` with keep-alive, list one page of 20 numbers in a loop from several threads, first
with the limits lifted (POST /_sandbox/limits), then with the defaults, where the sandbox turns
the excess away with its 429s. The sandbox serves from its own process, as a vendor would.
"""

from __future__ import annotations

import argparse
import math
import time
from functools import partial
from pathlib import Path

import requests
from vonage_numbers import ListOwnedNumbersFilter

from benchmarks.support import (
    VENDORS,
    RateLimited,
    Request,
    RunningSandbox,
    load,
    print_table,
    sandbox_process,
)
from migrator.sandbox.limits import DEFAULT_POLICIES
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.plivo.transport import rest_client
from migrator.vendors.twilio.transport import twilio_client
from migrator.vendors.vonage.transport import vonage_client

PAGE = 20
GOAL = 5.0
HOSTS = {"twilio": "api.twilio.com", "vonage": "rest.nexmo.com", "plivo": "api.plivo.com"}


def highest_default_rate() -> float:
    """Requests per second of the most generous rate limit the sandbox enforces by default."""
    return max(p.rate / p.per for p in DEFAULT_POLICIES.values() if p.rate is not None)


def sdk_request(sandbox: RunningSandbox, vendor: str) -> Request:
    """A fresh SDK client (one per thread) and the call it repeats."""
    creds = sandbox.credentials(vendor)
    endpoint = Endpoint(sandbox.url, Path(sandbox.ca_bundle))
    if vendor == "twilio":
        twilio = twilio_client(creds["account_sid"], creds["auth_token"], endpoint)
        return lambda: twilio.incoming_phone_numbers.page(page_size=PAGE)
    if vendor == "vonage":
        vonage = vonage_client(creds["api_key"], creds["api_secret"], endpoint)
        return lambda: vonage.numbers.list_owned_numbers(ListOwnedNumbersFilter(size=PAGE))
    plivo = rest_client(creds["auth_id"], creds["auth_token"], endpoint)
    return lambda: plivo.numbers.list(limit=PAGE)


def raw_request(sandbox: RunningSandbox, vendor: str) -> Request:
    """The same page with plain `requests` on one keep-alive session per thread."""
    creds = sandbox.credentials(vendor)
    session = requests.Session()
    session.headers["Host"] = HOSTS[vendor]  # routed by the vendor's host name, as the SDKs are
    if vendor == "twilio":
        sid = creds["account_sid"]
        session.auth = (sid, creds["auth_token"])
        url = f"{sandbox.url}/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json?PageSize={PAGE}"
    elif vendor == "vonage":
        session.auth = (creds["api_key"], creds["api_secret"])
        url = f"{sandbox.url}/account/numbers?size={PAGE}"
    else:
        session.auth = (creds["auth_id"], creds["auth_token"])
        url = f"{sandbox.url}/v1/Account/{creds['auth_id']}/Number/?limit={PAGE}"

    def get() -> object:
        response = session.get(url, timeout=30)
        if response.status_code != 200:
            raise RateLimited() if response.status_code == 429 else RuntimeError(response.text)
        return response.content

    return get


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.bench_sandbox", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="shorter runs")
    parser.add_argument("--seconds", type=float, help="seconds per measurement")
    parser.add_argument("--threads", type=int, default=8, help="client threads per measurement")
    args = parser.parse_args(argv)
    seconds = args.seconds or (1.5 if args.quick else 4.0)
    ceiling = highest_default_rate()
    rows: list[list[object]] = []
    with sandbox_process("twilio:500,vonage:500,plivo:500") as sandbox:
        for limits in ("lifted", "default"):
            if limits == "lifted":
                sandbox.lift_limits()
            else:
                sandbox.default_limits()
            for vendor in VENDORS:
                policy = DEFAULT_POLICIES[vendor]
                window = policy.per if limits == "default" and policy.rate is not None else 0.0
                for client, factory in (("SDK", sdk_request), ("requests", raw_request)):
                    # A rate window allows a burst: start each run with an empty window and run
                    # for whole windows (two, one when quick), so the rate shown is sustained.
                    time.sleep(window)
                    span = (
                        window * max(1 if args.quick else 2, math.ceil(seconds / window))
                        if window
                        else seconds
                    )
                    cpu_before = sandbox.cpu_seconds()
                    tally, took = load(partial(factory, sandbox, vendor), args.threads, span)
                    cpu_after = sandbox.cpu_seconds()
                    answered = tally.served + tally.limited + tally.failed
                    cpu = (
                        cpu_after - cpu_before
                        if cpu_before is not None and cpu_after is not None
                        else None
                    )
                    per_cpu = answered / cpu if cpu else None
                    rows.append(
                        [
                            vendor,
                            client,
                            limits,
                            tally.served / took,
                            tally.limited / took,
                            tally.failed,
                            per_cpu if per_cpu is not None else "n/a",
                            tally.served / took / ceiling,
                            per_cpu / ceiling if per_cpu is not None else "n/a",
                        ]
                    )
    print_table(
        f"Sandbox throughput: {args.threads} client threads listing pages of {PAGE} numbers, "
        f"{seconds:g} s per run (whole rate windows at default limits); highest default rate "
        f"limit {ceiling:g} req/s; goal {GOAL:g}x",
        [
            "vendor",
            "client",
            "limits",
            "served/s",
            "429/s",
            "errors",
            "answers/sandbox CPU-s",
            "x limit (served/s)",
            "x limit (per CPU-s)",
        ],
        rows,
    )
    lifted = [row for row in rows if row[2] == "lifted"]
    served = min(float(str(row[7])) for row in lifted)
    print(
        f"With limits lifted, the slowest client was served at {served:.1f}x the highest default "
        f"rate limit ({'meets' if served >= GOAL else 'BELOW'} the {GOAL:g}x goal), with this "
        "machine's cores shared by client, sandbox and whatever else runs."
    )
    if all(isinstance(row[8], float) for row in lifted):
        capacity = min(float(str(row[8])) for row in lifted)
        print(
            f"Per CPU second of the sandbox process (what one core of its own would serve): at "
            f"least {capacity:.1f}x ({'meets' if capacity >= GOAL else 'BELOW'} the goal)."
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
