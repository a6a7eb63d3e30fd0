"""`migrator sandbox`: serve the emulated vendor APIs on 127.0.0.1 until interrupted."""

from __future__ import annotations

import argparse
import gc
import json
import signal
import threading
from typing import Any

from migrator.sandbox import Sandbox
from migrator.sandbox.seeding import parse_seed_spec

NAME = "sandbox"
HELP = "serve emulated Twilio, Vonage and Plivo APIs on 127.0.0.1 (for rehearsals and tests)"
DEFAULT_SEED = "twilio:2500,vonage:300,plivo:300"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free)")
    parser.add_argument(
        "--seed",
        default=DEFAULT_SEED,
        metavar="SPEC",
        help=f"departing accounts to create, vendor:numbers,... (default: {DEFAULT_SEED})",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line, then serve")


def _describe(sandbox: Sandbox, accounts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "url": sandbox.url,
        "https_url": sandbox.https_url,
        "ca_bundle": str(sandbox.ca_bundle),
        "accounts": accounts,
    }


def settle_heap() -> None:
    """Keep the garbage collector off the seeded accounts: they live as long as the process,
    and a full collection walking tens of thousands of numbers' state stops every answer in
    flight for 30 to 100 ms. What is frozen is still freed by reference counting."""
    gc.collect()
    gc.freeze()


def run(args: argparse.Namespace) -> int:
    sandbox = Sandbox(port=args.port)
    spec = parse_seed_spec(args.seed, set(sandbox.state.apis))
    sandbox.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        accounts = sandbox.seed(spec)
        settle_heap()
        info = _describe(sandbox, accounts)
        if args.json:
            print(json.dumps(info), flush=True)
        else:
            print(
                f"Sandbox serving on {sandbox.url} (TLS on the same port; CA: {sandbox.ca_bundle})"
            )
            for account in accounts:
                creds = ", ".join(f"{k}={v}" for k, v in account["credentials"].items())
                vendor, role, count = account["vendor"], account["role"], account["numbers"]
                print(f"  {vendor:7} {role:7} {count:>6} numbers  {creds}")
            print(
                "Control API: GET /_sandbox/accounts, POST /_sandbox/seed|reset|limits|faults|clock"
            )
            print("Press Ctrl+C to stop.", flush=True)
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
    return 0
