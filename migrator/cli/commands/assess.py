"""`migrator assess`: what will not carry over, item by item, and the checklist.

Refreshes the mapping, assessment and plan like `migrator plan` (they always agree), then prints
the assessment: the score, every blocker with its fix, attention items grouped by rule, and the
checklist. URLs are redacted everywhere.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from migrator.cli import decisions
from migrator.cli.commands.plan import print_assessment, redact_data, redact_text
from migrator.engine.migration_file import MigrationFile
from migrator.model.assessment import Assessment, ItemAssessment, Verdict
from migrator.services.decision_changes import plan_with_changes

NAME = "assess"
HELP = "assess what will not carry over to the target: verdicts, fixes and a checklist"
SHOWN_PER_RULE = 5


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    decisions.add_options(parser)
    parser.add_argument("--all", action="store_true", help="list every item, not a few per rule")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def _by_rule(
    items: tuple[ItemAssessment, ...], verdict: Verdict
) -> dict[str, list[ItemAssessment]]:
    grouped: dict[str, list[ItemAssessment]] = defaultdict(list)
    for item in items:
        for finding in item.findings:
            if finding.verdict is verdict:
                grouped[finding.rule].append(item)
    return grouped


def print_details(assessment: Assessment, show_all: bool) -> None:
    for verdict in (Verdict.BLOCKER, Verdict.ATTENTION):
        grouped = _by_rule(assessment.items, verdict)
        if not grouped:
            continue
        print(f"\n{verdict.value.upper()}")
        for rule, items in sorted(grouped.items(), key=lambda i: -len(i[1])):
            first = next(f for f in items[0].findings if f.rule == rule)
            print(f"  {rule} ({len(items)}): {redact_text(first.fix)}")
            shown = items if show_all else items[:SHOWN_PER_RULE]
            for item in shown:
                reason = next(f.reason for f in item.findings if f.rule == rule)
                print(f"    {redact_text(item.label)}: {redact_text(reason)}")
            if len(items) > len(shown):
                print(f"    ... and {len(items) - len(shown)} more (--all lists them)")
    print("\nChecklist")
    for entry in assessment.checklist:
        mark = f"{entry.count:>6}" if entry.count else "     -"
        print(f"  {mark}  {entry.title}: {entry.how}")


def run(args: argparse.Namespace) -> int:
    changes = decisions.changes_from(args)  # before opening: a typo changes nothing
    with MigrationFile.open(args.file) as file:
        file.acquire_writer_lock()
        _, assessment, _ = plan_with_changes(file, changes, args.numbers)
    if args.json:
        print(json.dumps(redact_data(assessment.to_dict()), indent=1))
        return 0
    print_assessment(assessment)
    print_details(assessment, args.all)
    return 0
