"""Plans built by hand for the engine's tests (the executor's input is a Plan, whoever built it).

`replacement_plan` moves some numbers of a source account onto new numbers of a target account:
prepare creates one target application per source application (same webhooks), acquire buys a
replacement per number, configure links each to its application, verify reads both back, and
decommission releases the source numbers (irreversible).
"""

from __future__ import annotations

from typing import Any

import phonenumbers

from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage, ref
from migrator.vendors.capabilities import CAPABILITIES

DEFAULT_HOOKS = {
    WebhookPurpose.VOICE_ANSWER: "https://example.com/voice/answer",
    WebhookPurpose.CALL_STATUS: "https://example.com/voice/status",
}


def _app_hooks(source: Inventory, app_id: str | None, allowed: frozenset[WebhookPurpose]) -> dict:
    hooks: dict[str, Any] = {}
    if app_id is not None:
        for hook in source.webhooks_of(OwnerKind.APPLICATION, app_id):
            if hook.purpose in allowed and hook.url.startswith("http"):
                hooks[hook.purpose.value] = {"url": hook.url, "method": hook.method}
    for purpose, url in DEFAULT_HOOKS.items():  # every vendor takes these; Plivo needs an answer
        hooks.setdefault(purpose.value, {"url": url, "method": "POST"})
    return hooks


def _placed(number: Number) -> bool:
    """phonenumbers places the number in the country the account says. (Not so for some UK
    mobiles it places in Jersey; the Vonage adapter then sends the wrong country and Vonage
    refuses the release, a business error the engine rightly reports. Not what these tests
    are about.)"""
    return phonenumbers.region_code_for_number(phonenumbers.parse(number.e164)) == number.country


def replacement_plan(
    source: Inventory,
    target: Inventory,
    count: int,
    tag: str = "t",
    decommission: bool = True,
) -> Plan:
    own = [n for n in source.numbers if n.account_id in ("", source.account_id) and _placed(n)]
    numbers = sorted(own, key=lambda n: n.e164)[:count]
    allowed = CAPABILITIES[target.vendor.value].app_webhooks
    actions: list[Action] = []
    app_action: dict[str | None, str] = {}
    for number in numbers:
        key = number.voice_app_id
        if key in app_action:
            continue
        action_id = f"app-{len(app_action) + 1}"
        app_action[key] = action_id
        name = source.application(key).name if key and source.application(key) else "Numbers"
        spec = {"name": f"Migrated {name}"[:40], "webhooks": _app_hooks(source, key, allowed)}
        actions.append(
            Action(
                id=action_id,
                stage=Stage.PREPARE,
                kind=ActionKind.CREATE_APPLICATION,
                side=Side.TARGET,
                item=f"application '{spec['name']}'",
                item_id=action_id,
                params={"spec": spec},
                idempotency_key=f"mig-{tag}-{action_id}",
            )
        )
    for i, number in enumerate(numbers, 1):
        app = app_action[number.voice_app_id]
        search = {
            "country": number.country,
            "number_type": number.number_type.value,
            "capabilities": sorted(c.value for c in number.capabilities & {Capability.VOICE}),
        }
        actions.append(
            Action(
                id=f"buy-{i}",
                stage=Stage.ACQUIRE,
                kind=ActionKind.BUY_NUMBER,
                side=Side.TARGET,
                item=f"replacement for {number.e164}",
                item_id=f"n{i}",
                params={"search": search, "label": f"migrated {number.e164}"},
                idempotency_key=f"mig-{tag}-buy-{i}",
            )
        )
        actions.append(
            Action(
                id=f"configure-{i}",
                stage=Stage.CONFIGURE,
                kind=ActionKind.CONFIGURE_NUMBER,
                side=Side.TARGET,
                item=f"replacement for {number.e164}",
                item_id=f"n{i}",
                params={"e164": ref(f"buy-{i}", "e164"), "config": {"app_id": ref(app, "app_id")}},
                depends_on=(f"buy-{i}", app),
            )
        )
        actions.append(
            Action(
                id=f"verify-{i}",
                stage=Stage.VERIFY,
                kind=ActionKind.VERIFY_NUMBER,
                side=Side.TARGET,
                item=f"replacement for {number.e164}",
                item_id=f"n{i}",
                params={"e164": ref(f"buy-{i}", "e164"), "expect": {"app_id": ref(app, "app_id")}},
                depends_on=(f"configure-{i}",),
            )
        )
        if decommission:
            actions.append(
                Action(
                    id=f"release-{i}",
                    stage=Stage.DECOMMISSION,
                    kind=ActionKind.RELEASE_NUMBER,
                    side=Side.SOURCE,
                    item=number.e164,
                    item_id=number.id,
                    params={"e164": number.e164},
                    reversible=False,
                    depends_on=(f"verify-{i}",),
                )
            )
    for key, app in app_action.items():
        spec = next(a for a in actions if a.id == app).params["spec"]
        actions.append(
            Action(
                id=f"verify-{app}",
                stage=Stage.VERIFY,
                kind=ActionKind.VERIFY_APPLICATION,
                side=Side.TARGET,
                item=f"application {key or 'Numbers'}",
                item_id=app,
                params={"app_id": ref(app, "app_id"), "expect": {"webhooks": spec["webhooks"]}},
                depends_on=(app,),
            )
        )
    order = {stage: i for i, stage in enumerate(Stage)}
    actions.sort(key=lambda a: order[a.stage])
    return Plan(
        source_vendor=source.vendor.value,
        source_account=source.account_id,
        target_vendor=target.vendor.value,
        target_account=target.account_id,
        source_fingerprint=source.fingerprint(),
        target_fingerprint=target.fingerprint(),
        actions=tuple(actions),
        created_at="2026-01-01T00:00:00+00:00",
    )


def small_inventory(vendor: Vendor, account: str, numbers: int, apps: int = 2) -> Inventory:
    """A hand-made account: `apps` applications with webhooks, numbers spread over them."""
    applications = tuple(Application(f"AP{i}", f"App {i}", account) for i in range(1, apps + 1))
    hooks = [
        Webhook(
            OwnerKind.APPLICATION,
            app.id,
            WebhookPurpose.VOICE_ANSWER,
            f"https://a.example/{app.id}",
        )
        for app in applications
    ]
    owned = []
    for i in range(numbers):
        e164 = f"+1415555{i:04d}"
        app_id = applications[i % apps].id if apps else None
        owned.append(
            Number(
                id=f"PN{i}",
                e164=e164,
                country="US",
                number_type=NumberType.LOCAL,
                capabilities=frozenset({Capability.VOICE, Capability.SMS}),
                account_id=account,
                voice_app_id=app_id,
                sms_app_id=app_id,
            )
        )
    return Inventory(
        vendor=vendor,
        account_id=account,
        account_name=f"{vendor.value} {account}",
        numbers=tuple(owned),
        applications=applications,
        webhooks=tuple(hooks),
    )
