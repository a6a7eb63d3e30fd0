"""The dry-run recorder: a stand-in adapter that records every vendor call and makes none.

It answers from an in-memory copy of the account built from its snapshot (created apps get
`dry-run` ids, searches offer made-up numbers), so a whole run can be rehearsed: `rehearse()`
returns the calls a run would make, in order, with the action each belongs to. The plan preview,
`migrator apply --dry-run` and the engine's tests all use it.
"""

from __future__ import annotations

import functools
import inspect
import re
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, ClassVar, Concatenate, ParamSpec, TypeVar

import phonenumbers

from migrator.engine import operations
from migrator.engine.executor import ApplyOptions, ApplyReport, Executor
from migrator.engine.journal import Journal, MemoryStore
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.model.plan import Plan, Side, Stage
from migrator.model.serialize import to_data
from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.vendors.base import (
    AccountInfo,
    ApplicationSpec,
    AvailableNumber,
    Capabilities,
    NumberConfig,
    NumberQuery,
    VendorAdapter,
    WebhookTarget,
)
from migrator.vendors.capabilities import CAPABILITIES, TWILIO
from migrator.vendors.errors import NotFound
from migrator.vendors.throttle import Limit, Throttle

_MARKER = re.compile(r"\s*\[([^\[\]]+)\]\s*$")
_READS = frozenset(
    {
        "check_credentials",
        "discover",
        "get_application",
        "find_application",
        "read_application_spec",
        "search_numbers",
        "get_number",
        "read_number_config",
    }
)


@dataclass(frozen=True)
class RecordedCall:
    seq: int
    role: str
    vendor: str
    account_id: str
    method: str
    args: dict[str, Any]
    action_id: str | None

    @property
    def writes(self) -> bool:
        return self.method not in _READS

    @property
    def line(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.args.items() if not isinstance(v, dict))
        return f"{self.role} {self.vendor} {self.method}({shown})"


