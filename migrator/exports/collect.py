"""Everything an export shows, gathered once from the migration file and redacted.

What only some formats show is worked out when first asked for: the plan as redacted data and
its fingerprint (JSON, CSV, XLSX; the HTML and PDF report reads the Plan itself), and the
rollback log (XLSX and the journal exports), so no format pays for another's parts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

import orjson

from migrator.engine.journal import Journal, Status, plan_key
from migrator.engine.migration_file import MigrationFile
from migrator.exports.redaction import redact_data
from migrator.model.assessment import Assessment
from migrator.model.jsontext import ascii_bytes
from migrator.model.plan import Plan
from migrator.model.porting import PortRequest
from migrator.model.serialize import canonical_data
from migrator.services.port_store import PortStore

EXPORT_SCHEMA_VERSION = 1
EXPORT_FORMAT = "migrator-plan"


@dataclass(frozen=True)
class ExportData:
    name: str
    generated_at: str
    source: dict[str, Any]
    target: dict[str, Any]
    plan: Plan | None
    assessment: Assessment | None
    statuses: dict[str, str] = field(default_factory=dict)
    """Action id -> journal status (done, failed, rolled_back...), when the plan has run."""
    journal: list[dict[str, Any]] = field(default_factory=list)
    """The rollback log, redacted (empty unless collected with_journal)."""
    ports: list[PortRequest] = field(default_factory=list)

    def status_of(self, action_id: str) -> str:
        return self.statuses.get(action_id, "pending")

    @cached_property
    def plan_data(self) -> dict[str, Any] | None:
        """The plan as redacted plain data (what JSON, CSV and XLSX show)."""
        if self.plan is None:
            return None
        data: dict[str, Any] = redact_data(self.plan.to_dict())
        return data

    @cached_property
    def plan_fingerprint(self) -> str | None:
        return plan_fingerprint(self.plan) if self.plan else None


def plan_fingerprint(plan: Plan) -> str:
    """plan.fingerprint(), with the text it hashes encoded by orjson: a fraction of the time,
    the same text (floats spelled as json.dumps spells them; see Inventory.canonical_json)."""
    try:
        data = canonical_data(plan)
        data.pop("created_at", None)
        text = ascii_bytes(orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
    except TypeError:  # orjson.JSONEncodeError is one; so is a sort over a Fragment
        return plan.fingerprint()
    return hashlib.sha256(text).hexdigest()


def _public_origin(meta: dict[str, Any], role: str) -> dict[str, Any]:
    origin = meta.get(role) or {}
    keep = ("kind", "profile", "vendor", "account_id", "account_name")
    found: dict[str, Any] = redact_data({k: origin[k] for k in keep if k in origin})
    return found


def _statuses(journal: Journal | None, plan: Plan | None) -> dict[str, str]:
    """Action id -> journal status of the plan (pending when never run), as
    services.execution.action_statuses gives it, without reading the plan a second time."""
    if plan is None:
        return {}
    found: dict[str, str] = {}
    if journal is not None:
        found = {r.action_id: r.status.value for r in journal.records(plan_key(plan))}
    pending = Status.PENDING.value
    return {a.id: found.get(a.id, pending) for a in plan.actions}


def collect(
    file: MigrationFile, *, with_plan: bool = True, with_journal: bool = True
) -> ExportData:
    """Leave out the plan and assessment, or the rollback log, for formats that do not show
    them (the rollback log's exports, the plan's exports but XLSX)."""
    meta = file.meta()
    plan = assessment = None
    if with_plan:
        plan_doc = file.load_document("plan")
        plan = Plan.from_dict(plan_doc) if plan_doc else None
        assessment_doc = file.load_document("assessment")
        assessment = Assessment.from_dict(assessment_doc) if assessment_doc else None
    journal = Journal.existing(file)
    return ExportData(
        name=file.path.stem,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        source=_public_origin(meta, "source"),
        target=_public_origin(meta, "target"),
        plan=plan,
        assessment=assessment,
        statuses=_statuses(journal, plan),
        journal=redact_data(journal.entries()) if journal and with_journal else [],
        ports=PortStore.existing_requests(file) if with_plan else [],
    )
