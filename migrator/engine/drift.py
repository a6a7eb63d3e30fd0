"""Has an account changed since the plan was built? And if so, what exactly?

Before the first write of a run, the executor reads both accounts again and compares them with
the snapshots the plan was built from. Items the journal says this migration already touched
(apps it created, numbers it bought, configured, released or is porting) are expected to differ
and are left out; anything else that differs means someone changed the account behind the
plan's back, and the run stops with the list (re-plan to go on).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from migrator.engine.journal import ActionRecord, Status
from migrator.model.enums import OwnerKind
from migrator.model.inventory import Inventory
from migrator.model.plan import ActionKind, Side
from migrator.model.serialize import to_data

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_COLLECTIONS = ("messaging_services", "trunks", "sip_domains", "endpoints", "subaccounts")


@dataclass(frozen=True)
class Change:
    """One difference: `what` is number / application / webhook / messaging_service ..."""

    what: str
    key: str
    change: str  # added | removed | changed
    detail: str = ""

    @property
    def line(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~"}.get(self.change, "?")
        tail = f" ({self.detail})" if self.detail else ""
        return f"{mark} {self.what} {self.key} {self.change}{tail}"


@dataclass(frozen=True)
class DriftReport:
    role: str
    account_id: str
    expected_fingerprint: str
    actual_fingerprint: str
    changes: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def lines(self) -> list[str]:
        head = f"the {self.role} account {self.account_id} changed since the plan was built:"
        return [head, *(f"  {c.line}" for c in self.changes)]


@dataclass
class Touched:
    """Items of one account this migration has (or may have) changed."""

    numbers: set[str] = field(default_factory=set)
    app_ids: set[str] = field(default_factory=set)
    markers: set[str] = field(default_factory=set)

    def covers_app(self, app_id: str, name: str) -> bool:
        """Ours: by id, or by the idempotency marker adapters put in the name (each vendor
        spells it its own way: 'name [marker]', 'name__marker')."""
        return app_id in self.app_ids or any(marker in name for marker in self.markers)


def numbers_in(value: Any) -> Iterable[str]:
    if isinstance(value, str) and _E164.match(value):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from numbers_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from numbers_in(item)


def touched_items(records: Iterable[ActionRecord]) -> dict[Side, Touched]:
    """What the journal's started actions may have changed, per account."""
    result = {Side.SOURCE: Touched(), Side.TARGET: Touched()}
    for record in records:
        if record.status is Status.PENDING and record.attempts == 0:
            continue
        if record.status is Status.SKIPPED and record.attempts == 0:
            continue
        action = record.action
        sides = [action.side]
        if action.kind is ActionKind.SUBMIT_PORT:
            sides = [Side.SOURCE, Side.TARGET]  # a completed port moves numbers across
        sources = (action.item, action.params, record.call or {}, record.outputs)
        for side in sides:
            touched = result[side]
            for source in sources:
                touched.numbers.update(numbers_in(source))
            for source in (action.params, record.call or {}, record.outputs):
                app_id = source.get("app_id")
                if isinstance(app_id, str):
                    touched.app_ids.add(app_id)
            if action.kind in (
                ActionKind.UPDATE_APPLICATION,
                ActionKind.DELETE_APPLICATION,
                ActionKind.VERIFY_APPLICATION,
            ):
                touched.app_ids.add(action.item_id)
            if action.kind is ActionKind.CREATE_APPLICATION:
                spec = (record.call or {}).get("spec") or action.params.get("spec") or {}
                touched.markers.add(str(spec.get("marker") or action.idempotency_key or action.id))
    return result


def _differing_fields(old: dict[str, Any], new: dict[str, Any]) -> str:
    names = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            inner = _differing_fields(old[key], new[key])
            names.append(f"{key}.{{{inner}}}" if inner else key)
        else:
            names.append(key)
    return ", ".join(names)


def _diff(
    what: str,
    old: dict[str, dict[str, Any]],
    new: dict[str, dict[str, Any]],
    ignore: Any,
) -> list[Change]:
    changes = []
    for key in sorted(set(old) | set(new)):
        if ignore(key, old.get(key) or new.get(key) or {}):
            continue
        if key not in new:
            changes.append(Change(what, key, "removed"))
        elif key not in old:
            changes.append(Change(what, key, "added"))
        elif old[key] != new[key]:
            changes.append(Change(what, key, "changed", _differing_fields(old[key], new[key])))
    return changes


def compare(
    role: str,
    snapshot: Inventory | None,
    expected_fingerprint: str,
    fresh: Inventory,
    touched: Touched,
) -> DriftReport:
    """The differences between the plan's snapshot and a fresh read, minus our own changes."""
    actual = fresh.fingerprint()
    report = DriftReport(role, fresh.account_id, expected_fingerprint, actual)
    if actual == expected_fingerprint:
        return report
    if snapshot is None or snapshot.fingerprint() != expected_fingerprint:
        detail = "the snapshot the plan was built from is not in the migration file"
        return DriftReport(
            role,
            fresh.account_id,
            expected_fingerprint,
            actual,
            (Change("account", fresh.account_id, "changed", detail),),
        )
    old, new = snapshot.canonical(), fresh.canonical()
    number_e164 = {n.id: n.e164 for n in (*snapshot.numbers, *fresh.numbers)}
    app_name = {a.id: a.name for a in (*snapshot.applications, *fresh.applications)}
    changes = _diff(
        "number",
        {n["e164"]: n for n in old["numbers"]},
        {n["e164"]: n for n in new["numbers"]},
        lambda key, _: key in touched.numbers,
    )
    changes += _diff(
        "application",
        {a["id"]: a for a in old["applications"]},
        {a["id"]: a for a in new["applications"]},
        lambda key, data: touched.covers_app(key, str(data.get("name", ""))),
    )

    def webhook_key(hook: dict[str, Any]) -> str:
        owner = hook["owner_id"]
        if hook["owner_kind"] == OwnerKind.NUMBER.value:
            owner = number_e164.get(owner, owner)
        return f"{hook['owner_kind']} {owner} {hook['purpose']}"

    def webhook_ignored(key: str, hook: dict[str, Any]) -> bool:
        if hook.get("owner_kind") == OwnerKind.NUMBER.value:
            return number_e164.get(hook["owner_id"], hook["owner_id"]) in touched.numbers
        if hook.get("owner_kind") == OwnerKind.APPLICATION.value:
            app_id = hook["owner_id"]
            return touched.covers_app(app_id, app_name.get(app_id, ""))
        return False

    changes += _diff(
        "webhook",
        {webhook_key(w): w for w in old["webhooks"]},
        {webhook_key(w): w for w in new["webhooks"]},
        webhook_ignored,
    )
    for collection in _COLLECTIONS:
        changes += _diff(
            collection.rstrip("s").replace("_", " "),
            {str(i["id"]): i for i in old[collection]},
            {str(i["id"]): i for i in new[collection]},
            lambda key, _: False,
        )
    for key in ("account_id", "account_name", "settings", "vendor"):
        if old.get(key) != new.get(key):
            detail = json.dumps(to_data(new.get(key)))[:120]
            changes.append(Change("account", key, "changed", detail))
    return DriftReport(role, fresh.account_id, expected_fingerprint, actual, tuple(changes))
