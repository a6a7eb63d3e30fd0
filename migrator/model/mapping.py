"""The mapping: what every item of the departing account becomes on the target.

Two halves. `Decisions` is what the admin chose (a default strategy, bulk rules, per-number
overrides, replacement URLs for vendor-hosted logic) and survives every refresh. The rest is
derived from the inventory, the decisions, the target's capabilities and the compatibility table
(migrator/engine/mapper.py), and is rebuilt whenever the inventory is read again.

Applications are keyed by a mapping key: "app:<source application id>" for an application that
existed on the source, "routes:<hash>" for one the target needs because it keeps webhooks only on
applications (numbers that had their own URLs are grouped by identical settings).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from migrator.errors import MigratorError
from migrator.model.enums import Capability, HostedBy, NumberType, WebhookPurpose
from migrator.model.inventory import Number
from migrator.model.public_key import parse_public_key

MAPPING_SCHEMA_VERSION = 1
PLACEHOLDER_HOST = "rebuild-and-host-here.invalid"
"""Host of the URL that stands in for vendor-hosted logic until the admin enters a real one
(.invalid never resolves, RFC 2606, so a placeholder can never answer a call by accident)."""


class Strategy(StrEnum):
    PORT = "port"
    """Move the same number to the target."""
    REPLACE = "replace"
    """Buy a new number of the same country, area, type and capabilities; release the old one."""
    KEEP = "keep"
    """Leave it on the source."""
    RELEASE = "release"
    """Give it back to the source vendor, with no replacement."""

    @property
    def moves(self) -> bool:
        """True when the number ends up answering on the target."""
        return self in (Strategy.PORT, Strategy.REPLACE)


def placeholder_url(hosted: HostedBy, source_url: str) -> str:
    digest = hashlib.sha256(source_url.encode()).hexdigest()[:10]
    return f"https://{PLACEHOLDER_HOST}/{hosted.value}/{digest}"


def is_placeholder(url: str) -> bool:
    return url.startswith(f"https://{PLACEHOLDER_HOST}/")


NO_HANDLER_HOST = "no-handler.invalid"
"""Host of the URL given to a setting the target requires but the source did not have (a Plivo
application's answer URL for SMS-only numbers): it answers nothing, as the source did not."""


def required_key(purpose: WebhookPurpose) -> str:
    """The key in Decisions.urls under which the admin gives a URL for a required setting."""
    return f"required:{purpose.value}"


def no_handler_url(purpose: WebhookPurpose) -> str:
    return f"https://{NO_HANDLER_HOST}/{purpose.value}"


RuleFacts = tuple[str, NumberType, frozenset[str], str | None, str | None]


def rule_facts(number: Number) -> RuleFacts:
    """What a StrategyRule looks at in a number: numbers alike here get the same answer from
    every rule (the mapper and the rule editor's counts group numbers by it)."""
    return (
        number.country,
        number.number_type,
        number.tags,
        number.voice_app_id,
        number.sms_app_id,
    )


@dataclass(frozen=True)
class StrategyRule:
    """A bulk decision: numbers matching every field that is set get `strategy`."""

    strategy: Strategy
    country: str | None = None
    number_type: NumberType | None = None
    tag: str | None = None
    app: str | None = None
    """A source application id: numbers linked to it (voice or SMS)."""

    def matches(self, number: Number) -> bool:
        return (
            (self.country is None or number.country == self.country)
            and (self.number_type is None or number.number_type == self.number_type)
            and (self.tag is None or self.tag in number.tags)
            and (self.app is None or self.app in (number.voice_app_id, number.sms_app_id))
        )

    def describe(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("country", self.country),
                ("type", self.number_type),
                ("tag", self.tag),
                ("app", self.app),
            )
            if value is not None
        ]
        return f"{' and '.join(parts) or 'every number'} -> {self.strategy}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy.value,
            "country": self.country,
            "number_type": self.number_type.value if self.number_type else None,
            "tag": self.tag,
            "app": self.app,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StrategyRule:
        kind = data.get("number_type")
        return cls(
            strategy=Strategy(data["strategy"]),
            country=data.get("country"),
            number_type=NumberType(kind) if kind else None,
            tag=data.get("tag"),
            app=data.get("app"),
        )


