"""`migrator new FILE.migration --from PROFILE|--from-file EXPORT --to PROFILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from migrator.cli.progress_display import ProgressLine
from migrator.services.migrations import Source, new_migration

NAME = "new"
HELP = "start a migration: read the source and target accounts into a new migration file"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="source_profile", metavar="PROFILE")
    source.add_argument("--from-file", type=Path, metavar="EXPORT", help="CSV or JSON export")
    parser.add_argument("--to", dest="target_profile", required=True, metavar="PROFILE")


def run(args: argparse.Namespace) -> int:
    progress = ProgressLine()
    try:
        path = new_migration(
            args.file,
            Source(profile=args.source_profile, file=args.from_file),
            args.target_profile,
            progress,
        )
    finally:
        progress.done()
    print(f"Created {path}. Next: migrator inventory {path}  /  migrator plan {path}")
    return 0
