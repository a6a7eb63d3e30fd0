"""`migrator inventory FILE.migration [--refresh] [--json]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from migrator.cli.progress_display import ProgressLine
from migrator.errors import MigratorError
from migrator.model.enums import HostedBy
from migrator.services.inventory_summary import (
    hosted_headline,
    hosted_label,
    redacted,
    summarize,
)
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
        print(
            f"{title}: " + ", ".join(f"{str(k).replace('_', ' ')} {v}" for k, v in counts.items())
        )


SHOWN = 20
"""Pieces of vendor-hosted logic listed (--json has them all)."""
EXAMPLES = 3
"""Numbers named where a count is given (--json has them all)."""


def _hosted_logic(summary: dict[str, Any]) -> None:
    """Each vendor-hosted URL once, with what it answers and for whom."""
    logic = summary["vendor_hosted_logic"]
    if not logic:
        return
    print(f"Vendor-hosted logic to rebuild: {hosted_headline(summary)}:")
    width = max(len(hosted_label(HostedBy(group["hosted_by"]))) for group in logic[:SHOWN])
    for group in logic[:SHOWN]:
        print(f"  {hosted_label(HostedBy(group['hosted_by'])):{width}}  {group['url']}")
        owners = ", ".join(
            f"{count} {_plural(kind.replace('_', ' '), count)}"
            for kind, count in group["owners"].items()
        )
        more = sum(group["owners"].values()) - len(group["examples"])
        examples = ", ".join(group["examples"]) + (f" and {more} more" if more > 0 else "")
        purposes = ", ".join(group["purposes"])
        print(f"  {'':{width}}  {purposes} for {owners}: {examples}")
    if len(logic) > SHOWN:
        print(f"  ... and {len(logic) - SHOWN} more (use --json)")


def _plural(noun: str, count: int) -> str:
    return noun if count == 1 else noun + "s"


def run(args: argparse.Namespace) -> int:
    with open_migration(args.file) as file:
        if args.refresh:
            kept = file.latest_snapshot(args.role)
            progress = ProgressLine()
            try:
                refresh_inventory(file, progress=progress)
            except MigratorError as exc:
                if kept is None:
                    raise
                raise MigratorError(
                    f"{exc}\nNothing was changed: {file.path.name} keeps the inventories "
                    f"it had ({args.role} read {kept.taken_at})."
                ) from exc
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
    _hosted_logic(summary)
    if summary["webhooks_with_credentials"]:
        count = summary["webhooks_with_credentials"]
        print(f"Webhooks with credentials in the URL (shown redacted): {count}")
    if unanswered := summary["numbers_without_webhook_e164"]:
        shown = ", ".join(unanswered[:EXAMPLES])
        more = f" and {len(unanswered) - EXAMPLES} more" if len(unanswered) > EXAMPLES else ""
        print(f"Numbers with no webhook at all: {len(unanswered)} ({shown}{more})")
    return 0
