"""Mapping, assessment and plan of a migration file: build them, store them, read them back.

`build_plan` is the one call GUI and CLI make: it reads the latest snapshots, refreshes the
mapping (keeping the admin's decisions from the stored one), assesses it, plans it, and saves
the three documents in the migration file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import orjson

from migrator.engine.assessor import assess
from migrator.engine.mapper import build_mapping
from migrator.engine.migration_file import MigrationFile, now_iso
from migrator.engine.planner import build_plan as plan_from
from migrator.engine.sides import Side
from migrator.errors import UsageError
from migrator.gcpause import gc_paused
from migrator.model.assessment import ASSESSMENT_SCHEMA_VERSION, Assessment
from migrator.model.enums import Vendor
from migrator.model.inventory import Inventory
from migrator.model.jsontext import orjson_text
from migrator.model.mapping import MAPPING_SCHEMA_VERSION, Decisions, Mapping, Strategy
from migrator.model.plan import PLAN_SCHEMA_VERSION, Action, Plan
from migrator.rules.table import load_table

MAPPING_DOCUMENT = "mapping"
ASSESSMENT_DOCUMENT = "assessment"
PLAN_DOCUMENT = "plan"


def _source(file: MigrationFile) -> Inventory:
    inventory = file.latest_snapshot("source")
    if inventory is None:
        raise UsageError(
            f"{file.path.name} has no source inventory yet; run `migrator inventory --refresh`"
        )
    return inventory


def _target(file: MigrationFile) -> tuple[Inventory | None, str, str]:
    """The target snapshot (if read yet), its vendor and account id."""
    inventory = file.latest_snapshot("target")
    if inventory is not None:
        return inventory, inventory.vendor.value, inventory.account_id
    origin = file.meta().get("target")
    if isinstance(origin, dict) and origin.get("vendor"):
        return None, str(origin["vendor"]), str(origin.get("account_id", ""))
    raise UsageError(f"{file.path.name} does not say which account is the target")


def _fingerprints(file: MigrationFile) -> dict[str, str]:
    """The stored fingerprint of the latest snapshot of each role (latest_snapshot has just
    checked them against the content; computing one again walks the whole inventory)."""
    found: dict[str, str] = {}
    for role in ("source", "target"):
        rows = file.query(
            "SELECT fingerprint FROM snapshots WHERE role = ? ORDER BY id DESC LIMIT 1", (role,)
        )
        if rows:
            found[role] = str(rows[0]["fingerprint"])
    return found


def _strategy(numbers: str | None) -> Strategy | None:
    if numbers is None:
        return None
    try:
        return Strategy(numbers)
    except ValueError:
        choices = ", ".join(s.value for s in Strategy)
        raise UsageError(f"--numbers must be one of {choices} (got '{numbers}')") from None


def build_plan(file: MigrationFile, numbers: str | None = None) -> tuple[Mapping, Assessment, Plan]:
    """Map, assess and plan from the latest snapshots and save all three documents.

    `numbers` (port, replace, keep or release) sets the default strategy of every number in the
    stored decisions; bulk rules and per-number overrides still win over it.
    """
    with gc_paused():
        return _build(file, numbers)


def _build(file: MigrationFile, numbers: str | None) -> tuple[Mapping, Assessment, Plan]:
    source = _source(file)
    target, target_vendor, target_account = _target(file)
    if target_vendor == Vendor.FILE.value:
        raise UsageError("a migration's target must be a vendor account, not an import file")
    table = load_table()
    source_side = Side.of(source.vendor.value, source.account_id, table)
    target_side = Side.of(target_vendor, target_account, table)
    previous = load_mapping(file)
    decisions = previous.decisions if previous else Decisions()
    default = _strategy(numbers)
    if default is not None:
        decisions = Decisions(default, decisions.rules, decisions.overrides, decisions.urls)
    created_at = now_iso()
    fingerprints = _fingerprints(file)
    mapping = build_mapping(source, target_side, decisions, created_at, fingerprints["source"])
    assessment = assess(source, mapping, source_side, target_side, created_at)
    plan = plan_from(
        source,
        target,
        mapping,
        source_side,
        target_side,
        created_at,
        fingerprints.get("target", ""),
    )
    # the inventories are no longer needed (the plan's before-states keep what they use):
    # dropping them before the documents are encoded keeps the peak memory down
    del source, target
    save_mapping(file, mapping)
    file.save_document_text(
        ASSESSMENT_DOCUMENT, assessment_json(assessment), ASSESSMENT_SCHEMA_VERSION
    )
    save_plan(file, plan)
    return mapping, assessment, plan


def save_mapping(file: MigrationFile, mapping: Mapping) -> None:
    """Store a mapping (the GUI saves edited decisions this way, then re-plans)."""
    file.save_document_text(MAPPING_DOCUMENT, mapping_json(mapping), MAPPING_SCHEMA_VERSION)


def set_decisions(file: MigrationFile, decisions: Decisions) -> None:
    """Replace the admin's decisions in the stored mapping (takes effect at the next plan)."""
    mapping = load_mapping(file)
    if mapping is None:
        raise UsageError(f"{file.path.name} has no mapping yet; run `migrator plan` first")
    save_mapping(
        file,
        Mapping(
            mapping.source_vendor,
            mapping.source_account,
            mapping.target_vendor,
            mapping.target_account,
            mapping.source_fingerprint,
            decisions,
            mapping.numbers,
            mapping.applications,
            mapping.items,
            mapping.created_at,
        ),
    )


