"""`migrator status FILE.migration [--json]`: what is done, pending, failed, rolled back."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from migrator.engine.migration_file import MigrationFile
from migrator.services import execution

NAME = "status"
HELP = "per stage and per action: done, pending, failed, rolled back (--json for all)"
SHOWN = 30


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    parser.add_argument("--json", action="store_true", help="one JSON document with every action")


def run(args: argparse.Namespace) -> int:
    with MigrationFile.open(args.file) as file:
        view = execution.status(file)
    if args.json:
        print(json.dumps(view))
        return 0
    source, target = view["source"], view["target"]
    print(
        f"{view['file']}: {source['vendor']} {source['account']} -> "
        f"{target['vendor']} {target['account']}"
    )
    for stage in view["stages"]:
        counts = ", ".join(f"{n} {s}" for s, n in stage["counts"].items())
        print(f"  {stage['stage']:13} {stage['status']:12} {counts}")
    widened = [
        a for a in view["actions"] if a["status"] == "done" and (a["outputs"] or {}).get("fallback")
    ]
    if widened:
        print(f"Bought elsewhere than planned ({len(widened)}):")
        for action in widened[:SHOWN]:
            print(f"  {action['id']}: {action['outputs']['fallback']}")
        if len(widened) > SHOWN:
            print(f"  ... and {len(widened) - SHOWN} more (--json)")
    open_actions = [a for a in view["actions"] if a["status"] not in ("done", "skipped")]
    started = any(a["attempts"] or a["status"] != "pending" for a in view["actions"])
    if started and open_actions:
        print(f"Not done ({len(open_actions)}):")
        for action in open_actions[:SHOWN]:
            note = f": {action['message']}" if action["message"] else ""
            print(f"  {action['status']:12} {action['id']}: {action['line']}{note}")
        if len(open_actions) > SHOWN:
            print(f"  ... and {len(open_actions) - SHOWN} more (--json)")
    if view["other_plans_in_effect"]:
        print(
            f"{view['other_plans_in_effect']} action(s) of an earlier plan are still in effect "
            "(migrator rollback undoes them)"
        )
    last = view["last_run"]
    if last:
        outcome = last["outcome"] or "not finished (still running, or interrupted: run it again)"
        print(f"Last run: {last['kind']} started {last['started_at']}, {outcome}")
    return 0
