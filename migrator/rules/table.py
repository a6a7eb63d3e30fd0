"""Loading and checking the compatibility table (compatibility.toml, next to this module).

The table is data; this module turns it into typed, validated objects and answers the lookups
the mapping, the assessment and the planner share (porting path and offer for a country and
number type, a vendor's webhook facts). A table that refers to an unknown fact, vendor,
capability or checklist entry, or a fact without a source, is refused at load time.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from migrator.errors import MigratorError
from migrator.model.assessment import Verdict
from migrator.model.enums import Capability, HostedBy, NumberType, WebhookPurpose
from migrator.rules.conditions import Condition, template_fields
from migrator.rules.facts import FACTS
from migrator.vendors.base import Capabilities

TABLE_SCHEMA_VERSION = 1
ANY = "*"
PORT_PATHS = ("api", "console", "ticket")
PORT_PATH_LABELS = {
    "api": "the vendor's Porting API",
    "console": "a request in the vendor's console",
    "ticket": "a support ticket",
    "none": "no known path",
}


class TableError(MigratorError):
    """The compatibility table is malformed (a bug in the shipped data, or an edited copy)."""


@dataclass(frozen=True)
class VendorFacts:
    name: str
    label: str
    markup: str
    markup_label: str
    payload: str
    payload_label: str
    call_id_param: str
    message_id_param: str
    signature: str
    signature_label: str
    sms_reply_inline: bool
    sms_inbound_body: str
    """How an inbound SMS POST carries its parameters: form, json or unknown."""
    sms_inbound_params: str
    """The inbound SMS parameters a handler reads (sender, number, text, message id)."""
    sms_number_request: str
    """How inbound SMS reach a URL set on a number or the account, when that differs from an
    application's (Vonage: the SMS API's format); '' when it does not."""
    sms_inbound_requires: str
    """An account setting without which inbound SMS never reach the mapped URL ('' for none)."""
    sms_inbound_setup: str
    """How to make that setting."""
    app_private_key_discarded: bool
    """The vendor returns a created application's private key, which migrator discards (no
    secrets kept): the admin must give each new application a new key pair."""
    app_label: str
    number_shape: str
    port_out: str
    settings: dict[WebhookPurpose, str]
    forced_methods: dict[WebhookPurpose, str]
    required_app_purposes: frozenset[WebhookPurpose]
    """Settings an application must have to be created at all."""
    sources: tuple[str, ...]

    def setting(self, purpose: WebhookPurpose) -> str:
        return self.settings.get(purpose, purpose.value.replace("_", " "))


@dataclass(frozen=True)
class HostedFacts:
    kind: HostedBy
    label: str
    what: str
    fix: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PurposeFacts:
    purpose: WebhookPurpose
    label: str
    returns_markup: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PortingPath:
    vendor: str
    countries: tuple[str, ...]
    number_types: tuple[str, ...]
    path: str
    confirmed: bool
    batch_limit: int
    """Most numbers per request (0: no limit known)."""
    lead_time: str
    documents: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Offer:
    vendor: str
    countries: tuple[str, ...]
    number_types: tuple[str, ...]
    capabilities: frozenset[Capability]
    """What a number bought there can do (a replacement search asks for no more)."""
    sources: tuple[str, ...]
    sold: bool = True
    """False: the vendor sells no numbers of these countries and types (overrides a wider entry)."""


@dataclass(frozen=True)
class ReplacementFacts:
    core: frozenset[Capability]
    """Capabilities a replacement must keep for the plan to buy it."""
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ItemOutcome:
    outcome: str
    becomes: str
    action: str


@dataclass(frozen=True)
class ItemFacts:
    kind: str
    label: str
    capability: str | None
    """A Capabilities field that says whether the target has an equivalent."""
    if_supported: ItemOutcome
    if_missing: ItemOutcome
    sources: tuple[str, ...]

    def outcome_for(self, capabilities: Capabilities) -> ItemOutcome:
        if self.capability is None or getattr(capabilities, self.capability):
            return self.if_supported
        return self.if_missing


@dataclass(frozen=True)
class ChecklistFacts:
    key: str
    title: str
    why: str
    how: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    item: str
    when: Condition
    unless: Condition | None
    verdict: Verdict
    reason: str
    fix: str
    checklist: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CompatibilityTable:
    vendors: dict[str, VendorFacts]
    hosted: dict[HostedBy, HostedFacts]
    purposes: dict[WebhookPurpose, PurposeFacts]
    porting: tuple[PortingPath, ...]
    offers: tuple[Offer, ...]
    items: dict[str, ItemFacts]
    checklist: dict[str, ChecklistFacts]
    rules: tuple[Rule, ...]
    replacement: ReplacementFacts

    def vendor(self, name: str) -> VendorFacts:
        try:
            return self.vendors[name]
        except KeyError:
            raise MigratorError(f"the compatibility table knows nothing about '{name}'") from None

    def rules_for(self, item: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.item == item)

    def porting_path(self, vendor: str, country: str, number_type: str) -> PortingPath | None:
        """The most specific porting path into `vendor` for this country and type, if any."""
        return _most_specific(self.porting, vendor, country, number_type)

    def offer(self, vendor: str, country: str, number_type: str) -> Offer | None:
        """What `vendor` sells for this country and type (None: it does not sell that type)."""
        found = _most_specific(self.offers, vendor, country, number_type)
        return found if found is not None and found.sold else None


_Entry = TypeVar("_Entry", PortingPath, Offer)


def _most_specific(
    entries: tuple[_Entry, ...], vendor: str, country: str, number_type: str
) -> _Entry | None:
    best: _Entry | None = None
    best_score = -1
    for entry in entries:
        if entry.vendor != vendor:
            continue
        if country in entry.countries:
            score = 2
        elif ANY in entry.countries:
            score = 0
        else:
            continue
        if number_type in entry.number_types:
            score += 1
        elif ANY not in entry.number_types:
            continue
        if score > best_score:
            best, best_score = entry, score
    return best


# --- loading --------------------------------------------------------------------------------
def _sources(where: str, data: dict[str, Any]) -> tuple[str, ...]:
    sources = data.get("sources")
    if (
        not isinstance(sources, list)
        or not sources
        or not all(isinstance(s, str) and s.strip() for s in sources)
    ):
        raise TableError(f"{where}: every fact needs a non-empty list of sources")
    return tuple(sources)


def _require(where: str, data: dict[str, Any], *keys: str) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise TableError(f"{where}: missing {', '.join(missing)}")


def _purposes(where: str, data: dict[str, Any]) -> dict[WebhookPurpose, str]:
    try:
        return {WebhookPurpose(k): str(v) for k, v in data.items()}
    except ValueError as exc:
        raise TableError(f"{where}: {exc}") from None


def _vendor(name: str, data: dict[str, Any]) -> VendorFacts:
    where = f"vendors.{name}"
    plain = [
        f.name
        for f in dataclasses.fields(VendorFacts)
        if f.name not in ("name", "settings", "forced_methods", "required_app_purposes", "sources")
    ]
    _require(where, data, *plain)
    return VendorFacts(
        name=name,
        settings=_purposes(f"{where}.settings", data.get("settings", {})),
        forced_methods=_purposes(f"{where}.forced_methods", data.get("forced_methods", {})),
        required_app_purposes=frozenset(
            _purposes(
                f"{where}.required_app_purposes",
                dict.fromkeys(data.get("required_app_purposes", ()), ""),
            )
        ),
        sources=_sources(where, data),
        **{key: data[key] for key in plain},
    )


def _types(where: str, values: list[str]) -> tuple[str, ...]:
    for value in values:
        if value != ANY and value not in NumberType.__members__.values():
            raise TableError(f"{where}: unknown number type '{value}'")
    return tuple(values)


def _porting(index: int, data: dict[str, Any], vendors: dict[str, VendorFacts]) -> PortingPath:
    where = f"porting[{index}]"
    _require(where, data, "vendor", "countries", "number_types", "path", "lead_time", "documents")
    if data["vendor"] not in vendors:
        raise TableError(f"{where}: unknown vendor '{data['vendor']}'")
    if data["path"] not in PORT_PATHS:
        raise TableError(f"{where}: path must be one of {', '.join(PORT_PATHS)}")
    return PortingPath(
        vendor=data["vendor"],
        countries=tuple(data["countries"]),
        number_types=_types(where, data["number_types"]),
        path=data["path"],
        confirmed=bool(data.get("confirmed", True)),
        batch_limit=int(data.get("batch_limit", 0)),
        lead_time=data["lead_time"],
        documents=data["documents"],
        sources=_sources(where, data),
    )


def _offer(index: int, data: dict[str, Any], vendors: dict[str, VendorFacts]) -> Offer:
    where = f"offers[{index}]"
    _require(where, data, "vendor", "countries", "number_types", "capabilities")
    if data["vendor"] not in vendors:
        raise TableError(f"{where}: unknown vendor '{data['vendor']}'")
    try:
        capabilities = frozenset(Capability(c) for c in data["capabilities"])
    except ValueError as exc:
        raise TableError(f"{where}: {exc}") from None
    sold = data.get("sold", True)
    if not isinstance(sold, bool):
        raise TableError(f"{where}: sold must be true or false")
    if sold and not capabilities:
        raise TableError(f"{where}: an offer that is sold needs at least one capability")
    return Offer(
        vendor=data["vendor"],
        countries=tuple(data["countries"]),
        number_types=_types(where, data["number_types"]),
        capabilities=capabilities,
        sources=_sources(where, data),
        sold=sold,
    )


def _replacement(data: dict[str, Any]) -> ReplacementFacts:
    where = "replacement"
    _require(where, data, "core_capabilities")
    try:
        core = frozenset(Capability(c) for c in data["core_capabilities"])
    except ValueError as exc:
        raise TableError(f"{where}: {exc}") from None
    return ReplacementFacts(core, _sources(where, data))


def _outcome(where: str, data: dict[str, Any]) -> ItemOutcome:
    _require(where, data, "outcome", "becomes", "action")
    if data["outcome"] not in ("manual", "folded"):
        raise TableError(f"{where}: outcome must be 'manual' or 'folded'")
    return ItemOutcome(data["outcome"], data["becomes"], data["action"])


def _item(kind: str, data: dict[str, Any]) -> ItemFacts:
    where = f"items.{kind}"
    _require(where, data, "label", "if_supported")
    capability = data.get("capability")
    known = {f.name for f in dataclasses.fields(Capabilities)}
    if capability is not None and capability not in known:
        raise TableError(f"{where}: '{capability}' is not a Capabilities flag")
    supported = _outcome(f"{where}.if_supported", data["if_supported"])
    missing = (
        _outcome(f"{where}.if_missing", data["if_missing"]) if "if_missing" in data else supported
    )
    return ItemFacts(kind, data["label"], capability, supported, missing, _sources(where, data))


def _condition(where: str, item: str, data: Any) -> Condition:
    if not isinstance(data, dict) or not data:
        raise TableError(f"{where}: a condition is a non-empty table of fact = value")
    unknown = sorted(set(data) - FACTS[item])
    if unknown:
        raise TableError(f"{where}: unknown {item} fact(s) {', '.join(unknown)}")
    return dict(data)


def _rule(index: int, data: dict[str, Any], checklist: dict[str, ChecklistFacts]) -> Rule:
    where = f"rules[{index}] ({data.get('id', '?')})"
    _require(where, data, "id", "item", "when", "verdict", "reason", "fix")
    item = data["item"]
    if item not in FACTS:
        raise TableError(f"{where}: item must be one of {', '.join(FACTS)}")
    for text in ("reason", "fix"):
        unknown = sorted(set(template_fields(data[text])) - FACTS[item])
        if unknown:
            raise TableError(f"{where}: {text} refers to unknown fact(s) {', '.join(unknown)}")
    key = data.get("checklist")
    if key is not None and key not in checklist:
        raise TableError(f"{where}: unknown checklist entry '{key}'")
    try:
        verdict = Verdict(data["verdict"])
    except ValueError:
        raise TableError(f"{where}: verdict must be ok, attention or blocker") from None
    return Rule(
        id=data["id"],
        item=item,
        when=_condition(f"{where}.when", item, data["when"]),
        unless=_condition(f"{where}.unless", item, data["unless"]) if "unless" in data else None,
        verdict=verdict,
        reason=data["reason"],
        fix=data["fix"],
        checklist=key,
        sources=_sources(where, data),
    )


def parse_table(data: dict[str, Any]) -> CompatibilityTable:
    """Build and check a table from parsed TOML."""
    if data.get("schema_version") != TABLE_SCHEMA_VERSION:
        raise TableError(f"schema_version must be {TABLE_SCHEMA_VERSION}")
    vendors = {name: _vendor(name, v) for name, v in data.get("vendors", {}).items()}
    try:
        hosted = {
            HostedBy(k): HostedFacts(HostedBy(k), v["label"], v["what"], v["fix"], _sources(k, v))
            for k, v in data.get("hosted", {}).items()
        }
        purposes = {
            WebhookPurpose(k): PurposeFacts(
                WebhookPurpose(k), v["label"], bool(v["returns_markup"]), _sources(k, v)
            )
            for k, v in data.get("purposes", {}).items()
        }
    except (KeyError, ValueError) as exc:
        raise TableError(f"hosted/purposes: {exc}") from None
    missing_hosted = [h.value for h in HostedBy if h.vendor_hosted and h not in hosted]
    missing_purposes = [p.value for p in WebhookPurpose if p not in purposes]
    if missing_hosted or missing_purposes:
        raise TableError(f"no facts for {', '.join(missing_hosted + missing_purposes)}")
    checklist = {
        key: ChecklistFacts(key, v["title"], v["why"], v["how"], _sources(f"checklist.{key}", v))
        for key, v in data.get("checklist", {}).items()
    }
    rules = tuple(_rule(i, r, checklist) for i, r in enumerate(data.get("rules", ())))
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TableError(f"rule ids used twice: {', '.join(duplicates)}")
    return CompatibilityTable(
        vendors=vendors,
        hosted=hosted,
        purposes=purposes,
        porting=tuple(_porting(i, p, vendors) for i, p in enumerate(data.get("porting", ()))),
        offers=tuple(_offer(i, o, vendors) for i, o in enumerate(data.get("offers", ()))),
        items={kind: _item(kind, v) for kind, v in data.get("items", {}).items()},
        checklist=checklist,
        rules=rules,
        replacement=_replacement(data.get("replacement", {})),
    )


def load_table_from(path: Path) -> CompatibilityTable:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TableError(f"{path}: {exc}") from None
    return parse_table(data)


@cache
def load_table() -> CompatibilityTable:
    """The shipped table (parsed once per process)."""
    text = resources.files("migrator.rules").joinpath("compatibility.toml").read_text("utf-8")
    try:
        return parse_table(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise TableError(f"compatibility.toml: {exc}") from None
