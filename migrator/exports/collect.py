"""Everything an export shows, gathered once from the migration file and redacted."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from migrator.engine.migration_file import MigrationFile
from migrator.exports.redaction import redact_data
from migrator.model.assessment import Assessment
from migrator.model.plan import Plan
from migrator.model.porting import PortRequest

EXPORT_SCHEMA_VERSION = 1
EXPORT_FORMAT = "migrator-plan"


@dataclass(frozen=True)
class ExportData:
    name: str
    generated_at: str
    source: dict[str, Any]
    target: dict[str, Any]
    plan: Plan | None
    plan_data: dict[str, Any] | None
    """The plan as redacted plain data (what every format shows)."""
    assessment: Assessment | None
    statuses: dict[str, str] = field(default_factory=dict)
    """Action id -> journal status (done, failed, rolled_back...), when the plan has run."""
    journal: list[dict[str, Any]] = field(default_factory=list)
    ports: list[PortRequest] = field(default_factory=list)

    def status_of(self, action_id: str) -> str:
        return self.statuses.get(action_id, "pending")


StatusLoader = Callable[[MigrationFile], dict[str, str]]
JournalLoader = Callable[[MigrationFile], list[dict[str, Any]]]
PortsLoader = Callable[[MigrationFile], list[PortRequest]]


def _public_origin(meta: dict[str, Any], role: str) -> dict[str, Any]:
    origin = meta.get(role) or {}
    keep = ("kind", "profile", "vendor", "account_id", "account_name")
    found: dict[str, Any] = redact_data({k: origin[k] for k in keep if k in origin})
    return found


def _optional_loaders() -> tuple[StatusLoader | None, JournalLoader | None, PortsLoader | None]:
    """The journal and port services, when this build has them."""
    statuses = journal = ports = None
    try:
        execution = importlib.import_module("migrator.services.execution")
        statuses = getattr(execution, "action_statuses", None)
        journal = getattr(execution, "journal_rows", None)
    except ImportError:
        pass
    try:
        port_service = importlib.import_module("migrator.services.ports")
        ports = getattr(port_service, "list_requests", None)
    except ImportError:
        pass
    return statuses, journal, ports


def collect(file: MigrationFile) -> ExportData:
    meta = file.meta()
    plan_doc = file.load_document("plan")
    plan = Plan.from_dict(plan_doc) if plan_doc else None
    assessment_doc = file.load_document("assessment")
    assessment = Assessment.from_dict(assessment_doc) if assessment_doc else None
    load_statuses, load_journal, load_ports = _optional_loaders()
    return ExportData(
        name=file.path.stem,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        source=_public_origin(meta, "source"),
        target=_public_origin(meta, "target"),
        plan=plan,
        plan_data=redact_data(plan.to_dict()) if plan else None,
        assessment=assessment,
        statuses=load_statuses(file) if load_statuses else {},
        journal=redact_data(load_journal(file)) if load_journal else [],
        ports=load_ports(file) if load_ports else [],
    )
