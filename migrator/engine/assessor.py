"""The assessment: the facts of every item, run through the table's rules.

This module only computes facts (what a number, webhook URL, application or other item is, and
what the mapping does with it); every verdict, reason, fix and checklist entry comes from the
rules in migrator/rules/compatibility.toml. Items that share their facts share their findings.

TwiML Bin content (or any vendor-hosted document the inventory could fetch) is test-translated to
the target's markup with migrator.markup when that package provides `translate`; the result feeds
the translation rules and is kept in the assessment for the output bundle.
"""

from __future__ import annotations

import importlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from migrator.engine.sides import Side
from migrator.gcpause import gc_paused
from migrator.model.assessment import (
    Assessment,
    ChecklistEntry,
    DocumentTranslation,
    Finding,
    ItemAssessment,
    ItemKind,
    RuleCount,
    Summary,
    Verdict,
    worst,
)
from migrator.model.enums import HostedBy, OwnerKind, WebhookPurpose
from migrator.model.inventory import Inventory, Number
from migrator.model.mapping import Mapping, NotCarried, NumberMapping, Strategy, TargetWebhook
from migrator.model.serialize import assemble
from migrator.model.urls import has_credentials, hosted_by, redact_url
from migrator.rules.engine import RuleEngine
from migrator.rules.table import PORT_PATH_LABELS, CompatibilityTable

P = WebhookPurpose
VOICE_PURPOSES = frozenset({P.VOICE_ANSWER, P.VOICE_FALLBACK, P.CALL_STATUS})
SMS_REPLY_PURPOSES = frozenset({P.SMS_INBOUND, P.SMS_FALLBACK})
_MOVES = frozenset(s for s in Strategy if s.moves)

Translator = Callable[[str, str, str | None], Any]

_NUMBER_OR_ACCOUNT = frozenset({OwnerKind.NUMBER, OwnerKind.ACCOUNT})
_SMS_ONLY = {P.SMS_INBOUND}
"""An inbound SMS URL's request is described by the SMS request facts, not the payload ones."""
_SMS_BODIES = {"form": "form-encoded parameters", "json": "a JSON body"}


def sms_request(method: str, body: str, params: str) -> str:
    """How an inbound SMS reaches a URL, as the admin reads it ('a POST with a JSON body (...)')."""
    carried = "query parameters" if method == "GET" else _SMS_BODIES.get(body, "its own format")
    return f"a {method} with {carried}" + (f" ({params})" if params else "")


# --- translation (optional: the markup package may not provide it yet) ----------------------
def find_translator() -> Translator | None:
    """migrator.markup.translate(document, source or None to detect, target), or None when
    the markup package does not provide it."""
    try:
        module = importlib.import_module("migrator.markup")
    except ImportError:
        return None
    translate = getattr(module, "translate", None)
    if not callable(translate):
        return None

    def call(document: str, target: str, source: str | None) -> Any:
        return translate(document, source, target)

    return call


@dataclass(frozen=True)
class TranslationOutcome:
    status: str
    """none, complete, lossy or failed."""
    lost: str = ""
    error: str = ""
    document: DocumentTranslation | None = None


def _translate(
    translator: Translator | None, url: str, content: str, source: str, target: str
) -> TranslationOutcome:
    if translator is None or not content:
        return TranslationOutcome("none")
    try:
        result = translator(content, target, None if source == "unknown" else source)
        report = [item.to_dict() for item in getattr(result, "report", ())]
        complete = bool(getattr(result, "complete", True))
        output = str(getattr(result, "output", ""))
    except Exception as exc:  # a translator failure is a finding, not a crash
        return TranslationOutcome("failed", error=str(exc) or type(exc).__name__)
    lost = "; ".join(r.get("what", "") for r in report if r.get("severity") == "lost")
    document = DocumentTranslation(
        url=url,
        source_format=str(getattr(result, "source", source)),
        target_format=target,
        output=output,
        complete=complete,
        report=tuple(report),
    )
    return TranslationOutcome("complete" if complete else "lossy", lost=lost, document=document)


