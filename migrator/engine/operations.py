"""What each action kind asks of a vendor adapter: its before-state, its call, its outputs.

Action params use the adapter interface's vocabulary (plain data, `$ref`s already resolved):

  create_application   {"spec": ApplicationSpec}   marker defaults to the action's idempotency key
  update_application   {"app_id", "spec": ApplicationSpec}
  buy_number           {"e164"} or {"search": {country, number_type, area_code, contains,
                       capabilities}}, optional "config": NumberConfig and "label"
  configure_number     {"e164", "config": NumberConfig}
  verify_number        {"e164", "expect": NumberConfig}   only the fields given are compared
  verify_application   {"app_id", "expect": ApplicationSpec}   webhooks and extra given compared
  release_number       {"e164"}
  delete_application   {"app_id"}
  manual               {"instructions"}   no vendor call; the admin confirms
  submit_port          handed to the porting desk (see executor.PortDesk)

When a param is missing, "e164" falls back to the action's item (a +E.164 string) and "app_id"
to its item_id. Outputs, which later actions reach with {"$ref": "ACTION.FIELD"}:
create_application {"app_id", "name"}; buy_number {"e164", "number_id"} (plus "fallback" when
the number was bought elsewhere than the search asked: see `choose_replacement`);
update_application {"app_id"}.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Any

from migrator.errors import MigratorError
from migrator.model.enums import Capability, NumberType, WebhookPurpose
from migrator.model.plan import Action, ActionKind
from migrator.model.public_key import same_key
from migrator.model.serialize import to_data
from migrator.vendors.base import (
    ApplicationSpec,
    NumberConfig,
    NumberQuery,
    VendorAdapter,
    WebhookTarget,
)
from migrator.vendors.errors import NotFound

WRITES = frozenset(
    {
        ActionKind.CREATE_APPLICATION,
        ActionKind.UPDATE_APPLICATION,
        ActionKind.BUY_NUMBER,
        ActionKind.SUBMIT_PORT,
        ActionKind.CONFIGURE_NUMBER,
        ActionKind.RELEASE_NUMBER,
        ActionKind.DELETE_APPLICATION,
    }
)
"""Kinds that change an account (the drift check runs before the first of these)."""

current_action: ContextVar[str | None] = ContextVar("current_action", default=None)
"""The action whose vendor calls are being made (the dry-run recorder attributes calls)."""

NON_IDEMPOTENT = frozenset({ActionKind.CREATE_APPLICATION, ActionKind.BUY_NUMBER})
"""Calls that must never be repeated blindly: reconcile first (find by marker / number)."""


class ParamError(MigratorError):
    """An action's params do not say what the call needs (a planner bug, or a hand edit)."""


class VerificationFailed(MigratorError):
    """Read-back differs from what the plan set."""


class NoSuchReplacement(MigratorError):
    """No number for sale matches the replacement search."""


# --- params ---------------------------------------------------------------------------------
def webhooks_from(data: dict[str, Any] | None) -> dict[WebhookPurpose, WebhookTarget]:
    result = {}
    for purpose, target in (data or {}).items():
        if isinstance(target, str):
            target = {"url": target}
        result[WebhookPurpose(purpose)] = WebhookTarget(
            url=str(target["url"]), method=str(target.get("method", "POST")).upper()
        )
    return result


def spec_from(data: dict[str, Any], marker: str = "") -> ApplicationSpec:
    return ApplicationSpec(
        name=str(data.get("name", "")),
        webhooks=webhooks_from(data.get("webhooks")),
        marker=str(data.get("marker") or marker),
        extra=dict(data.get("extra") or {}),
        public_key=data.get("public_key") or None,
    )


def config_from(data: dict[str, Any]) -> NumberConfig:
    return NumberConfig(
        app_id=data.get("app_id"),
        sms_app_id=data.get("sms_app_id"),
        webhooks=webhooks_from(data.get("webhooks")),
        vendor_fields=dict(data.get("vendor_fields") or {}),
    )


def query_from(data: dict[str, Any]) -> NumberQuery:
    capabilities = frozenset(Capability(c) for c in data.get("capabilities") or ())
    return NumberQuery(
        country=str(data["country"]),
        number_type=NumberType(data.get("number_type", NumberType.LOCAL)),
        area_code=data.get("area_code") or None,
        contains=data.get("contains") or None,
        capabilities=capabilities,
        limit=int(data.get("limit", 20)),
    )