class CallLog:
    """The ordered record of calls shared by the recorders of one run. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls: list[RecordedCall] = []

    def add(
        self, role: str, vendor: str, account_id: str, method: str, args: dict[str, Any]
    ) -> RecordedCall:
        with self._lock:
            call = RecordedCall(
                len(self.calls) + 1,
                role,
                vendor,
                account_id,
                method,
                to_data(args),
                operations.current_action.get(),
            )
            self.calls.append(call)
            return call

    def writes(self) -> list[RecordedCall]:
        return [c for c in self.calls if c.writes]


Hooks = dict[tuple[OwnerKind, str], dict[WebhookPurpose, WebhookTarget]]


def _hooks_by_owner(inventory: Inventory) -> Hooks:
    hooks: Hooks = {}
    for w in inventory.webhooks:
        hooks.setdefault((w.owner_kind, w.owner_id), {})[w.purpose] = WebhookTarget(w.url, w.method)
    return hooks


def _number_config(hooks: Hooks, number: Number) -> NumberConfig:
    return NumberConfig(
        app_id=number.voice_app_id,
        sms_app_id=number.sms_app_id if number.sms_app_id != number.voice_app_id else None,
        webhooks=hooks.get((OwnerKind.NUMBER, number.id), {}),
    )


def _app_spec(hooks: Hooks, app: Application) -> ApplicationSpec:
    found = _MARKER.search(app.name)
    return ApplicationSpec(
        name=_MARKER.sub("", app.name),
        webhooks=hooks.get((OwnerKind.APPLICATION, app.id), {}),
        marker=found.group(1) if found else "",
    )


P = ParamSpec("P")
R = TypeVar("R")
Hook = Callable[[RecordedCall, str], None]
"""Called with (call, "before") and (call, "after") the simulated effect; may raise."""


def _recorded(
    method: Callable[Concatenate[RecordingAdapter, P], R],
) -> Callable[Concatenate[RecordingAdapter, P], R]:
    signature = inspect.signature(method)

    def recorded(self: RecordingAdapter, /, *args: P.args, **kwargs: P.kwargs) -> R:
        bound = signature.bind(self, *args, **kwargs)
        arguments = {
            k: v for k, v in bound.arguments.items() if k not in ("self", "progress", "cancel")
        }
        call = self.log.add(self.role, self.vendor, self.account_id, method.__name__, arguments)
        if self.on_call is not None:
            self.on_call(call, "before")
        result = method(self, *args, **kwargs)
        if self.on_call is not None:
            self.on_call(call, "after")
        return result

    functools.update_wrapper(recorded, method)
    return recorded


class RecordingAdapter(VendorAdapter):
    """Records calls in `log` and simulates the account in memory. `on_call` (tests) runs
    before and after each call's simulated effect and may raise to simulate a fault: before, a
    call that never happened; after, one whose answer was lost."""

    vendor = "recorder"
    capabilities: ClassVar[Capabilities] = TWILIO

    def __init__(
        self,
        inventory: Inventory,
        log: CallLog,
        role: str,
        on_call: Hook | None = None,
    ) -> None:
        super().__init__({}, throttle=Throttle(Limit()))
        self.inventory = inventory
        self.log = log
        self.role = role
        self.on_call = on_call
        self._lock = threading.RLock()
        self._numbers = {n.e164: n for n in inventory.numbers}
        hooks = _hooks_by_owner(inventory)
        self._configs = {n.e164: _number_config(hooks, n) for n in inventory.numbers}
        self._apps = {a.id: a for a in inventory.applications}
        self._specs = {a.id: _app_spec(hooks, a) for a in inventory.applications}
        self._changed: set[str] = set()
        self._serial = 0

    # --- bookkeeping --------------------------------------------------------------------
    def _missing(self, what: str) -> NotFound:
        return NotFound(f"{what} not found", vendor=self.vendor, status=404)

    def _next(self, prefix: str) -> str:
        self._serial += 1
        return f"dry-run-{prefix}-{self._serial}"

    @property
    def account_id(self) -> str:
        return self.inventory.account_id

    # --- connection and discovery -------------------------------------------------------
    @_recorded
    def check_credentials(self) -> AccountInfo:
        return AccountInfo(self.vendor, self.account_id, self.inventory.account_name)

    @_recorded
    def discover(self, progress: Progress = no_progress, cancel: CancelToken = NEVER) -> Inventory:
        with self._lock:
            if not self._changed:
                return self.inventory
            numbers = []
            for e164, number in self._numbers.items():
                if e164 in self._changed:
                    config = self._configs[e164]
                    sms = config.sms_app_id or config.app_id
                    number = replace(number, voice_app_id=config.app_id, sms_app_id=sms)
                numbers.append(number)
            live = {n.id for n in numbers} | set(self._apps)
            changed = {self._numbers[e].id for e in self._changed if e in self._numbers}
            changed |= self._changed & set(self._apps)
            hooks = [
                w
                for w in self.inventory.webhooks
                if w.owner_kind not in (OwnerKind.NUMBER, OwnerKind.APPLICATION)
                or (w.owner_id in live and w.owner_id not in changed)
            ]
            for number in numbers:
                if number.id in changed:
                    for purpose, target in self._configs[number.e164].webhooks.items():
                        hooks.append(
                            Webhook(OwnerKind.NUMBER, number.id, purpose, target.url, target.method)
                        )
            for app_id in changed & set(self._apps):
                for purpose, target in self._specs[app_id].webhooks.items():
                    hooks.append(
                        Webhook(OwnerKind.APPLICATION, app_id, purpose, target.url, target.method)
                    )
            return replace(
                self.inventory,
                numbers=tuple(numbers),
                applications=tuple(self._apps.values()),
                webhooks=tuple(hooks),
            )

    # --- applications -------------------------------------------------------------------
    @_recorded
    def create_application(self, spec: ApplicationSpec) -> Application:
        with self._lock:
            app_id = self._next("app")
            name = f"{spec.name} [{spec.marker}]" if spec.marker else spec.name
            app = Application(app_id, name, self.account_id)
            self._apps[app_id], self._specs[app_id] = app, spec
            self._changed.add(app_id)
            return app

    @_recorded
    def get_application(self, app_id: str) -> Application | None:
        with self._lock:
            return self._apps.get(app_id)

    @_recorded
    def find_application(self, marker: str) -> Application | None:
        with self._lock:
            return next((a for a in self._apps.values() if f"[{marker}]" in a.name), None)

    @_recorded
    def read_application_spec(self, app_id: str) -> ApplicationSpec:
        with self._lock:
            if app_id not in self._specs:
                raise self._missing(f"application {app_id}")
            return self._specs[app_id]

    @_recorded
    def update_application(self, app_id: str, spec: ApplicationSpec) -> Application:
        with self._lock:
            if app_id not in self._apps:
                raise self._missing(f"application {app_id}")
            self._specs[app_id] = spec
            self._changed.add(app_id)
            return self._apps[app_id]

    @_recorded
    def delete_application(self, app_id: str) -> None:
        with self._lock:
            if self._apps.pop(app_id, None) is None:
                raise self._missing(f"application {app_id}")
            del self._specs[app_id]
            self._changed.add(app_id)

    # --- numbers ------------------------------------------------------------------------
    @_recorded
    def search_numbers(self, query: NumberQuery) -> list[AvailableNumber]:
        code = phonenumbers.country_code_for_region(query.country) or 1
        area = query.area_code or "555"
        with self._lock:
            self._serial += 1
            e164 = f"+{code}{area}{self._serial:07d}"
        capabilities = query.capabilities or frozenset({Capability.VOICE, Capability.SMS})
        return [AvailableNumber(e164, query.country, query.number_type, capabilities)]

    @_recorded
    def buy_number(self, e164: str, config: NumberConfig | None = None, label: str = "") -> Number:
        with self._lock:
            number = Number(
                id=self._next("number"),
                e164=e164,
                country=phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or "ZZ",
                number_type=NumberType.LOCAL,
                capabilities=frozenset({Capability.VOICE, Capability.SMS}),
                account_id=self.account_id,
                friendly_name=label,
            )
            self._numbers[e164] = number
            self._configs[e164] = config or NumberConfig()
            self._changed.add(e164)
            return number

    @_recorded
    def get_number(self, e164: str) -> Number | None:
        with self._lock:
            return self._numbers.get(e164)

    @_recorded
    def read_number_config(self, e164: str) -> NumberConfig:
        with self._lock:
            if e164 not in self._configs:
                raise self._missing(f"number {e164}")
            return self._configs[e164]

    @_recorded
    def configure_number(self, e164: str, config: NumberConfig) -> None:
        with self._lock:
            if e164 not in self._numbers:
                raise self._missing(f"number {e164}")
            self._configs[e164] = config
            self._changed.add(e164)

    @_recorded
    def release_number(self, e164: str) -> None:
        with self._lock:
            if self._numbers.pop(e164, None) is None:
                raise self._missing(f"number {e164}")
            del self._configs[e164]
            self._changed.add(e164)


@cache
def _recorder_class(vendor: str) -> type[RecordingAdapter]:
    capabilities = CAPABILITIES.get(vendor, TWILIO)
    name = f"Recording{vendor.title()}Adapter"
    return type(name, (RecordingAdapter,), {"vendor": vendor, "capabilities": capabilities})


def recorder_for(
    inventory: Inventory,
    log: CallLog,
    role: str,
    on_call: Hook | None = None,
) -> RecordingAdapter:
    """A recorder that answers as the inventory's vendor (its capabilities and limit)."""
    vendor = inventory.vendor.value if inventory.vendor is not Vendor.FILE else "recorder"
    return _recorder_class(vendor)(inventory, log, role, on_call)


def rehearse(
    plan: Plan,
    inventories: Mapping[Side, Inventory | None],
    journal: Journal | None = None,
    stage: Stage | None = None,
    offline: Collection[Side] = (),
) -> tuple[ApplyReport, list[RecordedCall]]:
    """Run the plan against recorders: (the run's ApplyReport, every call in order).

    Starts from `journal`'s state when given (a resumed run shows only what is left) but never
    writes to it. Actions run one at a time so the order is the plan's. `offline` sides have no
    connection (a source imported from a file): their actions wait to be done by hand."""
    log = CallLog()
    adapters: dict[Side, VendorAdapter | None] = {
        side: recorder_for(inv, log, side.value) if inv is not None else None
        for side, inv in inventories.items()
        if side not in offline
    }
    scratch = journal.scratch_copy() if journal is not None else Journal(MemoryStore())
    executor = Executor(plan, scratch, adapters, snapshots=inventories, workers=1)
    options = ApplyOptions(
        stage=stage,
        confirm_account=plan.source_account,
        confirm_manual=lambda action: True,
        check_drift=False,
    )
    return executor.apply(options), log.calls
