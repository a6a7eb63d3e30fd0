"""A British landline that texts, replaced on a target that sells GB landlines with voice only,
once the admin accepted the replacement without SMS: against the sandbox, the plan buys a
voice-only landline, configures its voice routing (and no SMS routing: no message reaches it)
and verifies it, and rolls back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from migrator.engine.migration_file import MigrationFile
from migrator.model.enums import Capability, OwnerKind, WebhookPurpose
from migrator.model.plan import ActionKind
from migrator.sandbox import Sandbox
from migrator.services import execution
from migrator.services.decision_changes import DecisionChanges, plan_with_changes
from migrator.services.migrations import Source, new_migration
from migrator.vendors.file_import import CSV_COLUMNS
from tests.e2e import journey


def _export(path: Path) -> tuple[Path, str]:
    """A departing vendor's export with one GB landline that has voice and SMS."""
    (landline,) = journey._valid_numbers("GB", "207946", 1)
    row = {
        "number": landline,
        "capabilities": "voice;sms",
        "voice_url": "https://eu.acme.example/answer",
        "sms_url": "https://eu.acme.example/sms",
    }
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    return path, landline


@pytest.mark.parametrize("target_vendor", ["vonage", "twilio", "plivo"])
def test_an_accepted_replacement_without_sms_is_bought_configured_and_rolled_back(
    sandbox: Sandbox, tmp_path: Path, target_vendor: str
) -> None:
    sandbox.seed({})
    export, landline = _export(tmp_path / "export.csv")
    target = journey.connect(sandbox, target_vendor, "target")
    target_api = journey.adapter(target)
    before = target_api.discover()
    path = tmp_path / "gb.migration"
    new_migration(path, Source(file=export), target.name)
    with MigrationFile.open(path) as file:
        _, _, plan = plan_with_changes(file, DecisionChanges(), "replace")
        assert [s["e164"] for s in plan.options["skipped"]] == [landline]
        accept = DecisionChanges(accept_missing={landline: frozenset({Capability.SMS})})
        _, assessment, plan = plan_with_changes(file, accept)
        assert assessment.item("number", landline).verdict == "attention"
        (buy,) = [a for a in plan.actions if a.kind is ActionKind.BUY_NUMBER]
        assert buy.params["accepted_missing"] == ["sms"]
        (configure,) = [a for a in plan.actions if a.kind is ActionKind.CONFIGURE_NUMBER]
        config = configure.params["config"]
        assert "sms_app_id" not in config
        assert set(config.get("webhooks", {})) <= {"voice_answer", "voice_fallback", "call_status"}
        (verify,) = [a for a in plan.actions if a.kind is ActionKind.VERIFY_NUMBER]
        assert verify.params["expect"] == config

        for stage in journey.REVERSIBLE_STAGES:
            report = journey.apply_stage(file, stage)
            assert report.ok, (stage.value, report.stopped, journey.failures(report))
        arrived = target_api.discover()
        (bought,) = [n for n in arrived.numbers if n.e164 not in {b.e164 for b in before.numbers}]
        assert bought.country == "GB" and bought.capabilities == {Capability.VOICE}
        answered = {hook.purpose for hook in arrived.effective_webhooks(bought)}
        assert WebhookPurpose.VOICE_ANSWER in answered
        if target_vendor == "twilio":  # URLs on the number itself: none for SMS
            own = arrived.webhooks_of(OwnerKind.NUMBER, bought.id)
            assert {hook.purpose for hook in own} == {WebhookPurpose.VOICE_ANSWER}

        undo = execution.rollback(file)
        assert not undo.stopped, undo.stopped
    assert target_api.discover().fingerprint() == before.fingerprint()
