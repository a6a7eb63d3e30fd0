"""Buying replacement numbers: the search asks only for what the target sells, and widens to the
whole country when nothing is for sale near the area code asked for, saying so in the journal.

Real adapters over the official SDKs against the sandbox, except the claim test, which needs a
vendor that offers the same numbers to every search (the recording adapter).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from migrator.cli.main import main
from migrator.engine.assessor import assess
from migrator.engine.executor import ApplyOptions, Executor
from migrator.engine.journal import Event, Journal, Status
from migrator.engine.mapper import build_mapping
from migrator.engine.migration_file import MigrationFile
from migrator.engine.operations import NoSuchReplacement, choose_replacement, prepare, query_from
from migrator.engine.planner import build_plan
from migrator.engine.recorder import CallLog, recorder_for
from migrator.engine.sides import Side as Account
from migrator.model.enums import Capability, NumberType, Vendor
from migrator.model.inventory import Inventory
from migrator.model.mapping import Decisions, Strategy
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage
from migrator.rules.table import load_table
from migrator.sandbox import Sandbox
from migrator.services import execution
from migrator.vendors.base import NumberQuery, VendorAdapter
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.registry import connect
from tests.engine.apply_script import FAST

MMS = frozenset({Capability.VOICE, Capability.SMS, Capability.MMS})
NOWHERE = "899"
"""Looks like a US toll-free area code but is not one: no vendor has stock there."""


@dataclass
class Accounts:
    sandbox: Sandbox
    source: VendorAdapter
    target: VendorAdapter


def _accounts(sandbox: Sandbox, source: str, target: str) -> Accounts:
    sandbox.seed({source: 4})
    endpoint = Endpoint(sandbox.url, sandbox.ca_bundle)
    return Accounts(
        sandbox,
        connect(source, sandbox.credentials(source, "source"), endpoint),
        connect(target, sandbox.credentials(target, "target"), endpoint),
    )


def _buy_on_source(adapter: VendorAdapter, query: NumberQuery, count: int) -> list[str]:
    offered = adapter.search_numbers(query)[:count]
    assert len(offered) == count, query
    return [adapter.buy_number(offer.e164).e164 for offer in offered]


def _buy_action(index: int, search: dict[str, Any]) -> Action:
    return Action(
        id=f"buy-{index}",
        stage=Stage.ACQUIRE,
        kind=ActionKind.BUY_NUMBER,
        side=Side.TARGET,
        item=f"replacement {index}",
        item_id=f"n{index}",
        params={"search": search, "label": f"replacement {index}"},
        idempotency_key=f"mig-search-{index}",
    )


def _plan(accounts: Accounts, actions: list[Action]) -> Plan:
    return Plan(
        source_vendor=accounts.source.vendor,
        source_account=accounts.source.account_id,
        target_vendor=accounts.target.vendor,
        target_account=accounts.target.account_id,
        source_fingerprint="",
        target_fingerprint="",
        actions=tuple(actions),
    )


@pytest.fixture
def file(tmp_path: Path) -> Iterator[MigrationFile]:
    with MigrationFile.create(tmp_path / "search.migration", {}) as opened:
        yield opened


def _apply(accounts: Accounts, file: MigrationFile, plan: Plan, workers: int = 1) -> Any:
    file.save_document("plan", plan.to_dict(), plan.schema_version)
    executor = Executor(
        plan,
        Journal(file),
        {Side.SOURCE: accounts.source, Side.TARGET: accounts.target},
        retry=FAST,
        workers=workers,
        seed=1,
    )
    return executor.apply(ApplyOptions(stage=Stage.ACQUIRE, check_drift=False))


# --- capabilities ---------------------------------------------------------------------------
def test_twilio_toll_free_mms_numbers_are_replaced_on_vonage(
    sandbox: Sandbox, file: MigrationFile
) -> None:
    """Vonage sends MMS from some US toll-free numbers: the replacements keep MMS. It sends none
    from Canadian numbers: that replacement is bought without it, as plan and assessment say."""
    accounts = _accounts(sandbox, "twilio", "vonage")
    tollfree = _buy_on_source(
        accounts.source, NumberQuery("US", NumberType.TOLLFREE, "888", capabilities=MMS), 3
    )
    canadian = _buy_on_source(accounts.source, NumberQuery("CA", area_code="613"), 1)
    source = accounts.source.discover()
    mms_numbers = {n.e164: n for n in source.numbers if n.e164 in {*tollfree, *canadian}}
    assert {Capability.MMS} <= mms_numbers[canadian[0]].capabilities
    table = load_table()
    src = Account.of("twilio", source.account_id, table)
    tgt = Account.of("vonage", accounts.target.account_id, table)
    decisions = Decisions(Strategy.KEEP, overrides=dict.fromkeys(mms_numbers, Strategy.REPLACE))
    mapping = build_mapping(source, tgt, decisions)
    plan = build_plan(source, accounts.target.discover(), mapping, src, tgt)
    buys = {a.params["replaces"]: a for a in plan.actions if a.kind is ActionKind.BUY_NUMBER}
    assert set(buys) == set(mms_numbers)
    assert buys[canadian[0]].params["not_offered"] == ["mms"]
    assessment = assess(source, mapping, src, tgt)
    reasons = [f.reason for f in assessment.item("number", canadian[0]).findings]
    assert any("without mms" in r and "Vonage" in r for r in reasons)

    report = _apply(accounts, file, buys_only(plan), workers=4)
    assert report.ok, report.stopped
    bought = {e164: accounts.target.get_number(e164) for e164 in _outputs(file, plan, "e164")}
    assert len(bought) == 4 and all(n is not None for n in bought.values())
    for e164 in tollfree:
        replacement = _output(file, plan, f"buy_number:{e164}", "e164")
        number = bought[replacement]
        assert number is not None and number.number_type is NumberType.TOLLFREE
        assert Capability.MMS in number.capabilities
        assert replacement.startswith("+1888")  # found near the area code asked for
    replacement = bought[_output(file, plan, f"buy_number:{canadian[0]}", "e164")]
    assert replacement is not None and replacement.e164.startswith("+1613")


def buys_only(plan: Plan) -> Plan:
    """The plan's buy actions alone (prepare and configure are not what this is about)."""
    buys = tuple(a for a in plan.actions if a.kind is ActionKind.BUY_NUMBER)
    return replace(plan, source_fingerprint="", target_fingerprint="", actions=buys)


