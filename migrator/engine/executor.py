"""Runs a plan against the two accounts, stage by stage, journaling every step.

One run: bind the plan to the journal, reconcile actions a crash left with an intent and no
outcome (ask the vendor whether they happened), re-read both accounts and stop if either
changed behind the plan's back (drift), then run the stages in order. Within a stage, actions
that do not depend on each other run concurrently, each account within its own limit (its
adapter's Throttle); 429s and transient faults are retried with jittered back-off, idempotent
calls directly, non-idempotent ones (create app, buy number) only after asking the vendor whether
the first try happened. Vendor business errors fail the action with the vendor's message.
A stage with failures stops the run there. Decommission is irreversible: it runs only with a
confirmation naming the source account, only for items whose verification passed, and never for
a number in a port. Pause and cancel are cooperative: checked between actions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from migrator.engine import operations
from migrator.engine.drift import DriftReport, compare, numbers_in, touched_items
from migrator.engine.journal import (
    ActionRecord,
    Event,
    Journal,
    JournalError,
    Status,
    plan_key,
)
from migrator.engine.limiter import DEFAULT_RETRY, Invoker, RetryPolicy
from migrator.engine.operations import (
    NON_IDEMPOTENT,
    WRITES,
    VerificationFailed,
    prepare,
)
from migrator.engine.reconcile import settle_unfinished
from migrator.engine.scheduler import Job, JobState, run_jobs
from migrator.errors import MigratorError
from migrator.model.inventory import Inventory
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage
from migrator.progress import NEVER, Cancelled, CancelToken, Progress, no_progress
from migrator.vendors.base import VendorAdapter
from migrator.vendors.errors import VendorError

T = TypeVar("T")

RUNNABLE = frozenset({Status.PENDING, Status.FAILED, Status.ROLLED_BACK})
"""Statuses a run (re)starts; running actions are reconciled first, done/skipped stay."""

VERIFY_KINDS = frozenset({ActionKind.VERIFY_NUMBER, ActionKind.VERIFY_APPLICATION})


class DriftDetected(MigratorError):
    """An account changed since the plan was built; nothing was changed. Re-plan to go on."""

    def __init__(self, reports: list[DriftReport]) -> None:
        self.reports = reports
        lines = [line for report in reports for line in report.lines()]
        super().__init__("\n".join([*lines, "nothing was changed; re-plan to go on"]))


class PortDesk(Protocol):
    """What the porting module offers the engine (submit, cancel, and which numbers are in a
    port). Without one, submit_port actions wait for `migrator ports FILE submit` and every
    number a submit_port action names counts as in a port."""

    def submit(
        self, adapter: VendorAdapter, action: Action, params: dict[str, Any]
    ) -> dict[str, Any]:
        """Submit the port request; returns its ids (for cancel and status)."""

    def find_submitted(self, action: Action) -> dict[str, Any] | None:
        """The ids of the request this action submitted, if it was submitted."""

    def in_port(self, e164: str) -> bool:
        """True while a port of this number is open (not completed, not cancelled)."""

    def cancel(self, action: Action, outputs: dict[str, Any]) -> str | None:
        """Cancel the request; None when cancelled, else why it cannot be (completed...)."""


@dataclass(frozen=True)
class ApplyOptions:
    stage: Stage | None = None
    """Run only this stage (others untouched)."""
    confirm_account: str | None = None
    """The source account's id or name, typed by the admin: the decommission gate."""
    confirm_manual: Callable[[Action], bool] | None = None
    """Asked for each manual step; True when the admin says it is done."""
    check_drift: bool = True


@dataclass(frozen=True)
class ActionResult:
    action_id: str
    stage: str
    line: str
    status: str
    message: str = ""


@dataclass
class ApplyReport:
    plan: str
    stages: list[str] = field(default_factory=list)
    results: list[ActionResult] = field(default_factory=list)
    reconciled: list[ActionResult] = field(default_factory=list)
    stopped: str = ""
    """Why the run stopped before the end ('' when it ran every selected stage)."""

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        return counts

    @property
    def ok(self) -> bool:
        return not self.stopped and not any(r.status == Status.FAILED for r in self.results)


