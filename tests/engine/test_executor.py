"""The executor against recording adapters: order, $refs, gates, drift, faults, resume, cancel.

The recorders simulate both accounts in memory (see migrator.engine.recorder); the reliability
suite runs the same executor through the official SDKs against the sandbox.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from migrator.engine.executor import ApplyOptions, DriftDetected, Executor
from migrator.engine.journal import Event, Journal, JournalError, Status, plan_key
from migrator.engine.limiter import RetryPolicy
from migrator.engine.migration_file import MigrationFile
from migrator.engine.recorder import CallLog, RecordedCall, RecordingAdapter, recorder_for
from migrator.engine.rollback import Rollback
from migrator.model.enums import Vendor
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage
from migrator.progress import CancelToken
from migrator.vendors.errors import BusinessRule, RateLimited, Transient
from tests.engine.plans import replacement_plan, small_inventory

FAST = RetryPolicy(attempts=6, base=0.0, cap=0.0)


@dataclass
class Rig:
    plan: Plan
    journal: Journal
    log: CallLog
    source: RecordingAdapter
    target: RecordingAdapter

    def executor(self, **kw: object) -> Executor:
        options = {
            "snapshots": {Side.SOURCE: self.source.inventory, Side.TARGET: self.target.inventory},
            "account_names": {Side.SOURCE: {"Departing"}},
            "retry": FAST,
            "seed": 1,
        }
        options.update(kw)
        return Executor(
            self.plan,
            self.journal,
            {Side.SOURCE: self.source, Side.TARGET: self.target},
            **options,  # type: ignore[arg-type]
        )

    def apply(self, **kw: object) -> object:
        confirm = kw.pop("confirm", self.plan.source_account)
        stage = kw.pop("stage", None)
        return self.executor(**kw).apply(
            ApplyOptions(stage=stage, confirm_account=confirm)  # type: ignore[arg-type]
        )

    def statuses(self) -> dict[str, Status]:
        return {r.action_id: r.status for r in self.journal.records(self.plan.fingerprint())}

    def writes(self, method: str) -> list[RecordedCall]:
        return [c for c in self.log.calls if c.method == method]


@pytest.fixture
def rig(tmp_path: Path) -> Rig:
    source_inv = small_inventory(Vendor.TWILIO, "ACsource", 6)
    target_inv = small_inventory(Vendor.PLIVO, "MAtarget", 0, apps=0)
    plan = replacement_plan(source_inv, target_inv, 4)
    log = CallLog()
    file = MigrationFile.create(tmp_path / "m.migration", {})
    return Rig(
        plan,
        Journal(file),
        log,
        recorder_for(source_inv, log, "source"),
        recorder_for(target_inv, log, "target"),
    )


def test_full_apply_runs_every_stage_in_order_with_refs_resolved(rig: Rig) -> None:
    report = rig.apply(workers=3)
    assert report.ok, report.stopped  # type: ignore[attr-defined]
    assert set(rig.statuses().values()) == {Status.DONE}
    stages = [c.action_id.split("-")[0] for c in rig.log.writes() if c.action_id]
    first = {kind: stages.index(kind) for kind in ("app", "buy", "configure", "release")}
    assert first["app"] < first["buy"] < first["configure"] < first["release"]
    created = {c.args["spec"]["name"]: c for c in rig.writes("create_application")}
    assert len(created) == 2 and len(rig.writes("buy_number")) == 4
    app_ids = {a.id for a in rig.target._apps.values()}
    for call in rig.writes("configure_number"):
        assert call.args["config"]["app_id"] in app_ids  # the $ref became the created app's id
        assert call.args["e164"] in rig.target._numbers
    assert len(rig.source._numbers) == 2  # four released, two untouched
    before = rig.journal.record(rig.plan.fingerprint(), "configure-1").before
    assert before == {"app_id": None, "sms_app_id": None, "webhooks": {}, "vendor_fields": {}}


def test_decommission_needs_the_account_named(rig: Rig) -> None:
    report = rig.apply(confirm="ACsourc")  # a typo is not a confirmation
    assert "confirmation naming the source account" in report.stopped  # type: ignore[attr-defined]
    assert not rig.writes("release_number")
    statuses = rig.statuses()
    assert {statuses[f"release-{i}"] for i in range(1, 5)} == {Status.PENDING}
    assert statuses["verify-1"] is Status.DONE
    report = rig.apply(confirm="Departing", stage=Stage.DECOMMISSION)  # the name works too
    assert report.ok and len(rig.writes("release_number")) == 4  # type: ignore[attr-defined]


def test_failed_verification_keeps_its_number_from_decommission(rig: Rig) -> None:
    rig.apply(stage=Stage.PREPARE)
    rig.apply(stage=Stage.ACQUIRE)
    rig.apply(stage=Stage.CONFIGURE)
    wrong = rig.journal.record(rig.plan.fingerprint(), "buy-2").outputs["e164"]
    rig.target.configure_number(wrong, replace(rig.target._configs[wrong], app_id="someone-else"))
    report = rig.apply(stage=Stage.VERIFY)
    failed = [r for r in report.results if r.status == "failed"]  # type: ignore[attr-defined]
    assert [r.action_id for r in failed] == ["verify-2"]
    assert "app_id" in failed[0].message and "someone-else" in failed[0].message
    report = rig.apply(stage=Stage.DECOMMISSION)
    released = {c.args["e164"] for c in rig.writes("release_number")}
    assert len(released) == 3
    assert rig.plan.action("release-2").params["e164"] not in released
    waiting = rig.journal.record(rig.plan.fingerprint(), "release-2")
    assert waiting.status is Status.PENDING and "verify-2 (failed)" in waiting.message


def test_drift_stops_the_run_before_any_write_and_lists_the_change(rig: Rig) -> None:
    gone = sorted(rig.source._numbers)[-1]  # someone released a number the plan does not touch
    rig.source.release_number(gone)
    rig.log.calls.clear()
    with pytest.raises(DriftDetected) as caught:
        rig.apply()
    text = str(caught.value)
    assert f"- number {gone} removed" in text and "re-plan" in text
    assert not rig.log.writes()
    assert set(rig.statuses().values()) == {Status.PENDING}
    assert rig.journal.runs()[-1]["outcome"] == "drift"


def test_own_changes_are_not_drift_on_the_next_run(rig: Rig) -> None:
    rig.apply(stage=Stage.ACQUIRE)  # needs the apps: stays pending, but nothing fails
    rig.apply(stage=Stage.PREPARE)
    rig.apply(stage=Stage.ACQUIRE)
    report = rig.apply()  # both accounts now differ from the snapshots, by our own hand
    assert report.ok  # type: ignore[attr-defined]


def test_an_unanswered_purchase_is_reconciled_not_repeated(rig: Rig) -> None:
    lost = {"left": 2}

    def lose_answers(call: RecordedCall, phase: str) -> None:
        if call.method == "buy_number" and phase == "after" and lost["left"]:
            lost["left"] -= 1
            raise Transient("connection reset", vendor="plivo")

    rig.target.on_call = lose_answers
    assert rig.apply(workers=2).ok  # type: ignore[attr-defined]
    bought = Counter(c.args["e164"] for c in rig.writes("buy_number"))
    assert len(bought) == 4 and set(bought.values()) == {1}  # never bought twice
    assert len(rig.target._numbers) == 4


def test_a_crash_between_intent_and_outcome_is_settled_with_the_vendor(rig: Rig) -> None:
    key = rig.journal.bind(rig.plan)
    spec = rig.plan.action("app-1").params["spec"]
    call = {"method": "create_application", "spec": {**spec, "marker": "mig-t-app-1"}}
    rig.journal.intent(key, "app-1", call, None)
    from migrator.engine.operations import spec_from

    rig.target.create_application(spec_from(call["spec"]))  # the vendor did it; then the crash
    report = rig.apply()
    assert report.ok  # type: ignore[attr-defined]
    assert len(rig.writes("create_application")) == 2  # app-1 once (before the crash), app-2 once
    events = [e["event"] for e in rig.journal.entries(key) if e["action_id"] == "app-1"]
    assert events == [Event.INTENT, Event.RECONCILED]
    assert report.reconciled[0].status == "done"  # type: ignore[attr-defined]


def test_business_errors_fail_the_action_with_the_vendors_words(rig: Rig) -> None:
    def refuse(call: RecordedCall, phase: str) -> None:
        if call.method == "buy_number" and call.action_id == "buy-3" and phase == "before":
            raise BusinessRule(
                "x", vendor="plivo", status=400, vendor_message="number not available"
            )

    rig.target.on_call = refuse
    report = rig.apply()
    assert "acquire failed" in report.stopped  # type: ignore[attr-defined]
    record = rig.journal.record(rig.plan.fingerprint(), "buy-3")
    assert record.status is Status.FAILED and "number not available" in record.message
    assert record.attempts == 1  # not retried
    assert not rig.writes("configure_number")  # the run stopped at the failed stage
    rig.target.on_call = None
    assert rig.apply().ok  # type: ignore[attr-defined]  # a later run retries it


def test_rate_limits_are_waited_out(rig: Rig) -> None:
    limited = {"left": 3}

    def limit(call: RecordedCall, phase: str) -> None:
        if phase == "before" and call.method == "create_application" and limited["left"]:
            limited["left"] -= 1
            raise RateLimited("slow down", vendor="plivo", status=429, retry_after=0.01)

    rig.target.on_call = limit
    assert rig.apply().ok  # type: ignore[attr-defined]
    assert len(rig.target._apps) == 2


def test_cancel_stops_between_actions_and_a_rerun_finishes(rig: Rig) -> None:
    token = CancelToken()

    def progress(done: int, total: int | None, message: str) -> None:
        if done >= 3:
            token.cancel("paused")

    report = rig.apply(progress=progress, cancel=token, workers=1)
    assert "paused" in report.stopped  # type: ignore[attr-defined]
    statuses = Counter(rig.statuses().values())
    assert statuses[Status.DONE] == 3 and Status.RUNNING not in statuses
    assert rig.journal.runs()[-1]["outcome"] == "cancelled"
    assert rig.apply().ok  # type: ignore[attr-defined]
    assert len(rig.writes("create_application")) == 2 and len(rig.writes("buy_number")) == 4


def test_manual_steps_wait_for_a_confirmation(tmp_path: Path) -> None:
    source = small_inventory(Vendor.TWILIO, "AC1", 1)
    target = small_inventory(Vendor.VONAGE, "k1", 0, apps=0)
    manual = Action("rebuild", Stage.PREPARE, ActionKind.MANUAL, Side.TARGET, "rebuild bin", "b1")
    plan = replace(replacement_plan(source, target, 1, decommission=False))
    plan = replace(plan, actions=(manual, *plan.actions))
    journal = Journal(MigrationFile.create(tmp_path / "m.migration", {}))
    log = CallLog()
    adapters = {
        Side.SOURCE: recorder_for(source, log, "source"),
        Side.TARGET: recorder_for(target, log, "target"),
    }
    executor = Executor(plan, journal, adapters, retry=FAST)
    report = executor.apply(ApplyOptions(stage=Stage.PREPARE))
    assert journal.record(plan.fingerprint(), "rebuild").status is Status.PENDING
    assert "by hand" in next(r.message for r in report.results if r.action_id == "rebuild")
    asked: list[str] = []
    options = ApplyOptions(stage=Stage.PREPARE, confirm_manual=lambda a: asked.append(a.id) or True)
    Executor(plan, journal, adapters, retry=FAST).apply(options)
    assert asked == ["rebuild"]
    assert journal.record(plan.fingerprint(), "rebuild").status is Status.DONE


def test_a_number_in_a_port_is_never_released(rig: Rig) -> None:
    e164 = rig.plan.action("release-1").params["e164"]
    port = Action(
        "port-1",
        Stage.ACQUIRE,
        ActionKind.SUBMIT_PORT,
        Side.TARGET,
        e164,
        "p1",
        {"numbers": [e164]},
    )
    rig.plan = replace(rig.plan, actions=(*rig.plan.actions, port))
    rig.apply()
    released = {c.args["e164"] for c in rig.writes("release_number")}
    assert e164 not in released and len(released) == 3
    record = rig.journal.record(rig.plan.fingerprint(), "release-1")
    assert record.status is Status.PENDING and "in a port" in record.message
    assert "migrator ports" in rig.journal.record(rig.plan.fingerprint(), "port-1").message


def test_rollback_returns_both_accounts_to_their_snapshots(rig: Rig) -> None:
    source_before = rig.source.discover().fingerprint()
    target_before = rig.target.discover().fingerprint()
    rig.apply(confirm=None)  # everything but decommission
    assert rig.target.discover().fingerprint() != target_before
    report = Rollback(
        rig.journal, {Side.SOURCE: rig.source, Side.TARGET: rig.target}, retry=FAST
    ).run()
    assert report.complete, report.not_undone
    assert rig.target.discover().fingerprint() == target_before
    assert rig.source.discover().fingerprint() == source_before
    statuses = rig.statuses()
    assert {statuses[a.id] for a in rig.plan.actions if a.stage is not Stage.DECOMMISSION} == {
        Status.ROLLED_BACK
    }
    # and it can be applied again from scratch
    assert rig.apply(confirm=None).stopped.startswith("decommission")  # type: ignore[attr-defined]
    assert len(rig.target._numbers) == 4


def test_rollback_lists_what_cannot_be_undone(rig: Rig) -> None:
    rig.apply()
    report = Rollback(
        rig.journal, {Side.SOURCE: rig.source, Side.TARGET: rig.target}, retry=FAST
    ).run()
    assert not report.complete
    assert sorted(n.action_id for n in report.not_undone) == [f"release-{i}" for i in range(1, 5)]
    assert all("released number" in n.reason for n in report.not_undone)
    assert len(rig.target._numbers) == 0 and len(rig.target._apps) == 0
    assert Counter(rig.statuses().values())[Status.DONE] == 4


def test_another_plans_changes_must_be_rolled_back_first(rig: Rig) -> None:
    rig.apply(stage=Stage.PREPARE)
    other = replace(rig.plan, created_at="x", options={"numbers": "replace"})
    with pytest.raises(JournalError, match="roll them back"):
        Executor(other, rig.journal, {}).apply()


def _with_app_deletions(plan: Plan) -> Plan:
    deletions = tuple(
        Action(
            f"delete-{app_id}",
            Stage.DECOMMISSION,
            ActionKind.DELETE_APPLICATION,
            Side.SOURCE,
            f"application {app_id}",
            app_id,
            {"app_id": app_id},
            reversible=False,
        )
        for app_id in ("AP1", "AP2")
    )
    return replace(plan, actions=(*plan.actions, *deletions))


def test_a_source_application_goes_only_after_every_number_it_answers(rig: Rig) -> None:
    rig.plan = _with_app_deletions(rig.plan)  # 4 of the 6 numbers leave; AP1 and AP2 keep one
    assert rig.apply().stopped == ""  # type: ignore[attr-defined]
    assert not rig.writes("delete_application")
    record = rig.journal.record(rig.plan.fingerprint(), "delete-AP1")
    assert record.status is Status.PENDING
    assert "still answers +14155550004" in record.message


def test_application_deletions_wait_for_the_releases_of_their_numbers(tmp_path: Path) -> None:
    source = small_inventory(Vendor.TWILIO, "ACsource", 6)
    target = small_inventory(Vendor.PLIVO, "MAtarget", 0, apps=0)
    plan = _with_app_deletions(replacement_plan(source, target, 6))
    log = CallLog()
    adapters = {
        Side.SOURCE: recorder_for(source, log, "source"),
        Side.TARGET: recorder_for(target, log, "target"),
    }
    report = Executor(
        plan,
        Journal(MigrationFile.create(tmp_path / "m.migration", {})),
        adapters,
        retry=FAST,
        workers=8,
    ).apply(ApplyOptions(confirm_account="ACsource"))
    assert report.ok, report.stopped
    order = [(c.method, c.args.get("app_id") or c.args.get("e164")) for c in log.writes()]
    for app_id, users in (("AP1", (0, 2, 4)), ("AP2", (1, 3, 5))):
        deleted = order.index(("delete_application", app_id))
        for i in users:
            assert order.index(("release_number", f"+141555500{i:02d}")) < deleted


def test_a_ported_number_is_configured_once_it_has_arrived(tmp_path: Path) -> None:
    source = small_inventory(Vendor.TWILIO, "ACsource", 1)
    target = small_inventory(Vendor.VONAGE, "k1", 0, apps=1)
    e164 = source.numbers[0].e164
    port = Action(
        "port",
        Stage.ACQUIRE,
        ActionKind.MANUAL,
        Side.TARGET,
        "port by ticket",
        "t",
        {"task": "port", "numbers": [e164], "instructions": "file the ticket"},
    )
    configure = Action(
        "configure",
        Stage.CONFIGURE,
        ActionKind.CONFIGURE_NUMBER,
        Side.TARGET,
        e164,
        "n",
        {"e164": e164, "config": {"app_id": "AP1"}},
        depends_on=("port",),
    )
    plan = Plan("twilio", "ACsource", "vonage", "k1", "", "", actions=(port, configure))
    log = CallLog()
    adapters = {
        Side.SOURCE: recorder_for(source, log, "source"),
        Side.TARGET: recorder_for(target, log, "target"),
    }
    journal = Journal(MigrationFile.create(tmp_path / "m.migration", {}))
    options = ApplyOptions(confirm_manual=lambda action: True)
    report = Executor(plan, journal, adapters, retry=FAST).apply(options)
    waiting = next(r for r in report.results if r.action_id == "configure")
    assert waiting.status == "pending" and "arrive in the target account" in waiting.message
    assert not log.writes()
    adapters[Side.TARGET].buy_number(e164)  # the port completed: the number is there now
    report = Executor(plan, journal, adapters, retry=FAST).apply(options)
    assert report.ok and journal.record(plan_key(plan), "configure").status is Status.DONE
