"""Every source -> target pair of Twilio, Vonage and Plivo, migrated for real against the sandbox.

Each test seeds a small departing account and a target account that already holds an application
and two numbers of its own, stores profiles for both, reads them into a migration file, plans it
with every number replaced and applies every reversible stage (manual steps confirmed). Then it
reads the target again from scratch: every replaced number must have a bought replacement linked
to an application whose webhooks carry the source's URLs (or the placeholders that stand in for
logic the departing vendor hosted), and verify must be done. Then it rolls back, and fresh reads
of both accounts must equal the reads taken before apply. A file-imported source goes to each
target the same way, and one pair runs decommission through its gate.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from migrator.model.plan import ActionKind, Stage
from migrator.sandbox import Sandbox
from migrator.services import execution
from migrator.services.migrations import Source
from tests.e2e import journey

VENDORS = ("twilio", "vonage", "plivo")
PAIRS = list(itertools.permutations(VENDORS, 2))
NUMBERS = 25

KNOWN: dict[tuple[str, str], list[pytest.MarkDecorator]] = {}
"""Pairs with a known bug outside this suite's reach: xfail(strict=True) marks, so the suite
stays green and a pair flips to failing (XPASS) the day its bug is fixed."""


def _pair_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}-to-{pair[1]}"


def _pairs() -> list[object]:
    return [pytest.param(pair, id=_pair_id(pair), marks=KNOWN.get(pair, [])) for pair in PAIRS]


@pytest.mark.parametrize("pair", _pairs())
def test_pair_migrates_verifies_and_rolls_back(
    sandbox: Sandbox, tmp_path: Path, pair: tuple[str, str]
) -> None:
    source_vendor, target_vendor = pair
    sandbox.seed({source_vendor: NUMBERS})
    source = journey.connect(sandbox, source_vendor, "source")
    target = journey.connect(sandbox, target_vendor, "target")
    journey.furnish(journey.adapter(target))

    run = journey.Run.start(tmp_path, Source(profile=source.name), target, source)
    with run:
        run.apply_reversible_stages()
        run.check_carried_over()
        run.roll_back_everything()


@pytest.mark.parametrize("target_vendor", VENDORS)
def test_file_imported_source_migrates_and_rolls_back(
    sandbox: Sandbox, tmp_path: Path, target_vendor: str
) -> None:
    sandbox.seed({})
    export = journey.write_csv_export(tmp_path / "tropo-export.csv")
    target = journey.connect(sandbox, target_vendor, "target")
    journey.furnish(journey.adapter(target))

    run = journey.Run.start(tmp_path, Source(file=export), target)
    with run:
        plan = execution.load_plan(run.file)
        (release,) = plan.stage_actions(Stage.DECOMMISSION)
        assert release.kind is ActionKind.MANUAL  # a file has no API to release numbers with
        run.apply_reversible_stages()
        run.check_carried_over()
        run.roll_back_everything()


@pytest.mark.parametrize(
    "pair", [("twilio", "plivo"), ("vonage", "twilio"), ("plivo", "twilio")], ids=_pair_id
)
def test_decommission_passes_its_gate_and_releases_the_source_numbers(
    sandbox: Sandbox, tmp_path: Path, pair: tuple[str, str]
) -> None:
    """Subaccounts' numbers and applications included (each seeded source has some)."""
    sandbox.seed({pair[0]: NUMBERS})
    source = journey.connect(sandbox, pair[0], "source")
    target = journey.connect(sandbox, pair[1], "target")

    run = journey.Run.start(tmp_path, Source(profile=source.name), target, source)
    with run:
        run.apply_reversible_stages()
        plan = execution.load_plan(run.file)
        releases = {
            str(a.params["e164"])
            for a in plan.stage_actions(Stage.DECOMMISSION)
            if a.kind is ActionKind.RELEASE_NUMBER
        }
        deletions = {
            str(a.params["app_id"])
            for a in plan.stage_actions(Stage.DECOMMISSION)
            if a.kind is ActionKind.DELETE_APPLICATION
        }
        assert releases == set(run.moving) and deletions

        refused = journey.apply_stage(run.file, Stage.DECOMMISSION, "not-this-account")
        assert "confirmation naming the source account" in refused.stopped
        assert run.source_api is not None
        untouched = run.source_api.discover()
        assert untouched.fingerprint() == run.before["source"].fingerprint()

        done = journey.apply_stage(run.file, Stage.DECOMMISSION, source.account_id)
        assert done.ok, (done.stopped, journey.failures(done))
        assert journey.stage_states(run.file)["decommission"] == "done"
        after = run.source_api.discover()
        assert releases.isdisjoint(n.e164 for n in after.numbers)
        assert deletions.isdisjoint(a.id for a in after.applications)
        kept = {n.e164 for n in run.before["source"].numbers} - releases
        assert {n.e164 for n in after.numbers} == kept

        run.check_carried_over()  # every released number still has its replacement

        # Rolling back now must not strand the customer: replacements of released numbers
        # (and what routes them) stay, and the report says why.
        undo = execution.rollback(run.file)
        kept = [n for n in undo.not_undone if n.reason.startswith("kept:")]
        assert len({n.action_id for n in kept if n.action_id.startswith("buy_number:")}) == len(
            releases
        )
        run.check_carried_over()