# --- URL usage ------------------------------------------------------------------------------
@dataclass
class _UrlUse:
    uses: int = 0
    purposes: set[WebhookPurpose] = field(default_factory=set)
    methods: set[str] = field(default_factory=set)
    target: TargetWebhook | None = None


class _Assessor:
    def __init__(
        self,
        source: Inventory,
        mapping: Mapping,
        source_side: Side,
        target_side: Side,
        translator: Translator | None,
        find: bool = False,
    ) -> None:
        self.source = source
        self.mapping = mapping
        self.src = source_side
        self.tgt = target_side
        self.caps = target_side.caps()
        self.table: CompatibilityTable = target_side.table
        self.engine = RuleEngine(self.table)
        self._translator = translator
        self._find_translator = find
        """Look for migrator.markup's translator when a document first needs one (importing
        it loads every vendor SDK's markup model: 0.4 s an inventory without documents
        need not spend)."""
        self.apps = {app.key: app for app in mapping.applications}
        self.items = {(i.kind, i.id): i for i in mapping.items}
        self.common = {
            "source": self.src.label,
            "target": self.tgt.label,
            "source_markup": self.src.facts.markup_label,
            "target_markup": self.tgt.facts.markup_label,
            "target_app_label": self.tgt.facts.app_label,
        }
        self.translations: list[DocumentTranslation] = []
        self._by_facts: dict[frozenset[tuple[str, Any]], tuple[tuple[Finding, ...], Verdict]] = {}
        self._content: dict[str, str] = {}
        """Source URL -> the document behind it, where the inventory could fetch it."""
        self._source_methods: dict[tuple[WebhookPurpose, str], str] = {}
        """(purpose, source URL) -> the method the source uses for it."""
        self._sms_on_number: set[str] = set()
        """Source inbound SMS URLs set on a number or the account (not an application)."""
        self.member_service: dict[str, str] = {}
        for ms in source.messaging_services:
            for number_id in ms.number_ids:
                self.member_service.setdefault(number_id, ms.id)
        self.member_trunk: dict[str, str] = {}
        for trunk in source.trunks:
            for number_id in trunk.number_ids:
                self.member_trunk.setdefault(number_id, trunk.id)

    @property
    def translator(self) -> Translator | None:
        if self._find_translator:
            self._translator, self._find_translator = find_translator(), False
        return self._translator

    # --- numbers ---------------------------------------------------------------------------
    def routed_hooks(self, mapped: NumberMapping) -> list[TargetWebhook]:
        hooks = list(mapped.webhooks.values())
        for key in (mapped.app, mapped.sms_app):
            if key and key in self.apps:
                hooks.extend(self.apps[key].webhooks.values())
        return hooks

    def number_facts(self, number: Number, mapped: NumberMapping) -> dict[str, Any]:
        kind = number.number_type.value
        route = self.tgt.port_route(number.country, kind)
        entry = route.entry
        offer = self.tgt.offer(number.country, kind)
        missing = frozenset(
            c.value for c in self.tgt.missing(number.country, kind, number.capabilities)
        )
        lacking_core = frozenset(c for c in missing if c in self.table.replacement.core)
        accepted = frozenset(c.value for c in self.mapping.decisions.accepted(number.e164))
        core_missing = lacking_core - accepted
        hooks = self.routed_hooks(mapped)
        hosted = {h.hosted_by for h in hooks if h.hosted_by.vendor_hosted}
        sip = any(hosted_by(x.url) is HostedBy.SIP for x in mapped.not_carried)
        service_id = number.messaging_service_id or self.member_service.get(number.id)
        trunk_id = number.trunk_id or self.member_trunk.get(number.id)
        service = self.items.get(("messaging_service", service_id or ""))
        trunk = self.items.get(("trunk", trunk_id or ""))
        return {
            **self.common,
            "strategy": mapped.strategy.value,
            "moves": mapped.strategy.moves,
            "country": number.country,
            "number_type": kind,
            "capabilities": frozenset(c.value for c in number.capabilities),
            "has_voice": "voice" in number.capabilities,
            "has_sms": "sms" in number.capabilities,
            "port_path": route.path,
            "port_path_label": PORT_PATH_LABELS[route.path],
            "port_confirmed": entry.confirmed if entry else True,
            "lead_time": entry.lead_time if entry else "",
            "port_documents": entry.documents if entry else "",
            "port_out": self.src.facts.port_out,
            "type_offered": offer is not None,
            "target_missing": missing,
            "core_missing": core_missing,
            "accepted_missing": lacking_core & accepted,
            "extra_missing": missing - lacking_core,
            "buys_replacement": mapped.strategy is Strategy.REPLACE
            and offer is not None
            and not core_missing,
            "has_route": bool(hooks or trunk_id or sip),
            "vendor_hosted_route": bool(hosted),
            "hosted_labels": frozenset(self.table.hosted[h].label for h in hosted),
            "placeholder_open": any(h.placeholder for h in hooks),
            "not_carried": frozenset(
                self.table.purposes[x.purpose].label
                for x in mapped.not_carried
                if hosted_by(x.url) is not HostedBy.SIP
            ),
            "sip_route": sip,
            "in_messaging_service": service is not None,
            "messaging_service": service.name if service else "",
            "messaging_service_outcome": service.action if service else "",
            "in_trunk": trunk is not None,
            "trunk": trunk.name if trunk else "",
            "emergency_address": bool(number.emergency_address_id),
            "in_subaccount": number.account_id != self.source.account_id,
            "account": number.account_id,
        }

    def number_findings(self, facts: dict[str, Any]) -> tuple[tuple[Finding, ...], Verdict]:
        """The rules' findings for these facts, evaluated once per distinct set of facts (many
        routings differ in ways no rule looks at)."""
        try:
            key: frozenset[tuple[str, Any]] | None = frozenset(facts.items())
            found = self._by_facts.get(key)  # type: ignore[arg-type]
        except TypeError:  # a fact that cannot be hashed: evaluate every time
            key = found = None
        if found is None:
            findings = self.engine.evaluate("number", facts)
            found = (findings, worst(f.verdict for f in findings))
            if key is not None:
                self._by_facts[key] = found
        return found

    def numbers(self) -> list[ItemAssessment]:
        by_id = {m.id: m for m in self.mapping.numbers}
        results: list[ItemAssessment] = []
        cache: dict[tuple[Any, ...], tuple[tuple[Finding, ...], Verdict]] = {}
        member_service, member_trunk = self.member_service, self.member_trunk
        accepted_missing = self.mapping.decisions.accepted_missing
        for number in self.source.numbers:
            mapped = by_id.get(number.id)
            if mapped is None:
                continue
            # equal keys mean equal facts; mapping objects shared between numbers are
            # compared by identity (they stay alive in the mapping while this runs)
            key = (
                mapped.strategy,
                number.country,
                number.number_type,
                number.capabilities,
                mapped.app,
                mapped.sms_app,
                id(mapped.webhooks),
                id(mapped.not_carried),
                number.messaging_service_id or member_service.get(number.id),
                number.trunk_id or member_trunk.get(number.id),
                number.emergency_address_id is not None,
                number.account_id,
                accepted_missing.get(number.e164),
            )
            cached = cache.get(key)
            if cached is None:
                cached = cache[key] = self.number_findings(self.number_facts(number, mapped))
            label = (
                f"{number.e164} ({number.friendly_name})" if number.friendly_name else number.e164
            )
            results.append(
                assemble(
                    ItemAssessment,
                    {
                        "kind": ItemKind.NUMBER,
                        "id": number.e164,
                        "label": label,
                        "verdict": cached[1],
                        "findings": cached[0],
                    },
                )
            )
        return results

    # --- webhook URLs ----------------------------------------------------------------------
    def url_uses(self) -> dict[str, _UrlUse]:
        uses: dict[str, _UrlUse] = defaultdict(_UrlUse)

        def add(hooks: Iterable[tuple[WebhookPurpose, TargetWebhook]], times: int) -> None:
            for purpose, hook in hooks:
                if not hook.source_url:
                    continue  # a setting the target requires, filled in by the mapping
                use = uses[hook.source_url]
                use.uses += times
                use.purposes.add(purpose)
                use.target = hook
                # the source method is what the customer's server accepts today
                use.methods.add(self._source_methods.get((purpose, hook.source_url), hook.method))

        def add_lost(lost: Iterable[NotCarried], times: int) -> None:
            for item in lost:
                use = uses[item.url]
                use.uses += times
                use.purposes.add(item.purpose)

        for app in self.mapping.applications:
            if app.create:
                add(app.webhooks.items(), 1)
                add_lost(app.not_carried, 1)
        shared: Counter[int] = Counter()
        sample: dict[int, NumberMapping] = {}
        for mapped in self.mapping.numbers:
            if mapped.strategy in _MOVES and (mapped.webhooks or mapped.not_carried):
                marker = id(mapped.webhooks) ^ hash(mapped.not_carried)
                shared[marker] += 1
                sample.setdefault(marker, mapped)
        for marker, times in shared.items():
            mapped = sample[marker]
            add(mapped.webhooks.items(), times)
            if mapped.app is None:
                add_lost(mapped.not_carried, times)
        return uses

    def webhook_facts(self, url: str, use: _UrlUse) -> dict[str, Any]:
        src, tgt = self.src.facts, self.tgt.facts
        hosted = hosted_by(url)
        hosted_facts = self.table.hosted.get(hosted)
        target = use.target
        returns_markup = any(  # a target that ignores SMS replies reads no document from them
            self.table.purposes[p].returns_markup
            for p in use.purposes
            if tgt.sms_reply_inline or p not in SMS_REPLY_PURPOSES
        )
        content = self._content.get(url, "")
        source_markup = src.markup
        translation = TranslationOutcome("none")
        if hosted.vendor_hosted and content and source_markup != tgt.markup:
            translation = _translate(
                self.translator, redact_url(url), content, source_markup, tgt.markup
            )
            if translation.document is not None:
                self.translations.append(translation.document)
        forced = {tgt.forced_methods[p] for p in use.purposes if p in tgt.forced_methods}
        method = ", ".join(sorted(use.methods)) or "POST"
        voice = bool(use.purposes & VOICE_PURPOSES)
        sms = P.SMS_INBOUND in use.purposes
        sms_method = self._source_methods.get((P.SMS_INBOUND, url), "POST")
        if url in self._sms_on_number and src.sms_number_request:
            source_sms = src.sms_number_request
        else:
            source_sms = sms_request(sms_method, src.sms_inbound_body, src.sms_inbound_params)
        target_sms = sms_request(  # the mapper's method: forced by the target or the source's
            tgt.forced_methods.get(P.SMS_INBOUND, sms_method),
            tgt.sms_inbound_body,
            tgt.sms_inbound_params,
        )
        return {
            **self.common,
            "url": redact_url(url),
            "uses": use.uses,
            "purposes": frozenset(p.value for p in use.purposes),
            "purpose_labels": frozenset(self.table.purposes[p].label for p in use.purposes),
            "method": method,
            "hosted_by": hosted.value,
            "hosted_label": hosted_facts.label if hosted_facts else "",
            "hosted_what": hosted_facts.what if hosted_facts else "",
            "hosted_fix": hosted_facts.fix if hosted_facts else "",
            "vendor_hosted": hosted.vendor_hosted,
            "customer_hosted": hosted is HostedBy.CUSTOMER,
            "sip": hosted is HostedBy.SIP,
            "placeholder_open": bool(target and target.placeholder),
            "replacement": redact_url(target.url) if target and target.url != url else "",
            "returns_markup": returns_markup,
            "markup_known": source_markup != "unknown",
            "markup_changes": source_markup != tgt.markup,
            "payload_changes": src.payload != tgt.payload
            and not (use.purposes == _SMS_ONLY and src.sms_inbound_body != "unknown"),
            "source_payload": src.payload_label,
            "target_payload": tgt.payload_label,
            "call_id_changes": voice
            and bool(src.call_id_param)
            and src.call_id_param != tgt.call_id_param,
            "source_call_id": src.call_id_param,
            "target_call_id": tgt.call_id_param,
            "signature_changes": src.signature != tgt.signature,
            "target_signature": tgt.signature_label,
            "has_credentials": has_credentials(url),
            "inline_reply_lost": P.SMS_INBOUND in use.purposes
            and src.sms_reply_inline
            and not tgt.sms_reply_inline,
            "method_forced": bool(forced) and any(m not in forced for m in use.methods),
            "forced_method": ", ".join(sorted(forced)),
            "sms_request_changes": sms
            and src.sms_inbound_body != "unknown"
            and source_sms != target_sms,
            "source_sms_request": source_sms,
            "target_sms_request": target_sms,
            "sms_setup": tgt.sms_inbound_requires if sms else "",
            "sms_setup_fix": tgt.sms_inbound_setup,
            "translation": translation.status,
            "translation_lost": translation.lost,
            "translation_error": translation.error,
        }

    def webhooks(self) -> list[ItemAssessment]:
        for hook in self.source.webhooks:
            if hook.content and hook.url not in self._content:
                self._content[hook.url] = hook.content
            self._source_methods.setdefault(
                (hook.purpose, hook.url), (hook.method or "POST").upper()
            )
            if hook.purpose is P.SMS_INBOUND and hook.owner_kind in _NUMBER_OR_ACCOUNT:
                self._sms_on_number.add(hook.url)
        results = []
        ids: set[str] = set()
        for url, use in sorted(self.url_uses().items()):
            findings = self.engine.evaluate("webhook", self.webhook_facts(url, use))
            shown = item_id = redact_url(url)
            while item_id in ids:  # two URLs that differ only in their secrets
                item_id = f"{shown} ({len(ids)})"
            ids.add(item_id)
            results.append(
                ItemAssessment(
                    ItemKind.WEBHOOK,
                    item_id,
                    shown,
                    worst(f.verdict for f in findings),
                    findings,
                )
            )
        return results

    # --- applications and other items --------------------------------------------------------
    def applications(self) -> list[ItemAssessment]:
        results = []
        own_key = bool(self.mapping.decisions.application_public_key and self.caps.app_key_pairs)
        for app in self.mapping.applications:
            facts = {
                **self.common,
                "name": app.name,
                "created": app.create,
                "numbers": app.numbers,
                "carried": frozenset(
                    self.table.purposes[p].label for p in app.webhooks if p not in app.filled
                )
                or frozenset({"no webhooks"}),
                "not_carried": frozenset(
                    self.table.purposes[x.purpose].label for x in app.not_carried
                ),
                "filled": frozenset(self.table.purposes[p].label for p in app.filled),
                "new_key_pair": app.create
                and self.tgt.facts.app_private_key_discarded
                and not own_key,
                "own_public_key": app.create and own_key,
            }
            findings = self.engine.evaluate("application", facts)
            results.append(
                ItemAssessment(
                    ItemKind.APPLICATION,
                    app.key,
                    app.name,
                    worst(f.verdict for f in findings),
                    findings,
                )
            )
        return results

    def others(self) -> list[ItemAssessment]:
        results = []
        for item in self.mapping.items:
            facts = {
                **self.common,
                "kind": item.kind,
                "label": self.table.items[item.kind].label,
                "name": item.name,
                "outcome": item.outcome,
                "becomes": item.becomes,
                "action": item.action,
                "numbers": item.numbers,
                "a2p_registered": item.a2p_registered,
            }
            findings = self.engine.evaluate("other", facts)
            results.append(
                ItemAssessment(
                    ItemKind.OTHER,
                    f"{item.kind}:{item.id}",
                    f"{facts['label']} '{item.name}'",
                    worst(f.verdict for f in findings),
                    findings,
                )
            )
        return results

    # --- the whole assessment --------------------------------------------------------------
    def build(self, created_at: str) -> Assessment:
        items = self.numbers() + self.webhooks() + self.applications() + self.others()
        distinct = _distinct_findings(items)
        return Assessment(
            source_vendor=self.mapping.source_vendor,
            source_account=self.mapping.source_account,
            target_vendor=self.mapping.target_vendor,
            target_account=self.mapping.target_account,
            source_fingerprint=self.mapping.source_fingerprint,
            summary=summarize(items, distinct),
            items=tuple(items),
            checklist=checklist(self.table, items, distinct),
            translations=tuple(self.translations),
            created_at=created_at,
        )


