"""Port requests of a migration: check, submit, refresh, cancel, and statuses set by hand.

The numbers to port come from the plan (its port actions), else the mapping (numbers whose
strategy is port), else the whole source inventory. They are grouped by losing account (one
request per losing carrier account: each has its own LOA data) and routed: through the target's
porting API when it has one and takes the number (Twilio: US local and mobile, at most 1,000 per
request), otherwise by support ticket, tracked with statuses the admin sets. Everything is kept
in the migration file, so requests survive restarts and a refresh reports only what changed.
A number in a port is never released: `in_port` and `PortsDesk` tell the engine.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from migrator.engine.loa import (
    MAX_PER_REQUEST,
    LoaWarning,
    NumberToPort,
    Severity,
    check_loa,
    first_port_date,
)
from migrator.engine.migration_file import MigrationFile
from migrator.errors import MigratorError, UsageError
from migrator.model.enums import NumberType
from migrator.model.inventory import Inventory, Number
from migrator.model.plan import Action, ActionKind
from migrator.model.porting import (
    LoaData,
    PortException,
    PortNumber,
    PortRequest,
    PortRoute,
    PortStatus,
    StatusChange,
    from_twilio,
    parse_time,
    rejection_reason,
    summarize_status,
)
from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.services.loa_document import write_loa_pdf
from migrator.services.port_guidance import label, next_action, source_serves_until
from migrator.services.port_store import PortStore
from migrator.vendors.base import VendorAdapter
from migrator.vendors.capabilities import capabilities_of
from migrator.vendors.errors import Transient, VendorError
from migrator.vendors.porting import Portability, PortingApi, PortOrder, porting_api_for

API_TYPES = (NumberType.LOCAL, NumberType.MOBILE)
NOT_PORTABLE = {
    "ALREADY_IN_THE_TARGET_ACCOUNT": "already in the target {vendor} account: nothing to port",
    "ALREADY_IN_ONE_OF_YOUR_TWILIO_ACCOUNTS": (
        "already in another of your {vendor} accounts: move it between accounts instead"
    ),
    "ALREADY_IN_TWILIO_DIFFERENT_OWNER": (
        "in another {vendor} account: numbers move between {vendor} accounts through "
        "{vendor} support, not by porting"
    ),
    "UNSUPPORTED": "{vendor} cannot serve this number (country or rate center not supported)",
}
"""Twilio's not-portable reasons (Portability API) and what they mean for the admin."""
CHECK_WORKERS = 8


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Change:
    """Something that changed since the last refresh (or a hand-entered update)."""

    request_id: str
    e164: str
    """'' when the change is the request's own status."""
    before: str
    after: str
    foc_date: str = ""
    detail: str = ""
    vendor_status: str = ""
    """The vendor's own word for the new status, when it has one."""

    def line(self) -> str:
        what = self.e164 or f"request {self.request_id}"
        after = f"{self.after} ({self.vendor_status})" if self.vendor_status else self.after
        text = f"{what}: {self.before or 'new'} -> {after}"
        if self.foc_date:
            text += f" (port date {self.foc_date})"
        return f"{text}; {self.detail}" if self.detail else text


@dataclass
class CheckReport:
    portability: list[Portability] = field(default_factory=list)
    by_ticket: dict[str, str] = field(default_factory=dict)
    """E.164 -> why it goes by ticket instead of the API."""
    loa: dict[str, list[LoaWarning]] = field(default_factory=dict)
    missing_loa: dict[str, int] = field(default_factory=dict)
    """Losing account -> numbers waiting for its LOA data."""


