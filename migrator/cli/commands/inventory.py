"""`migrator inventory FILE.migration [--refresh] [--json]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from migrator.cli.progress_display import ProgressLine
from migrator.services.inventory_summary import redacted, summarize
from migrator.services.migrations import inventory_of, open_migration, refresh_inventory

NAME = "inventory"
HELP = "show what the source account holds (counts, vendor-hosted webhooks); --json for all"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    parser.add_argument("--refresh", action="store_true", help="read the accounts again first")
    parser.add_argument("--role", choices=("source", "target"), default="source")
    parser.add_argument("--json", action="store_true", help="the full normalized inventory")


def _table(title: str, counts: dict[str, Any]) -> None:
    if counts:
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def run(args: argparse.Namespace) -> int:
    with open_migration(args.file) as file:
        if args.refresh:
            progress = ProgressLine()
            try:
                refresh_inventory(file, progress=progress)
            finally:
                progress.done()
        inventory = inventory_of(file, args.role)
    summary = summarize(inventory)
    if args.json:
        print(json.dumps({"summary": summary, "inventory": redacted(inventory)}))
        return 0
    name = inventory.account_name or inventory.account_id
    vendor, taken = inventory.vendor.value, inventory.taken_at
    print(f"{args.role.capitalize()}: {vendor} account {name} (read {taken})")
    _table("Items", summary["counts"])
    _table("Numbers by type", summary["numbers_by_type"])
    _table("Numbers by country", summary["numbers_by_country"])
    _table("Numbers by capability", summary["numbers_by_capability"])
    hosted = summary["vendor_hosted"]
    if hosted:
        print(f"Vendor-hosted webhooks that must be rebuilt ({len(hosted)}):")
        for row in hosted[:20]:
            print(f"  {row['hosted_by']:10} {row['owner']:40} {row['purpose']:15} {row['url']}")
        if len(hosted) > 20:
            print(f"  ... and {len(hosted) - 20} more (use --json)")
    if summary["webhooks_with_credentials"]:
        count = summary["webhooks_with_credentials"]
        print(f"Webhooks with credentials in the URL (shown redacted): {count}")
    if summary["numbers_without_webhook"]:
        print(f"Numbers with no webhook at all: {summary['numbers_without_webhook']}")
    return 0