def load_mapping(file: MigrationFile) -> Mapping | None:
    data = file.load_document(MAPPING_DOCUMENT)
    return Mapping.from_dict(data) if data else None


def load_assessment(file: MigrationFile) -> Assessment | None:
    data = file.load_document(ASSESSMENT_DOCUMENT)
    return Assessment.from_dict(data) if data else None


def load_plan(file: MigrationFile) -> Plan | None:
    data = file.load_document(PLAN_DOCUMENT)
    return Plan.from_dict(data) if data else None


def _action_data(action: Action) -> dict[str, Any]:
    return {
        "id": action.id,
        "stage": action.stage.value,
        "kind": action.kind.value,
        "side": action.side.value,
        "item": action.item,
        "item_id": action.item_id,
        "params": action.params,
        "before": action.before,
        "idempotency_key": action.idempotency_key,
        "reversible": action.reversible,
        "depends_on": list(action.depends_on),
        "summary": action.summary,
    }


def _plan_data(plan: Plan, actions: Any) -> dict[str, Any]:
    return {
        "source_vendor": plan.source_vendor,
        "source_account": plan.source_account,
        "target_vendor": plan.target_vendor,
        "target_account": plan.target_account,
        "source_fingerprint": plan.source_fingerprint,
        "target_fingerprint": plan.target_fingerprint,
        "actions": actions,
        "created_at": plan.created_at,
        "options": plan.options,
        "schema_version": plan.schema_version,
    }


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan as plain data, exactly as Plan.to_dict() gives it, built without reflection
    (a 100,000-number plan has over 200,000 actions)."""
    return _plan_data(plan, [_action_data(a) for a in plan.actions])


def _encode_action(value: Any) -> Any:
    if isinstance(value, Action):
        return _action_data(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# --- documents as JSON text -------------------------------------------------------------------
# A 100,000-number migration's documents are encoded by orjson straight from the model objects
# (a dataclass's fields in definition order, enums as values), which is exactly what the
# models' to_dict() gives for Action, NumberMapping (with its TargetWebhook and NotCarried) and
# Finding; tests/services/test_planning_json.py holds them to it. The text is the one
# json.dumps(to_dict(), separators=(",", ":")) writes (see migrator.model.jsontext), but for a
# NaN or infinite float, which JSON from a vendor API cannot carry: orjson writes null.
# Data orjson refuses or may spell otherwise goes through the json module as before.


def _json(fast: Any, slow: Callable[[], Any], **options: Any) -> str:
    """`fast` encoded by orjson, or `slow()` by the json module when orjson refuses it."""
    text = orjson_text(fast, orjson.OPT_NON_STR_KEYS)
    if text is None:
        return json.dumps(slow(), separators=(",", ":"), **options)
    return text


def plan_json(plan: Plan) -> str:
    """plan_document(plan) as compact JSON."""
    return _json(
        _plan_data(plan, plan.actions),
        lambda: _plan_data(plan, plan.actions),
        default=_encode_action,
        check_circular=False,  # plans are trees; the check costs a dict entry per object
    )


def mapping_json(mapping: Mapping) -> str:
    """json.dumps(mapping.to_dict()) in compact form."""
    data = replace(mapping, numbers=()).to_dict()
    data["numbers"] = mapping.numbers
    return _json(data, mapping.to_dict)


def assessment_json(assessment: Assessment) -> str:
    """json.dumps(assessment.to_dict()) in compact form."""
    return _json(assessment.to_dict(), assessment.to_dict)


def save_plan(file: MigrationFile, plan: Plan) -> None:
    """Store the plan document (encoded without an intermediate copy of the plan as dicts)."""
    file.save_document_text(PLAN_DOCUMENT, plan_json(plan), PLAN_SCHEMA_VERSION)
