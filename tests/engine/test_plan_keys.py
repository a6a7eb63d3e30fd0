"""Idempotency keys never change for the same accounts and action (the executor finds what a
crashed run did by them), and the planner's fast action constructor builds a true Action."""

from __future__ import annotations

import dataclasses

from benchmarks.bench_planner import synthetic_inventory
from migrator.engine.mapper import build_mapping
from migrator.engine.planner import build_plan
from migrator.engine.sides import Side
from migrator.model.mapping import Decisions, Strategy
from migrator.model.plan import Action, ActionKind, Plan, Stage
from migrator.model.plan import Side as PlanSide
from migrator.rules.table import load_table

APP = "app:AP00000000000000000000000000000000"
KEYS = {
    f"create_application:{APP}": "mig-27901a02c97e",
    "buy_number:+14152000001": "mig-7ff1b497b3dd",
    "configure_number:+14152000001": "mig-2548ab6dc76d",
    f"verify_application:{APP}": "mig-ef7065786ee9",
    "verify_number:+14152000001": "mig-80397ec68ac7",
    "release_number:+14152000001": "mig-f5096cddb7b8",
}
"""Keys earlier versions gave these actions (Twilio ACbench-src -> Vonage benchkey)."""


def _plan() -> Plan:
    source = synthetic_inventory(60)
    table = load_table()
    target = Side.of("vonage", "benchkey", table)
    mapping = build_mapping(source, target, Decisions(Strategy.REPLACE))
    return build_plan(source, None, mapping, Side.of("twilio", source.account_id, table), target)


def test_idempotency_keys_are_the_ones_earlier_versions_gave() -> None:
    plan = _plan()
    keys = {a.id: a.idempotency_key for a in plan.actions if a.id in KEYS}
    assert keys == KEYS
    again = {a.id: a.idempotency_key for a in _plan().actions}
    assert again == {a.id: a.idempotency_key for a in plan.actions}
    assert len(set(again.values())) == len(plan.actions)


def test_plan_actions_equal_their_dataclass_form() -> None:
    """Action.of skips the frozen dataclass's __init__: every field is still set."""
    plan = _plan()
    for action in plan.actions:
        rebuilt = Action(**{f.name: getattr(action, f.name) for f in dataclasses.fields(Action)})
        assert rebuilt == action and vars(rebuilt) == vars(action)
    fields = {
        "id": "x",
        "stage": Stage.VERIFY,
        "kind": ActionKind.VERIFY_NUMBER,
        "side": PlanSide.TARGET,
        "item": "+14155550100",
        "item_id": "PN1",
        "params": {"e164": "+14155550100"},
        "before": None,
        "idempotency_key": "mig-000000000000",
        "reversible": True,
        "depends_on": ("buy",),
        "summary": "check",
    }
    assert set(fields) == {f.name for f in dataclasses.fields(Action)}
    assert Action.of(**fields) == Action(**fields)
    assert Plan.from_dict(plan.to_dict()) == plan
