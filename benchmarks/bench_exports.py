"""Benchmark: export a 10,000-number migration plan in every format.

Run alone with `python -m benchmarks.bench_exports [--numbers N] [--quick]`. Builds the plan with
the real planner from a synthetic Twilio account (benchmarks.bench_planner.synthetic_inventory)
onto a Vonage target, stores it in a migration file, then times each export side by side in one
run: wall and CPU seconds and the output size. The PDF is printed by Qt (offscreen).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.bench_planner import TARGET_ACCOUNTS, synthetic_inventory
from benchmarks.support import print_table
from migrator.engine.migration_file import MigrationFile
from migrator.model.enums import Vendor
from migrator.model.inventory import Inventory
from migrator.services import exports, planning

FORMATS = ("json", "csv", "xlsx", "html", "pdf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--numbers", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="2,000 numbers")
    args = parser.parse_args(argv)
    count = 2_000 if args.quick else args.numbers
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "bench.migration"
        target = "vonage"
        meta = {
            "source": {"kind": "profile", "vendor": "twilio", "account_id": "ACsource"},
            "target": {"kind": "profile", "vendor": target, "account_id": TARGET_ACCOUNTS[target]},
        }
        with MigrationFile.create(path, meta) as file:
            file.save_snapshot("source", synthetic_inventory(count))
            file.save_snapshot(
                "target", Inventory(vendor=Vendor(target), account_id=TARGET_ACCOUNTS[target])
            )
        with MigrationFile.open(path) as file:
            started = time.perf_counter()
            _, _, plan = planning.build_plan(file)
            print(
                f"planned {count} numbers: {len(plan.actions)} actions in "
                f"{time.perf_counter() - started:.1f} s"
            )
            for fmt in FORMATS:
                out = folder / f"plan.{fmt}"
                wall, cpu = time.perf_counter(), time.process_time()
                exports.export_plan(file, fmt, out)
                rows.append(
                    [
                        fmt,
                        f"{time.perf_counter() - wall:.2f}",
                        f"{time.process_time() - cpu:.2f}",
                        f"{out.stat().st_size / 1e6:.1f}",
                    ]
                )
            out = folder / "rollback-log.csv"
            wall, cpu = time.perf_counter(), time.process_time()
            exports.export_journal(file, "csv", out)
            rows.append(
                [
                    "journal csv",
                    f"{time.perf_counter() - wall:.2f}",
                    f"{time.process_time() - cpu:.2f}",
                    f"{out.stat().st_size / 1e6:.2f}",
                ]
            )
    print_table(
        f"Exports of a {count:,}-number plan ({len(plan.actions):,} actions)",
        ["format", "wall s", "cpu s", "MB"],
        rows,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