def referenced_actions(value: Any) -> set[str]:
    """Ids of the actions whose outputs `value` refers to with {"$ref": "ACTION.FIELD"}."""
    if isinstance(value, dict):
        if set(value) == {"$ref"}:
            return {str(value["$ref"]).rpartition(".")[0]}
        return {ref for item in value.values() for ref in referenced_actions(item)}
    if isinstance(value, list | tuple):
        return {ref for item in value for ref in referenced_actions(item)}
    return set()


class UnresolvedRef(MigratorError):
    pass


def resolve(value: Any, outputs: Mapping[str, Mapping[str, Any]]) -> Any:
    """Params with every {"$ref": "ACTION.FIELD"} replaced by that action's output."""
    if isinstance(value, dict):
        if set(value) == {"$ref"}:
            action_id, _, name = str(value["$ref"]).rpartition(".")
            produced = outputs.get(action_id, {})
            if name not in produced:
                raise UnresolvedRef(f"{action_id} has not produced '{name}'")
            return produced[name]
        return {k: resolve(v, outputs) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [resolve(v, outputs) for v in value]
    return value


class Executor:
    """Applies one plan. Create one per run."""

    def __init__(
        self,
        plan: Plan,
        journal: Journal,
        adapters: Mapping[Side, VendorAdapter | None],
        *,
        snapshots: Mapping[Side, Inventory | None] | None = None,
        account_names: Mapping[Side, Collection[str]] | None = None,
        ports: PortDesk | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER,
        retry: RetryPolicy = DEFAULT_RETRY,
        workers: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        seed: int | None = None,
    ) -> None:
        self.plan = plan
        self.journal = journal
        self.adapters = dict(adapters)
        self.snapshots = dict(snapshots or {})
        self.account_names = {side: set(names) for side, names in (account_names or {}).items()}
        self.ports = ports
        self.progress = progress
        self.cancel = cancel
        self.invoker = Invoker(retry, sleep, seed)
        self.workers = workers
        self.key = plan_key(plan)
        self._by_id = {a.id: a for a in plan.actions}
        self._all_verifies = {a.id for a in plan.actions if a.kind in VERIFY_KINDS}
        self._ports_of: dict[str, list[str]] = {}
        """Number -> the actions that port it (submit_port, or a port by ticket)."""
        for action in plan.actions:
            porting = action.kind is ActionKind.SUBMIT_PORT or (
                action.kind is ActionKind.MANUAL and action.params.get("task") == "port"
            )
            if porting:
                for e164 in set(numbers_in([action.item, action.params])):
                    self._ports_of.setdefault(e164, []).append(action.id)
        self._fresh: dict[Side, Inventory] = {}
        """Accounts as the drift check read them at the start of this run."""
        self._owned: tuple[Inventory, frozenset[str]] | None = None
        self._releases = {
            str(a.params.get("e164") or a.item): a.id
            for a in plan.actions
            if a.kind is ActionKind.RELEASE_NUMBER and a.side is Side.SOURCE
        }
        self._needs_of: dict[str, set[str]] = {}
        self._claimed: set[str] = set()
        self._claim_lock = threading.Lock()
        self._status: dict[str, Status] = {}
        self._outputs: dict[str, dict[str, Any]] = {}
        self._done_count = 0
        self._total = 0

    # --- the run ------------------------------------------------------------------------
    def apply(self, options: ApplyOptions = ApplyOptions()) -> ApplyReport:
        if any(r.status is Status.UNDOING for r in self.journal.in_effect()):
            raise JournalError(
                "a rollback was interrupted; run migrator rollback again to finish it"
            )
        self.journal.bind(self.plan, self.key)
        self.journal.start_run(self.key, "apply", options.stage)
        report = ApplyReport(plan=self.key)
        try:
            self._load()
            report.reconciled = self._reconcile_unfinished()
            stages = [options.stage] if options.stage else list(Stage)
            todo = [a for s in stages for a in self.plan.stage_actions(s) if self._runnable(a)]
            self._total = len(todo)
            if options.check_drift and any(a.kind in WRITES for a in todo):
                self.progress(0, self._total, "re-reading both accounts")
                drift = self.check_drift()
                if drift:
                    self.journal.finish_run("drift", f"{len(drift)} account(s) changed")
                    raise DriftDetected(drift)
            for stage in stages:
                self.cancel.check()
                report.stages.append(stage.value)
                stopped = self._run_stage(stage, options, report)
                if stopped:
                    report.stopped = stopped
                    break
        except Cancelled as exc:
            report.stopped = str(exc)
            self.journal.finish_run("cancelled", str(exc))
            return report
        except DriftDetected:
            raise
        except BaseException as exc:
            self.journal.finish_run("error", str(exc) or type(exc).__name__)
            raise
        self.journal.finish_run("stopped" if report.stopped else "completed", report.stopped)
        return report

    def _load(self) -> None:
        for record in self.journal.records(self.key):
            self._status[record.action_id] = record.status
            if record.action.kind is ActionKind.BUY_NUMBER:
                for source in (record.call or {}, record.outputs):
                    if source.get("e164"):
                        self._claimed.add(str(source["e164"]))
            if record.status is Status.DONE:
                self._outputs[record.action_id] = record.outputs

    def _runnable(self, action: Action) -> bool:
        return self._status.get(action.id, Status.PENDING) in RUNNABLE

    def _result(self, action: Action, status: Status, message: str = "") -> ActionResult:
        return ActionResult(action.id, action.stage.value, action.line, status.value, message)

    # --- reconcile ----------------------------------------------------------------------
    def _reconcile_unfinished(self) -> list[ActionResult]:
        """Settle every action a crash left between intent and outcome, by asking the vendor."""
        settled = settle_unfinished(
            self.journal,
            self.adapters,
            self.invoker.reader,
            self.ports.find_submitted if self.ports else None,
            plan=self.key,
        )
        results = []
        for record, status, message in settled:
            self._status[record.action_id] = status
            if status is Status.DONE:
                self._outputs[record.action_id] = self.journal.record(
                    self.key, record.action_id
                ).outputs
            results.append(self._result(record.action, status, message))
        return results

    # --- drift --------------------------------------------------------------------------
    def check_drift(self) -> list[DriftReport]:
        """Re-read both accounts (in parallel) and compare them with the plan's snapshots."""
        touched = touched_items(self.journal.records(self.key, started=True))
        for side in Side:  # a port the plan makes moves its numbers whenever it completes
            touched[side].numbers.update(self._ports_of)
        expected = {
            Side.SOURCE: self.plan.source_fingerprint,
            Side.TARGET: self.plan.target_fingerprint,
        }
        sides = [s for s in Side if self.adapters.get(s) is not None and expected[s]]

        def read(side: Side) -> DriftReport:
            adapter = self.adapters[side]
            assert adapter is not None
            fresh = self.invoker.read(adapter, lambda: adapter.discover(cancel=self.cancel))
            self._fresh[side] = fresh
            return compare(
                side.value, self.snapshots.get(side), expected[side], fresh, touched[side]
            )

        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="migrator-drift") as pool:
            reports = list(pool.map(read, sides))
        return [r for r in reports if r.changed]

    # --- stages -------------------------------------------------------------------------
    def _lane_workers(self) -> dict[str, int]:
        workers = {}
        for side, adapter in self.adapters.items():
            limit = adapter.capabilities.default_limit if adapter else None
            workers[side.value] = max(1, self.workers or (limit.workers if limit else 1))
        return workers

    def _needs(self, action: Action) -> set[str]:
        """What must be done first: its dependencies, the actions its $refs name, and for a
        source application, the releases of the numbers it answers."""
        needs = self._needs_of.get(action.id)
        if needs is None:
            needs = set(action.depends_on) | referenced_actions(action.params)
            if action.kind is ActionKind.DELETE_APPLICATION and action.side is Side.SOURCE:
                users = self._app_users(str(action.params.get("app_id") or action.item_id))
                needs |= {self._releases[e164] for e164 in users if e164 in self._releases}
            self._needs_of[action.id] = needs
        return needs

    def _app_users(self, app_id: str) -> list[str]:
        """Source numbers that an application still answers (as read at the start of the run)."""
        source = self._fresh.get(Side.SOURCE) or self.snapshots.get(Side.SOURCE)
        if source is None:
            return []
        return sorted(n.e164 for n in source.numbers if app_id in (n.voice_app_id, n.sms_app_id))

    def _app_gate(self, action: Action) -> str | None:
        """A source application is deleted only once every number it answers is released by
        this plan (those releases run first); a number it would leave without answers stops it."""
        app_id = str(action.params.get("app_id") or action.item_id)
        kept = [e164 for e164 in self._app_users(app_id) if e164 not in self._releases]
        if kept:
            shown = ", ".join(kept[:3]) + (" ..." if len(kept) > 3 else "")
            return f"it still answers {shown}, which this plan does not release"
        return None

    def _verify_gate(self, action: Action) -> str | None:
        """Why a decommission action may not run yet (None: it may)."""
        verifies: set[str] = set()
        seen: set[str] = set()
        stack = list(action.depends_on)
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            dependency = self._by_id.get(current)
            if dependency is None:
                continue
            if dependency.kind in VERIFY_KINDS:
                verifies.add(current)
            stack.extend(dependency.depends_on)
        if not verifies:  # the planner did not link them: every verification must pass
            verifies = self._all_verifies
        unverified = sorted(v for v in verifies if self._status.get(v) is not Status.DONE)
        if unverified:
            shown = ", ".join(unverified[:3]) + (" ..." if len(unverified) > 3 else "")
            return f"waiting for verification to pass ({shown})"
        return None

    def _in_port(self, e164: str) -> bool:
        """A port the porting desk tracks as open, or one the plan means to make and has not
        handed to the desk yet (a submit_port not done, a port by ticket)."""
        if self.ports is not None and self.ports.in_port(e164):
            return True
        for action_id in self._ports_of.get(e164, ()):
            submitted = (
                self._by_id[action_id].kind is ActionKind.SUBMIT_PORT
                and self.ports is not None
                and self._status.get(action_id) is Status.DONE
            )
            if not submitted:  # once submitted, the desk knows whether it is still open
                return True
        return False

    def _port_wait(self, action: Action) -> str | None:
        """A number this plan ports is configured and checked on the target only once it is
        there: the port desk says the port completed, and the account holds it."""
        if action.side is not Side.TARGET or action.kind not in (
            ActionKind.CONFIGURE_NUMBER,
            ActionKind.VERIFY_NUMBER,
        ):
            return None
        e164 = action.params.get("e164")
        if not isinstance(e164, str) or e164 not in self._ports_of:
            return None
        if self.ports is not None and self.ports.in_port(e164):
            return f"waiting for the port of {e164} to complete"
        if not self._target_owns(e164):
            return f"waiting for {e164} to arrive in the target account (port)"
        return None

    def _target_owns(self, e164: str) -> bool:
        """From the read the drift check made at the start of the run, else by asking."""
        target = self._fresh.get(Side.TARGET)
        if target is not None:
            if self._owned is None or self._owned[0] is not target:
                self._owned = (target, frozenset(n.e164 for n in target.numbers))
            return e164 in self._owned[1]
        adapter = self.adapters.get(Side.TARGET)
        return adapter is not None and (
            self.invoker.read(adapter, lambda: adapter.get_number(e164)) is not None
        )

    def _decommission_confirmed(self, options: ApplyOptions) -> bool:
        typed = (options.confirm_account or "").strip()
        names = self.account_names.get(Side.SOURCE, set()) | {self.plan.source_account}
        return bool(typed) and typed in {n.strip() for n in names if n}

    def _run_stage(self, stage: Stage, options: ApplyOptions, report: ApplyReport) -> str:
        actions = [a for a in self.plan.stage_actions(stage) if self._runnable(a)]
        if not actions:
            return ""
        if stage is Stage.DECOMMISSION and not self._decommission_confirmed(options):
            reason = "needs the confirmation naming the account"
            self.journal.note_many(self.key, [(a.id, reason) for a in actions])
            return (
                "decommission is irreversible: it needs a confirmation naming the source account "
                f"({self.plan.source_account})"
            )
        in_stage = {a.id for a in actions}
        waiting = self._waiting(actions, in_stage, stage, options, report)
        self.journal.note_many(self.key, list(waiting.items()))
        for action in actions:
            if action.id in waiting:
                report.results.append(self._result(action, Status.PENDING, waiting[action.id]))
        jobs = [
            Job(
                action.id,
                lane=action.side.value,
                key=f"{action.side.value}:{action.item_id or action.item}",
                needs=frozenset(self._needs(action) & in_stage),
            )
            for action in actions
            if action.id not in waiting and self._status.get(action.id) is not Status.DONE
        ]
        by_id = self._by_id
        lock = threading.Lock()
        finals: dict[str, tuple[Status, str, dict[str, Any]]] = {}

        def work(job: Job) -> bool:
            final = self._execute(by_id[job.id])
            with lock:
                finals[job.id] = final
            return final[0] is Status.DONE

        def finished(job: Job, state: JobState) -> None:
            action = by_id[job.id]
            if state is JobState.OK:
                status, message, outputs = finals[job.id]
                self._outputs[action.id] = outputs
                self._done_count += 1
            elif state is JobState.FAILED:
                status, message = Status.FAILED, finals.get(job.id, (Status.FAILED, "", {}))[1]
            else:
                status = Status.PENDING
                message = (
                    "cancelled before it started"
                    if state is JobState.NOT_STARTED
                    else "an action it depends on failed"
                )
                self.journal.note(self.key, action.id, message)
            self._status[action.id] = status
            report.results.append(self._result(action, status, message))
            self.progress(self._done_count, self._total, f"{stage.value}: {action.line}")

        states = run_jobs(jobs, self._lane_workers(), work, self.cancel, finished)
        self.cancel.check()
        failed = sum(1 for s in states.values() if s is JobState.FAILED)
        if failed:
            return f"{failed} action(s) of {stage.value} failed; fix the cause and run apply again"
        return ""

    def _waiting(
        self,
        actions: list[Action],
        in_stage: set[str],
        stage: Stage,
        options: ApplyOptions,
        report: ApplyReport,
    ) -> dict[str, str]:
        """Actions of the stage that cannot run in this run, and why. Steps done by hand are
        asked about last, and only when nothing they need is waiting."""
        open_actions = [a for a in actions if self._status.get(a.id) is not Status.DONE]
        waiting: dict[str, str] = {}
        for action in open_actions:
            reason = self._why_wait(action, in_stage, stage)
            if reason is not None:
                waiting[action.id] = reason
        self._spread(open_actions, in_stage, waiting)
        for action in open_actions:
            if action.kind is ActionKind.MANUAL and action.id not in waiting:
                reason = self._manual(action, options)
                if reason is None:
                    report.results.append(self._result(action, Status.DONE, "confirmed"))
                else:
                    waiting[action.id] = reason
        self._spread(open_actions, in_stage, waiting)
        return waiting

    def _spread(self, actions: list[Action], in_stage: set[str], waiting: dict[str, str]) -> None:
        """A wait spreads to every action of the stage that needs a waiting one."""
        changed = True
        while changed:
            changed = False
            for action in actions:
                if action.id in waiting or self._status.get(action.id) is Status.DONE:
                    continue
                for need in sorted(self._needs(action) & in_stage):
                    if need in waiting:
                        waiting[action.id] = f"waiting for {need} ({waiting[need]})"
                        changed = True
                        break

    def _why_wait(self, action: Action, in_stage: set[str], stage: Stage) -> str | None:
        reason = self._outside_wait(action, in_stage)
        if reason is None and stage is Stage.DECOMMISSION:
            reason = self._verify_gate(action)
        if reason is None:
            reason = self._port_wait(action)
        if reason is None and action.kind is ActionKind.DELETE_APPLICATION:
            reason = self._app_gate(action) if action.side is Side.SOURCE else None
        if reason is None and action.kind is ActionKind.RELEASE_NUMBER:
            e164 = str(action.params.get("e164") or action.item)
            if self._in_port(e164):
                reason = f"{e164} is in a port; it is never released while the port is open"
        if reason is None and action.kind is ActionKind.SUBMIT_PORT and self.ports is None:
            reason = "submit this port with `migrator ports FILE submit`"
        if (
            reason is None
            and action.kind is not ActionKind.MANUAL
            and self.adapters.get(action.side) is None
        ):
            reason = (
                f"no {action.side.value} account is connected (it was imported from a file); "
                "do this by hand"
            )
        return reason

    def _outside_wait(self, action: Action, in_stage: set[str]) -> str | None:
        for need in sorted(self._needs(action) - in_stage):
            status = self._status.get(need)
            if status is None:
                return f"depends on {need}, which is not in the plan"
            if status not in (Status.DONE, Status.SKIPPED):
                return f"waiting for {need} ({status.value})"
        return None

    def _manual(self, action: Action, options: ApplyOptions) -> str | None:
        if options.confirm_manual is None or not options.confirm_manual(action):
            return "a step to do by hand; confirm it when done"
        self.journal.outcome(self.key, action.id, Status.DONE, {}, "confirmed by hand")
        self._status[action.id] = Status.DONE
        return None

    # --- one action ---------------------------------------------------------------------
    def _execute(self, action: Action) -> tuple[Status, str, dict[str, Any]]:
        """Intent, call, outcome. Runs on a worker thread; returns the final status."""
        operations.current_action.set(action.id)
        adapter = self.adapters[action.side]
        assert adapter is not None
        record = self.journal.record(self.key, action.id)

        def read(fn: Callable[[], T]) -> T:
            return self.invoker.read(adapter, fn)

        try:
            params = resolve(action.params, self._outputs)
            if action.kind is ActionKind.SUBMIT_PORT:
                return self._submit_port(adapter, action, params, record)
            retried_buy = record.status is Status.PENDING and record.attempts > 0
            previous = record.call if retried_buy else None
            prepared = prepare(adapter, action, params, read, previous, self._claim)
            if prepared.reconcile is not None and record.attempts > 0:
                found = prepared.reconcile() if action.kind in NON_IDEMPOTENT else None
                if found is not None:
                    message = "the vendor shows an earlier try had done it"
                    if prepared.note:
                        message += f"; {prepared.note}"
                    self.journal.outcome(
                        self.key, action.id, Status.DONE, found, message, event=Event.RECONCILED
                    )
                    return Status.DONE, message, found
            self.journal.intent(
                self.key, action.id, prepared.call, prepared.before, durable=prepared.writes
            )
            outputs = self.invoker.write(adapter, prepared)
        except (VendorError, MigratorError) as exc:
            message = exc.details() if isinstance(exc, VendorError) else str(exc)
            if isinstance(exc, VerificationFailed):
                message = f"verification failed: {exc}"
            self.journal.outcome(self.key, action.id, Status.FAILED, None, message)
            return Status.FAILED, message, {}
        self.journal.outcome(self.key, action.id, Status.DONE, outputs, prepared.note)
        return Status.DONE, prepared.note, outputs

    def _claim(self, offered: list[str]) -> str | None:
        """The first offered number no other purchase of this plan has chosen; reserves it."""
        with self._claim_lock:
            for e164 in offered:
                if e164 not in self._claimed:
                    self._claimed.add(e164)
                    return e164
        return None

    def _submit_port(
        self, adapter: VendorAdapter, action: Action, params: dict[str, Any], record: ActionRecord
    ) -> tuple[Status, str, dict[str, Any]]:
        assert self.ports is not None
        if record.attempts > 0:
            found = self.ports.find_submitted(action)
            if found is not None:
                self.journal.outcome(
                    self.key, action.id, Status.DONE, found, event=Event.RECONCILED
                )
                return Status.DONE, "", found
        self.journal.intent(self.key, action.id, {"method": "submit_port", **params}, None)
        outputs = self.ports.submit(adapter, action, params)
        self.journal.outcome(self.key, action.id, Status.DONE, outputs)
        return Status.DONE, "", outputs
