"""The planner: inventory + mapping + capabilities -> the staged plan (migrator.model.plan).

Stages run prepare -> acquire -> configure -> verify -> decommission. The planner branches on the
target's and source's capabilities (a porting API or not, an API at all for a file-imported
source), never on vendor names; where the mapping says a number or application goes is decided
by migrator.engine.mapper from the same compatibility table the assessment reads.

Guarantees: a number whose strategy is port or keep is never released; every decommission
action is irreversible; idempotency keys are deterministic ("mig-" + 12 hex digits of a hash of
the two accounts, the action kind and the item), so a re-plan gives an unchanged action the same
key and the executor can find what a crashed run already did; every `depends_on` names an
action of the same plan. Numbers the plan cannot handle (a port with no path, a replacement the
target does not sell, or sells only without voice or SMS the number has: the table's
[replacement] core capabilities) get no actions and stay on the source; `plan.options["skipped"]`
lists them with the reason, and the assessment blocks them. A replacement lacking core
capabilities that the admin accepted for that number (Decisions.accepted_missing: all of them)
is bought without them.

Action params (plain JSON, in the adapter interface's vocabulary, migrator/vendors/base.py;
a value {"$ref": "ACTION_ID.FIELD"} is filled in at run time from an earlier action's output):

prepare
  manual (no vendor call; the run waits for the admin's confirmation)
      {"task": "rebuild", "hosted_by", "source_url" (redacted), "placeholder", "instructions"}
      {"task": "recreate", "kind", "id", "name", "instructions"}
  create_application (target)
      {"spec": {"name", "webhooks": {purpose: {"url", "method"}}, "marker", "extra",
                "public_key" (only when the decisions give one and the target's applications
                have key pairs: the admin's PEM public key, not a secret)}}
      (ApplicationSpec fields; marker = the action's idempotency key)
      outputs: "app_id", "name"
acquire
  buy_number (target)
      {"search": {"country", "number_type", "area_code", "capabilities": [...]}  (NumberQuery)
       "label", "replaces": E.164 of the source number,
       "not_offered": [capabilities of the source number the target sells on no number of that
                       country and type] (only when some; the summary names them too),
       "accepted_missing": [the core capabilities among them, which the admin accepted the
                            replacement lacks] (only when some; the summary says so)}
      The search asks only for capabilities the target offers (compatibility table, [[offers]]);
      the executor widens it to any area code when none is for sale near the one asked for.
      outputs: "e164", "number_id", and "fallback" (what was bought instead) when widened
  submit_port (target, the target has a porting API)
      {"numbers": [E.164...], "country", "number_type", "losing_account", "documents",
       "lead_time"}      output: "port_request_id"
  manual {"task": "port", "path": "ticket"|"console", the same fields as submit_port,
          "instructions"}
configure
  configure_number (target)        NumberConfig fields:
      {"e164": E.164 or $ref, "config": {"app_id", "sms_app_id",
       "webhooks": {purpose: {"url", "method"}}, "vendor_fields"}}
      (app_id always present, None for no application; the others only when set)
  manual {"task": "e911", "e164", "instructions"}
verify
  verify_application (target)  {"app_id": $ref, "expect": the spec as created}
  verify_number (target)       {"e164": E.164 or $ref, "expect": NumberConfig fields}
decommission (irreversible)
  release_number (source)      {"e164"}
  delete_application (source)  {"app_id"}
  manual {"task": "release", "numbers": [E.164...], "instructions"}   (a source with no API)
update_application is not planned by this version (reserved for editing an existing app).

`plan.options["placeholders"]` counts vendor-hosted URLs still waiting for a rebuilt URL: such
a plan configures placeholder URLs that never answer, so it must be re-planned after the
mapping is completed (the prepare-stage manual actions say what to rebuild).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from migrator.engine.mapper import SMS_PURPOSES
from migrator.engine.sides import PortRoute, Side
from migrator.gcpause import gc_paused
from migrator.model.enums import NumberType
from migrator.model.inventory import Application, Inventory, Number
from migrator.model.mapping import (
    AppMapping,
    Mapping,
    NumberMapping,
    Strategy,
    TargetWebhook,
    Webhooks,
)
from migrator.model.plan import Action, ActionKind, Plan, Stage, ref
from migrator.model.plan import Side as PlanSide
from migrator.model.urls import redact_url
from migrator.rules.table import PORT_PATH_LABELS

K = ActionKind
_KINDS = {kind: kind.value for kind in NumberType}
_LEAVING = frozenset({Strategy.REPLACE, Strategy.RELEASE})
"""Strategies that take a number off the source account."""
_CONFIGURE, _VERIFY, _DECOMMISSION = Stage.CONFIGURE, Stage.VERIFY, Stage.DECOMMISSION
_TARGET = PlanSide.TARGET
MOVING = frozenset({Strategy.PORT, Strategy.REPLACE})
_Arrival = tuple[Any, str, str]
"""(the e164 param: E.164 or a $ref to the bought number, the item shown, a suffix)."""
_MARKER = re.compile(r"\[(mig-[0-9a-f]{12})\]")


def _safe(text: str) -> str:
    """An action id part without '.', which separates an id from its output in a $ref."""
    return text.replace(".", "_")


_SMS_KEYS = frozenset(purpose.value for purpose in SMS_PURPOSES)
"""The SMS purposes as NumberConfig's webhooks are keyed."""