def _records(file: MigrationFile, plan: Plan) -> dict[str, Any]:
    journal = Journal(file)
    return {r.action_id: r for r in journal.records(buys_only(plan).fingerprint())}


def _output(file: MigrationFile, plan: Plan, action_id: str, name: str) -> Any:
    return _records(file, plan)[action_id].outputs[name]


def _outputs(file: MigrationFile, plan: Plan, name: str) -> list[Any]:
    return [r.outputs[name] for r in _records(file, plan).values()]


# --- locality fallback ----------------------------------------------------------------------
@pytest.mark.parametrize("target", ["twilio", "vonage", "plivo"])
def test_no_stock_near_the_area_code_buys_elsewhere_in_the_country(
    sandbox: Sandbox, file: MigrationFile, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Twilio filters by area code, Vonage and Plivo by a number pattern: each search widens
    to the whole country, and the journal, `migrator status` and its JSON say what was bought."""
    accounts = _accounts(sandbox, "plivo" if target != "plivo" else "twilio", target)
    search = {
        "country": "US",
        "number_type": "tollfree",
        "area_code": NOWHERE,
        "capabilities": ["sms", "voice"],
    }
    plan = _plan(accounts, [_buy_action(1, search), _buy_action(2, {**search, "area_code": "888"})])
    report = _apply(accounts, file, plan, workers=2)
    assert report.ok, report.stopped
    key = plan.fingerprint()
    record = Journal(file).record(key, "buy-1")
    bought = record.outputs["e164"]
    number = accounts.target.get_number(bought)
    assert number is not None and number.number_type is NumberType.TOLLFREE
    assert {Capability.VOICE, Capability.SMS} <= number.capabilities
    assert not bought.startswith(f"+1{NOWHERE}")
    note = record.outputs["fallback"]
    assert note.startswith(f"no US tollfree numbers near {NOWHERE} with sms, voice for sale")
    assert note.endswith(f"bought {bought} instead (any area code)")
    assert record.message == note
    assert record.call is not None and record.call["search"]["area_code"] is None
    assert record.call["fallback"] == note
    exact = Journal(file).record(key, "buy-2")
    assert "fallback" not in exact.outputs and not exact.message
    assert exact.outputs["e164"].startswith("+1888")

    view = execution.status(file)
    shown = {a["id"]: a for a in view["actions"]}
    assert shown["buy-1"]["message"] == note and shown["buy-1"]["outputs"]["fallback"] == note
    file.close()
    assert main(["status", str(file.path)]) == 0
    out = capsys.readouterr().out
    assert "Bought elsewhere than planned (1):" in out and f"buy-1: {note}" in out


def test_nothing_anywhere_fails_with_both_searches_named(
    sandbox: Sandbox, file: MigrationFile
) -> None:
    """Vonage sells no British toll-free numbers with SMS anywhere: the action fails, naming
    the area-code search and the country-wide one, and buys nothing."""
    accounts = _accounts(sandbox, "plivo", "vonage")
    search = {
        "country": "GB",
        "number_type": "tollfree",
        "area_code": "800",
        "capabilities": ["sms", "voice"],
    }
    plan = _plan(accounts, [_buy_action(1, search)])
    report = _apply(accounts, file, plan)
    assert not report.ok
    record = Journal(file).record(plan.fingerprint(), "buy-1")
    assert record.status is Status.FAILED
    assert "no GB tollfree numbers near 800 with sms, voice for sale on vonage" in record.message
    assert "no GB tollfree numbers anywhere in GB with sms, voice for sale" in record.message
    assert accounts.target.discover().numbers == ()


def test_a_crash_after_a_widened_choice_buys_that_number_once(
    sandbox: Sandbox, file: MigrationFile
) -> None:
    """The intent records the number chosen by the wider search and why: the resumed run
    reconciles (not bought yet), buys exactly that number, and keeps the note."""
    accounts = _accounts(sandbox, "twilio", "plivo")
    search = {"country": "US", "number_type": "tollfree", "area_code": NOWHERE}
    plan = _plan(accounts, [_buy_action(1, search)])
    journal = Journal(file)
    key = journal.bind(plan)
    action = plan.action("buy-1")
    prepared = prepare(accounts.target, action, action.params, lambda fn: fn())
    chosen = prepared.call["e164"]
    assert prepared.call["fallback"] == prepared.note and chosen in prepared.note
    journal.intent(key, action.id, prepared.call, None)  # ... and the process dies here

    report = _apply(accounts, file, plan)
    assert report.ok, report.stopped
    assert [r.status for r in report.reconciled] == ["pending"]
    record = journal.record(key, "buy-1")
    assert record.outputs == {
        "e164": chosen,
        "number_id": record.outputs["number_id"],
        "fallback": prepared.note,
    }
    assert record.message == prepared.note
    owned = [n.e164 for n in accounts.target.discover().numbers]
    assert owned == [chosen]


def test_a_crash_after_the_widened_purchase_is_reconciled_with_its_note(
    sandbox: Sandbox, file: MigrationFile
) -> None:
    accounts = _accounts(sandbox, "twilio", "vonage")
    search = {"country": "US", "number_type": "tollfree", "area_code": NOWHERE}
    plan = _plan(accounts, [_buy_action(1, search)])
    journal = Journal(file)
    key = journal.bind(plan)
    action = plan.action("buy-1")
    prepared = prepare(accounts.target, action, action.params, lambda fn: fn())
    journal.intent(key, action.id, prepared.call, None)
    prepared.run()  # the vendor sold it; the outcome never reached the journal

    report = _apply(accounts, file, plan)
    assert report.ok and [r.status for r in report.reconciled] == ["done"]
    record = journal.record(key, "buy-1")
    assert record.outputs["fallback"] == prepared.note
    events = [e["event"] for e in journal.entries(key) if e["action_id"] == "buy-1"]
    assert events == [Event.INTENT, Event.RECONCILED]
    assert len(accounts.target.discover().numbers) == 1


def test_purchases_widened_side_by_side_never_pick_the_same_number(
    sandbox: Sandbox, file: MigrationFile
) -> None:
    accounts = _accounts(sandbox, "vonage", "twilio")
    search = {"country": "US", "number_type": "tollfree", "area_code": NOWHERE}
    plan = _plan(accounts, [_buy_action(i, search) for i in range(1, 7)])
    report = _apply(accounts, file, plan, workers=6)
    assert report.ok, report.stopped
    records = Journal(file).records(plan.fingerprint())
    bought = [r.outputs["e164"] for r in records]
    assert len(set(bought)) == 6 and all(r.outputs["fallback"] for r in records)
    assert sorted(n.e164 for n in accounts.target.discover().numbers) == sorted(bought)


# --- claims ---------------------------------------------------------------------------------
def test_numbers_claimed_near_the_area_code_send_the_search_wider() -> None:
    """When every number offered near the area code is already chosen by another purchase of
    the plan, the country-wide search runs; a purchase never takes a claimed number."""
    empty = Inventory(vendor=Vendor.PLIVO, account_id="MAtarget")
    adapter = recorder_for(empty, CallLog(), "target")
    query = query_from({"country": "US", "number_type": "tollfree", "area_code": "888"})
    claimed: set[str] = set()

    def claim(offered: list[str]) -> str | None:
        free = [e164 for e164 in offered if not e164.startswith("+1888")]
        if free:
            claimed.add(free[0])
        return free[0] if free else None

    choice = choose_replacement(adapter, query, lambda fn: fn(), claim)
    assert choice.search.area_code is None and choice.e164 in claimed
    assert choice.fallback.startswith("every one of the US tollfree numbers near 888")
    assert "being bought by this plan" in choice.fallback

    with pytest.raises(NoSuchReplacement, match=r"near 888.*anywhere in US"):
        choose_replacement(adapter, query, lambda fn: fn(), lambda offered: None)
