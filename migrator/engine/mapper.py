"""Building the mapping: what each item of the source becomes on the target.

Numbers get a strategy (the table's default, then the admin's default, bulk rules and
overrides) and a target routing: linked to the application that answered them on the source,
given their own URLs where the target keeps URLs on numbers, or grouped by identical settings into
an application where the target keeps URLs only on applications. Vendor-hosted URLs become
placeholders until the admin enters a rebuilt URL. Decisions branch on the target's
Capabilities (where webhooks live, which purposes an application or a number can hold, whether it
has messaging services, trunks, subaccounts), never on vendor names.

Work is memoised by what numbers share (country and type, routing, replacement search), so the
cost per number is a few dictionary lookups.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import phonenumbers

from migrator.engine.sides import Side
from migrator.gcpause import gc_paused
from migrator.model.enums import Capability, HostedBy, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import Inventory, Number, Webhook
from migrator.model.mapping import (
    AppMapping,
    Decisions,
    ItemMapping,
    Mapping,
    NotCarried,
    NumberMapping,
    Strategy,
    TargetWebhook,
    Webhooks,
    no_handler_url,
    placeholder_url,
    required_key,
    rule_facts,
)
from migrator.model.serialize import assemble
from migrator.model.urls import hosted_by
from migrator.rules.table import PORT_PATH_LABELS, CompatibilityTable
from migrator.vendors.base import Capabilities, WebhookHome

P = WebhookPurpose
VOICE_PURPOSES = frozenset({P.VOICE_ANSWER, P.VOICE_FALLBACK, P.CALL_STATUS})
SMS_PURPOSES = frozenset({P.SMS_INBOUND, P.SMS_FALLBACK, P.MESSAGE_STATUS})
TRUNK_PURPOSES = frozenset({P.VOICE_ANSWER, P.VOICE_FALLBACK, P.DISASTER_RECOVERY})
ALL_PURPOSES = frozenset(P)
_MOVES = frozenset(s for s in Strategy if s.moves)
PURPOSE_ORDER = {purpose: i for i, purpose in enumerate(P)}

_Owner = tuple[OwnerKind, str]
_RouteKey = tuple[tuple[Any, ...], ...]
_Shape = tuple[str | None, str | None, Webhooks, tuple[NotCarried, ...]]
_Context = tuple[str | None, str | None, str | None, str | None, bool]
"""(trunk id, voice app id, SMS app id, messaging service id, has SMS)."""
TRUNK_VOICE = frozenset({WebhookPurpose.VOICE_ANSWER, WebhookPurpose.VOICE_FALLBACK})


def app_key(source_app_id: str) -> str:
    return f"app:{source_app_id}"


def routes_key(hooks: Webhooks) -> str:
    blob = "|".join(
        f"{p.value}={h.method} {h.url}" for p, h in sorted(hooks.items(), key=lambda i: i[0].value)
    )
    return "routes:" + hashlib.sha256(blob.encode()).hexdigest()[:12]


def area_code(e164: str, country: str, number_type: NumberType) -> str | None:
    """The area code to search near for a replacement (NANP: the NPA; elsewhere the
    geographic area code of local numbers, when phonenumbers knows it)."""
    if e164.startswith("+1") and len(e164) == 12:
        return e164[2:5]
    if number_type is not NumberType.LOCAL:
        return None
    prefix = e164[:AREA_PREFIX]
    if prefix not in _AREA_CODES:
        _AREA_CODES[prefix] = _geographic_area_code(e164)
    return _AREA_CODES[prefix]


AREA_PREFIX = 10
"""'+', up to 3 country-code digits and at least 6 national digits: longer than any area code,
so numbers that share this prefix share their area code (parsing each one is slow)."""
_AREA_CODES: dict[str, str | None] = {}


def _geographic_area_code(e164: str) -> str | None:
    try:
        parsed = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return None
    length = phonenumbers.length_of_geographical_area_code(parsed)
    return str(parsed.national_number)[:length] if length else None


class _Mapper:
    def __init__(
        self,
        source: Inventory,
        target: Side,
        decisions: Decisions,
        table: CompatibilityTable,
    ) -> None:
        self.source = source
        self.target = target
        self.caps: Capabilities = target.caps()
        self.decisions = decisions
        self.table = table
        self.hooks: dict[_Owner, list[Webhook]] = defaultdict(list)
        for hook in source.webhooks:
            self.hooks[(hook.owner_kind, hook.owner_id)].append(hook)
        self.account_owners = [owner for owner in self.hooks if owner[0] is OwnerKind.ACCOUNT]
        self.service_of = {ms.id: ms for ms in source.messaging_services}
        self.member_service: dict[str, str] = {}
        for ms in source.messaging_services:
            for number_id in ms.number_ids:
                self.member_service.setdefault(number_id, ms.id)
        self.member_trunk: dict[str, str] = {}
        for trunk in source.trunks:
            for number_id in trunk.number_ids:
                self.member_trunk.setdefault(number_id, trunk.id)
        self.app_ids = {app.id for app in source.applications}
        self._target_hooks: dict[tuple[P, str, str], TargetWebhook] = {}
        self._hosted: dict[str, HostedBy] = {}
        self._shapes: dict[_RouteKey, _Shape] = {}
        self._context_shapes: dict[_Context, _Shape] = {}
        self._own_shapes: dict[tuple[_Context, tuple[Any, ...]], _Shape] = {}
        self._defaults: dict[tuple[str, str], tuple[Strategy, str]] = {}
        self._strategies: dict[tuple[Any, ...], tuple[Strategy, str, str]] = {}
        self._queries: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.synthesized: dict[str, AppMapping] = {}
        self.rule_texts = [rule.describe() for rule in decisions.rules]

    # --- URLs --------------------------------------------------------------------------------
    def hosted(self, url: str) -> HostedBy:
        found = self._hosted.get(url)
        if found is None:
            found = self._hosted[url] = hosted_by(url)
        return found

    def target_hook(self, hook: Webhook) -> TargetWebhook:
        key = (hook.purpose, hook.url, hook.method)
        found = self._target_hooks.get(key)
        if found is None:
            hosted = self.hosted(hook.url)
            url = self.decisions.urls.get(hook.url)
            if url is None:
                url = placeholder_url(hosted, hook.url) if hosted.vendor_hosted else hook.url
            method = self.target.facts.forced_methods.get(hook.purpose, hook.method or "POST")
            found = TargetWebhook(url, method.upper(), hook.url, hosted)
            self._target_hooks[key] = found
        return found

    def split(
        self, hooks: Iterable[Webhook], allowed: frozenset[P], where: str
    ) -> tuple[Webhooks, tuple[NotCarried, ...]]:
        """The hooks the target can hold in `where` (first per purpose wins), and the rest."""
        carried: Webhooks = {}
        lost: list[NotCarried] = []
        for hook in hooks:
            if hook.purpose in carried:
                continue
            if self.hosted(hook.url) is HostedBy.SIP:
                why = "a SIP address or phone number, which an application cannot hold as a URL"
                lost.append(NotCarried(hook.purpose, hook.url, why))
            elif hook.purpose not in allowed:
                setting = self.table.purposes[hook.purpose].label
                lost.append(
                    NotCarried(
                        hook.purpose, hook.url, f"{self.target.label} {where} has no {setting}"
                    )
                )
            else:
                carried[hook.purpose] = self.target_hook(hook)
        return dict(sorted(carried.items(), key=lambda i: PURPOSE_ORDER[i[0]])), tuple(lost)

    # --- routing -------------------------------------------------------------------------
    def context(self, number: Number) -> _Context:
        """What, besides its own URLs, decides how a number is answered."""
        return (
            number.trunk_id or self.member_trunk.get(number.id),
            number.voice_app_id,
            number.sms_app_id,
            number.messaging_service_id or self.member_service.get(number.id),
            Capability.SMS in number.capabilities,
        )

    def route(self, number: Number, context: _Context) -> _Shape:
        """The number's shape on the target; numbers without URLs of their own share it with
        every number in the same context, numbers with the same URLs of their own (routing
        and shape read nothing else of them) with every such number in that context."""
        own = self.hooks.get((OwnerKind.NUMBER, number.id))
        if own:
            key = (context, tuple([(h.purpose, h.url, h.method, h.effective) for h in own]))
            found = self._own_shapes.get(key)
            if found is None:
                found = self._own_shapes[key] = self.shape(self.routing(context, own))
            return found
        found = self._context_shapes.get(context)
        if found is None:
            found = self._context_shapes[context] = self.shape(self.routing(context, ()))
        return found

    def routing(self, context: _Context, own: Iterable[Webhook]) -> list[Webhook]:
        """The webhooks that answer a number, one per purpose, by the source's precedence:
        a trunk wins voice; a messaging service wins SMS unless it defers to the number; a
        linked application wins over the number's own URLs; account defaults come last."""
        trunk_id, voice_app_id, sms_app_id, service_id, has_sms = context
        hooks = self.hooks
        layers: list[tuple[Iterable[Webhook], frozenset[P], bool]] = []
        if trunk_id:
            layers.append((hooks.get((OwnerKind.TRUNK, trunk_id), ()), TRUNK_PURPOSES, False))
        if voice_app_id:
            layers.append(
                (hooks.get((OwnerKind.APPLICATION, voice_app_id), ()), VOICE_PURPOSES, False)
            )
        service = self.service_of.get(service_id) if service_id else None
        service_hooks = hooks.get((OwnerKind.MESSAGING_SERVICE, service.id), ()) if service else ()
        if service is not None and not service.use_inbound_webhook_on_number:
            layers.append((service_hooks, SMS_PURPOSES, False))
        if sms_app_id:
            layers.append((hooks.get((OwnerKind.APPLICATION, sms_app_id), ()), SMS_PURPOSES, False))
        layers.append((own, ALL_PURPOSES, True))
        if service is not None and service.use_inbound_webhook_on_number:
            layers.append((service_hooks, SMS_PURPOSES, False))
        if has_sms:
            for owner in self.account_owners:
                layers.append((hooks.get(owner, ()), SMS_PURPOSES, True))
        found: dict[P, Webhook] = {}
        for layer, purposes, check_flag in layers:
            for hook in layer:
                purpose = hook.purpose
                if purpose not in purposes or purpose in found:
                    continue
                if trunk_id and purpose in TRUNK_VOICE and hook.owner_kind is not OwnerKind.TRUNK:
                    continue
                if check_flag and not hook.effective:
                    continue
                found[purpose] = hook
        return sorted(found.values(), key=lambda h: PURPOSE_ORDER[h.purpose])

    def shape(self, routing: list[Webhook]) -> _Shape:
        """(app key, sms app key, number webhooks, not carried) for this routing."""
        key: _RouteKey = tuple(
            (
                h.purpose,
                h.owner_kind,
                h.owner_id if h.owner_kind is not OwnerKind.NUMBER else "",
                h.url,
                h.method,
            )
            for h in routing
        )
        found = self._shapes.get(key)
        if found is None:
            found = self._shapes[key] = self._decide_shape(routing)
        return found

    def _decide_shape(self, routing: list[Webhook]) -> _Shape:
        if not routing:
            return None, None, {}, ()
        caps = self.caps
        app_of = {
            h.purpose: h.owner_id
            for h in routing
            if h.owner_kind is OwnerKind.APPLICATION and h.owner_id in self.app_ids
        }
        rest = [h for h in routing if h.purpose not in app_of]
        apps = set(app_of.values())
        voice_apps = {a for p, a in app_of.items() if p in VOICE_PURPOSES}
        sms_apps = {a for p, a in app_of.items() if p in SMS_PURPOSES}
        if caps.webhook_home is WebhookHome.NUMBER_OR_APPLICATION:
            if all(h.purpose in caps.number_webhooks for h in rest) and not (
                rest and any(h.owner_kind is OwnerKind.TRUNK for h in rest)
            ):
                hooks, lost = self.split(rest, caps.number_webhooks, "number")
                voice = next(iter(voice_apps), None)
                sms = next(iter(sms_apps), None)
                return (
                    app_key(voice) if voice else None,
                    app_key(sms) if sms and sms != voice else None,
                    hooks,
                    lost,
                )
        elif not rest and len(apps) == 1:
            return app_key(apps.pop()), None, {}, ()
        hooks, lost = self.split(routing, caps.app_webhooks, "application")
        if not hooks:
            return None, None, {}, lost
        key = routes_key(hooks)
        if key not in self.synthesized:
            name = f"{_routes_name(hooks)} ({key.split(':', 1)[1][:6]})"
            full, filled = self.fill_required(hooks)
            self.synthesized[key] = AppMapping(
                key=key,
                name=name,
                source_id=None,
                webhooks=full,
                not_carried=lost,
                filled=filled,
            )
        return key, None, {}, lost

    def fill_required(self, hooks: Webhooks) -> tuple[Webhooks, tuple[P, ...]]:
        """The hooks with every setting the target requires on an application, those the
        source had not getting the admin's URL or one that answers nothing."""
        missing = [p for p in P if p in self.target.facts.required_app_purposes and p not in hooks]
        if not missing:
            return hooks, ()
        full = dict(hooks)
        for purpose in missing:
            url = self.decisions.urls.get(required_key(purpose)) or no_handler_url(purpose)
            full[purpose] = TargetWebhook(url, "POST")
        return dict(sorted(full.items(), key=lambda i: PURPOSE_ORDER[i[0]])), tuple(missing)

    # --- strategy ------------------------------------------------------------------------
    def table_default(self, number: Number) -> tuple[Strategy, str]:
        key = (number.country, number.number_type.value)
        found = self._defaults.get(key)
        if found is None:
            route = self.target.port_route(number.country, number.number_type.value)
            kind = f"{number.country} {number.number_type.value}"
            if route.possible:
                found = (
                    Strategy.PORT,
                    f"{self.target.label} takes {kind} numbers by port "
                    f"({PORT_PATH_LABELS[route.path]})",
                )
            else:
                found = (
                    Strategy.REPLACE,
                    f"{self.target.label} has no known porting path for {kind} numbers",
                )
            self._defaults[key] = found
        return found

    def strategy(self, number: Number) -> tuple[Strategy, str, str]:
        """(strategy, decided_by, why)."""
        decisions = self.decisions
        if decisions.overrides:
            override = decisions.overrides.get(number.e164)
            if override is not None:
                return override, "override", "set for this number"
        # the same answer for every number alike in what the rules and the table look at
        key = rule_facts(number) if decisions.rules else (number.country, number.number_type)
        found = self._strategies.get(key)
        if found is None:
            found = self._strategies[key] = self._decide_strategy(number)
        return found

    def _decide_strategy(self, number: Number) -> tuple[Strategy, str, str]:
        decisions = self.decisions
        for index in range(len(decisions.rules) - 1, -1, -1):
            rule = decisions.rules[index]
            if rule.matches(number):
                return rule.strategy, f"rule {index + 1}", self.rule_texts[index]
        if decisions.default_strategy is not None:
            return decisions.default_strategy, "default", "the default for every number"
        strategy, why = self.table_default(number)
        return strategy, "table", why

    def replacement(self, number: Number) -> dict[str, Any]:
        area = area_code(number.e164, number.country, number.number_type)
        key = (number.country, number.number_type, area, number.capabilities)
        found = self._queries.get(key)
        if found is None:
            offer = self.target.offer(number.country, number.number_type.value)
            wanted = number.capabilities & offer.capabilities if offer else number.capabilities
            found = self._queries[key] = {
                "country": number.country,
                "number_type": number.number_type.value,
                "area_code": area,
                "capabilities": sorted(c.value for c in wanted),
            }
        return found

    # --- items ---------------------------------------------------------------------------
    def item(
        self, kind: str, item_id: str, name: str, numbers: int, a2p: bool = False
    ) -> ItemMapping:
        facts = self.table.items[kind]
        outcome = facts.outcome_for(self.caps)
        values = {"target": self.target.label, "name": name}
        return ItemMapping(
            kind=kind,
            id=item_id,
            name=name,
            outcome=outcome.outcome,
            becomes=outcome.becomes.format_map(values),
            action=outcome.action.format_map(values),
            numbers=numbers,
            a2p_registered=a2p,
        )

    # --- the whole mapping -----------------------------------------------------------------
    def build(self, created_at: str, fingerprint: str) -> Mapping:
        source = self.source
        numbers: list[NumberMapping] = []
        moving_per_app: Counter[str] = Counter()
        any_per_app: Counter[str] = Counter()
        members: Counter[tuple[str, str]] = Counter()
        for number in source.numbers:
            strategy, decided_by, why = self.strategy(number)
            context = self.context(number)
            app, sms_app, hooks, lost = self.route(number, context)
            for key in (app, sms_app):
                if key is not None:
                    any_per_app[key] += 1
                    if strategy in _MOVES:
                        moving_per_app[key] += 1
            trunk_id, _, _, service_id, _ = context
            if service_id:
                members[("messaging_service", service_id)] += 1
            if trunk_id:
                members[("trunk", trunk_id)] += 1
            numbers.append(
                assemble(
                    NumberMapping,
                    {
                        "id": number.id,
                        "e164": number.e164,
                        "strategy": strategy,
                        "decided_by": decided_by,
                        "why": why,
                        "app": app,
                        "sms_app": sms_app,
                        "webhooks": hooks,
                        "not_carried": lost,
                        "replacement": self.replacement(number)
                        if strategy is Strategy.REPLACE
                        else None,
                    },
                )
            )
        applications: list[AppMapping] = []
        for source_app in source.applications:
            key = app_key(source_app.id)
            hooks, lost = self.split(
                sorted(
                    self.hooks.get((OwnerKind.APPLICATION, source_app.id), ()),
                    key=lambda h: PURPOSE_ORDER[h.purpose],
                ),
                self.caps.app_webhooks,
                "application",
            )
            hooks, filled = self.fill_required(hooks)
            applications.append(
                AppMapping(
                    key=key,
                    name=source_app.name or source_app.id,
                    source_id=source_app.id,
                    webhooks=hooks,
                    not_carried=lost,
                    filled=filled,
                    numbers=moving_per_app[key],
                    create=moving_per_app[key] > 0 or any_per_app[key] == 0,
                )
            )
        for key, grouped in sorted(self.synthesized.items()):
            applications.append(
                replace(grouped, numbers=moving_per_app[key], create=moving_per_app[key] > 0)
            )
        items = self.items(members)
        return Mapping(
            source_vendor=source.vendor.value,
            source_account=source.account_id,
            target_vendor=self.target.vendor,
            target_account=self.target.account_id,
            source_fingerprint=fingerprint,
            decisions=self.decisions,
            numbers=tuple(numbers),
            applications=tuple(applications),
            items=tuple(items),
            created_at=created_at,
        )

    def items(self, members: Counter[tuple[str, str]]) -> list[ItemMapping]:
        source = self.source
        items = [
            self.item(
                "messaging_service",
                ms.id,
                ms.name or ms.id,
                members[("messaging_service", ms.id)],
                ms.a2p_registered,
            )
            for ms in source.messaging_services
        ]
        items += [
            self.item("trunk", t.id, t.name or t.domain_name or t.id, members[("trunk", t.id)])
            for t in source.trunks
        ]
        items += [
            self.item("sip_domain", d.id, d.domain_name or d.id, 0) for d in source.sip_domains
        ]
        items += [self.item("endpoint", e.id, e.username or e.id, 0) for e in source.endpoints]
        items += [self.item("subaccount", s.id, s.name or s.id, 0) for s in source.subaccounts]
        for _kind, owner_id in self.account_owners:
            items.append(self.item("account_setting", owner_id, "account-wide SMS webhooks", 0))
        return items


def _routes_name(hooks: Webhooks) -> str:
    """A readable name for an application grouped from per-number URLs."""
    main = hooks.get(P.VOICE_ANSWER) or hooks.get(P.SMS_INBOUND) or next(iter(hooks.values()))
    if main.placeholder:
        where = f"rebuilt {main.hosted_by.value.replace('_', ' ')}"
    else:
        parts = urlsplit(main.url)
        where = f"{parts.hostname or ''}{parts.path}"[:48]
    return f"Numbers -> {where}"


def build_mapping(
    source: Inventory,
    target: Side,
    decisions: Decisions | None = None,
    created_at: str = "",
    fingerprint: str | None = None,
) -> Mapping:
    """Map every item of `source` onto `target` under the admin's decisions. `fingerprint` is
    the source's, when the caller already knows it (computing it walks the whole inventory)."""
    with gc_paused():
        mapper = _Mapper(source, target, decisions or Decisions(), target.table)
        return mapper.build(created_at, fingerprint or source.fingerprint())
