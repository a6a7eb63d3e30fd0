"""`migrator plan`: map, assess and plan a migration, then show the stages diff-style.

Every URL printed (in text or JSON) passes through redact_url, so passwords embedded in webhook
URLs never reach a terminal or a log.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from migrator.cli import decisions
from migrator.engine.migration_file import MigrationFile
from migrator.model.assessment import Assessment, Verdict
from migrator.model.mapping import Mapping
from migrator.model.plan import Plan, Stage
from migrator.model.urls import redact_url
from migrator.services.decision_changes import plan_with_changes
from migrator.services.number_groups import decided_by_counts
from migrator.services.planning import plan_document

NAME = "plan"
HELP = "map every item to the target, assess the risks and show the staged plan"
SHOWN_PER_STAGE = 20
_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>()]+")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    decisions.add_options(parser)
    parser.add_argument("--all", action="store_true", help="list every action, not the first few")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def redact_text(text: str) -> str:
    """The text with every URL in it redacted."""
    return _URL.sub(lambda m: redact_url(m.group(0)), text)


def redact_data(value: Any) -> Any:
    """JSON-like data with every URL-bearing string redacted."""
    if isinstance(value, str):
        return redact_text(value) if "://" in value else value
    if isinstance(value, dict):
        return {redact_data(k): redact_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_data(v) for v in value]
    return value


def assessment_summary(assessment: Assessment) -> dict[str, Any]:
    return {
        "score": assessment.summary.score,
        "status": assessment.summary.status,
        "items": assessment.summary.items,
        "counts": assessment.summary.counts,
        "rules": [
            {"rule": r.rule, "verdict": r.verdict.value, "count": r.count, "example": r.example}
            for r in assessment.summary.rules
        ],
        "checklist": [
            {"key": c.key, "title": c.title, "count": c.count, "how": c.how}
            for c in assessment.checklist
        ],
        "blockers": [
            {
                "kind": i.kind.value,
                "id": i.id,
                "label": i.label,
                "reasons": [f.reason for f in i.findings if f.verdict is Verdict.BLOCKER],
                "fixes": [f.fix for f in i.findings if f.verdict is Verdict.BLOCKER],
            }
            for i in assessment.with_verdict(Verdict.BLOCKER)
        ],
    }


def as_json(mapping: Mapping, assessment: Assessment, plan: Plan) -> dict[str, Any]:
    document = {
        "mapping": {
            "strategies": mapping.strategy_counts(),
            "decisions": mapping.decisions.to_dict(),
            "decided_by": decided_by_counts(mapping),
            "applications": len([a for a in mapping.applications if a.create]),
            "placeholders": mapping.placeholders(),
        },
        "assessment": assessment_summary(assessment),
        "counts": plan.counts(),
        "plan": plan_document(plan),
    }
    return redact_data(document)  # type: ignore[no-any-return]


def print_assessment(assessment: Assessment, rules: int = 12) -> None:
    summary = assessment.summary
    counts = summary.counts
    print(
        f"Assessment: {summary.score}/100, {summary.status} - {counts['blocker']} blocker(s), "
        f"{counts['attention']} need attention, {counts['ok']} ok ({summary.items} items)"
    )
    for rule in [r for r in summary.rules if r.verdict is not Verdict.OK][:rules]:
        print(
            f"  {rule.verdict.value:9} {rule.rule:32} x{rule.count:<6} {redact_text(rule.example)}"
        )
    needed = [c for c in assessment.checklist if c.count]
    if needed:
        print("Checklist:")
        for entry in needed:
            print(f"  [ ] {entry.title} ({entry.count})")


def print_plan(plan: Plan, show_all: bool) -> None:
    counts = plan.counts()
    print(
        f"Plan: {plan.source_vendor} {plan.source_account} -> "
        f"{plan.target_vendor} {plan.target_account} ({len(plan.actions)} actions)"
    )
    for stage in Stage:
        actions = plan.stage_actions(stage)
        kinds = ", ".join(f"{kind} {n}" for kind, n in counts.get(stage.value, {}).items())
        flag = "  (irreversible)" if stage.irreversible and actions else ""
        print(f"\n{stage.value:13} {len(actions):>7} action(s)  {kinds}{flag}")
        shown = actions if show_all else actions[:SHOWN_PER_STAGE]
        for action in shown:
            print(f"  {redact_text(action.line)}")
        if len(actions) > len(shown):
            print(f"  ... and {len(actions) - len(shown)} more (--all lists them)")
    skipped = plan.options.get("skipped") or []
    if skipped:
        print(f"\nNot planned: {len(skipped)} number(s)")
        for entry in skipped[: None if show_all else SHOWN_PER_STAGE]:
            print(f"  {entry['e164']}: {entry['reason']}")
    placeholders = int(plan.options.get("placeholders") or 0)
    if placeholders:
        print(
            f"\n{placeholders} vendor-hosted URL(s) still point at placeholders: rebuild them, "
            "enter their URLs in the mapping and plan again before applying."
        )


def run(args: argparse.Namespace) -> int:
    changes = decisions.changes_from(args)  # before opening: a typo changes nothing
    with MigrationFile.open(args.file) as file:
        file.acquire_writer_lock()
        mapping, assessment, plan = plan_with_changes(file, changes, args.numbers)
    if args.json:
        print(json.dumps(as_json(mapping, assessment, plan), indent=1))
        return 0
    strategies = ", ".join(f"{k} {v}" for k, v in mapping.strategy_counts().items())
    print(f"Numbers: {strategies or 'none'}")
    for line in decisions.decisions_lines(mapping):
        print(redact_text(line))
    print_assessment(assessment)
    print()
    print_plan(plan, args.all)
    return 0
