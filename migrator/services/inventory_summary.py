"""What an admin wants to know first about an inventory: counts, and what needs care.

Shared by `migrator inventory` and the GUI. URLs are always shown redacted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from migrator.model.enums import HostedBy, OwnerKind
from migrator.model.inventory import Inventory, Webhook
from migrator.model.serialize import to_data
from migrator.model.urls import has_credentials, redact_url


def summarize(inventory: Inventory) -> dict[str, Any]:
    numbers = inventory.numbers
    capabilities: Counter[str] = Counter()
    for number in numbers:
        capabilities.update(c.value for c in number.capabilities)
    hosted = [w for w in inventory.webhooks if w.hosted_by.vendor_hosted]
    labels = owner_labels(inventory)
    return {
        "vendor": inventory.vendor.value,
        "account_id": inventory.account_id,
        "account_name": inventory.account_name,
        "taken_at": inventory.taken_at,
        "fingerprint": inventory.fingerprint(),
        "counts": {
            "numbers": len(numbers),
            "applications": len(inventory.applications),
            "messaging_services": len(inventory.messaging_services),
            "sip_trunks": len(inventory.trunks),
            "sip_domains": len(inventory.sip_domains),
            "sip_endpoints": len(inventory.endpoints),
            "subaccounts": len(inventory.subaccounts),
            "webhooks": len(inventory.webhooks),
        },
        "numbers_by_type": dict(Counter(n.number_type.value for n in numbers).most_common()),
        "numbers_by_country": dict(Counter(n.country for n in numbers).most_common()),
        "numbers_by_capability": dict(capabilities.most_common()),
        "vendor_hosted_webhooks": dict(Counter(w.hosted_by.value for w in hosted).most_common()),
        "vendor_hosted": [_webhook_row(w, labels) for w in hosted],
        "vendor_hosted_logic": _hosted_logic(hosted, labels),
        "webhooks_with_credentials": sum(1 for w in inventory.webhooks if has_credentials(w.url)),
        "numbers_without_webhook": len(unanswered := _numbers_without_webhook(inventory)),
        "numbers_without_webhook_e164": unanswered,
    }


def _numbers_without_webhook(inventory: Inventory) -> list[str]:
    """Numbers that nothing answers, by E.164 (one pass over the webhooks, not one per
    number)."""
    answered = {(w.owner_kind, w.owner_id) for w in inventory.webhooks if w.effective}
    found = []
    for number in inventory.numbers:
        owners = (
            (OwnerKind.NUMBER, number.id),
            (OwnerKind.APPLICATION, number.voice_app_id),
            (OwnerKind.APPLICATION, number.sms_app_id),
            (OwnerKind.MESSAGING_SERVICE, number.messaging_service_id),
            (OwnerKind.TRUNK, number.trunk_id),
        )
        if not any(owner in answered for owner in owners):
            found.append(number.e164)
    return found


def owner_labels(inventory: Inventory) -> dict[tuple[OwnerKind, str], str]:
    """What an admin calls each webhook owner: a number by its E.164, the others by kind and
    name (vendor ids mean little to a person)."""
    labels: dict[tuple[OwnerKind, str], str] = {
        (OwnerKind.NUMBER, n.id): n.e164 for n in inventory.numbers
    }
    named = (
        (OwnerKind.APPLICATION, "application", inventory.applications),
        (OwnerKind.MESSAGING_SERVICE, "messaging service", inventory.messaging_services),
        (OwnerKind.TRUNK, "trunk", inventory.trunks),
    )
    for kind, noun, items in named:
        labels.update({(kind, item.id): f"{noun} '{item.name or item.id}'" for item in items})
    labels.update(
        {
            (OwnerKind.SIP_DOMAIN, d.id): f"SIP domain {d.domain_name or d.id}"
            for d in inventory.sip_domains
        }
    )
    return labels


def _label(webhook: Webhook, labels: dict[tuple[OwnerKind, str], str]) -> str:
    found = labels.get((webhook.owner_kind, webhook.owner_id))
    return found or f"{webhook.owner_kind.value.replace('_', ' ')} {webhook.owner_id}"


def _webhook_row(webhook: Webhook, labels: dict[tuple[OwnerKind, str], str]) -> dict[str, Any]:
    return {
        "owner": f"{webhook.owner_kind.value} {webhook.owner_id}",
        "owner_label": _label(webhook, labels),
        "purpose": webhook.purpose.value,
        "url": redact_url(webhook.url),
        "hosted_by": webhook.hosted_by.value,
    }


EXAMPLES = 3
"""Owners named for each piece of vendor-hosted logic (the rest are counted)."""


def _hosted_logic(
    hosted: list[Webhook], labels: dict[tuple[OwnerKind, str], str]
) -> list[dict[str, Any]]:
    """Each distinct piece of vendor-hosted logic (one URL: a Bin, a flow, a Function) once,
    with what it answers and for whom, most used first: the admin rebuilds each once, however
    many numbers point at it."""
    groups: dict[tuple[str, str], list[Webhook]] = {}
    for hook in hosted:
        groups.setdefault((hook.hosted_by.value, redact_url(hook.url)), []).append(hook)
    found: list[dict[str, Any]] = []
    for (hosted_by, url), hooks in groups.items():
        owners: dict[tuple[OwnerKind, str], Webhook] = {}
        for hook in hooks:
            owners.setdefault((hook.owner_kind, hook.owner_id), hook)
        firsts = list(owners.values())
        found.append(
            {
                "hosted_by": hosted_by,
                "url": url,
                "purposes": sorted({h.purpose.value for h in hooks}),
                "owners": dict(Counter(kind.value for kind, _ in owners).most_common()),
                "examples": [_label(h, labels) for h in firsts[:EXAMPLES]],
                "webhooks": len(hooks),
            }
        )
    found.sort(key=lambda group: (-sum(group["owners"].values()), group["url"]))
    return found


def redacted(inventory: Inventory) -> dict[str, Any]:
    """The full inventory as data, with credentials in URLs hidden (for --json and exports)."""
    hooks = tuple(replace(w, url=redact_url(w.url)) for w in inventory.webhooks)
    numbers = tuple(replace(n, config=_redact_config(n.config)) for n in inventory.numbers)
    apps = tuple(replace(a, config=_redact_config(a.config)) for a in inventory.applications)
    services = tuple(
        replace(s, config=_redact_config(s.config)) for s in inventory.messaging_services
    )
    trunks = tuple(replace(t, config=_redact_config(t.config)) for t in inventory.trunks)
    domains = tuple(replace(d, config=_redact_config(d.config)) for d in inventory.sip_domains)
    clean = replace(
        inventory,
        webhooks=hooks,
        numbers=numbers,
        applications=apps,
        messaging_services=services,
        trunks=trunks,
        sip_domains=domains,
        settings=_redact_config(inventory.settings),
    )
    data: dict[str, Any] = to_data(clean)
    return data


def _redact_config(config: dict[str, Any]) -> dict[str, Any]:
    """Redact URL-looking strings anywhere in a raw vendor config (nested too)."""

    def clean(value: Any) -> Any:
        if isinstance(value, str) and "://" in value:
            return redact_url(value)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return {k: clean(v) for k, v in config.items()}


def hosted_headline(summary: dict[str, Any]) -> str:
    """One line on the vendor-hosted logic of a `summarize` result: how many distinct URLs of
    each kind, set in how many webhooks (empty when there is none)."""
    logic = summary["vendor_hosted_logic"]
    if not logic:
        return ""
    kinds = Counter(group["hosted_by"] for group in logic).most_common()
    shown = ", ".join(f"{hosted_label(HostedBy(kind))} {count}" for kind, count in kinds)
    return f"{len(logic)} URL(s) ({shown}), set in {len(summary['vendor_hosted'])} webhook(s)"


def hosted_label(hosted: HostedBy) -> str:
    return {
        HostedBy.TWIML_BIN: "TwiML Bin",
        HostedBy.STUDIO: "Studio flow",
        HostedBy.FUNCTION: "Twilio Function",
        HostedBy.PHLO: "Plivo PHLO",
        HostedBy.CUSTOMER: "customer server",
        HostedBy.SIP: "SIP / phone",
    }[hosted]
