"""Undoing a migration's completed reversible actions, latest stage first.

Rollback reads only the journal (each row keeps its action and the before-state read right
before the call), so it works after a crash and after the plan was replaced. Actions a crash left
half-done are first settled with the vendor. Then, stage by stage in reverse order (items of one
stage concurrently): created apps are deleted, bought numbers released, numbers and apps given
back the settings they had, port requests cancelled while the vendor still allows it. Every undo
is journaled (intent, outcome) like the calls it undoes, and is safe to repeat. What cannot be
undone (releases, deletions of source items, completed ports, steps done by hand) is reported
with the reason.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from migrator.engine import operations
from migrator.engine.executor import PortDesk, referenced_actions
from migrator.engine.journal import ActionRecord, Journal, Status
from migrator.engine.limiter import DEFAULT_RETRY, Invoker, RetryPolicy
from migrator.engine.operations import config_from, spec_from
from migrator.engine.reconcile import settle_unfinished
from migrator.engine.scheduler import Job, JobState, run_jobs
from migrator.errors import MigratorError
from migrator.model.plan import ActionKind, Side, Stage
from migrator.progress import NEVER, Cancelled, CancelToken, Progress, no_progress
from migrator.vendors.base import VendorAdapter
from migrator.vendors.errors import NotFound, VendorError

_NOTHING_TO_UNDO = frozenset({ActionKind.VERIFY_NUMBER, ActionKind.VERIFY_APPLICATION})
_IRREVERSIBLE_WHY = {
    ActionKind.RELEASE_NUMBER: "a released number cannot be taken back; it may be bought again "
    "only if the vendor still offers it",
    ActionKind.DELETE_APPLICATION: "a deleted application cannot be restored; its settings are "
    "in the journal ('before') to re-create it by hand",
    ActionKind.MANUAL: "it was done by hand; undo it by hand",
}


@dataclass(frozen=True)
class NotUndone:
    action_id: str
    line: str
    reason: str


@dataclass
class RollbackReport:
    undone: list[str] = field(default_factory=list)
    """Lines of the actions undone (or with nothing to undo), in the order they were undone."""
    not_undone: list[NotUndone] = field(default_factory=list)
    stopped: str = ""

    @property
    def complete(self) -> bool:
        return not self.not_undone and not self.stopped


class _Skip(MigratorError):
    """Nothing to call: the undo is already achieved by another one (or needs no call)."""


class Rollback:
    """Undo what the journal says is in effect. Create one per run."""

    def __init__(
        self,
        journal: Journal,
        adapters: Mapping[Side, VendorAdapter | None],
        *,
        ports: PortDesk | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER,
        retry: RetryPolicy = DEFAULT_RETRY,
        workers: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        seed: int | None = None,
    ) -> None:
        self.journal = journal
        self.adapters = dict(adapters)
        self.ports = ports
        self.progress = progress
        self.cancel = cancel
        self.invoker = Invoker(retry, sleep, seed)
        self.workers = workers
        self._released: set[str] = set()
        self._kept: set[str] = set()
        self._created: set[str] = set()
        self._total = self._done = 0

    def run(self, plan: str = "*") -> RollbackReport:
        self.journal.start_run(plan, "rollback")
        report = RollbackReport()
        try:
            settle_unfinished(
                self.journal,
                self.adapters,
                self.invoker.reader,
                self.ports.find_submitted if self.ports else None,
            )
            records = self.journal.in_effect()
            self._undo_all(records, report)
        except Cancelled as exc:
            report.stopped = str(exc)
            self.journal.finish_run("cancelled", str(exc))
            return report
        except BaseException as exc:
            self.journal.finish_run("error", str(exc) or type(exc).__name__)
            raise
        outcome = "completed" if report.complete else "partial"
        self.journal.finish_run(outcome, f"{len(report.not_undone)} not undone")
        return report

    def _undo_all(self, records: list[ActionRecord], report: RollbackReport) -> None:
        self._kept = _kept_after_decommission(records)
        self._released = {
            str(r.outputs.get("e164"))
            for r in records
            if r.action.kind is ActionKind.BUY_NUMBER
            and r.action.reversible
            and f"{r.plan}:{r.action_id}" not in self._kept
        }
        self._created = {
            str(r.outputs.get("app_id"))
            for r in records
            if r.action.kind is ActionKind.CREATE_APPLICATION
            and r.action.reversible
            and f"{r.plan}:{r.action_id}" not in self._kept
        }
        self._total, self._done = len(records), 0
        for stage in reversed(Stage):
            batch = [r for r in records if r.action.stage is stage]
            if batch:
                self.cancel.check()
                self._undo_stage(stage, batch, report)
                self.cancel.check()

    def _undo_stage(self, stage: Stage, batch: list[ActionRecord], report: RollbackReport) -> None:
        """Undo one stage's actions, latest first per item, items concurrently."""
        by_id = {f"{r.plan}:{r.action_id}": r for r in batch}
        lock = threading.Lock()
        reasons: dict[str, str | None] = {}

        def work(job: Job) -> bool:
            reason = self._undo(by_id[job.id])
            with lock:
                reasons[job.id] = reason
            return reason is None

        def finished(job: Job, state: JobState) -> None:
            record = by_id[job.id]
            line = record.action.line
            if state is JobState.OK:
                report.undone.append(line)
            elif state is JobState.FAILED:
                reason = reasons.get(job.id) or "failed"
                report.not_undone.append(NotUndone(record.action_id, line, reason))
            self._done += 1
            self.progress(self._done, self._total, f"rollback {stage.value}: {line}")

        jobs = [
            Job(key, lane=r.action.side.value, key=self._item_key(r))
            for key, r in sorted(by_id.items(), key=lambda kv: -(kv[1].done_seq or 0))
        ]
        run_jobs(jobs, self._workers(), work, self.cancel, finished)

    def _workers(self) -> dict[str, int]:
        workers = {}
        for side, adapter in self.adapters.items():
            limit = adapter.capabilities.default_limit.workers if adapter else 1
            workers[side.value] = max(1, self.workers or limit)
        return workers

    @staticmethod
    def _item_key(record: ActionRecord) -> str:
        call = record.call or {}
        item = call.get("e164") or call.get("app_id") or record.action.item_id
        return f"{record.action.side.value}:{item or record.action_id}"

    # --- one undo -----------------------------------------------------------------------
    def _undo(self, record: ActionRecord) -> str | None:
        """Undo one action; None when undone, else why it was not."""
        action = record.action
        operations.current_action.set(action.id)
        if action.kind in _NOTHING_TO_UNDO:
            self.journal.undo_outcome(record.plan, action.id, True, "nothing to undo (a read)")
            return None
        if f"{record.plan}:{action.id}" in self._kept:
            reason = (
                "kept: the source number it replaces was released in decommission, so undoing "
                "this would leave no number answering"
            )
            self.journal.undo_outcome(record.plan, action.id, False, reason)
            return reason
        if action.kind is ActionKind.SUBMIT_PORT:
            return self._cancel_port(record)  # a port can be cancelled until it completes
        if action.inverse is None:
            reason = _IRREVERSIBLE_WHY.get(action.kind, "irreversible")
            self.journal.undo_outcome(record.plan, action.id, False, reason)
            return reason
        adapter = self.adapters.get(action.side)
        if adapter is None:
            reason = f"no {action.side.value} account is connected; undo it by hand"
            self.journal.undo_outcome(record.plan, action.id, False, reason)
            return reason
        try:
            call, run = self._inverse(adapter, record)
        except _Skip as skip:
            self.journal.undo_outcome(record.plan, action.id, True, str(skip))
            return None
        except MigratorError as exc:
            self.journal.undo_outcome(record.plan, action.id, False, str(exc))
            return str(exc)
        self.journal.undo_intent(record.plan, action.id, call)
        try:
            self.invoker.read(adapter, run)  # every inverse is safe to repeat
        except VendorError as exc:
            self.journal.undo_outcome(record.plan, action.id, False, exc.details())
            return exc.details()
        self.journal.undo_outcome(record.plan, action.id, True)
        return None

    def _inverse(
        self,
        adapter: VendorAdapter,
        record: ActionRecord,
    ) -> tuple[dict[str, Any], Callable[[], None]]:
        """The compensating call of a reversible action, and a function making it."""
        kind, call, outputs = record.action.kind, record.call or {}, record.outputs
        if kind is ActionKind.CREATE_APPLICATION:
            app_id = str(outputs["app_id"])

            def delete() -> None:
                with contextlib.suppress(NotFound):  # already gone
                    adapter.delete_application(app_id)

            return {"method": "delete_application", "app_id": app_id}, delete
        if kind is ActionKind.BUY_NUMBER:
            e164 = str(outputs["e164"])

            def release() -> None:
                with contextlib.suppress(NotFound):  # already released
                    adapter.release_number(e164)

            return {"method": "release_number", "e164": e164}, release
        if kind is ActionKind.CONFIGURE_NUMBER:
            e164 = str(call["e164"])
            if e164 in self._released:
                raise _Skip("the number is released by this rollback")
            if record.before is None:
                raise MigratorError("the settings it had before are not in the journal")
            before = config_from(record.before)
            return {"method": "configure_number", "e164": e164, "config": record.before}, (
                lambda: adapter.configure_number(e164, before)
            )
        if kind is ActionKind.UPDATE_APPLICATION:
            app_id = str(call["app_id"])
            if app_id in self._created:
                raise _Skip("the application is deleted by this rollback")
            if record.before is None:
                raise MigratorError("the settings it had before are not in the journal")
            spec = spec_from(record.before)

            def restore() -> None:
                adapter.update_application(app_id, spec)

            return {"method": "update_application", "app_id": app_id, "spec": record.before}, (
                restore
            )
        raise MigratorError(f"{kind.value} has no inverse")

    def _cancel_port(self, record: ActionRecord) -> str | None:
        if self.ports is None:
            reason = "cancel the port request with the vendor (no porting desk is connected)"
            self.journal.undo_outcome(record.plan, record.action_id, False, reason)
            return reason
        self.journal.undo_intent(record.plan, record.action_id, {"method": "cancel_port"})
        refused = self.ports.cancel(record.action, record.outputs)
        self.journal.undo_outcome(record.plan, record.action_id, refused is None, refused or "")
        return refused


def _kept_after_decommission(records: list[ActionRecord]) -> set[str]:
    """Target-side actions rollback must leave alone ("plan:action" keys): those serving a
    number whose source was released in decommission (its replacement, routing and the
    applications that routing uses). Undoing them would leave the customer with no number."""
    released = {
        (r.plan, r.action.item_id)
        for r in records
        if r.action.stage is Stage.DECOMMISSION
        and r.action.kind is ActionKind.RELEASE_NUMBER
        and r.status is Status.DONE
    }
    if not released:
        return set()
    kept: set[str] = set()
    referenced: set[tuple[str, str]] = set()
    for record in records:
        if record.action.side is Side.TARGET and (record.plan, record.action.item_id) in released:
            kept.add(f"{record.plan}:{record.action_id}")
            referenced |= {(record.plan, ref) for ref in referenced_actions(record.action.params)}
    for record in records:
        if (record.plan, record.action_id) in referenced:
            kept.add(f"{record.plan}:{record.action_id}")
    return kept
