"""Applying 2,000 actions against the sandbox at its default limits (issue 5's benchmark).

One run, side by side:
- the engine: a plan of N applications and M replacement numbers (create, buy, configure,
  verify) applied through the Plivo adapter (official SDK) by the executor, journaled in a
  migration file as shipped (SQLite WAL, synchronous=FULL, one transaction per step);
- a plain sequential loop of SDK calls doing the same work (create the apps, search and buy each
  number, link it, read it back), with a naive "sleep a second on 429" as a script would have.

Reported: the engine's achieved call rate as a fraction of the account's limit (goal >= 0.9),
the journal's cost as a fraction of the run time (goal < 10%: time spent in journal
transactions, summed over the worker threads, so an upper bound), and the speed-up over the
loop. The limits stay at the sandbox defaults (Plivo: 300 requests per 5 s); `--latency` makes
each request take that long to serve, as a vendor across the internet does (0 for none). The
loop is measured on a sample of the numbers (`--loop-numbers`) and its time per action scaled
to the whole run; with --loop-numbers 0 it does every number.
Calls are counted as they leave this process (every SDK sends through `requests`).
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from requests.adapters import HTTPAdapter

from benchmarks.support import RunningSandbox, print_table, sandbox_process
from migrator.engine.executor import ApplyOptions, ApplyReport, Executor
from migrator.engine.journal import Journal
from migrator.engine.migration_file import MigrationFile
from migrator.model.enums import WebhookPurpose
from migrator.model.inventory import Inventory
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage, ref
from migrator.sandbox.limits import DEFAULT_POLICIES
from migrator.vendors.plivo.transport import rest_client
from migrator.vendors.registry import connect

VENDOR = "plivo"
APPS = 20
RATE_GOAL = 0.9
JOURNAL_GOAL = 0.10
ANSWER = "https://example.com/answer/{}"
HANGUP = "https://example.com/hangup/{}"


T = TypeVar("T")


@contextmanager
def counting_calls() -> Iterator[Counter[int]]:
    """HTTP answers by status while active (every SDK sends through requests' HTTPAdapter;
    the SDKs themselves are untouched)."""
    original, lock, counts = HTTPAdapter.send, threading.Lock(), Counter[int]()

    def send(adapter: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = original(adapter, request, *args, **kwargs)
        with lock:
            counts[int(response.status_code)] += 1
        return response

    HTTPAdapter.send = send  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        HTTPAdapter.send = original  # type: ignore[method-assign]


def naive_retry(call: Callable[[], T]) -> T:
    """What a script does on a 429: sleep a second and try again."""
    while True:
        try:
            return call()
        except Exception as exc:
            if "429" not in str(exc) and getattr(exc, "status", None) != 429:
                raise
            time.sleep(1.0)


def build_plan(target: Inventory, apps: int, numbers: int) -> Plan:
    """prepare: create `apps` applications; acquire: buy `numbers` US local numbers; configure:
    link each to an application; verify: read every number and application back."""
    actions: list[Action] = []
    hooks = {
        i: {
            WebhookPurpose.VOICE_ANSWER.value: {"url": ANSWER.format(i), "method": "POST"},
            WebhookPurpose.CALL_STATUS.value: {"url": HANGUP.format(i), "method": "POST"},
        }
        for i in range(apps)
    }
    for i in range(apps):
        spec = {"name": f"Bench app {i}", "webhooks": hooks[i]}
        actions.append(
            Action(
                f"app-{i}",
                Stage.PREPARE,
                ActionKind.CREATE_APPLICATION,
                Side.TARGET,
                f"app {i}",
                f"app-{i}",
                {"spec": spec},
                idempotency_key=f"mig-bench-app-{i}",
            )
        )
    search = {"country": "US", "number_type": "local", "capabilities": ["voice"]}
    for n in range(numbers):
        app = f"app-{n % apps}"
        number = ref(f"buy-{n}", "e164")
        actions += [
            Action(
                f"buy-{n}",
                Stage.ACQUIRE,
                ActionKind.BUY_NUMBER,
                Side.TARGET,
                f"number {n}",
                f"n{n}",
                {"search": search},
                idempotency_key=f"mig-bench-buy-{n}",
            ),
            Action(
                f"configure-{n}",
                Stage.CONFIGURE,
                ActionKind.CONFIGURE_NUMBER,
                Side.TARGET,
                f"number {n}",
                f"n{n}",
                {"e164": number, "config": {"app_id": ref(app, "app_id")}},
                depends_on=(f"buy-{n}", app),
            ),
            Action(
                f"verify-{n}",
                Stage.VERIFY,
                ActionKind.VERIFY_NUMBER,
                Side.TARGET,
                f"number {n}",
                f"n{n}",
                {"e164": number, "expect": {"app_id": ref(app, "app_id")}},
                depends_on=(f"configure-{n}",),
            ),
        ]
    for i in range(apps):
        actions.append(
            Action(
                f"verify-app-{i}",
                Stage.VERIFY,
                ActionKind.VERIFY_APPLICATION,
                Side.TARGET,
                f"app {i}",
                f"app-{i}",
                {"app_id": ref(f"app-{i}", "app_id"), "expect": {"webhooks": hooks[i]}},
                depends_on=(f"app-{i}",),
            )
        )
    order = list(Stage)
    actions.sort(key=lambda a: order.index(a.stage))
    return Plan(
        VENDOR,
        "bench-source",
        VENDOR,
        target.account_id,
        "",
        target.fingerprint(),
        actions=tuple(actions),
    )


@dataclass
class Run:
    actions: int
    seconds: float
    calls: Counter[int]
    journal_seconds: float = 0.0
    journal_steps: int = 0
    report: ApplyReport | None = None

    @property
    def admitted(self) -> int:
        return sum(n for status, n in self.calls.items() if status != 429)


def run_engine(sandbox: RunningSandbox, apps: int, numbers: int) -> Run:
    endpoint = sandbox.endpoint
    adapter = connect(VENDOR, sandbox.credentials(VENDOR, "target"), endpoint)
    target = adapter.discover()
    plan = build_plan(target, apps, numbers)
    with (
        tempfile.TemporaryDirectory(prefix="migrator-bench-apply-") as workdir,
        MigrationFile.create(Path(workdir) / "bench.migration", {}) as file,
    ):
        file.save_snapshot("target", target)
        journal = Journal(file)
        executor = Executor(
            plan,
            journal,
            {Side.SOURCE: None, Side.TARGET: adapter},
            snapshots={Side.TARGET: target},
        )
        with counting_calls() as calls:
            started = time.perf_counter()
            report = executor.apply(ApplyOptions())
            seconds = time.perf_counter() - started
    if not report.ok:
        raise RuntimeError(f"the engine's run failed: {report.stopped}")
    return Run(
        len(plan.actions), seconds, Counter(calls), journal.write_seconds, journal.writes, report
    )


def run_loop(sandbox: RunningSandbox, apps: int, numbers: int) -> Run:
    """What an admin's script does: one SDK call after another, no journal, no concurrency."""
    creds = sandbox.credentials(VENDOR, "target")
    client = rest_client(creds["auth_id"], creds["auth_token"], sandbox.endpoint)
    with counting_calls() as calls:
        started = time.perf_counter()
        app_ids = []
        for i in range(apps):
            created: Any = naive_retry(
                lambda i=i: client.applications.create(
                    f"Bench-app-{i}", answer_url=ANSWER.format(i), hangup_url=HANGUP.format(i)
                )
            )
            app_ids.append(created["app_id"] if isinstance(created, dict) else created.app_id)
        for app_id in app_ids:
            naive_retry(lambda a=app_id: client.applications.get(a))
        bought: set[str] = set()
        for n in range(numbers):
            offers: Any = naive_retry(
                lambda: client.numbers.search("US", type="local", services="voice", limit=20)
            )
            objects = offers["objects"] if isinstance(offers, dict) else offers.objects
            number = next(str(o["number"]) for o in objects if str(o["number"]) not in bought)
            naive_retry(lambda number=number: client.numbers.buy(number))
            bought.add(number)
            app_id = app_ids[n % apps]
            naive_retry(lambda number=number, a=app_id: client.numbers.update(number, app_id=a))
            naive_retry(lambda number=number: client.numbers.get(number))
        seconds = time.perf_counter() - started
    return Run(apps * 2 + numbers * 3, seconds, Counter(calls))


