"""The planner: staged actions in the adapter interface's vocabulary, with before-states,
deterministic idempotency keys, dependencies and references, branching on capabilities only."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest

from migrator.engine.mapper import build_mapping
from migrator.engine.planner import build_plan
from migrator.engine.sides import Side
from migrator.model.enums import Capability, NumberType, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory
from migrator.model.mapping import Decisions, Strategy
from migrator.model.plan import Action, ActionKind, Plan, Stage
from migrator.model.plan import Side as PlanSide
from migrator.rules.table import load_table
from migrator.services.planning import plan_document, plan_json
from migrator.vendors.base import ApplicationSpec, NumberConfig, NumberQuery, WebhookTarget
from tests.rules.inventories import (
    BIN_URL,
    SOURCE_BUILDERS,
    SOURCES,
    VENDORS,
    VSM,
    number,
    plivo_source,
    run,
    sides,
    twilio_source,
)

K = ActionKind
KEY = re.compile(r"^mig-[0-9a-f]{12}$")
ALL_PAIRS = [(s, t) for s in SOURCES for t in VENDORS]


def refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        if set(value) == {"$ref"}:
            return [value["$ref"]]
        return [r for v in value.values() for r in refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in refs(v)]
    return []


def webhooks(data: dict[str, Any]) -> dict[WebhookPurpose, WebhookTarget]:
    return {WebhookPurpose(p): WebhookTarget(**h) for p, h in data.items()}


def resolved(value: Any) -> Any:
    """Params with every $ref replaced by a stand-in value, as the executor would."""
    if isinstance(value, dict):
        if set(value) == {"$ref"}:
            return "resolved"
        return {k: resolved(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolved(v) for v in value]
    return value


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_structure(source: str, target: str) -> None:
    plan = run(SOURCE_BUILDERS[source](), target).plan
    by_id = {a.id: a for a in plan.actions}
    assert len(by_id) == len(plan.actions)
    order = [a.stage.order for a in plan.actions]
    assert order == sorted(order), "actions are listed stage by stage"
    position = {a.id: i for i, a in enumerate(plan.actions)}

    def needs(action_id: str) -> set[str]:
        """Everything an action waits for, directly or through what it waits for."""
        found: set[str] = set()
        todo = list(by_id[action_id].depends_on)
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(by_id[current].depends_on)
        return found

    keys = [a.idempotency_key for a in plan.actions]
    assert len(set(keys)) == len(keys) and all(KEY.match(k) for k in keys)
    outputs = {K.CREATE_APPLICATION: {"app_id", "name"}, K.BUY_NUMBER: {"e164", "number_id"}}
    for action in plan.actions:
        assert "." not in action.id
        for dep in action.depends_on:
            assert dep in by_id and position[dep] < position[action.id]
        for reference in refs(action.params):
            action_id, output = reference.rsplit(".", 1)
            assert action_id in needs(action.id)
            assert output in outputs[by_id[action_id].kind]
            assert position[action_id] < position[action.id]
        assert action.reversible is not (action.stage is Stage.DECOMMISSION)
        assert action.summary
        json.dumps(action.params)
        json.dumps(action.before)
        if action.kind is not K.MANUAL:
            assert action.side is (
                PlanSide.SOURCE if action.stage is Stage.DECOMMISSION else PlanSide.TARGET
            )
        else:
            assert action.params["instructions"]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_params_speak_the_adapter_interface(source: str, target: str) -> None:
    plan = run(SOURCE_BUILDERS[source](), target).plan
    for action in plan.actions:
        params = resolved(action.params)
        if action.kind is K.CREATE_APPLICATION:
            spec = ApplicationSpec(
                **{**params["spec"], "webhooks": webhooks(params["spec"]["webhooks"])}
            )
            assert spec.marker == action.idempotency_key
        elif action.kind is K.VERIFY_APPLICATION:
            ApplicationSpec(
                **{**params["expect"], "webhooks": webhooks(params["expect"]["webhooks"])}
            )
        elif action.kind in (K.CONFIGURE_NUMBER, K.VERIFY_NUMBER):
            data = params["config" if action.kind is K.CONFIGURE_NUMBER else "expect"]
            assert "app_id" in data
            NumberConfig(**{**data, "webhooks": webhooks(data.get("webhooks", {}))})
            assert params["e164"].startswith("+") or params["e164"] == "resolved"
        elif action.kind is K.BUY_NUMBER:
            search = params["search"]
            NumberQuery(
                country=search["country"],
                number_type=NumberType(search["number_type"]),
                area_code=search["area_code"],
                capabilities=frozenset(Capability(c) for c in search["capabilities"]),
            )
            assert params["replaces"].startswith("+")
        elif action.kind is K.SUBMIT_PORT:
            assert all(n.startswith("+") for n in params["numbers"])
        elif action.kind is K.RELEASE_NUMBER:
            assert params == {"e164": action.item}
        elif action.kind is K.DELETE_APPLICATION:
            assert params == {"app_id": action.item_id}


def test_keys_are_deterministic_and_scoped_to_the_two_accounts() -> None:
    first = run(twilio_source(), "plivo").plan
    again = run(twilio_source(), "plivo").plan
    assert [a.idempotency_key for a in first.actions] == [a.idempotency_key for a in again.actions]
    assert first.fingerprint() == again.fingerprint()
    other = run(replace(twilio_source(), account_id="AC9"), "plivo").plan
    assert not {a.idempotency_key for a in first.actions} & {
        a.idempotency_key for a in other.actions
    }


def test_ports_and_keeps_are_never_released() -> None:
    decisions = Decisions(
        overrides={
            "+14155550100": Strategy.KEEP,
            "+14155550101": Strategy.RELEASE,
            "+442071838750": Strategy.REPLACE,
        }
    )
    result = run(twilio_source(), "twilio", decisions)
    released = {a.params["e164"] for a in result.plan.actions if a.kind is K.RELEASE_NUMBER}
    assert released == {"+14155550101", "+442071838750"}
    kept = [a for a in result.plan.actions if "+14155550100" in json.dumps(a.params)]
    assert kept == []


def test_replacement_flow_buy_configure_verify_release() -> None:
    result = run(plivo_source(), "twilio")
    ids = {a.id: a for a in result.plan.actions}
    buy = ids["buy_number:+442071838752"]
    configure = ids["configure_number:+442071838752"]
    verify = ids["verify_number:+442071838752"]
    release = ids["release_number:+442071838752"]
    assert buy.params["search"]["country"] == "GB" and buy.params["replaces"] == "+442071838752"
    assert configure.params["e164"] == {"$ref": "buy_number:+442071838752.e164"}
    assert configure.params["config"]["app_id"] == {"$ref": "create_application:app:1001.app_id"}
    assert set(configure.depends_on) == {buy.id, "create_application:app:1001"}
    assert verify.depends_on == (configure.id,)
    assert release.depends_on == (verify.id,) and not release.reversible
    assert release.before is not None and release.before["e164"] == "+442071838752"


def test_twilio_api_ports_batch_by_country_type_and_losing_account() -> None:
    extra = tuple(number(f"PX{i}", f"+1415{2000000 + i:07d}") for i in range(2300))
    source = replace(twilio_source(), numbers=twilio_source().numbers + extra)
    plan = run(source, "twilio").plan
    ports = [a for a in plan.actions if a.kind is K.SUBMIT_PORT]
    sizes = sorted(len(a.params["numbers"]) for a in ports)
    # US local in AC1: 5 + 2300 = 2305 -> 1000, 1000, 305; AC2: 1; US mobile: 1
    assert sizes == [1, 1, 305, 1000, 1000]
    assert {a.params["losing_account"] for a in ports} == {"AC1", "AC2"}
    tollfree = [a for a in plan.actions if a.kind is K.MANUAL and a.params.get("task") == "port"]
    assert [a.params["path"] for a in tollfree] == ["console"]
    verify = next(a for a in plan.actions if a.id == "verify_number:+14152000007")
    assert any(d.startswith("submit_port:") for d in verify.depends_on)


def test_ports_go_by_hand_where_the_target_has_no_porting_api() -> None:
    plan = run(twilio_source(), "plivo").plan
    assert not [a for a in plan.actions if a.kind is K.SUBMIT_PORT]
    manual = [a for a in plan.actions if a.kind is K.MANUAL and a.params.get("task") == "port"]
    assert {a.params["path"] for a in manual} == {"ticket"}
    assert sum(len(a.params["numbers"]) for a in manual) == 8


def test_branches_on_capabilities_not_vendor_names() -> None:
    source = plivo_source()
    src, tgt = sides(source, "twilio")
    mapping = build_mapping(source, tgt)
    with_api = build_plan(source, None, mapping, src, tgt)
    no_api = replace(tgt, capabilities=replace(tgt.caps(), porting_api=False))
    without = build_plan(source, None, mapping, src, no_api)
    assert [a for a in with_api.actions if a.kind is K.SUBMIT_PORT]
    assert not [a for a in without.actions if a.kind is K.SUBMIT_PORT]
    assert [a for a in without.actions if a.kind is K.MANUAL and a.params.get("task") == "port"]
    file_like = Side(src.vendor, src.account_id, None, src.table)
    by_hand = build_plan(source, None, mapping, file_like, tgt)
    assert not [a for a in by_hand.actions if a.kind is K.RELEASE_NUMBER]
    assert [a for a in by_hand.actions if a.id == "manual:release-at-source"]


def test_numbers_the_plan_cannot_move_are_skipped_with_a_reason() -> None:
    result = run(plivo_source(), "twilio", Decisions(overrides={"+442071838752": Strategy.PORT}))
    skipped = result.plan.options["skipped"]
    assert [s["e164"] for s in skipped] == ["+442071838752"]
    assert "no porting path" in skipped[0]["reason"]
    assert not [a for a in result.plan.actions if "+442071838752" in a.id]


def test_a_replacement_without_sms_is_not_bought() -> None:
    """A British landline that texts cannot be replaced on Twilio, which sells them voice only:
    the assessment blocks it and the plan neither buys a voice-only number nor releases it."""
    source = replace(
        plivo_source(),
        numbers=(number("GB1", "+442071838799", country="GB", caps=VSM, account="MA1"),),
    )
    result = run(source, "twilio", Decisions(Strategy.REPLACE))
    assert result.findings("number", "+442071838799").keys() >= {"replace-core-capability-missing"}
    assert result.assessment.item("number", "+442071838799").verdict.value == "blocker"
    (skipped,) = result.plan.options["skipped"]
    assert skipped["e164"] == "+442071838799" and "with sms" in skipped["reason"]
    assert not [a for a in result.plan.actions if "+442071838799" in json.dumps(a.params)]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_plan_and_assessment_agree_on_blocked_replacements(source: str, target: str) -> None:
    """A replacement the assessment blocks is skipped by the plan (no buy, no release), and
    every replacement the plan buys carries no blocker of its own."""
    inventory = SOURCE_BUILDERS[source]()
    inventory = replace(inventory, numbers=inventory.numbers + _mms_numbers().numbers)
    result = run(inventory, target, Decisions(Strategy.REPLACE))
    skipped = {s["e164"] for s in result.plan.options["skipped"]}
    bought = {a.params["replaces"] for a in result.plan.actions if a.kind is K.BUY_NUMBER}
    released = {a.params["e164"] for a in result.plan.actions if a.kind is K.RELEASE_NUMBER}
    replace_blockers = {"replace-type-unavailable", "replace-core-capability-missing"}
    for item in result.assessment.items:
        if item.kind != "number":
            continue
        blocked = any(f.rule in replace_blockers for f in item.findings)
        assert (item.id in skipped) == blocked, item
        assert (item.id in bought) != blocked, item
        if blocked:
            assert item.id not in released
            assert not any(f.rule == "replace-changes-number" for f in item.findings)


def test_placeholders_gate_application_creation() -> None:
    plan = run(twilio_source(), "plivo").plan
    rebuild = [a for a in plan.actions if a.id.startswith("manual:rebuild:")]
    assert len(rebuild) == 3 == plan.options["placeholders"]
    assert all(a.stage is Stage.PREPARE for a in rebuild)
    creates = [a for a in plan.actions if a.kind is K.CREATE_APPLICATION]
    gated = [a for a in creates if set(a.depends_on) & {r.id for r in rebuild}]
    assert len(gated) == 3
    filled = run(
        twilio_source(), "plivo", Decisions(urls={BIN_URL: "https://ours.example.com/b"})
    ).plan
    assert filled.options["placeholders"] == 2


def test_before_states_come_from_the_snapshots() -> None:
    source = twilio_source()
    source = replace(
        source,
        applications=(
            replace(source.applications[0], config={"voice_url": "x"}),
            *source.applications[1:],
        ),
    )
    decisions = Decisions(overrides={"+14155550101": Strategy.REPLACE})
    first = run(source, "plivo", decisions).plan
    create = next(a for a in first.actions if a.id == "create_application:app:AP1")
    marker = create.params["spec"]["marker"]
    target = Inventory(
        vendor=Vendor.PLIVO,
        account_id="MAtarget",
        applications=(
            Application("9001", f"Main IVR [{marker}]", "MAtarget", {"answer_url": "y"}),
        ),
        numbers=(
            number("14155550100", "+14155550100", account="MAtarget", config={"app": "9001"}),
        ),
    )
    plan = run(source, "plivo", decisions, target=target).plan
    ids = {a.id: a for a in plan.actions}
    assert ids["create_application:app:AP1"].before == {
        "id": "9001",
        "name": f"Main IVR [{marker}]",
        "config": {"answer_url": "y"},
    }
    assert ids["configure_number:+14155550100"].before == {
        "e164": "+14155550100",
        "config": {"app": "9001"},
    }
    assert ids["buy_number:+14155550101"].before is None
    assert ids["release_number:+14155550101"].before == {
        "id": "PN2",
        "e164": "+14155550101",
        "account_id": "AC1",
        "config": {},
    }
    assert ids["delete_application:AP1"].before == {
        "id": "AP1",
        "name": "Main IVR",
        "config": {"voice_url": "x"},
    }
    assert plan.target_fingerprint == target.fingerprint()


def test_source_applications_are_deleted_only_when_every_number_left() -> None:
    gone = run(twilio_source(), "plivo").plan
    assert [a.id for a in gone.actions if a.kind is K.DELETE_APPLICATION] == [
        "delete_application:AP1"
    ]
    kept = run(twilio_source(), "plivo", Decisions(overrides={"+14155550101": Strategy.KEEP})).plan
    assert not [a for a in kept.actions if a.kind is K.DELETE_APPLICATION]
    assert not [a for a in kept.actions if a.id == "create_application:app:AP1"]


def test_e911_numbers_get_a_manual_step() -> None:
    plan = run(twilio_source(), "vonage").plan
    (e911,) = [a for a in plan.actions if a.id.startswith("manual:e911:")]
    assert e911.stage is Stage.CONFIGURE and e911.params["e164"] == "+14155550104"


def test_plan_document_matches_the_model_and_round_trips() -> None:
    plan = run(twilio_source(), "vonage").plan
    fast = plan_document(plan)
    assert json.dumps(fast, sort_keys=True) == json.dumps(plan.to_dict(), sort_keys=True)
    assert json.loads(plan_json(plan)) == fast
    again = Plan.from_dict(json.loads(json.dumps(fast)))
    assert again == plan
    assert isinstance(again.actions[0], Action)


def test_release_strategy_needs_no_target_actions() -> None:
    result = run(twilio_source(), "plivo", Decisions(Strategy.RELEASE))
    number_kinds = {K.BUY_NUMBER, K.SUBMIT_PORT, K.CONFIGURE_NUMBER, K.VERIFY_NUMBER}
    assert not [a for a in result.plan.actions if a.kind in number_kinds]
    created = [a.item_id for a in result.plan.actions if a.kind is K.CREATE_APPLICATION]
    assert created == ["app:AP2"]  # an application no number used may serve outbound calls
    released = [a for a in result.plan.actions if a.kind is K.RELEASE_NUMBER]
    assert len(released) == len(result.source.numbers)
    assert all(a.depends_on == () for a in released)


def test_side_without_api_cannot_be_a_target() -> None:
    table = load_table()
    source = plivo_source()
    src = Side.of("plivo", "MA1", table)
    with pytest.raises(Exception, match="cannot be a migration target"):
        build_mapping(source, Side.of("file", "x", table))
    assert src.has_api


# --- replacement searches: only what the target sells, the rest named -------------------------
def _mms_numbers() -> Inventory:
    """MMS numbers of the kinds whose MMS support differs between vendors."""
    mms = frozenset({Capability.VOICE, Capability.SMS, Capability.MMS})
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        numbers=(
            number("MM1", "+18885550177", kind=NumberType.TOLLFREE, caps=mms),
            number("MM2", "+16135550177", country="CA", caps=mms),
            number("MM3", "+18665550177", country="CA", kind=NumberType.TOLLFREE, caps=mms),
        ),
    )


def test_replacement_search_asks_only_for_capabilities_the_target_sells() -> None:
    """Vonage sends MMS from US numbers only: the Canadian replacement's search leaves MMS
    out, and the action says so in its params and its summary."""
    result = run(_mms_numbers(), "vonage", Decisions(Strategy.REPLACE))
    buys = {a.params["replaces"]: a for a in result.plan.actions if a.kind is K.BUY_NUMBER}
    us, ca = buys["+18885550177"], buys["+16135550177"]
    assert us.params["search"] == {
        "country": "US",
        "number_type": "tollfree",
        "area_code": "888",
        "capabilities": ["mms", "sms", "voice"],
    }
    assert "not_offered" not in us.params and "without" not in us.summary
    assert ca.params["search"]["capabilities"] == ["sms", "voice"]
    assert ca.params["search"]["area_code"] == "613"
    assert ca.params["not_offered"] == ["mms"]
    assert "without mms: Vonage does not sell it on CA local numbers" in ca.summary


def test_the_assessment_names_the_capability_the_replacement_lacks() -> None:
    result = run(_mms_numbers(), "twilio", Decisions(Strategy.REPLACE))
    finding = next(
        f
        for f in result.assessment.item("number", "+18665550177").findings
        if f.rule == "replace-extra-capability-missing"
    )
    assert finding.verdict.value == "attention"
    assert "without mms" in finding.reason and "CA tollfree" in finding.reason
    assert "mms" in finding.fix
    assert result.assessment.item("number", "+16135550177").verdict.value == "attention"
    fired = result.findings("number", "+16135550177")
    assert "replace-extra-capability-missing" not in fired  # Twilio sells CA MMS long codes


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_plan_and_assessment_agree_on_what_a_replacement_lacks(source: str, target: str) -> None:
    """Every capability a buy action leaves out is named by the number's assessment, and the
    search asks for nothing the table says the target does not sell."""
    table = load_table()
    inventory = SOURCE_BUILDERS[source]()
    inventory = replace(inventory, numbers=inventory.numbers + _mms_numbers().numbers)
    result = run(inventory, target, Decisions(Strategy.REPLACE))
    by_e164 = {n.e164: n for n in inventory.numbers}
    buys = [a for a in result.plan.actions if a.kind is K.BUY_NUMBER]
    assert buys
    for action in buys:
        source_number = by_e164[action.params["replaces"]]
        search = action.params["search"]
        offer = table.offer(target, search["country"], search["number_type"])
        assert offer is not None
        asked = {Capability(c) for c in search["capabilities"]}
        assert asked <= offer.capabilities
        lacking = sorted(c.value for c in source_number.capabilities - offer.capabilities)
        assert action.params.get("not_offered", []) == lacking
        assert sorted(c.value for c in asked) == sorted(
            c.value for c in source_number.capabilities & offer.capabilities
        )
        fired = result.findings("number", source_number.e164)
        named = fired.get("replace-extra-capability-missing", "") + fired.get(
            "replace-core-capability-missing", ""
        )
        for capability in lacking:
            assert capability in named, (action.id, fired)


def test_a_stored_search_asking_for_too_much_is_trimmed() -> None:
    """A mapping whose replacement search asks for MMS the target does not sell (an older
    mapping, or one edited by hand) still plans a search the target can answer."""
    source = _mms_numbers()
    src, tgt = sides(source, "vonage")
    mapping = build_mapping(source, tgt, Decisions(Strategy.REPLACE))
    widened = tuple(
        replace(m, replacement={**m.replacement, "capabilities": ["mms", "sms", "voice"]})
        if m.replacement
        else m
        for m in mapping.numbers
    )
    plan = build_plan(source, None, replace(mapping, numbers=widened), src, tgt)
    buy = next(a for a in plan.actions if a.id == "buy_number:+16135550177")
    assert buy.params["search"]["capabilities"] == ["sms", "voice"]
    assert buy.params["not_offered"] == ["mms"]


def test_create_application_carries_the_admins_public_key_to_a_target_with_key_pairs() -> None:
    from tests.public_keys import public_pem

    pem = public_pem()
    keyed = run(twilio_source(), "vonage", Decisions(application_public_key=pem)).plan
    plain = run(twilio_source(), "vonage").plan
    creates = [a for a in keyed.actions if a.kind is K.CREATE_APPLICATION]
    assert creates and all(a.params["spec"]["public_key"] == pem for a in creates)
    verifies = [a for a in keyed.actions if a.kind is K.VERIFY_APPLICATION]
    assert verifies and all(a.params["expect"]["public_key"] == pem for a in verifies)
    assert all(
        "public_key" not in a.params["spec"]
        for a in plain.actions
        if a.kind is K.CREATE_APPLICATION
    )
    # the key changes what is sent, not which actions there are or their idempotency keys
    assert [a.idempotency_key for a in keyed.actions] == [a.idempotency_key for a in plain.actions]
    exported = json.loads(plan_json(keyed))["actions"]  # a public key may be exported
    assert pem in [a["params"].get("spec", {}).get("public_key") for a in exported]
