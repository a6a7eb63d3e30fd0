"""`migrator export FILE.migration --format json|csv|xlsx|html|pdf --out PATH`."""

from __future__ import annotations

import argparse
from pathlib import Path

from migrator.services.exports import PLAN_FORMATS, export_bundle, export_journal, export_plan
from migrator.services.migrations import open_migration

NAME = "export"
HELP = "export the plan for approval (json, csv, xlsx, html, pdf), the rollback log, or the bundle"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    parser.add_argument("--format", dest="fmt", choices=PLAN_FORMATS, default="json")
    parser.add_argument("--out", type=Path, required=True, metavar="PATH")
    parser.add_argument(
        "--what",
        choices=("plan", "journal", "bundle"),
        default="plan",
        help="plan (default), journal (the rollback log: json or csv), or bundle "
        "(translated call-flow documents: a folder, or a zip when PATH ends in .zip)",
    )


def run(args: argparse.Namespace) -> int:
    with open_migration(args.file) as file:
        if args.what == "journal":
            out = export_journal(file, args.fmt, args.out)
        elif args.what == "bundle":
            out = export_bundle(file, args.out)
        else:
            out = export_plan(file, args.fmt, args.out)
    print(f"Wrote {out}")
    return 0