def reseed(sandbox: RunningSandbox, latency: float) -> RunningSandbox:
    """A fresh, empty target account (the seed resets limits: set the latency again)."""
    created = sandbox.control("seed", {"spec": f"{VENDOR}:0"})["accounts"]
    fresh = RunningSandbox(sandbox.url, sandbox.ca_bundle, created, sandbox.pid)
    if latency:
        fresh.control("limits", {"vendor": VENDOR, "latency": latency})
    return fresh


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_apply", description=__doc__)
    parser.add_argument("--actions", type=int, default=2000, help="plan size (default 2000)")
    parser.add_argument(
        "--latency",
        type=float,
        default=0.1,
        help="seconds each request takes to serve (default 0.1)",
    )
    parser.add_argument(
        "--loop-numbers",
        type=int,
        default=60,
        help="numbers the sequential loop does (0: all; default 60)",
    )
    parser.add_argument("--quick", action="store_true", help="300 actions, a 20-number loop")
    args = parser.parse_args(argv)
    if args.quick:
        args.actions, args.loop_numbers = 300, 20
    numbers = max(1, (args.actions - 2 * APPS) // 3)
    policy = DEFAULT_POLICIES[VENDOR]
    assert policy.rate is not None
    limit = policy.rate / policy.per
    with sandbox_process(f"{VENDOR}:0") as sandbox:
        sandbox = reseed(sandbox, args.latency)
        engine = run_engine(sandbox, APPS, numbers)
        loop_numbers = args.loop_numbers or numbers
        sandbox = reseed(sandbox, args.latency)
        loop = run_loop(sandbox, APPS, min(loop_numbers, numbers))
    loop_per_action = loop.seconds / loop.actions
    loop_whole = loop_per_action * engine.actions
    rate = engine.admitted / engine.seconds
    journal_share = engine.journal_seconds / engine.seconds
    print(
        f"Plivo at its default limit ({policy.rate} requests per {policy.per:g} s = "
        f"{limit:g}/s), {args.latency:g} s per request; engine: {engine.actions} actions"
    )
    rows: list[list[object]] = [
        [
            "engine (executor, journal)",
            engine.actions,
            engine.admitted,
            engine.calls[429],
            engine.seconds,
            rate,
            rate / limit,
            f"{journal_share:.1%}",
            1.0,
        ],
        [
            f"sequential SDK loop ({loop.actions} actions)",
            loop.actions,
            loop.admitted,
            loop.calls[429],
            loop.seconds,
            loop.admitted / loop.seconds,
            loop.admitted / loop.seconds / limit,
            "-",
            "-",
        ],
        [
            "sequential loop, scaled to the plan",
            engine.actions,
            "-",
            "-",
            loop_whole,
            "-",
            "-",
            "-",
            loop_whole / engine.seconds,
        ],
    ]
    print_table(
        "Apply: engine vs a plain sequential loop of SDK calls",
        [
            "run",
            "actions",
            "calls",
            "429s",
            "seconds",
            "calls/s",
            "of limit",
            "journal",
            "speed-up",
        ],
        rows,
    )
    per_step = 1000 * engine.journal_seconds / max(1, engine.journal_steps)
    print(f"\njournal: {engine.journal_steps} transactions, {per_step:.2f} ms each on average")
    verdicts = [
        ("call rate >= 0.9 of the limit", rate / limit >= RATE_GOAL),
        ("journal < 10% of run time", journal_share < JOURNAL_GOAL),
    ]
    for goal, met in verdicts:
        print(f"goal: {goal}: {'met' if met else 'NOT met'}")
    print(f"speed-up over the sequential loop: {loop_whole / engine.seconds:.1f}x")
    return 0 if all(met for _, met in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
