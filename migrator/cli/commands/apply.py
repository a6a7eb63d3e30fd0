"""`migrator apply FILE.migration [--stage NAME] [--yes] [--dry-run]`: run the plan.

Progress goes to stderr, the summary to stdout. Ctrl+C pauses at the next safe point (a second
Ctrl+C stops at once; `apply` again resumes either way). Decommission is irreversible: it runs
only when the admin types the source account's id or name (or passes --confirm-account).
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from migrator.cli.progress_display import ProgressLine
from migrator.engine.executor import ApplyOptions, ApplyReport
from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.plan import Action, Plan, Stage
from migrator.progress import CancelToken
from migrator.services import execution

NAME = "apply"
HELP = "run the plan stage by stage (resumes after a crash; --dry-run shows the calls only)"
SHOWN = 25


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    parser.add_argument("--stage", choices=[s.value for s in Stage], help="run only this stage")
    parser.add_argument("--yes", action="store_true", help="do not ask before applying")
    parser.add_argument(
        "--dry-run", action="store_true", help="list every vendor call it would make; make none"
    )
    parser.add_argument(
        "--confirm-account",
        metavar="ACCOUNT",
        help="allow the irreversible decommission stage by naming the source account (scripts)",
    )


def interactive() -> bool:
    return sys.stdin.isatty()


def ask_yes(question: str) -> bool:
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


@contextmanager
def pause_on_ctrl_c(token: CancelToken, doing: str) -> Iterator[None]:
    """The first Ctrl+C asks the work to stop at its next safe point; the second one stops."""
    previous = signal.getsignal(signal.SIGINT)

    def pause(signum: int, frame: FrameType | None) -> None:
        print(
            f"\nstopping after the calls in flight; run `migrator {doing}` again to resume",
            file=sys.stderr,
        )
        token.cancel("paused by Ctrl+C")
        signal.signal(signal.SIGINT, signal.default_int_handler)

    signal.signal(signal.SIGINT, pause)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _plan_summary(plan: Plan, stage: Stage | None) -> str:
    lines = [
        f"Plan: {plan.source_vendor} {plan.source_account} -> "
        f"{plan.target_vendor} {plan.target_account}"
    ]
    for name, kinds in plan.counts().items():
        if stage is None or name == stage.value:
            lines.append(f"  {name:13} " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    return "\n".join(lines)


def _decommission_gate(file: MigrationFile, plan: Plan, args: argparse.Namespace) -> str | None:
    if args.confirm_account or (args.stage not in (None, Stage.DECOMMISSION.value)):
        return args.confirm_account  # type: ignore[no-any-return]
    pending = execution.pending_decommission(file)
    if not pending or not interactive():
        return None
    print(
        f"\nDecommission is IRREVERSIBLE: {pending} action(s) release numbers and delete "
        f"applications in the {plan.source_vendor} account {plan.source_account}.\n"
        "It runs only for items whose verification passed, never for a number in a port.",
        file=sys.stderr,
    )
    print(
        "Type the source account id or name to allow it (Enter: skip decommission): ",
        end="",
        file=sys.stderr,
        flush=True,
    )
    typed = sys.stdin.readline().strip()
    return typed or None


def _manual_prompt(args: argparse.Namespace) -> Callable[[Action], bool] | None:
    if args.yes or not interactive():
        return None  # steps done by hand are confirmed by a person, not by --yes

    def confirm(action: Action) -> bool:
        instructions = str(action.params.get("instructions", ""))
        print(f"\nBy hand: {action.summary or action.item}\n  {instructions}", file=sys.stderr)
        return ask_yes("Is it done?")

    return confirm


def print_report(report: ApplyReport) -> None:
    by_stage: dict[str, Counter[str]] = {}
    for result in report.results:
        by_stage.setdefault(result.stage, Counter())[result.status] += 1
    for result in report.reconciled:
        print(f"reconciled {result.action_id}: {result.status} ({result.message})")
    for stage, counts in by_stage.items():
        print(f"{stage:13} " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    for status, title in (("failed", "Failed"), ("pending", "Waiting")):
        chosen = [r for r in report.results if r.status == status]
        if chosen:
            print(f"{title} ({len(chosen)}):")
            for result in chosen[:SHOWN]:
                print(f"  {result.action_id}: {result.line}: {result.message}")
            if len(chosen) > SHOWN:
                print(f"  ... and {len(chosen) - SHOWN} more (migrator status FILE --json)")
    if report.stopped:
        print(f"Stopped: {report.stopped}")
    elif report.ok:
        print("Done: every selected stage ran." if report.stages else "Nothing to do.")


def run(args: argparse.Namespace) -> int:
    stage = Stage(args.stage) if args.stage else None
    with MigrationFile.open(args.file) as file:
        plan = execution.load_plan(file)
        if args.dry_run:
            outcome = execution.apply(file, ApplyOptions(stage=stage), dry_run=True)
            writes = sum(1 for c in outcome.calls if c.writes)
            print(f"Dry run: {len(outcome.calls)} vendor calls ({writes} changes); none made.")
            for call in outcome.calls:
                print(f"{call.seq:6} {call.action_id or '-':32} {call.line}")
            print_report(outcome.report)
            return 0
        print(_plan_summary(plan, stage), file=sys.stderr)
        if not args.yes:
            if not interactive():
                raise UsageError("not a terminal: pass --yes to apply without asking")
            if not ask_yes(f"Apply this plan to the {plan.target_vendor} account?"):
                print("Nothing was changed.", file=sys.stderr)
                return 1
        options = ApplyOptions(
            stage=stage,
            confirm_account=_decommission_gate(file, plan, args),
            confirm_manual=_manual_prompt(args),
        )
        token = CancelToken()
        progress = ProgressLine()
        try:
            with pause_on_ctrl_c(token, f"apply {args.file}"):
                outcome = execution.apply(file, options, progress=progress, cancel=token)
        finally:
            progress.done()
    print_report(outcome.report)
    return 0 if outcome.report.ok else 1
