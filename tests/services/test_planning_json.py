"""The documents services.planning stores are encoded straight from the model by orjson: the
text must be exactly what json.dumps(to_dict()) wrote, for every pair of vendors."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.bench_planner import TARGET_ACCOUNTS, synthetic_inventory
from migrator.engine.assessor import assess
from migrator.engine.mapper import build_mapping
from migrator.engine.migration_file import MigrationFile
from migrator.engine.planner import build_plan
from migrator.engine.sides import Side
from migrator.model.enums import NumberType, Vendor
from migrator.model.inventory import Inventory
from migrator.model.mapping import Decisions, Strategy, StrategyRule
from migrator.rules.table import load_table
from migrator.services import planning
from migrator.services.planning import assessment_json, mapping_json, plan_json

DECISIONS = Decisions(
    Strategy.REPLACE,
    (
        StrategyRule(Strategy.PORT, country="US", number_type=NumberType.LOCAL),
        StrategyRule(Strategy.RELEASE, country="GB"),
    ),
)


def _source() -> Inventory:
    """A few hundred numbers, some with names and raw settings beyond ASCII."""
    inventory = synthetic_inventory(300)
    numbers = list(inventory.numbers)
    for i in range(0, len(numbers), 7):
        numbers[i] = replace(
            numbers[i],
            friendly_name=f"Café ☕ 😀 {i}\x7f",
            config={**numbers[i].config, "note": "Grüße", "rate": 0.25, "tiny": 1e-05},
        )
    return replace(inventory, numbers=tuple(numbers), account_name="Ünïcode")


def _compact(data: object) -> str:
    return json.dumps(data, separators=(",", ":"))


@pytest.mark.parametrize("target", ["twilio", "vonage", "plivo"])
@pytest.mark.parametrize("decisions", [None, DECISIONS], ids=["table", "rules"])
def test_documents_encode_as_their_dicts(target: str, decisions: Decisions | None) -> None:
    source = _source()
    table = load_table()
    source_side = Side.of("twilio", source.account_id, table)
    target_side = Side.of(target, TARGET_ACCOUNTS[target], table)
    mapping = build_mapping(source, target_side, decisions, "2026-01-01T00:00:00+00:00")
    assessment = assess(source, mapping, source_side, target_side, "2026-01-01T00:00:00+00:00")
    plan = build_plan(source, None, mapping, source_side, target_side)
    assert mapping_json(mapping) == _compact(mapping.to_dict())
    assert assessment_json(assessment) == _compact(assessment.to_dict())
    assert plan_json(plan) == _compact(plan.to_dict())


def test_what_orjson_refuses_is_encoded_by_the_json_module() -> None:
    source = _source()
    numbers = (replace(source.numbers[0], config={**source.numbers[0].config, "big": 2**70}),)
    source = replace(source, numbers=numbers + source.numbers[1:])
    table = load_table()
    side = Side.of("vonage", "key", table)
    mapping = build_mapping(source, side, Decisions(Strategy.RELEASE))
    plan = build_plan(source, None, mapping, Side.of("twilio", source.account_id, table), side)
    assert str(2**70) in plan_json(plan)  # released numbers keep their raw settings as before
    assert plan_json(plan) == _compact(plan.to_dict())


def test_build_plan_stores_the_documents_it_returns(tmp_path: Path) -> None:
    path = tmp_path / "a.migration"
    with MigrationFile.create(path, {"target": {"vendor": "plivo", "account_id": "MA1"}}) as file:
        file.save_snapshot("source", _source())
        file.save_snapshot("target", Inventory(vendor=Vendor.PLIVO, account_id="MA1"))
    with MigrationFile.open(path) as file:
        mapping, assessment, plan = planning.build_plan(file)
        assert planning.load_mapping(file) == mapping
        assert planning.load_assessment(file) == assessment
        assert planning.load_plan(file) == plan
        stored = {r["name"]: r["data"] for r in file.query("SELECT name, data FROM documents")}
    assert stored["plan"] == _compact(plan.to_dict())
    assert stored["mapping"] == _compact(mapping.to_dict())
    assert stored["assessment"] == _compact(assessment.to_dict())