def e164_of(action: Action, params: dict[str, Any]) -> str:
    value = params.get("e164") or (action.item if action.item.startswith("+") else None)
    if not value:
        raise ParamError(f"{action.id}: no number given (params need 'e164')")
    return str(value)


def app_id_of(action: Action, params: dict[str, Any]) -> str:
    value = params.get("app_id") or action.item_id
    if not value:
        raise ParamError(f"{action.id}: no application given (params need 'app_id')")
    return str(value)


def marker_of(action: Action, params: dict[str, Any]) -> str:
    spec = params.get("spec") or {}
    return str(spec.get("marker") or action.idempotency_key or action.id)


def spec_param(action: Action, params: dict[str, Any]) -> ApplicationSpec:
    data = params.get("spec", params if "name" in params else None)
    if not isinstance(data, dict):
        raise ParamError(f"{action.id}: params need 'spec' (the application's settings)")
    return spec_from(data, marker_of(action, params))


def config_param(action: Action, params: dict[str, Any], key: str = "config") -> NumberConfig:
    data = params.get(key)
    if not isinstance(data, dict):
        raise ParamError(f"{action.id}: params need '{key}' (the number's settings)")
    return config_from(data)


def plain(value: Any) -> dict[str, Any]:
    data: dict[str, Any] = to_data(value)
    return data


# --- comparing read-backs -------------------------------------------------------------------
def _webhook_differences(
    expected: dict[WebhookPurpose, WebhookTarget], actual: dict[WebhookPurpose, WebhookTarget]
) -> list[str]:
    problems = []
    for purpose, want in sorted(expected.items()):
        got = actual.get(purpose)
        if got is None:
            problems.append(f"{purpose.value}: missing (want {want.url})")
        elif got.url != want.url or got.method.upper() != want.method.upper():
            problems.append(
                f"{purpose.value}: {got.method} {got.url} (want {want.method} {want.url})"
            )
    return problems


def config_differences(expected: NumberConfig, actual: NumberConfig) -> list[str]:
    """What in `actual` differs from the fields `expected` sets (None/empty: not compared)."""
    problems = []
    for name in ("app_id", "sms_app_id"):
        want = getattr(expected, name)
        if want is not None and getattr(actual, name) != want:
            problems.append(f"{name}: {getattr(actual, name)!r} (want {want!r})")
    problems += _webhook_differences(expected.webhooks, actual.webhooks)
    for key, want in sorted(expected.vendor_fields.items()):
        if actual.vendor_fields.get(key) != want:
            problems.append(f"{key}: {actual.vendor_fields.get(key)!r} (want {want!r})")
    return problems


def spec_differences(expected: ApplicationSpec, actual: ApplicationSpec) -> list[str]:
    problems = _webhook_differences(expected.webhooks, actual.webhooks)
    for key, want in sorted(expected.extra.items()):
        if actual.extra.get(key) != want:
            problems.append(f"{key}: {actual.extra.get(key)!r} (want {want!r})")
    if expected.public_key and not same_key(expected.public_key, actual.public_key or ""):
        problems.append("public key: not the one given in the decisions")
    return problems


# --- one prepared call ----------------------------------------------------------------------
@dataclass
class Prepared:
    """A call ready to journal and make: `call` is what the intent records; `run` makes it and
    returns the outputs; `reconcile` (non-idempotent calls) asks the vendor whether it happened
    and returns the outputs if so, None if not."""

    call: dict[str, Any]
    run: Callable[[], dict[str, Any]]
    before: dict[str, Any] | None = None
    reconcile: Callable[[], dict[str, Any] | None] | None = None
    writes: bool = True
    note: str = ""
    """What the admin should know about how it was done (a replacement bought elsewhere than
    the plan asked); the journal keeps it as the outcome's message."""


Reader = Callable[[Callable[[], Any]], Any]
"""Runs a read through the executor's throttle and retry policy."""


def bought(number: Any, fallback: str = "") -> dict[str, Any]:
    """A purchase's outputs; `fallback` says what was bought instead of what the plan asked."""
    outputs = {"e164": number.e164, "number_id": number.id}
    if fallback:
        outputs["fallback"] = fallback
    return outputs