def _hooks(hooks: Webhooks) -> dict[str, dict[str, str]]:
    return {p.value: {"url": h.url, "method": h.method} for p, h in hooks.items()}


class _Planner:
    def __init__(
        self,
        source: Inventory,
        target: Inventory | None,
        mapping: Mapping,
        source_side: Side,
        target_side: Side,
    ) -> None:
        self.source = source
        self.target = target
        self.mapping = mapping
        self.src = source_side
        self.tgt = target_side
        self.caps = target_side.caps()
        self.scope = "|".join(
            (source_side.vendor, source.account_id, target_side.vendor, target_side.account_id, "")
        ).encode()
        self._scoped = hashlib.sha256(self.scope)
        """The hash of the scope, copied for each key (hashing it again costs as much)."""
        self.actions: list[Action] = []
        self.keys: set[str] = set()
        self.apps = {app.key: app for app in mapping.applications}
        self.created: dict[str, str] = {}
        """mapping key -> id of the create_application action."""
        self.rebuild: dict[str, str] = {}
        """placeholder URL -> id of the manual rebuild action."""
        self.acquired: dict[str, str] = {}
        """source number id -> id of the buy/port action that brings it to the target."""
        self.configured: dict[str, str] = {}
        self.verified: dict[str, str] = {}
        self.skipped: list[dict[str, str]] = []
        self.target_numbers = {n.e164: n for n in target.numbers} if target else {}
        self.target_apps: dict[str, Application] = {}
        for app in target.applications if target else ():
            found = _MARKER.search(app.name)
            if found:
                self.target_apps[found.group(1)] = app
        self._configs: dict[tuple[Any, ...], tuple[dict[str, Any], tuple[str, ...], str]] = {}
        self._routes: dict[tuple[str, str], PortRoute] = {}
        self._sells: dict[tuple[str, str], bool] = {}
        self._lacking: dict[tuple[Any, ...], tuple[str, ...]] = {}
        self.specs: dict[str, dict[str, Any]] = {}
        """mapping key -> the spec its create_application action sends (verify expects it)."""
        self._verifying: list[Action] = []
        """The verify stage's per-number actions, built by configure (which has worked out
        all they need) and placed by verify after the applications' checks."""

    # --- helpers ---------------------------------------------------------------------------
    def route(self, country: str, kind: str) -> PortRoute:
        found = self._routes.get((country, kind))
        if found is None:
            found = self._routes[(country, kind)] = self.tgt.port_route(country, kind)
        return found

    def sells(self, country: str, kind: str) -> bool:
        found = self._sells.get((country, kind))
        if found is None:
            found = self._sells[(country, kind)] = self.tgt.offer(country, kind) is not None
        return found

    def key(self, action_id: str) -> str:
        """'mig-' + 12 hex digits of a hash of the two accounts and the action id."""
        hasher = self._scoped.copy()
        hasher.update(action_id.encode())
        key = "mig-" + hasher.hexdigest()[:12]
        if key in self.keys:  # pragma: no cover - a 48-bit collision
            raise RuntimeError(f"idempotency key collision for {action_id}")
        self.keys.add(key)
        return key

    def add(
        self,
        action_id: str,
        stage: Stage,
        kind: ActionKind,
        side: PlanSide,
        item: str,
        item_id: str,
        params: dict[str, Any],
        summary: str,
        *,
        before: dict[str, Any] | None = None,
        depends_on: Iterable[str] = (),
        key: str | None = None,
    ) -> str:
        needs = tuple(d for d in depends_on if d)
        if len(needs) > 1 and len(set(needs)) != len(needs):
            needs = tuple(dict.fromkeys(needs))
        self.actions.append(
            Action.of(
                action_id,
                stage,
                kind,
                side,
                item,
                item_id,
                params,
                before,
                key or self.key(action_id),
                stage is not Stage.DECOMMISSION,
                needs,
                summary,
            )
        )
        return action_id

    def _push(
        self,
        action_id: str,
        stage: Stage,
        kind: ActionKind,
        side: PlanSide,
        item: str,
        item_id: str,
        params: dict[str, Any],
        summary: str,
        before: dict[str, Any] | None,
        depends_on: tuple[str, ...],
        into: list[Action] | None = None,
    ) -> str:
        """add() for the per-number loops, whose `depends_on` has no blank and no repeat;
        `into` another list than the plan's actions (the verify stage built early)."""
        (self.actions if into is None else into).append(
            Action.of(
                action_id,
                stage,
                kind,
                side,
                item,
                item_id,
                params,
                before,
                self.key(action_id),
                stage is not _DECOMMISSION,
                depends_on,
                summary,
            )
        )
        return action_id

    # --- prepare -----------------------------------------------------------------------------
    def prepare(self) -> None:
        for placeholder, hook in sorted(self.placeholder_hooks().items()):
            source_url, hosted = hook.source_url, hook.hosted_by
            facts = self.tgt.table.hosted[hosted]
            action_id = f"manual:rebuild:{placeholder.rsplit('/', 1)[-1]}"
            self.rebuild[placeholder] = self.add(
                action_id,
                Stage.PREPARE,
                K.MANUAL,
                PlanSide.TARGET,
                f"{facts.label} {redact_url(source_url)}",
                source_url,
                {
                    "task": "rebuild",
                    "hosted_by": hosted.value,
                    "source_url": redact_url(source_url),
                    "placeholder": placeholder,
                    "instructions": facts.fix,
                },
                f"rebuild {facts.label} {redact_url(source_url)} and enter its URL in the mapping",
            )
        for item in self.mapping.items:
            if item.outcome != "manual":
                continue
            action_id = _safe(f"manual:{item.kind}:{item.id}")
            label = self.tgt.table.items[item.kind].label
            self.add(
                action_id,
                Stage.PREPARE,
                K.MANUAL,
                PlanSide.TARGET,
                f"{label} '{item.name}'",
                item.id,
                {
                    "task": "recreate",
                    "kind": item.kind,
                    "id": item.id,
                    "name": item.name,
                    "instructions": item.action,
                },
                f"by hand: re-create {label} '{item.name}' on {self.tgt.label}",
            )
        for app in self.mapping.applications:
            if app.create:
                self.create_application(app)

    def placeholder_hooks(self) -> dict[str, TargetWebhook]:
        """Placeholder URL -> its webhook, for every one the plan would configure."""
        found: dict[str, TargetWebhook] = {}
        hook_sets = [app.webhooks for app in self.mapping.applications if app.create]
        seen: set[int] = set()
        for mapped in self.mapping.numbers:
            if mapped.strategy in MOVING and mapped.webhooks and id(mapped.webhooks) not in seen:
                seen.add(id(mapped.webhooks))
                hook_sets.append(mapped.webhooks)
        for hooks in hook_sets:
            for hook in hooks.values():
                if hook.placeholder:
                    found[hook.url] = hook
        return found

    def spec(self, app: AppMapping, marker: str) -> dict[str, Any]:
        spec: dict[str, Any] = {
            "name": app.name,
            "webhooks": _hooks(app.webhooks),
            "marker": marker,
            "extra": dict(app.extra),
        }
        public_key = self.mapping.decisions.application_public_key
        if public_key and self.caps.app_key_pairs:
            spec["public_key"] = public_key
        return spec

    def create_application(self, app: AppMapping) -> None:
        action_id = _safe(f"create_application:{app.key}")
        marker = self.key(action_id)
        existing = self.target_apps.get(marker)
        before = (
            {"id": existing.id, "name": existing.name, "config": existing.config}
            if existing
            else None
        )
        purposes = ", ".join(p.value for p in app.webhooks) or "no webhooks"
        spec = self.specs[app.key] = self.spec(app, marker)
        self.created[app.key] = self.add(
            action_id,
            Stage.PREPARE,
            K.CREATE_APPLICATION,
            PlanSide.TARGET,
            f"application '{app.name}'",
            app.key,
            {"spec": spec},
            f"create {self.tgt.facts.app_label} '{app.name}' ({purposes}) [{marker}]",
            before=before,
            depends_on=[self.rebuild.get(h.url, "") for h in app.webhooks.values()],
            key=marker,
        )

    # --- acquire -----------------------------------------------------------------------------
    def acquire(self, moving: list[tuple[Number, NumberMapping]]) -> None:
        batches: dict[tuple[str, str, str, str], list[Number]] = defaultdict(list)
        batch_of: dict[tuple[Any, ...], list[Number]] = {}
        """(country, number type, account) -> its batch, once its port route is known."""
        accepted_missing = self.mapping.decisions.accepted_missing
        for number, mapped in moving:
            if mapped.strategy is Strategy.PORT:
                group = (number.country, number.number_type, number.account_id)
                batch = batch_of.get(group)
                if batch is None:
                    kind = _KINDS.get(number.number_type) or number.number_type.value
                    route = self.route(number.country, kind)
                    if not route.possible:
                        self.skip(
                            number,
                            f"{self.tgt.label} has no porting path for {number.country} {kind}"
                            " numbers",
                        )
                        continue
                    key = (route.path, number.country, kind, number.account_id)
                    batch = batch_of[group] = batches[key]
                batch.append(number)
            else:
                kind = _KINDS.get(number.number_type) or number.number_type.value
                if not self.sells(number.country, kind):
                    self.skip(
                        number, f"{self.tgt.label} does not sell {number.country} {kind} numbers"
                    )
                    continue
                core = [c for c in self.lacking(number) if c in self.tgt.table.replacement.core]
                accepted = accepted_missing.get(number.e164, ()) if core else ()
                refused = [c for c in core if c not in accepted]
                if refused:  # a blocker in the assessment (replace-core-capability-missing)
                    self.skip(
                        number,
                        f"{self.tgt.label} sells no {number.country} {kind} numbers with "
                        f"{', '.join(refused)}",
                    )
                    continue
                self.buy(number, mapped, tuple(core))
        for (path, country, kind, account), numbers in sorted(batches.items()):
            route = self.route(country, kind)
            assert route.entry is not None
            limit = route.entry.batch_limit or len(numbers)
            for start in range(0, len(numbers), limit):
                self.port(path, country, kind, account, numbers[start : start + limit], route.entry)

    def skip(self, number: Number, reason: str) -> None:
        self.skipped.append({"e164": number.e164, "reason": reason})

    def lacking(self, number: Number) -> tuple[str, ...]:
        """The number's capabilities the target sells on no number of its country and type
        (the same answer the assessment's capability rules give)."""
        kind = number.number_type.value
        key = (number.country, kind, number.capabilities)
        found = self._lacking.get(key)
        if found is None:
            missing = self.tgt.missing(number.country, kind, number.capabilities)
            found = self._lacking[key] = tuple(sorted(c.value for c in missing))
        return found

    def search(self, number: Number, mapped: NumberMapping, lacking: tuple[str, ...]) -> Any:
        """The replacement search: the mapping's, asking for no capability the target lacks."""
        query = mapped.replacement
        if query is None:
            query = {
                "country": number.country,
                "number_type": number.number_type.value,
                "area_code": None,
                "capabilities": sorted(c.value for c in number.capabilities),
            }
        wanted = query.get("capabilities") or ()
        if lacking and any(c in lacking for c in wanted):
            query = {**query, "capabilities": [c for c in wanted if c not in lacking]}
        return query

    def buy(self, number: Number, mapped: NumberMapping, accepted: tuple[str, ...] = ()) -> None:
        """Buy the replacement; `accepted`: the core capabilities it lacks, which the admin
        accepted for this number."""
        lacking = self.lacking(number)
        query = self.search(number, mapped, lacking)
        near = f" near {query['area_code']}" if query.get("area_code") else ""
        params: dict[str, Any] = {
            "search": query,
            "label": number.friendly_name or f"replaces {number.e164}",
            "replaces": number.e164,
        }
        summary = (
            f"buy {number.country} {query['number_type']} number{near} to replace {number.e164}"
        )
        if lacking:
            params["not_offered"] = list(lacking)
            summary += (
                f" (without {', '.join(lacking)}: {self.tgt.label} does not sell it on "
                f"{number.country} {query['number_type']} numbers"
                + (f"; accepted by the admin: {', '.join(accepted)}" if accepted else "")
                + ")"
            )
        if accepted:
            params["accepted_missing"] = list(accepted)
        self.acquired[number.id] = self.add(
            f"buy_number:{number.e164}",
            Stage.ACQUIRE,
            K.BUY_NUMBER,
            PlanSide.TARGET,
            f"replacement for {number.e164}",
            number.id,
            params,
            summary,
        )

    def port(
        self,
        path: str,
        country: str,
        kind: str,
        account: str,
        numbers: list[Number],
        entry: Any,
    ) -> None:
        digest = hashlib.sha256("|".join(n.e164 for n in numbers).encode()).hexdigest()[:10]
        params = {
            "numbers": [n.e164 for n in numbers],
            "country": country,
            "number_type": kind,
            "losing_account": account,
            "documents": entry.documents,
            "lead_time": entry.lead_time,
        }
        count = f"{len(numbers)} {country} {kind} number{'s' if len(numbers) != 1 else ''}"
        before = {"vendor": self.src.vendor, "account": account}
        if path == "api":
            action_id = self.add(
                f"submit_port:{country}-{kind}-{digest}",
                Stage.ACQUIRE,
                K.SUBMIT_PORT,
                PlanSide.TARGET,
                f"port of {count}",
                f"port:{country}:{kind}:{digest}",
                params,
                f"port {count} from {self.src.label} ({PORT_PATH_LABELS[path]})",
                before=before,
            )
        else:
            action_id = self.add(
                f"manual:port:{country}-{kind}-{digest}",
                Stage.ACQUIRE,
                K.MANUAL,
                PlanSide.TARGET,
                f"port of {count}",
                f"port:{country}:{kind}:{digest}",
                {
                    "task": "port",
                    "path": path,
                    **params,
                    "instructions": f"Request the port from {self.tgt.label} by "
                    f"{PORT_PATH_LABELS[path]} with {entry.documents}; record its status "
                    "with `migrator ports set`",
                },
                f"by hand: port {count} from {self.src.label} ({PORT_PATH_LABELS[path]})",
                before=before,
            )
        for number in numbers:
            self.acquired[number.id] = action_id

    # --- configure and verify ----------------------------------------------------------------
    def config(self, mapped: NumberMapping) -> tuple[dict[str, Any], tuple[str, ...], str]:
        """(NumberConfig params, the create actions they refer to, a readable target), shared
        by every number routed the same way."""
        cache_key = (mapped.app, mapped.sms_app, id(mapped.webhooks))
        found = self._configs.get(cache_key)
        if found is None:
            app = self.created[mapped.app] if mapped.app else None
            sms_app = self.created[mapped.sms_app] if mapped.sms_app else None
            config: dict[str, Any] = {"app_id": ref(app, "app_id") if app else None}
            if sms_app:
                config["sms_app_id"] = ref(sms_app, "app_id")
            if mapped.webhooks:
                config["webhooks"] = _hooks(mapped.webhooks)
            shown = self.apps[mapped.app].name if mapped.app else "its own URLs"
            # each create action once (add() would drop the repeat from depends_on)
            found = (config, tuple(dict.fromkeys(a for a in (app, sms_app) if a)), shown)
            self._configs[cache_key] = found
        return found

    def without_sms(
        self, config: dict[str, Any], app_actions: tuple[str, ...], mapped: NumberMapping
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        """A replacement bought without SMS (the admin accepted it) gets no SMS routing: its
        own SMS URLs and a separate SMS application would be set on a number that no message
        reaches. Voice routing, and an application that also answers voice, stay."""
        trimmed = {key: value for key, value in config.items() if key != "sms_app_id"}
        hooks = config.get("webhooks")
        if hooks:
            kept = {p: h for p, h in hooks.items() if p not in _SMS_KEYS}
            if kept:
                trimmed["webhooks"] = kept
            else:
                del trimmed["webhooks"]
        if "sms_app_id" in config and mapped.sms_app != mapped.app:
            sms_action = self.created.get(mapped.sms_app or "")
            app_actions = tuple(a for a in app_actions if a != sms_action)
        return trimmed, app_actions

    def arrival(self, number: Number, mapped: NumberMapping, acquired: str) -> _Arrival:
        """How configure and verify actions name a number that arrives on the target."""
        if mapped.strategy is Strategy.PORT:
            return number.e164, number.e164, ""
        return ref(acquired, "e164"), f"replacement for {number.e164}", " (new number)"

    def configure(self, moving: list[tuple[Number, NumberMapping]]) -> None:
        e911_how = self.tgt.table.checklist["e911"].how
        push, configured, acquired_by = self._push, self.configured, self.acquired
        verified, verifying, configs = self.verified, self._verifying, self._configs
        target = self.tgt.label
        for number, mapped in moving:
            acquired = acquired_by.get(number.id)
            if acquired is None:
                continue
            e164, item, new = self.arrival(number, mapped, acquired)
            shared = configs.get((mapped.app, mapped.sms_app, id(mapped.webhooks)))
            config, app_actions, shown = shared or self.config(mapped)
            if mapped.strategy is Strategy.REPLACE and "sms" in self.lacking(number):
                config, app_actions = self.without_sms(config, app_actions, mapped)
            if app_actions or config.get("webhooks"):
                existing = (
                    self.target_numbers.get(number.e164)
                    if mapped.strategy is Strategy.PORT
                    else None
                )
                configured[number.id] = push(
                    f"configure_number:{number.e164}",
                    _CONFIGURE,
                    K.CONFIGURE_NUMBER,
                    _TARGET,
                    item,
                    number.id,
                    {"e164": e164, "config": config},
                    f"route {number.e164}{new} to {shown}",
                    {"e164": existing.e164, "config": existing.config} if existing else None,
                    (acquired, *app_actions),
                )
            if number.emergency_address_id:
                self.add(
                    f"manual:e911:{number.e164}",
                    Stage.CONFIGURE,
                    K.MANUAL,
                    PlanSide.TARGET,
                    number.e164,
                    number.id,
                    {"task": "e911", "e164": e164, "instructions": e911_how},
                    f"by hand: register the E911 address of {number.e164} on {self.tgt.label}",
                    depends_on=(configured.get(number.id, acquired),),
                )
            # its verify action now, while all it needs is at hand; verify() puts it in place
            found = configured.get(number.id)
            verified[number.id] = push(
                f"verify_number:{number.e164}",
                _VERIFY,
                K.VERIFY_NUMBER,
                _TARGET,
                item,
                number.id,
                {"e164": e164, "expect": config},
                f"check {number.e164}{new} on {target}",
                None,
                (found,) if found else (acquired, *app_actions),
                verifying,
            )

    def verify(self) -> None:
        for app in self.mapping.applications:
            created = self.created.get(app.key)
            if created is None:
                continue
            self.verified[app.key] = self.add(
                f"verify_application:{created.split(':', 1)[1]}",
                Stage.VERIFY,
                K.VERIFY_APPLICATION,
                PlanSide.TARGET,
                f"application '{app.name}'",
                app.key,
                {"app_id": ref(created, "app_id"), "expect": self.specs[app.key]},
                f"check application '{app.name}' on {self.tgt.label}",
                depends_on=(created,),
            )
        self.actions += self._verifying
        self._verifying.clear()

    # --- decommission ------------------------------------------------------------------------
    def decommission(self, pairs: list[tuple[Number, NumberMapping]]) -> None:
        by_hand: list[str] = []
        skipped = {s["e164"] for s in self.skipped}
        for number, mapped in pairs:
            if mapped.strategy not in _LEAVING:
                continue  # a port moves the number; keep leaves it
            if number.e164 in skipped:
                continue
            if not self.src.has_api:
                by_hand.append(number.e164)
                continue
            self.add(
                f"release_number:{number.e164}",
                Stage.DECOMMISSION,
                K.RELEASE_NUMBER,
                PlanSide.SOURCE,
                number.e164,
                number.id,
                {"e164": number.e164},
                f"release {number.e164} on {self.src.label}",
                before={
                    "id": number.id,
                    "e164": number.e164,
                    "account_id": number.account_id,
                    "config": number.config,
                },
                depends_on=[self.verified.get(number.id, "")],
            )
        if by_hand:
            self.add(
                "manual:release-at-source",
                Stage.DECOMMISSION,
                K.MANUAL,
                PlanSide.SOURCE,
                f"{len(by_hand)} numbers at {self.src.label}",
                self.source.account_id,
                {
                    "task": "release",
                    "numbers": by_hand,
                    "instructions": f"Release these numbers at {self.src.label} by hand "
                    "once verify has passed",
                },
                f"by hand: release {len(by_hand)} numbers at {self.src.label}",
            )
        if self.src.has_api:
            self.delete_applications(pairs, skipped)

    def delete_applications(
        self, pairs: list[tuple[Number, NumberMapping]], skipped: set[str]
    ) -> None:
        """Delete a source application once every number it answered has left (none kept,
        none skipped); applications that answered no number are left alone."""
        used: set[str] = set()
        staying: set[str] = set()
        for number, mapped in pairs:
            apps = (number.voice_app_id, number.sms_app_id)
            if apps == (None, None):
                continue
            stays = mapped.strategy is Strategy.KEEP or number.e164 in skipped
            for app_id in apps:
                if app_id is not None:
                    used.add(app_id)
                    if stays:
                        staying.add(app_id)
        leaving = used - staying
        for app in self.source.applications:
            if app.id not in leaving:
                continue
            mapped_key = f"app:{app.id}"
            self.add(
                _safe(f"delete_application:{app.id}"),
                Stage.DECOMMISSION,
                K.DELETE_APPLICATION,
                PlanSide.SOURCE,
                f"application '{app.name}'",
                app.id,
                {"app_id": app.id},
                f"delete application '{app.name}' on {self.src.label}",
                before={"id": app.id, "name": app.name, "config": app.config},
                depends_on=[self.verified.get(mapped_key, "")],
            )

    # --- the whole plan ----------------------------------------------------------------------
    def build(self, created_at: str, target_fingerprint: str | None) -> Plan:
        by_id = {m.id: m for m in self.mapping.numbers}.get
        pairs = [(n, m) for n in self.source.numbers if (m := by_id(n.id)) is not None]
        moving = [(n, m) for n, m in pairs if m.strategy in MOVING]
        self.prepare()
        self.acquire(moving)
        self.configure(moving)
        self.verify()
        self.decommission(pairs)
        ids = [a.id for a in self.actions]
        if len(set(ids)) != len(ids):  # pragma: no cover - a planner bug
            raise RuntimeError("the planner produced two actions with the same id")
        return Plan(
            source_vendor=self.src.vendor,
            source_account=self.source.account_id,
            target_vendor=self.tgt.vendor,
            target_account=self.tgt.account_id,
            source_fingerprint=self.mapping.source_fingerprint,
            target_fingerprint=target_fingerprint
            if target_fingerprint is not None
            else self.target.fingerprint()
            if self.target
            else "",
            actions=tuple(self.actions),
            created_at=created_at,
            options={
                "strategies": self.mapping.strategy_counts(),
                "placeholders": len(self.rebuild),
                "skipped": self.skipped,
            },
        )


def build_plan(
    source: Inventory,
    target: Inventory | None,
    mapping: Mapping,
    source_side: Side,
    target_side: Side,
    created_at: str = "",
    target_fingerprint: str | None = None,
) -> Plan:
    """The staged plan that carries out `mapping` (see the module docstring for params).
    `target_fingerprint` is the target snapshot's, when the caller already knows it."""
    with gc_paused():
        planner = _Planner(source, target, mapping, source_side, target_side)
        return planner.build(created_at, target_fingerprint)
