"""The plan as JSON: complete, versioned, validated by a published schema, and re-importable.

URLs are redacted in the export. Re-importing into the migration file it came from restores the
redacted values from that file's own snapshots, then checks the plan fingerprint recorded at
export time: a re-imported plan is applied exactly as exported, or not at all.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import orjson

from migrator.engine.migration_file import MigrationFile
from migrator.errors import MigratorError
from migrator.exports.collect import (
    EXPORT_FORMAT,
    EXPORT_SCHEMA_VERSION,
    ExportData,
    plan_fingerprint,
)
from migrator.exports.redaction import redact_data
from migrator.model.inventory import Inventory
from migrator.model.jsontext import spells_floats_alike
from migrator.model.plan import Plan
from migrator.model.urls import redact_url
from migrator.schemas import load as load_schema

SCHEMA_NAME = "plan-export.schema.json"


class PlanImportError(MigratorError):
    """An exported plan cannot be taken back into this migration."""


def document(data: ExportData) -> dict[str, Any]:
    if data.plan is None or data.plan_data is None:
        raise MigratorError("this migration has no plan yet; run `migrator plan` first")
    assessment = redact_data(data.assessment.to_dict()) if data.assessment else None
    return {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generated_at": data.generated_at,
        "migration": {"name": data.name, "source": data.source, "target": data.target},
        "plan_fingerprint": data.plan_fingerprint,
        "plan": data.plan_data,
        "assessment": assessment,
        "checklist": assessment["checklist"] if assessment else [],
        "statuses": data.statuses,
        "ports": [redact_data(p.to_dict()) for p in data.ports],
    }


def indented_json(doc: Any) -> bytes:
    """json.dumps(doc, indent=2, ensure_ascii=False) as UTF-8, encoded by orjson (the json
    module when orjson refuses the data or may spell a float otherwise; see model.jsontext)."""
    try:
        text = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
        if spells_floats_alike(text):
            return text
    except TypeError:  # orjson.JSONEncodeError is one
        pass
    return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")


def write(data: ExportData, out: Path) -> Path:
    """The document as built; the tests check that it keeps to the published schema (checking
    each export here took longer than building and writing it)."""
    out.write_bytes(indented_json(document(data)))
    return out


@functools.cache
def _checker() -> jsonschema_rs.Validator:
    """The schema compiled by jsonschema-rs: checks a 10,000-number plan in hundredths of a
    second, where jsonschema takes seconds. Offline: the schema refers only to itself."""
    return jsonschema_rs.validator_for(load_schema(SCHEMA_NAME), offline=True)


@functools.cache
def _validator() -> Any:
    """jsonschema's validator, checked and built once: it words what is wrong, its best_match
    picking the error that tells most."""
    schema = load_schema(SCHEMA_NAME)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def schema_problem(doc: Any) -> str | None:
    """Where and how `doc` breaks the plan-export schema, or None when it keeps to it."""
    try:
        if _checker().is_valid(doc):
            return None
    except ValueError:  # a value jsonschema-rs cannot take (NaN...): jsonschema decides
        pass
    error = jsonschema.exceptions.best_match(_validator().iter_errors(doc))
    if error is None:  # the two disagree (they should not): the fingerprint checks still hold
        return None
    where = "/".join(map(str, error.absolute_path)) or "document"
    return f"{where}: {error.message}"


def _originals(*inventories: Inventory | None) -> dict[str, str]:
    """redacted form -> original, for every URL-looking string in the snapshots."""
    found: dict[str, str] = {}

    def visit(value: Any) -> None:
        if isinstance(value, str) and "://" in value:
            found.setdefault(redact_url(value), value)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item)

    for inventory in inventories:
        if inventory is not None:
            visit(inventory.to_dict())
    return found


def _restore(value: Any, originals: dict[str, str]) -> Any:
    if isinstance(value, str):
        return originals.get(value, value)
    if isinstance(value, dict):
        return {k: _restore(v, originals) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore(v, originals) for v in value]
    return value


def import_plan(file: MigrationFile, path: Path) -> Plan:
    """Take an exported plan back into `file` after checking it is exactly the exported one."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlanImportError(f"{path.name} cannot be read as JSON ({exc})") from exc
    problem = schema_problem(doc)
    if problem is not None:
        raise PlanImportError(f"{path.name} is not a plan export ({problem})")
    if doc["schema_version"] > EXPORT_SCHEMA_VERSION:
        raise PlanImportError(f"{path.name} was exported by a newer migrator; upgrade to import it")
    source, target = file.latest_snapshot("source"), file.latest_snapshot("target")
    plan = Plan.from_dict(_restore(doc["plan"], _originals(source, target)))
    if source is None or plan.source_fingerprint != source.fingerprint():
        raise PlanImportError(
            "the source account changed since this plan was exported; refresh and plan again"
        )
    if target is None or plan.target_fingerprint != target.fingerprint():
        raise PlanImportError(
            "the target account changed since this plan was exported; refresh and plan again"
        )
    if plan_fingerprint(plan) != doc["plan_fingerprint"]:
        raise PlanImportError(
            f"{path.name} was changed after export (its fingerprint does not match); "
            "export the plan again"
        )
    file.save_document("plan", plan.to_dict(), plan.schema_version)
    return plan