def _distinct_findings(items: list[ItemAssessment]) -> list[tuple[tuple[Finding, ...], int]]:
    """Each distinct findings tuple with how many items carry it (items share tuples)."""
    counts: Counter[int] = Counter()
    tuples: dict[int, tuple[Finding, ...]] = {}
    for item in items:
        marker = id(item.findings)
        counts[marker] += 1
        tuples.setdefault(marker, item.findings)
    return [(tuples[marker], count) for marker, count in counts.items()]


def summarize(
    items: list[ItemAssessment], distinct: list[tuple[tuple[Finding, ...], int]] | None = None
) -> Summary:
    counts = Counter(item.verdict.value for item in items)
    total = len(items)
    ok, attention, blockers = counts["ok"], counts["attention"], counts["blocker"]
    score = round(100 * (ok + attention / 2) / total) if total else 100
    status = "blocked" if blockers else "needs attention" if attention else "ready"
    fired: dict[str, tuple[Verdict, int, str]] = {}
    for findings, times in _distinct_findings(items) if distinct is None else distinct:
        for finding in findings:
            verdict, count, example = fired.get(finding.rule, (finding.verdict, 0, finding.reason))
            fired[finding.rule] = (verdict, count + times, example)
    rules = tuple(
        RuleCount(rule, verdict, count, example)
        for rule, (verdict, count, example) in sorted(
            fired.items(), key=lambda i: (-i[1][0].rank, -i[1][1], i[0])
        )
    )
    return Summary(
        score=score,
        status=status,
        items=total,
        counts={v.value: counts[v.value] for v in Verdict},
        rules=rules,
    )


def checklist(
    table: CompatibilityTable,
    items: list[ItemAssessment],
    distinct: list[tuple[tuple[Finding, ...], int]] | None = None,
) -> tuple[ChecklistEntry, ...]:
    """Each checklist entry with the number of items that need it."""
    counts: Counter[str] = Counter()
    for findings, times in _distinct_findings(items) if distinct is None else distinct:
        for key in {f.checklist for f in findings if f.checklist}:
            counts[key] += times
    return tuple(
        ChecklistEntry(
            entry.key, entry.title, entry.why, entry.how, counts[entry.key], entry.sources
        )
        for entry in table.checklist.values()
    )


def assess(
    source: Inventory,
    mapping: Mapping,
    source_side: Side,
    target_side: Side,
    created_at: str = "",
    translator: Translator | None = None,
    translate: bool = True,
) -> Assessment:
    """Every item's verdict, the summary and the checklist for this mapping. Vendor-hosted
    documents are test-translated with `translator`, or with migrator.markup's when none is
    given and `translate` is true."""
    find = translate and translator is None
    with gc_paused():
        assessor = _Assessor(source, mapping, source_side, target_side, translator, find)
        return assessor.build(created_at)
