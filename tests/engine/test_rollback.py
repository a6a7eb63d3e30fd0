"""Rollback restores what existed before: numbers re-linked and an application changed in place
get back the settings the journal read right before each call (each vendor, over its SDK)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.engine.executor import ApplyOptions
from migrator.engine.journal import Journal, Status
from migrator.engine.migration_file import MigrationFile
from migrator.engine.operations import plain
from migrator.engine.rollback import Rollback
from migrator.model.inventory import Inventory
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage
from migrator.sandbox import Sandbox
from migrator.services import execution
from migrator.vendors.base import ApplicationSpec
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.registry import connect
from tests.engine.apply_script import FAST


def _changes_in_place(inventory: Inventory, numbers: int, current: ApplicationSpec) -> Plan:
    """Re-link some numbers to another application and re-point one application's answer URL."""
    apps = [a.id for a in inventory.applications if a.account_id == inventory.account_id]
    assert len(apps) >= 2, "the seeded account needs two applications"
    own = [n for n in inventory.numbers if n.account_id == inventory.account_id]
    actions = []
    for i, number in enumerate(sorted(own, key=lambda n: n.e164)[:numbers], 1):
        other = next(a for a in apps if a != number.voice_app_id)
        actions.append(
            Action(
                f"relink-{i}",
                Stage.CONFIGURE,
                ActionKind.CONFIGURE_NUMBER,
                Side.SOURCE,
                number.e164,
                number.id,
                {"e164": number.e164, "config": {"app_id": other}},
            )
        )
    app = inventory.application(apps[0])
    assert app is not None
    spec = plain(current)  # the whole configuration, with the answer URL moved
    spec["webhooks"]["voice_answer"] = {"url": "https://moved.example.com/answer", "method": "POST"}
    actions.append(
        Action(
            "repoint",
            Stage.PREPARE,
            ActionKind.UPDATE_APPLICATION,
            Side.SOURCE,
            app.name,
            app.id,
            {"app_id": app.id, "spec": spec},
        )
    )
    return Plan(
        inventory.vendor.value,
        inventory.account_id,
        inventory.vendor.value,
        "unused",
        inventory.fingerprint(),
        "",
        actions=tuple(actions),
    )


@pytest.mark.parametrize("vendor", ["twilio", "vonage", "plivo"])
def test_rollback_restores_changed_numbers_and_applications(
    sandbox: Sandbox, tmp_path: Path, vendor: str
) -> None:
    sandbox.seed({vendor: 12})
    source = connect(
        vendor, sandbox.credentials(vendor, "source"), Endpoint(sandbox.url, sandbox.ca_bundle)
    )
    before = source.discover()
    first_app = next(a for a in before.applications if a.account_id == before.account_id)
    plan = _changes_in_place(before, 4, source.read_application_spec(first_app.id))
    path = tmp_path / f"{vendor}.migration"
    with MigrationFile.create(path, {}) as file:
        file.save_snapshot("source", before)
        file.save_document("plan", plan.to_dict(), plan.schema_version)
        adapters = {Side.SOURCE: source, Side.TARGET: None}
        report = execution.apply(file, ApplyOptions(), adapters=adapters, retry=FAST).report
        assert report.ok, report.results
        changed = source.discover()
        assert changed.fingerprint() != before.fingerprint()
        journal = Journal(file)
        record = journal.record(plan.fingerprint(), "relink-1")
        number = before.number(plan.action("relink-1").params["e164"])
        assert number is not None
        assert record.before is not None and record.before["app_id"] == number.voice_app_id
        undo = Rollback(journal, adapters, retry=FAST).run(plan.fingerprint())
        assert undo.complete, undo.not_undone
        assert {r.status for r in journal.records(plan.fingerprint())} == {Status.ROLLED_BACK}
    after = source.discover()
    assert plain(after.canonical()) == plain(before.canonical())
    assert after.fingerprint() == before.fingerprint()
