"""Benchmark: map, assess and plan a synthetic 100,000-number account onto each target.

Run alone with `python -m benchmarks.bench_planner [--numbers N] [--targets twilio,vonage]`.
Each target runs in a fresh process so peak memory (getrusage ru_maxrss) is its own; the table
shows the time of each step, the peak resident memory, and what the inventory alone took.
Goal (issue 4): a few seconds and well under 1 GB for 100,000 numbers.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from migrator.engine.assessor import assess
from migrator.engine.mapper import build_mapping
from migrator.engine.migration_file import MigrationFile
from migrator.engine.planner import build_plan
from migrator.engine.sides import Side
from migrator.gcpause import gc_paused
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import (
    Application,
    Inventory,
    MessagingService,
    Number,
    Webhook,
)
from migrator.rules.table import load_table
from migrator.services import planning
from migrator.services.planning import assessment_json, mapping_json, plan_json

P = WebhookPurpose
TARGET_ACCOUNTS = {"twilio": "ACbench", "vonage": "benchkey", "plivo": "MAbench"}
MIX = (
    # (share, country, type, prefix)
    (0.78, "US", NumberType.LOCAL, "+1415"),
    (0.05, "US", NumberType.TOLLFREE, "+1888"),
    (0.05, "US", NumberType.MOBILE, "+1646"),
    (0.06, "CA", NumberType.LOCAL, "+1613"),
    (0.06, "GB", NumberType.LOCAL, "+44207"),
)


def _config(sid: str, e164: str, rng: random.Random) -> dict[str, Any]:
    """The raw Twilio fields an adapter keeps as the before-state."""
    return {
        "sid": sid,
        "phone_number": e164,
        "voice_method": "POST",
        "sms_method": "POST",
        "voice_caller_id_lookup": False,
        "voice_receive_mode": "voice",
        "status": "in-use",
        "origin": "twilio",
        "address_sid": None,
        "bundle_sid": None,
        "emergency_status": "Inactive",
        "date_created": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00Z",
    }


def synthetic_inventory(count: int, seed: int = 7) -> Inventory:
    """A Twilio account with `count` numbers: most linked to one of 50 TwiML Apps, a third with
    their own URLs (200 distinct sets), some in messaging services, a few on TwiML Bins."""
    rng = random.Random(seed)
    apps = tuple(Application(f"AP{i:032d}", f"App {i}", "ACbench-src") for i in range(50))
    hooks: list[Webhook] = []
    for app in apps:
        base = f"https://app{app.id[-2:]}.example.com"
        hooks += [
            Webhook(OwnerKind.APPLICATION, app.id, P.VOICE_ANSWER, f"{base}/voice"),
            Webhook(OwnerKind.APPLICATION, app.id, P.CALL_STATUS, f"{base}/status"),
            Webhook(OwnerKind.APPLICATION, app.id, P.SMS_INBOUND, f"{base}/sms"),
        ]
    services = [
        MessagingService(f"MG{i:032d}", f"Service {i}", "ACbench-src", a2p_registered=True)
        for i in range(2)
    ]
    members: list[list[str]] = [[], []]
    numbers: list[Number] = []
    serial = 0
    for share, country, kind, prefix in MIX:
        for _ in range(int(count * share)):
            serial += 1
            exchange = 200 + (serial // 10000) % 800  # NANP exchanges start at 2
            e164 = f"{prefix}{exchange:03d}{serial % 10000:04d}"
            sid = f"PN{serial:032d}"
            roll = rng.random()
            app_id = apps[rng.randrange(len(apps))].id if roll < 0.6 else None
            service = None
            if roll >= 0.9 and roll < 0.95:
                service = services[serial % 2].id
                members[serial % 2].append(sid)
            numbers.append(
                Number(
                    id=sid,
                    e164=e164,
                    country=country,
                    number_type=kind,
                    capabilities=frozenset({Capability.VOICE, Capability.SMS}),
                    account_id="ACbench-src",
                    friendly_name=f"Line {serial}",
                    voice_app_id=app_id,
                    sms_app_id=app_id,
                    messaging_service_id=service,
                    emergency_address_id="AD1" if serial % 5000 == 0 else None,
                    config=_config(sid, e164, rng),
                )
            )
            if app_id is None and roll < 0.95:
                group = rng.randrange(200)
                url = (
                    f"https://handler.twilio.com/twiml/EH{group:032d}"
                    if group < 3
                    else f"https://hooks{group}.example.com/voice"
                )
                hooks.append(Webhook(OwnerKind.NUMBER, sid, P.VOICE_ANSWER, url))
                hooks.append(
                    Webhook(
                        OwnerKind.NUMBER,
                        sid,
                        P.SMS_INBOUND,
                        f"https://hooks{group}.example.com/sms",
                    )
                )
    for i, pool in enumerate(services):
        services[i] = MessagingService(
            pool.id, pool.name, pool.account_id, tuple(members[i]), False, True
        )
        hooks.append(
            Webhook(
                OwnerKind.MESSAGING_SERVICE,
                pool.id,
                P.SMS_INBOUND,
                f"https://ms{i}.example.com/in",
            )
        )
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="ACbench-src",
        numbers=tuple(numbers),
        applications=apps,
        messaging_services=tuple(services),
        webhooks=tuple(hooks),
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Steps:
    """Wall-clock and CPU seconds of consecutive steps."""

    def __init__(self) -> None:
        self.times: dict[str, tuple[float, float]] = {}
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def done(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.times[name] = (wall - self._wall, cpu - self._cpu)
        self._wall, self._cpu = wall, cpu


def measure(target: str, count: int) -> dict[str, Any]:
    """One target, in this process: seconds per step and peak memory."""
    inventory = synthetic_inventory(count)
    gc.collect()
    result: dict[str, Any] = {"target": target, "numbers": len(inventory.numbers)}
    result["inventory_mb"] = _peak_mb()
    table = load_table()
    source = Side.of("twilio", inventory.account_id, table)
    side = Side.of(target, TARGET_ACCOUNTS[target], table)
    steps = _Steps()
    fingerprint = inventory.fingerprint()
    steps.done("fprint")
    mapping = build_mapping(inventory, side, fingerprint=fingerprint)
    steps.done("map")
    assessment = assess(inventory, mapping, source, side)
    steps.done("assess")
    plan = build_plan(inventory, None, mapping, source, side)
    steps.done("plan")
    with gc_paused():  # the encoders services.planning stores the three documents with
        sizes = [len(mapping_json(mapping)), len(assessment_json(assessment)), len(plan_json(plan))]
    steps.done("json")
    planning = [steps.times[name] for name in ("map", "assess", "plan", "json")]
    result.update(
        steps=steps.times,
        planning=(sum(w for w, _ in planning), sum(c for _, c in planning)),
        actions=len(plan.actions),
        items=assessment.summary.items,
        json_mb=sum(sizes) / 1e6,
        peak_mb=_peak_mb(),
    )
    return result


def measure_service(target: str, count: int) -> dict[str, Any]:
    """The whole seam over a migration file: read snapshots, map, assess, plan, save."""
    from migrator.model.inventory import Inventory as Inv

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.migration"
        meta = {"target": {"vendor": target, "account_id": TARGET_ACCOUNTS[target]}}
        with MigrationFile.create(path, meta) as file:
            file.save_snapshot("source", synthetic_inventory(count))
            file.save_snapshot(
                "target", Inv(vendor=Vendor(target), account_id=TARGET_ACCOUNTS[target])
            )
        gc.collect()
        before = _peak_mb()
        with MigrationFile.open(path) as file:
            steps = _Steps()
            _, _, plan = planning.build_plan(file)
            steps.done("all")
        return {
            "target": f"{target} (file)",
            "numbers": count,
            "inventory_mb": before,
            "steps": {},
            "planning": steps.times["all"],
            "actions": len(plan.actions),
            "json_mb": 0.0,
            "peak_mb": _peak_mb(),
        }


def _child(args: argparse.Namespace) -> int:
    work = measure_service if args.service else measure
    print(json.dumps(work(args.child, args.numbers)))
    return 0


STEPS = ("fprint", "map", "assess", "plan", "json")


def _row(r: dict[str, Any]) -> str:
    def pair(times: Any) -> str:
        return f"{times[0]:6.2f}/{times[1]:<5.2f}" if times else f"{'-':>6} {'':5}"

    cells = " ".join(pair(r["steps"].get(step)) for step in STEPS)
    json_mb = f"{r['json_mb']:.0f}" if r["json_mb"] else "-"
    return (
        f"{r['target']:14} {r['numbers']:>7} {r['actions']:>7} {cells} {pair(r['planning'])} "
        f"{json_mb:>7} {r['inventory_mb']:6.0f} {r['peak_mb']:7.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_planner")
    parser.add_argument("--numbers", type=int, default=100_000)
    parser.add_argument("--targets", default="twilio,vonage,plivo")
    parser.add_argument("--no-service", action="store_true", help="skip the migration-file run")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--service", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)
    runs = [(t, False) for t in args.targets.split(",")]
    if not args.no_service:
        runs.append((runs[0][0], True))
    print(f"Planner benchmark: synthetic Twilio account, {args.numbers:,} numbers")
    headers = " ".join(f"{step + ' s':>12}" for step in (*STEPS, "planning"))
    print(
        f"{'target':14} {'numbers':>7} {'actions':>7} {headers} "
        f"{'JSON MB':>6} {'inv MB':>6} {'peak MB':>7}"
    )
    for target, service in runs:
        command = [sys.executable, "-m", "benchmarks.bench_planner", "--child", target]
        command += ["--numbers", str(args.numbers)] + (["--service"] if service else [])
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        print(_row(json.loads(done.stdout.strip().splitlines()[-1])), flush=True)
    print(
        "Each step: wall-clock/CPU seconds (they differ when other processes compete for the\n"
        "cores). fprint: Inventory.fingerprint(), which every plan records. planning: map +\n"
        "assess + plan + encoding the three documents (JSON MB). inv MB: peak RSS once the\n"
        "inventory is built; peak MB: peak RSS at the end. The '(file)' row runs\n"
        "services.planning.build_plan on a migration file: reading the snapshot (which checks\n"
        "its text against the digest stored with its fingerprint), mapping, assessing, planning\n"
        "and saving the three documents."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