# --- choosing a replacement -----------------------------------------------------------------
def _narrowed_by(query: NumberQuery) -> str:
    """How a search is narrower than its country and type ("near 888", "containing 555")."""
    parts = []
    if query.area_code:
        parts.append(f"near {query.area_code}")
    if query.contains:
        parts.append(f"containing {query.contains}")
    return " ".join(parts)


def search_steps(query: NumberQuery) -> list[NumberQuery]:
    """The searches a replacement tries, most specific first: the plan's (area code, digits),
    then the same country, type and capabilities anywhere in the country. Vonage and Plivo
    turn an area code into a number pattern, so the second search has no pattern either."""
    if not _narrowed_by(query):
        return [query]
    return [query, dataclasses.replace(query, area_code=None, contains=None)]


@dataclass(frozen=True)
class Choice:
    e164: str
    search: NumberQuery
    """The search that found it."""
    fallback: str = ""
    """Why it was not found by the plan's own search ('' when it was)."""


def choose_replacement(
    adapter: VendorAdapter,
    query: NumberQuery,
    read: Reader,
    claim: Callable[[list[str]], str | None],
) -> Choice:
    """Search, most specific first, and claim the first number no other action has chosen.

    A wider search runs only when the narrower one found nothing to claim (nothing for sale,
    or every number offered already chosen by another purchase of this plan)."""
    why: list[str] = []
    for step in search_steps(query):
        found = read(partial(adapter.search_numbers, step))
        chosen = claim([offer.e164 for offer in found]) if found else None
        if chosen is not None:
            if not why:
                return Choice(chosen, step)
            return Choice(chosen, step, f"{why[0]}; bought {chosen} instead (any area code)")
        why.append(_none_left(adapter.vendor, step, bool(found)))
    raise NoSuchReplacement("; ".join(why))


def _none_left(vendor: str, query: NumberQuery, offered: bool) -> str:
    """Why a search gave nothing to buy, in the admin's words."""
    where = _narrowed_by(query) or f"anywhere in {query.country}"
    wanted = ", ".join(sorted(c.value for c in query.capabilities))
    numbers = f"{query.country} {query.number_type.value} numbers {where}" + (
        f" with {wanted}" if wanted else ""
    )
    if offered:
        return f"every one of the {numbers} that {vendor} offers is being bought by this plan"
    return f"no {numbers} for sale on {vendor}"