@dataclass(frozen=True)
class Decisions:
    """What the admin decided. Precedence, lowest first: the table's default per number,
    `default_strategy`, `rules` in order (a later match wins), `overrides` by E.164."""

    default_strategy: Strategy | None = None
    rules: tuple[StrategyRule, ...] = ()
    overrides: dict[str, Strategy] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    """Source URL -> the URL to use on the target (fills placeholders, or repoints any URL);
    also required_key(purpose) -> the URL for a setting the target requires on every
    application that the source had not."""
    application_public_key: str | None = None
    """A PEM public key for every application the plan creates, where the target's applications
    have key pairs (Capabilities.app_key_pairs); None lets the target make a key pair whose
    private key is discarded. Checked on construction: never a private key."""
    accepted_missing: dict[str, frozenset[Capability]] = field(default_factory=dict)
    """E.164 -> capabilities the admin accepted its replacement may lack. A replace whose
    replacement the target sells only without a core capability ([replacement] in the table)
    is blocked unless every such capability is accepted here; then the replacement is bought
    without them. Accepting one the replacement does not lack changes nothing."""

    def __post_init__(self) -> None:
        if self.application_public_key is not None:
            object.__setattr__(
                self, "application_public_key", parse_public_key(self.application_public_key)
            )
        if any(not caps for caps in self.accepted_missing.values()):
            object.__setattr__(
                self,
                "accepted_missing",
                {e164: caps for e164, caps in self.accepted_missing.items() if caps},
            )

    def accepted(self, e164: str) -> frozenset[Capability]:
        """The capabilities the admin accepted this number's replacement may lack."""
        return self.accepted_missing.get(e164, frozenset())

    def to_dict(self) -> dict[str, Any]:
        return {
            "default_strategy": self.default_strategy.value if self.default_strategy else None,
            "rules": [rule.to_dict() for rule in self.rules],
            "overrides": {e164: s.value for e164, s in sorted(self.overrides.items())},
            "urls": dict(sorted(self.urls.items())),
            "application_public_key": self.application_public_key,
            "accepted_missing": {
                e164: sorted(c.value for c in caps)
                for e164, caps in sorted(self.accepted_missing.items())
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decisions:
        default = data.get("default_strategy")
        return cls(
            default_strategy=Strategy(default) if default else None,
            rules=tuple(StrategyRule.from_dict(r) for r in data.get("rules", ())),
            overrides={k: Strategy(v) for k, v in data.get("overrides", {}).items()},
            urls=dict(data.get("urls", {})),
            application_public_key=data.get("application_public_key") or None,
            accepted_missing={
                e164: frozenset(Capability(c) for c in caps)
                for e164, caps in data.get("accepted_missing", {}).items()
            },
        )


@dataclass(frozen=True)
class TargetWebhook:
    """A URL as it will be set on the target, and where it came from."""

    url: str
    method: str = "POST"
    source_url: str = ""
    hosted_by: HostedBy = HostedBy.CUSTOMER
    """Who served the source URL (vendor-hosted ones become placeholders)."""

    @property
    def placeholder(self) -> bool:
        return is_placeholder(self.url)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "method": self.method,
            "source_url": self.source_url,
            "hosted_by": self.hosted_by.value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TargetWebhook:
        return cls(
            data["url"],
            data.get("method", "POST"),
            data.get("source_url", ""),
            HostedBy(data.get("hosted_by", "customer")),
        )


Webhooks = dict[WebhookPurpose, TargetWebhook]


@dataclass(frozen=True)
class NotCarried:
    """A setting the target has no place for."""

    purpose: WebhookPurpose
    url: str
    why: str

    def to_dict(self) -> dict[str, str]:
        return {"purpose": self.purpose.value, "url": self.url, "why": self.why}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NotCarried:
        return cls(WebhookPurpose(data["purpose"]), data["url"], data["why"])


@dataclass(frozen=True)
class AppMapping:
    """An application on the target and the source item it stands for."""

    key: str
    name: str
    source_id: str | None
    """The source application's id; None for one grouped from per-number URLs."""
    webhooks: Webhooks = field(default_factory=dict)
    not_carried: tuple[NotCarried, ...] = ()
    filled: tuple[WebhookPurpose, ...] = ()
    """Settings the target requires that the source had not (see NO_HANDLER_HOST)."""
    numbers: int = 0
    """How many moving numbers it answers."""
    create: bool = True
    """False when no moving number uses it (its numbers all stay or are released)."""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NumberMapping:
    """What one number becomes. `app`/`sms_app` are AppMapping keys; `webhooks` are the
    number's own URLs on the target (only where the target keeps URLs on numbers)."""

    id: str
    e164: str
    strategy: Strategy
    decided_by: str
    """'table', 'default', 'rule N' (1-based) or 'override'."""
    why: str
    app: str | None = None
    sms_app: str | None = None
    webhooks: Webhooks = field(default_factory=dict)
    not_carried: tuple[NotCarried, ...] = ()
    replacement: dict[str, Any] | None = None
    """For replace: the search for the new number (NumberQuery fields: country, number_type,
    area_code, capabilities)."""


@dataclass(frozen=True)
class ItemMapping:
    """A messaging service, trunk, SIP domain, endpoint, subaccount or account-wide setting:
    `outcome` is 'folded' (carried inside the applications) or 'manual' (the admin does it)."""

    kind: str
    id: str
    name: str
    outcome: str
    becomes: str
    action: str
    numbers: int = 0
    a2p_registered: bool = False


@dataclass(frozen=True)
class Mapping:
    source_vendor: str
    source_account: str
    target_vendor: str
    target_account: str
    source_fingerprint: str
    decisions: Decisions = field(default_factory=Decisions)
    numbers: tuple[NumberMapping, ...] = ()
    applications: tuple[AppMapping, ...] = ()
    items: tuple[ItemMapping, ...] = ()
    created_at: str = ""
    schema_version: int = MAPPING_SCHEMA_VERSION

    def number(self, e164: str) -> NumberMapping:
        for mapped in self.numbers:
            if mapped.e164 == e164:
                return mapped
        raise KeyError(e164)

    def application(self, key: str) -> AppMapping:
        for app in self.applications:
            if app.key == key:
                return app
        raise KeyError(key)

    def strategy_counts(self) -> dict[str, int]:
        counts = Counter(n.strategy.value for n in self.numbers)
        return {s.value: counts[s.value] for s in Strategy if counts[s.value]}

    def placeholders(self) -> dict[str, str]:
        """Source URL -> placeholder, for every vendor-hosted URL still waiting for the admin."""
        found: dict[str, str] = {}
        for hooks in [a.webhooks for a in self.applications] + [
            n.webhooks for n in self.numbers if n.webhooks
        ]:
            for hook in hooks.values():
                if hook.placeholder:
                    found[hook.source_url] = hook.url
        return found

    # --- stored form ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "source_vendor": self.source_vendor,
            "source_account": self.source_account,
            "target_vendor": self.target_vendor,
            "target_account": self.target_account,
            "source_fingerprint": self.source_fingerprint,
            "created_at": self.created_at,
            "decisions": self.decisions.to_dict(),
            "numbers": [_number_to_dict(n) for n in self.numbers],
            "applications": [
                {
                    "key": a.key,
                    "name": a.name,
                    "source_id": a.source_id,
                    "webhooks": _hooks_to_dict(a.webhooks),
                    "not_carried": [x.to_dict() for x in a.not_carried],
                    "filled": [p.value for p in a.filled],
                    "numbers": a.numbers,
                    "create": a.create,
                    "extra": dict(a.extra),
                }
                for a in self.applications
            ],
            "items": [
                {
                    "kind": i.kind,
                    "id": i.id,
                    "name": i.name,
                    "outcome": i.outcome,
                    "becomes": i.becomes,
                    "action": i.action,
                    "numbers": i.numbers,
                    "a2p_registered": i.a2p_registered,
                }
                for i in self.items
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        version = int(data.get("schema_version", 1))
        if version > MAPPING_SCHEMA_VERSION:
            raise MigratorError(
                f"this mapping was written by a newer migrator (schema {version}); "
                "upgrade migrator to read it"
            )
        return cls(
            source_vendor=data["source_vendor"],
            source_account=data["source_account"],
            target_vendor=data["target_vendor"],
            target_account=data["target_account"],
            source_fingerprint=data["source_fingerprint"],
            created_at=data.get("created_at", ""),
            schema_version=version,
            decisions=Decisions.from_dict(data.get("decisions", {})),
            numbers=tuple(_number_from_dict(n) for n in data.get("numbers", ())),
            applications=tuple(
                AppMapping(
                    key=a["key"],
                    name=a["name"],
                    source_id=a.get("source_id"),
                    webhooks=_hooks_from_dict(a.get("webhooks", {})),
                    not_carried=tuple(NotCarried.from_dict(x) for x in a.get("not_carried", ())),
                    filled=tuple(WebhookPurpose(p) for p in a.get("filled", ())),
                    numbers=int(a.get("numbers", 0)),
                    create=bool(a.get("create", True)),
                    extra=dict(a.get("extra", {})),
                )
                for a in data.get("applications", ())
            ),
            items=tuple(
                ItemMapping(
                    kind=i["kind"],
                    id=i["id"],
                    name=i["name"],
                    outcome=i["outcome"],
                    becomes=i["becomes"],
                    action=i["action"],
                    numbers=int(i.get("numbers", 0)),
                    a2p_registered=bool(i.get("a2p_registered", False)),
                )
                for i in data.get("items", ())
            ),
        )


def _hooks_to_dict(hooks: Webhooks) -> dict[str, Any]:
    return {purpose.value: hook.to_dict() for purpose, hook in hooks.items()}


def _hooks_from_dict(data: dict[str, Any]) -> Webhooks:
    return {WebhookPurpose(p): TargetWebhook.from_dict(h) for p, h in data.items()}


def _number_to_dict(n: NumberMapping) -> dict[str, Any]:
    return {
        "id": n.id,
        "e164": n.e164,
        "strategy": n.strategy.value,
        "decided_by": n.decided_by,
        "why": n.why,
        "app": n.app,
        "sms_app": n.sms_app,
        "webhooks": _hooks_to_dict(n.webhooks),
        "not_carried": [x.to_dict() for x in n.not_carried],
        "replacement": n.replacement,
    }


def _number_from_dict(data: dict[str, Any]) -> NumberMapping:
    return NumberMapping(
        id=data["id"],
        e164=data["e164"],
        strategy=Strategy(data["strategy"]),
        decided_by=data["decided_by"],
        why=data["why"],
        app=data.get("app"),
        sms_app=data.get("sms_app"),
        webhooks=_hooks_from_dict(data.get("webhooks", {})),
        not_carried=tuple(NotCarried.from_dict(x) for x in data.get("not_carried", ())),
        replacement=data.get("replacement"),
    )
