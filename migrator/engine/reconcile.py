"""After a crash: did the call an intent recorded happen? Ask the vendor before retrying.

An action journaled as `running` (intent, no outcome) may or may not have reached the vendor.
Each kind has its own question: the app by its idempotency marker, the bought number by itself,
a number's or app's current settings against the ones the call set, a released number or a
deleted app by its absence. Reads (verify) simply run again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from migrator.engine.journal import ActionRecord, Event, Journal, Status
from migrator.engine.operations import (
    Reader,
    bought,
    config_differences,
    config_from,
    current_action,
    spec_differences,
    spec_from,
)
from migrator.model.plan import Action, ActionKind, Side
from migrator.vendors.base import VendorAdapter


def reconcile_call(
    adapter: VendorAdapter, action: Action, call: dict[str, Any], read: Reader
) -> dict[str, Any] | None:
    """Did the call an intent recorded happen? Its outputs if so, None if it did not.

    Asks the vendor: the app by its marker, the bought number by itself, the number's or app's
    current settings against the ones the call set, released/deleted items by their absence."""
    method = call.get("method")
    if method == "create_application":
        marker = str(call["spec"].get("marker", ""))
        app = read(lambda: adapter.find_application(marker)) if marker else None
        return None if app is None else {"app_id": app.id, "name": app.name}
    if method == "buy_number":
        number = read(lambda: adapter.get_number(str(call["e164"])))
        return None if number is None else bought(number, str(call.get("fallback") or ""))
    if method == "configure_number":
        e164 = str(call["e164"])
        current = read(lambda: adapter.read_number_config(e164))
        return None if config_differences(config_from(call["config"]), current) else {}
    if method == "update_application":
        app_id = str(call["app_id"])
        current = read(lambda: adapter.read_application_spec(app_id))
        return None if spec_differences(spec_from(call["spec"]), current) else {"app_id": app_id}
    if method == "release_number":
        e164 = str(call["e164"])
        return {"e164": e164} if read(lambda: adapter.get_number(e164)) is None else None
    if method == "delete_application":
        app_id = str(call["app_id"])
        gone = read(lambda: adapter.get_application(app_id)) is None
        return {"app_id": app_id} if gone else None
    return None  # reads (verify) and anything else: simply run again


Settled = tuple[ActionRecord, Status, str]


def settle_unfinished(
    journal: Journal,
    adapters: Mapping[Side, VendorAdapter | None],
    read_for: Callable[[VendorAdapter], Reader],
    find_port: Callable[[Action], dict[str, Any] | None] | None = None,
    plan: str | None = None,
) -> list[Settled]:
    """Turn every `running` action (of `plan`, or of all plans) into done or pending by asking
    the vendor, journaling what was found. Nothing is retried here."""
    settled = []
    for record in journal.records(plan, statuses=[Status.RUNNING]):
        action = record.action
        current_action.set(action.id)
        adapter = adapters.get(action.side)
        found: dict[str, Any] | None = None
        if action.kind is ActionKind.SUBMIT_PORT:
            found = find_port(action) if find_port else None
        elif adapter is not None and record.call:
            found = reconcile_call(adapter, action, record.call, read_for(adapter))
        if found is not None:
            status, message = Status.DONE, "interrupted; the vendor shows it was done"
        else:
            status, message = Status.PENDING, "interrupted before the vendor did it; will run again"
        journal.outcome(record.plan, action.id, status, found, message, event=Event.RECONCILED)
        settled.append((record, status, message))
    current_action.set(None)
    return settled