def prepare(
    adapter: VendorAdapter,
    action: Action,
    params: dict[str, Any],
    read: Reader,
    previous_call: dict[str, Any] | None = None,
    claim: Callable[[list[str]], str | None] = lambda offered: offered[0] if offered else None,
) -> Prepared:
    """Read what the call needs (before-state, a replacement number) and build the call.

    `previous_call` is the call an earlier intent of this action recorded: a purchase retried
    after a crash buys the number it had chosen, not a new one. `claim` picks a replacement
    among the numbers offered and reserves it, so that purchases running side by side never
    choose the same number (None: every one offered is taken)."""
    kind = action.kind
    if kind is ActionKind.CREATE_APPLICATION:
        spec = spec_param(action, params)

        def find_created() -> dict[str, Any] | None:
            app = read(lambda: adapter.find_application(spec.marker))
            return None if app is None else {"app_id": app.id, "name": app.name}

        def create() -> dict[str, Any]:
            app = adapter.create_application(spec)
            return {"app_id": app.id, "name": app.name}

        return Prepared(
            call={"method": "create_application", "spec": plain(spec)},
            run=create,
            reconcile=find_created,
        )

    if kind is ActionKind.UPDATE_APPLICATION:
        app_id, spec = app_id_of(action, params), spec_param(action, params)
        before = read(lambda: adapter.read_application_spec(app_id))

        def update() -> dict[str, Any]:
            adapter.update_application(app_id, spec)
            return {"app_id": app_id}

        return Prepared(
            call={"method": "update_application", "app_id": app_id, "spec": plain(spec)},
            run=update,
            before=plain(before),
        )

    if kind is ActionKind.BUY_NUMBER:
        config = config_from(params["config"]) if params.get("config") else None
        label = str(params.get("label", ""))
        previous = previous_call or {}
        chosen = previous.get("e164") or params.get("e164")
        searched = previous.get("search")
        fallback = str(previous.get("fallback") or "") if previous.get("e164") else ""
        if not chosen:
            if not isinstance(params.get("search"), dict):
                raise ParamError(f"{action.id}: params need 'e164' or 'search'")
            choice = choose_replacement(adapter, query_from(params["search"]), read, claim)
            chosen, searched, fallback = choice.e164, plain(choice.search), choice.fallback
        e164 = str(chosen)

        def find_bought() -> dict[str, Any] | None:
            number = read(lambda: adapter.get_number(e164))
            return None if number is None else bought(number, fallback)

        def buy() -> dict[str, Any]:
            return bought(adapter.buy_number(e164, config, label), fallback)

        # the intent records the number chosen and how: a retry after a crash buys that number
        call: dict[str, Any] = {"method": "buy_number", "e164": e164, "label": label}
        if config is not None:
            call["config"] = plain(config)
        if searched:
            call["search"] = searched
        if fallback:
            call["fallback"] = fallback
        return Prepared(call=call, run=buy, reconcile=find_bought, note=fallback)

    if kind is ActionKind.CONFIGURE_NUMBER:
        e164, config = e164_of(action, params), config_param(action, params)
        before = read(lambda: adapter.read_number_config(e164))

        def configure() -> dict[str, Any]:
            adapter.configure_number(e164, config)
            return {}

        return Prepared(
            call={"method": "configure_number", "e164": e164, "config": plain(config)},
            run=configure,
            before=plain(before),
        )

    if kind is ActionKind.VERIFY_NUMBER:
        e164, expected = e164_of(action, params), config_param(action, params, "expect")

        def verify_number() -> dict[str, Any]:
            try:
                actual = adapter.read_number_config(e164)
            except NotFound:
                raise VerificationFailed(f"{e164} is not in the {adapter.vendor} account") from None
            problems = config_differences(expected, actual)
            if problems:
                raise VerificationFailed(f"{e164} differs: " + "; ".join(problems))
            return {}

        return Prepared(
            call={"method": "verify_number", "e164": e164, "expect": plain(expected)},
            run=verify_number,
            writes=False,
        )

    if kind is ActionKind.VERIFY_APPLICATION:
        app_id = app_id_of(action, params)
        data = params.get("expect")
        if not isinstance(data, dict):
            raise ParamError(f"{action.id}: params need 'expect'")
        expected_spec = spec_from(data)

        def verify_application() -> dict[str, Any]:
            try:
                actual = adapter.read_application_spec(app_id)
            except NotFound:
                raise VerificationFailed(f"application {app_id} is not in the account") from None
            problems = spec_differences(expected_spec, actual)
            if problems:
                raise VerificationFailed(f"application {app_id} differs: " + "; ".join(problems))
            return {}

        return Prepared(
            call={"method": "verify_application", "app_id": app_id, "expect": plain(data)},
            run=verify_application,
            writes=False,
        )

    if kind is ActionKind.RELEASE_NUMBER:
        e164 = e164_of(action, params)
        before = read(lambda: adapter.read_number_config(e164))

        def release() -> dict[str, Any]:
            adapter.release_number(e164)
            return {"e164": e164}

        def released() -> dict[str, Any] | None:
            gone = read(lambda: adapter.get_number(e164)) is None
            return {"e164": e164} if gone else None

        return Prepared(
            call={"method": "release_number", "e164": e164},
            run=release,
            before=plain(before),
            reconcile=released,
        )

    if kind is ActionKind.DELETE_APPLICATION:
        app_id = app_id_of(action, params)
        before = read(lambda: adapter.read_application_spec(app_id))

        def delete() -> dict[str, Any]:
            adapter.delete_application(app_id)
            return {"app_id": app_id}

        def deleted() -> dict[str, Any] | None:
            gone = read(lambda: adapter.get_application(app_id)) is None
            return {"app_id": app_id} if gone else None

        return Prepared(
            call={"method": "delete_application", "app_id": app_id},
            run=delete,
            before=plain(before),
            reconcile=deleted,
        )

    raise ParamError(f"{action.id}: {kind.value} actions are not run through an adapter")