@dataclass
class SubmitReport:
    requests: list[PortRequest] = field(default_factory=list)
    warnings: dict[str, list[LoaWarning]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    pdfs: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class LosingAccount:
    key: str
    label: str
    numbers: tuple[Number, ...]


class PortService:
    """Port tracking for one open migration file.

    `porting` is the target's porting API (None: tickets only); when not given it is connected
    on first use from the file's target profile. `clock` gives the time migrator sees things.
    """

    def __init__(
        self,
        file: MigrationFile,
        porting: PortingApi | None = None,
        *,
        connect: bool = True,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.file = file
        self.store = PortStore(file)
        self._porting = porting
        self._connect = connect and porting is None
        self.clock = clock
        meta = file.meta()
        target = meta.get("target") if isinstance(meta.get("target"), dict) else {}
        assert isinstance(target, dict)
        self.target_vendor = str(target.get("vendor", ""))
        self.target_account = str(target.get("account_id", ""))
        if not self.target_vendor:
            raise UsageError(f"{file.path.name} does not say which account is the target")
        self.has_api = capabilities_of(self.target_vendor).porting_api
        self._checked: dict[str, Portability] | None = None

    # --- connections and inputs ------------------------------------------------------------
    def porting(self) -> PortingApi | None:
        if self._porting is None and self._connect and self.has_api:
            from migrator.services.connections import adapter_for

            self._porting = porting_api_for(adapter_for(self.file, "target"))
            self._connect = False
        return self._porting

    def use_adapter(self, adapter: VendorAdapter) -> None:
        """Reach the porting API through an already connected target adapter."""
        if self._porting is None:
            self._porting = porting_api_for(adapter)

    def source(self) -> Inventory:
        inventory = self.file.latest_snapshot("source")
        if inventory is None:
            raise UsageError(f"{self.file.path.name} has no source inventory yet")
        return inventory

    def candidates(self) -> list[Number]:
        """The numbers this migration ports: the plan's, else the mapping's, else all."""
        from migrator.services.planning import load_mapping, load_plan

        inventory = self.source()
        plan = load_plan(self.file)
        wanted: set[str] | None = None
        if plan is not None:
            wanted = set()
            for action in plan.actions:
                is_port = action.kind is ActionKind.SUBMIT_PORT or (
                    action.kind is ActionKind.MANUAL and action.params.get("task") == "port"
                )
                if is_port:
                    wanted.update(str(n) for n in action.params.get("numbers", ()))
        else:
            mapping = load_mapping(self.file)
            if mapping is not None:
                wanted = {n.e164 for n in mapping.numbers if n.strategy.value == "port"}
        return [n for n in inventory.numbers if wanted is None or n.e164 in wanted]

    def _select(self, numbers: Iterable[str] | None) -> list[Number]:
        if numbers is None:
            return self.candidates()
        inventory = self.source()
        chosen = []
        for e164 in numbers:
            found = inventory.number(e164)
            if found is None:
                raise UsageError(f"{e164} is not a number of the source account")
            chosen.append(found)
        return chosen

    def losing_key(self, number: Number) -> str:
        return f"{self.source().vendor.value}:{number.account_id}"

    def losing_accounts(self, numbers: Iterable[Number] | None = None) -> list[LosingAccount]:
        inventory = self.source()
        names = {s.id: s.name for s in inventory.subaccounts}
        names.setdefault(inventory.account_id, inventory.account_name)
        groups: dict[str, list[Number]] = defaultdict(list)
        for number in self.candidates() if numbers is None else numbers:
            groups[self.losing_key(number)].append(number)
        found = []
        for key, members in groups.items():
            account = key.split(":", 1)[1]
            name = names.get(account) or account
            found.append(
                LosingAccount(
                    key, f"{label(inventory.vendor.value)} account {name}", tuple(members)
                )
            )
        return found

    def _api_eligible(self, number: Number) -> bool:
        return self.has_api and number.country == "US" and number.number_type in API_TYPES

    def _checks(self) -> dict[str, Portability]:
        if self._checked is None:
            self._checked = {k: v.result for k, v in self.store.checks().items()}
        return self._checked

    def route(self, number: Number) -> PortRoute:
        """The API when the target has one that takes this number (and its last portability
        check did not send it to manual porting), else a ticket."""
        if not self._api_eligible(number):
            return PortRoute.TICKET
        checked = self._checks().get(number.e164)
        if checked is not None and checked.reason == "MANUAL_PORTING_AVAILABLE":
            return PortRoute.TICKET
        return PortRoute.API

    def not_portable(self, number: Number) -> str:
        """Why the last portability check says the number cannot be ported at all ('' if
        it can, or was not checked)."""
        checked = self._checks().get(number.e164)
        if checked is None or checked.portable or checked.reason == "MANUAL_PORTING_AVAILABLE":
            return ""
        vendor = label(self.target_vendor)
        return NOT_PORTABLE.get(
            checked.reason, "{vendor} says it cannot be ported ({reason})"
        ).format(vendor=vendor, reason=checked.reason or checked.reason_code)

    def _why_ticket(self, number: Number) -> str:
        vendor = label(self.target_vendor)
        if not self.has_api:
            return f"{vendor} ports by support ticket"
        if number.country != "US":
            return f"{vendor}'s porting API takes US numbers only"
        if number.number_type not in API_TYPES:
            return f"{vendor}'s porting API does not take {number.number_type.value} numbers"
        return f"{vendor} says: port it manually (console or support ticket)"

    # --- LOA data --------------------------------------------------------------------------
    def set_loa(self, loa: LoaData, losing_key: str | None = None, pin: str | None = None) -> str:
        """Store the LOA data of a losing account (the PIN goes to the keychain)."""
        accounts = self.losing_accounts()
        keys = [a.key for a in accounts]
        if losing_key is None:
            if len(keys) != 1:
                listed = ", ".join(keys) or "none"
                raise UsageError(f"say which losing account this LOA is for (one of: {listed})")
            losing_key = keys[0]
        previous = self.store.loa(losing_key)
        has_pin = bool(pin) or (previous is not None and previous.loa.has_pin)
        if pin:
            self.store.set_pin(losing_key, pin)
        losing = next((a.label for a in accounts if a.key == losing_key), "")
        stored = replace(loa, has_pin=has_pin, losing_carrier=loa.losing_carrier or losing)
        self.store.save_loa(losing_key, stored, self.clock())
        return losing_key

    def loa(self, losing_key: str) -> LoaData | None:
        stored = self.store.loa(losing_key)
        return stored.loa if stored else None

    def _loa_check(
        self,
        loa: LoaData,
        numbers: Sequence[Number],
        route: PortRoute,
        target_date: date | None,
        account_numbers: Iterable[str],
    ) -> list[LoaWarning]:
        return check_loa(
            loa,
            [NumberToPort(n.e164, n.number_type, n.country) for n in numbers],
            route=route,
            gaining_vendor=self.target_vendor,
            account_numbers=account_numbers,
            target_date=target_date,
            today=self.clock().date(),
        )

    def loa_warnings(
        self,
        losing_key: str,
        numbers: Sequence[Number] | None = None,
        target_date: date | None = None,
    ) -> list[LoaWarning]:
        """The LOA check of one losing account for its numbers (by default, those this
        migration ports), per route, without repeats."""
        stored = self.store.loa(losing_key)
        if stored is None:
            return []
        if numbers is None:
            numbers = [n for n in self.candidates() if self.losing_key(n) == losing_key]
        warnings: list[LoaWarning] = []
        for route in PortRoute:
            members = [n for n in numbers if self.route(n) is route]
            if members:
                warnings += self._loa_check(
                    stored.loa, members, route, target_date, self._account_numbers(losing_key)
                )
        return _unique(warnings)

    def _account_numbers(self, key: str) -> list[str]:
        account = key.split(":", 1)[1]
        return [n.e164 for n in self.source().numbers if n.account_id == account]

    # --- check -----------------------------------------------------------------------------
    def check(
        self,
        numbers: Iterable[str] | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER,
    ) -> CheckReport:
        """Ask the target's porting API whether each number can be ported, and check each
        losing account's LOA data. Results are kept in the file."""
        chosen = self._select(numbers)
        report = CheckReport()
        api_numbers = [n for n in chosen if self._api_eligible(n)]
        porting = self.porting() if api_numbers else None
        if porting is not None:
            report.portability = self._portability(porting, api_numbers, progress, cancel)
            self.store.save_checks(report.portability, self.clock())
            self._checked = None
        for number in chosen:
            if self.route(number) is PortRoute.TICKET:
                report.by_ticket[number.e164] = self._why_ticket(number)
        for account in self.losing_accounts(chosen):
            if self.store.loa(account.key) is None:
                report.missing_loa[account.key] = len(account.numbers)
            else:
                report.loa[account.key] = self.loa_warnings(account.key, account.numbers)
        return report

    def _portability(
        self,
        porting: PortingApi,
        numbers: Sequence[Number],
        progress: Progress,
        cancel: CancelToken,
    ) -> list[Portability]:
        results: list[Portability] = []
        with ThreadPoolExecutor(max_workers=CHECK_WORKERS) as pool:
            for start in range(0, len(numbers), CHECK_WORKERS * 4):
                cancel.check()
                batch = numbers[start : start + CHECK_WORKERS * 4]
                results += pool.map(lambda n: porting.check(n.e164), batch)
                progress(len(results), len(numbers), "checking portability")
        return results

    # --- submit ----------------------------------------------------------------------------
    def submit(
        self,
        numbers: Iterable[str] | None = None,
        *,
        target_date: str | None = None,
        force: bool = False,
        loa_folder: Path | None = None,
        action_id: str | None = None,
    ) -> SubmitReport:
        """Create the port requests for the numbers not yet in a port (and those rejected,
        once their LOA data was fixed): one or more per losing account and route.

        Blockers in the LOA data stop everything before anything is sent (`force` sends
        anyway). Ticket requests start as drafts with a checklist; `loa_folder` gets one LOA
        PDF per request."""
        explicit = numbers is not None
        chosen = self._select(numbers)
        report = SubmitReport(requests=self._resume_unsent())
        now = self.clock()
        wanted_date = self._target_date(target_date, now)
        latest = self.store.latest_status()
        pending: list[Number] = []
        retry: dict[str, str] = {}
        resumed = {n.e164 for r in report.requests for n in r.numbers}
        for number in chosen:
            if number.e164 in resumed:
                continue
            blocked = self.not_portable(number)
            if blocked:
                report.skipped[number.e164] = blocked
                continue
            found = latest.get(number.e164)
            if found is not None:
                request_id, status = found
                if status is PortStatus.EXCEPTION:
                    why = self._unfixed(request_id, number.e164, force)
                    if why:
                        report.skipped[number.e164] = why
                        continue
                    retry[number.e164] = request_id
                elif status is PortStatus.DRAFT:
                    report.skipped[number.e164] = f"already prepared in {request_id}"
                    continue
                elif status is not PortStatus.CANCELLED or not explicit:
                    report.skipped[number.e164] = f"{status.value} in {request_id}"
                    continue
            pending.append(number)
        groups = self.losing_accounts(pending)
        missing = [g for g in groups if self.store.loa(g.key) is None]
        if missing:
            listed = "; ".join(f"{g.key} ({g.label}, {len(g.numbers)} numbers)" for g in missing)
            raise UsageError(
                "enter the LOA data first (`migrator ports FILE loa --account KEY ...`) for: "
                + listed
            )
        plans = []
        for group in groups:
            loa = self.loa(group.key)
            assert loa is not None
            for route in PortRoute:
                members = [n for n in group.numbers if self.route(n) is route]
                if not members:
                    continue
                warnings = self._loa_check(
                    loa, members, route, wanted_date, self._account_numbers(group.key)
                )
                report.warnings.setdefault(group.key, []).extend(warnings)
                plans.append((group, route, members, loa))
        report.warnings = {k: _unique(v) for k, v in report.warnings.items()}
        blocking = {
            key: [w for w in found if w.severity is Severity.BLOCKER]
            for key, found in report.warnings.items()
        }
        blocking = {k: v for k, v in blocking.items() if v}
        if blocking and not force:
            lines = [f"{k}: {w.message} {w.fix}" for k, found in blocking.items() for w in found]
            raise LoaBlocked(
                blocking, "nothing was sent; fix the LOA data first:\n" + "\n".join(lines)
            )
        for group, route, members, loa in plans:
            if route is PortRoute.API:
                report.requests += self._submit_api(
                    group, members, loa, wanted_date, retry, action_id
                )
            else:
                report.requests += [
                    self._prepare_ticket(group, batch, loa, wanted_date, retry, action_id)
                    for batch in _ticket_batches(members)
                ]
        if loa_folder is not None:
            report.pdfs = self.write_loas(loa_folder, [r.id for r in report.requests])
        return report

    def _target_date(self, wanted: str | None, now: datetime) -> date:
        if not wanted:
            return first_port_date(now.date())
        try:
            return date.fromisoformat(wanted)
        except ValueError:
            raise UsageError(
                f"the target date must look like 2030-03-19 (got '{wanted}')"
            ) from None

    def _unfixed(self, request_id: str, e164: str, force: bool) -> str:
        """Why a rejected number is not sent again yet ('' when it may be)."""
        request = self.store.request(request_id)
        number = request.number(e164) if request else None
        if request is None or number is None or number.exception is None or force:
            return ""
        reason = rejection_reason(number.exception.code)
        stored = self.store.loa(request.losing_key)
        rejected_at = number.history[-1].seen_at if number.history else ""
        if reason.loa_field and stored is not None and stored.updated_at <= rejected_at:
            return (
                f"rejected ({reason.code}) and the LOA data has not changed since: fix "
                f"{reason.loa_field} first, or submit with --force"
            )
        return ""

    def _new_request(
        self,
        group: LosingAccount,
        route: PortRoute,
        members: Sequence[Number],
        loa: LoaData,
        target_date: date,
        retry: dict[str, str],
    ) -> PortRequest:
        now = _iso(self.clock())
        status = PortStatus.DRAFT
        change = StatusChange(now, status, detail="prepared by migrator")
        supersedes = sorted({retry[n.e164] for n in members if n.e164 in retry})
        return PortRequest(
            id=self.store.next_id(),
            target_vendor=self.target_vendor,
            target_account=self.target_account,
            losing_key=group.key,
            route=route,
            status=status,
            numbers=tuple(
                PortNumber(n.e164, status, n.number_type, n.country, history=(change,))
                for n in members
            ),
            losing_carrier=loa.losing_carrier or group.label,
            target_date=target_date.isoformat(),
            created_at=now,
            supersedes=",".join(supersedes),
            loa=loa,
            history=(change,),
        )

    def _prepare_ticket(
        self,
        group: LosingAccount,
        members: Sequence[Number],
        loa: LoaData,
        target_date: date,
        retry: dict[str, str],
        action_id: str | None,
    ) -> PortRequest:
        request = self._new_request(group, PortRoute.TICKET, members, loa, target_date, retry)
        self._close_superseded(retry, members, request.id)
        self.store.save(request, action_id)
        return request

    def _submit_api(
        self,
        group: LosingAccount,
        members: Sequence[Number],
        loa: LoaData,
        target_date: date,
        retry: dict[str, str],
        action_id: str | None,
    ) -> list[PortRequest]:
        porting = self._require_porting()
        done = []
        for start in range(0, len(members), MAX_PER_REQUEST):
            chunk = members[start : start + MAX_PER_REQUEST]
            draft = self._new_request(group, PortRoute.API, chunk, loa, target_date, retry)
            self._cancel_rejected(porting, retry, chunk, draft.id)
            self.store.save(draft, action_id)
            done.append(self._send(porting, draft))
        return done

    def _require_porting(self) -> PortingApi:
        porting = self.porting()
        if porting is None:
            raise UsageError(f"cannot reach {label(self.target_vendor)}'s porting API")
        return porting

    def _send(self, porting: PortingApi, draft: PortRequest) -> PortRequest:
        """Create the vendor's request for a draft; after a lost answer, adopt the request
        the vendor made if it made one, so nothing is ever created twice."""
        assert draft.loa is not None
        pin = self.store.pin(draft.losing_key) if draft.loa.has_pin else None
        order = PortOrder(
            target_account=self.target_account,
            numbers=tuple(n.e164 for n in draft.numbers),
            loa=draft.loa,
            target_date=draft.target_date,
            pins={n.e164: pin for n in draft.numbers} if pin else {},
        )
        snapshot = self._find_created(porting, order) if draft.notes else None
        if snapshot is None:
            try:
                snapshot = porting.create(order)
            except Transient as exc:
                snapshot = self._find_created(porting, order)
                if snapshot is None:
                    vendor = label(self.target_vendor)
                    note = f"the create call may not have reached {vendor}: {exc}"
                    self.store.save(replace(draft, notes=(*draft.notes, note)))
                    raise
        now = _iso(self.clock())
        sent = replace(
            draft,
            vendor_request_id=snapshot.request_id,
            submitted_at=snapshot.created_at or now,
            ticket_id=snapshot.ticket_id,
        )
        sent, _ = self._apply_snapshot(sent, snapshot, now)
        self.store.save(sent)
        return sent

    def _resume_unsent(self) -> list[PortRequest]:
        """API drafts left by an interrupted submit: find or send them now."""
        unsent = [
            r
            for r in self.store.requests()
            if r.route is PortRoute.API and not r.vendor_request_id and r.status is PortStatus.DRAFT
        ]
        if not unsent:
            return []
        porting = self._require_porting()
        return [self._send(porting, r) for r in unsent]

    def _find_created(self, porting: PortingApi, order: PortOrder) -> Any:
        """After a create whose answer was lost: the request it made, if it made one."""
        lister = getattr(porting, "list_ids", None)
        if lister is None:
            return None
        known = {r.vendor_request_id for r in self.store.requests()}
        wanted = set(order.numbers)
        for request_id in lister():
            if request_id in known:
                continue
            snapshot = porting.fetch(request_id)
            if {n.e164 for n in snapshot.numbers} == wanted:
                return snapshot
        return None

    def _cancel_rejected(
        self, porting: PortingApi, retry: dict[str, str], chunk: Sequence[Number], new_id: str
    ) -> None:
        """Withdraw rejected numbers from their old request before sending them again."""
        for number in chunk:
            old_id = retry.get(number.e164)
            old = self.store.request(old_id) if old_id else None
            entry = old.number(number.e164) if old else None
            if old is None or entry is None:
                continue
            if old.route is PortRoute.API and old.vendor_request_id and entry.vendor_id:
                # Already withdrawn or expired: the new request stands on its own.
                with contextlib.suppress(VendorError):
                    porting.cancel_number(old.vendor_request_id, entry.vendor_id)
        self._close_superseded(retry, chunk, new_id)

    def _close_superseded(
        self, retry: dict[str, str], chunk: Sequence[Number], new_id: str
    ) -> None:
        now = _iso(self.clock())
        for number in chunk:
            old_id = retry.get(number.e164)
            old = self.store.request(old_id) if old_id else None
            if old is None:
                continue
            change = StatusChange(now, PortStatus.CANCELLED, detail=f"sent again in {new_id}")
            numbers = tuple(
                n.with_status(change) if n.e164 == number.e164 else n for n in old.numbers
            )
            old = replace(old, numbers=numbers)
            if old.route is PortRoute.TICKET or all(n.status.final for n in numbers):
                old = old.with_status(StatusChange(now, summarize_status(numbers)))
            self.store.save(old)

    # --- refresh ---------------------------------------------------------------------------
    def refresh(
        self, progress: Progress = no_progress, cancel: CancelToken = NEVER
    ) -> list[Change]:
        """Read every open API request again; returns only what changed since last time."""
        now = _iso(self.clock())
        changes: list[Change] = []
        requests = [r for r in self.store.requests() if self._followed(r)]
        porting = self.porting() if requests else None
        for done, request in enumerate(requests, start=1):
            cancel.check()
            assert porting is not None
            snapshot = porting.fetch(request.vendor_request_id)
            updated, found = self._apply_snapshot(request, snapshot, now)
            updated = replace(updated, last_refresh=now)
            self.store.save(updated)
            changes += found
            progress(done, len(requests), f"read {request.id}")
        self.store.log_refresh(self.clock(), [c.__dict__ for c in changes])
        return changes

    @staticmethod
    def _followed(request: PortRequest) -> bool:
        if request.route is not PortRoute.API or not request.vendor_request_id:
            return False
        return not all(n.status.final for n in request.numbers) or not request.status.final

    def _apply_snapshot(
        self, request: PortRequest, snapshot: Any, now: str
    ) -> tuple[PortRequest, list[Change]]:
        by_number = {n.e164: n for n in snapshot.numbers}
        expired = (snapshot.vendor_status or "").strip().casefold() == "expired"
        changes: list[Change] = []
        numbers = []
        for number in request.numbers:
            seen = by_number.get(number.e164)
            superseded = number.status.final and number.history[-1].detail.startswith("sent again")
            if seen is None or superseded:
                numbers.append(number)
                continue
            status = from_twilio(seen.vendor_status, seen.port_date) or number.status
            if expired and not status.final:
                status = PortStatus.CANCELLED  # the request expired around it: no longer porting
            exception = None
            if status is PortStatus.EXCEPTION:
                exception = PortException.of(
                    seen.rejection_message or seen.rejection_code or None,
                    rejection_reason(seen.rejection_message or seen.rejection_code).title,
                )
            foc = (
                seen.port_date if status in (PortStatus.FOC_CONFIRMED, PortStatus.COMPLETED) else ""
            )
            completed_at = number.completed_at
            if status is PortStatus.COMPLETED and not completed_at:
                completed_at = seen.updated_at or seen.port_date or now
            change = StatusChange(
                now,
                status,
                seen.vendor_status,
                seen.updated_at,
                foc,
                exception.code if exception else "",
            )
            updated = number.with_status(
                change,
                vendor_id=seen.number_id,
                foc_date=foc or number.foc_date,
                exception=exception,
                completed_at=completed_at,
            )
            if len(updated.history) > len(number.history):
                detail = exception.fix if exception else ""
                if expired:
                    detail = f"the {label(request.target_vendor)} request expired"
                if from_twilio(seen.vendor_status, seen.port_date) is None:
                    detail = f"{label(request.target_vendor)} reports '{seen.vendor_status}'"
                changes.append(
                    Change(
                        request.id,
                        number.e164,
                        number.status.value,
                        status.value,
                        foc,
                        detail,
                        seen.vendor_status,
                    )
                )
            numbers.append(updated)
        status = from_twilio(snapshot.vendor_status) or request.status
        if status is PortStatus.SUBMITTED:  # "In Progress" covers both: the numbers tell
            status = max(status, summarize_status(tuple(numbers)), key=lambda s: s.rank)
        updated_request = replace(
            request,
            numbers=tuple(numbers),
            signature_request_url=snapshot.signature_url or request.signature_request_url,
            cancellation_reason=snapshot.cancellation_reason or request.cancellation_reason,
        ).with_status(StatusChange(now, status, snapshot.vendor_status))
        if len(updated_request.history) > len(request.history):
            changes.insert(
                0,
                Change(
                    request.id,
                    "",
                    request.vendor_status or request.status.value,
                    snapshot.vendor_status or status.value,
                ),
            )
        return updated_request, changes

    # --- cancel ----------------------------------------------------------------------------
    def cancel(self, what: str) -> list[Change]:
        """Cancel a request (its id or the vendor's) or one number, while that is allowed."""
        request, number = self._locate(what)
        targets = [number] if number is not None else list(request.numbers)
        live = [n for n in targets if n.status.cancellable]
        if not live:
            shown = number.status.value if number else request.status.value
            raise UsageError(f"{what} cannot be cancelled: it is {shown}")
        now = _iso(self.clock())
        if request.route is PortRoute.API:
            porting = self._require_porting()
            if number is None:
                porting.cancel(request.vendor_request_id)
            else:
                porting.cancel_number(request.vendor_request_id, number.vendor_id)
        changes = []
        new_numbers = []
        cancelled = {n.e164 for n in live}
        for entry in request.numbers:
            if entry.e164 not in cancelled:
                new_numbers.append(entry)
                continue
            final = request.route is PortRoute.TICKET and entry.status is PortStatus.DRAFT
            status = PortStatus.CANCELLED if final else PortStatus.CANCELLING
            note = "cancelled by the admin"
            if request.route is PortRoute.TICKET and not final:
                note += f"; ask {label(request.target_vendor)} support to cancel the ticket"
            new_numbers.append(entry.with_status(StatusChange(now, status, detail=note)))
            changes.append(
                Change(request.id, entry.e164, entry.status.value, status.value, "", note)
            )
        updated = replace(request, numbers=tuple(new_numbers))
        updated = updated.with_status(StatusChange(now, summarize_status(updated.numbers)))
        self.store.save(updated)
        return changes

    def _locate(self, what: str) -> tuple[PortRequest, PortNumber | None]:
        for request in reversed(self.store.requests()):
            if what in (request.id, request.vendor_request_id):
                return request, None
        for request in reversed(self.store.requests()):
            found = request.number(what)
            if found is not None:
                return request, found
        raise UsageError(f"no port request or ported number '{what}' in {self.file.path.name}")

    # --- hand-entered statuses -------------------------------------------------------------
    def set_status(
        self,
        e164: str,
        status: PortStatus | str,
        *,
        foc: str | None = None,
        reason: str | None = None,
        ticket: str | None = None,
        note: str | None = None,
    ) -> Change:
        """Record a status the admin learned from the gaining vendor (ticket ports only)."""
        wanted = status if isinstance(status, PortStatus) else PortStatus.parse(status)
        request, number = self._locate(e164)
        if number is None:
            raise UsageError(f"give a phone number, not a request ({e164})")
        if request.route is PortRoute.API:
            raise UsageError(
                f"{e164} is tracked through {label(request.target_vendor)}'s porting API; "
                "use `migrator ports FILE refresh`"
            )
        if number.status.final:
            raise UsageError(
                f"{e164} is {number.status.value} in {request.id}; that is final "
                "(submit again to start a new port)"
            )
        now = _iso(self.clock())
        foc_date = ""
        if wanted is PortStatus.FOC_CONFIRMED:
            foc_date = self._foc(foc)
        exception = None
        if wanted is PortStatus.EXCEPTION:
            if not reason:
                codes = "INVALID_PIN, INVALID_ADDRESS, INVALID_END_USER_NAME, ..."
                raise UsageError(f"say why with --reason ({codes})")
            exception = PortException.of(reason.strip().upper(), note)
        detail = "set by hand" + (f": {note}" if note else "")
        change = StatusChange(now, wanted, "", "", foc_date, detail)
        updated_number = number.with_status(
            change,
            foc_date=foc_date or number.foc_date,
            exception=exception,
            completed_at=now if wanted is PortStatus.COMPLETED else number.completed_at,
        )
        numbers = tuple(updated_number if n.e164 == e164 else n for n in request.numbers)
        submitted = request.submitted_at
        if not submitted and wanted not in (PortStatus.DRAFT, PortStatus.CANCELLED):
            submitted = now
        updated = replace(
            request, numbers=numbers, submitted_at=submitted, ticket_id=ticket or request.ticket_id
        ).with_status(StatusChange(now, summarize_status(numbers), detail="from its numbers"))
        self.store.save(updated)
        return Change(request.id, e164, number.status.value, wanted.value, foc_date, detail)

    @staticmethod
    def _foc(text: str | None) -> str:
        if not text:
            raise UsageError(
                "give the confirmed port date with --foc (2030-03-19 or 2030-03-19T15:00Z)"
            )
        moment = parse_time(text) if "T" in text else parse_time(f"{text}T00:00:00+00:00")
        if moment is None:
            raise UsageError(f"--foc must be a date or date and time (got '{text}')")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return _iso(moment)

    # --- what the engine and the views need ------------------------------------------------
    def requests(self) -> list[PortRequest]:
        return self.store.requests()

    def in_port(self, e164: str) -> bool:
        return e164 in self.store.open_numbers()

    def release_blockers(self) -> dict[str, str]:
        """Source numbers that must not be released yet, and why."""
        blocked = {}
        now = self.clock()
        for request in self.store.requests():
            for number in request.numbers:
                if number.status.in_port:
                    blocked[number.e164] = f"in port request {request.id} ({number.status.value})"
                until = source_serves_until(request, number)
                if until is not None and now < until:
                    blocked.setdefault(
                        number.e164,
                        f"ported; the source keeps serving it until {until:%Y-%m-%d}",
                    )
        return blocked

    def next_action(self, request: PortRequest, number: PortNumber | None = None) -> str:
        return next_action(request, number, self.clock())

    def write_loas(self, folder: Path, request_ids: Iterable[str] | None = None) -> list[Path]:
        """One LOA PDF per request (one losing account each)."""
        wanted = set(request_ids) if request_ids is not None else None
        written = []
        for request in self.store.requests():
            if wanted is not None and request.id not in wanted:
                continue
            if wanted is None and request.status.final:
                continue
            loa = request.loa or self.loa(request.losing_key)
            if loa is None:
                continue
            written.append(write_loa_pdf(request, loa, folder, self.clock().date()))
        return written


class LoaBlocked(MigratorError):
    """The LOA data has blockers; nothing was sent."""

    def __init__(self, blockers: dict[str, list[LoaWarning]], message: str) -> None:
        super().__init__(message)
        self.blockers = blockers


def _ticket_batches(numbers: Sequence[Number]) -> list[list[Number]]:
    """One ticket per country, toll-free apart (it moves by RespOrg change, with a signed
    LOA), at most MAX_PER_REQUEST numbers each."""
    batches: dict[tuple[str, bool], list[Number]] = defaultdict(list)
    for number in numbers:
        batches[(number.country, number.number_type is NumberType.TOLLFREE)].append(number)
    return [
        members[start : start + MAX_PER_REQUEST]
        for _, members in sorted(batches.items())
        for start in range(0, len(members), MAX_PER_REQUEST)
    ]


def _unique(warnings: list[LoaWarning]) -> list[LoaWarning]:
    seen: set[str] = set()
    kept = []
    for warning in warnings:
        if warning.code not in seen:
            seen.add(warning.code)
            kept.append(warning)
    return kept


def port_desk(file: MigrationFile) -> PortsDesk:
    """The porting desk to hand the executor and the rollback for this file."""
    return PortsDesk(PortService(file))


class PortsDesk:
    """The engine's porting desk (migrator.engine.executor.PortDesk) backed by PortService."""

    def __init__(self, service: PortService) -> None:
        self.service = service

    def submit(
        self, adapter: VendorAdapter, action: Action, params: dict[str, Any]
    ) -> dict[str, Any]:
        self.service.use_adapter(adapter)
        report = self.service.submit(params.get("numbers"), action_id=action.id)
        if not report.requests:
            skipped = "; ".join(f"{k}: {v}" for k, v in report.skipped.items())
            raise MigratorError(f"no port request was made ({skipped or 'no numbers'})")
        return self._outputs(report.requests)

    @staticmethod
    def _outputs(requests: list[PortRequest]) -> dict[str, Any]:
        return {
            "port_request_id": requests[0].id,
            "port_request_ids": [r.id for r in requests],
            "vendor_request_ids": [r.vendor_request_id for r in requests if r.vendor_request_id],
        }

    def find_submitted(self, action: Action) -> dict[str, Any] | None:
        sent = [
            r
            for r in self.service.store.by_action(action.id)
            if r.vendor_request_id or r.route is PortRoute.TICKET
        ]
        return self._outputs(sent) if sent else None

    def in_port(self, e164: str) -> bool:
        return self.service.in_port(e164)

    def cancel(self, action: Action, outputs: dict[str, Any]) -> str | None:
        refused = []
        for request_id in outputs.get("port_request_ids") or [outputs.get("port_request_id")]:
            if not request_id:
                continue
            try:
                self.service.cancel(str(request_id))
            except (UsageError, VendorError) as exc:
                refused.append(str(exc))
        return "; ".join(refused) or None
