"""`migrator rollback FILE.migration [--yes]`: undo what apply did, latest first.

Reports exactly what could not be undone and why (released numbers, deleted source apps,
completed ports, steps done by hand). Exit status 0 when everything was undone, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from migrator.cli.commands.apply import ask_yes, interactive, pause_on_ctrl_c
from migrator.cli.progress_display import ProgressLine
from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.progress import CancelToken
from migrator.services import execution

NAME = "rollback"
HELP = "undo the completed reversible actions in reverse order; report what cannot be undone"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    parser.add_argument("--yes", action="store_true", help="do not ask before rolling back")


def run(args: argparse.Namespace) -> int:
    with MigrationFile.open(args.file) as file:
        count = execution.in_effect_count(file)
        if not count:
            print("Nothing to roll back: no completed action is in effect.")
            return 0
        if not args.yes:
            if not interactive():
                raise UsageError("not a terminal: pass --yes to roll back without asking")
            if not ask_yes(f"Undo {count} completed action(s), latest first?"):
                print("Nothing was changed.", file=sys.stderr)
                return 1
        token = CancelToken()
        progress = ProgressLine()
        try:
            with pause_on_ctrl_c(token, f"rollback {args.file}"):
                report = execution.rollback(file, progress=progress, cancel=token)
        finally:
            progress.done()
    print(f"Undone: {len(report.undone)} action(s).")
    if report.not_undone:
        print(f"Not undone ({len(report.not_undone)}):")
        for item in report.not_undone:
            print(f"  {item.action_id}: {item.line}: {item.reason}")
    if report.stopped:
        print(f"Stopped: {report.stopped}")
    return 0 if report.complete else 1
