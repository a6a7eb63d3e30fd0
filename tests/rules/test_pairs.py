"""Every source (the three vendors and a file import) onto every target vendor: the mapping has
the target's shape, the assessment names exactly the changes that pair implies, and the plan keeps
its guarantees."""

from __future__ import annotations

import json

import pytest

from migrator.model.assessment import Verdict
from migrator.model.mapping import Strategy
from migrator.model.plan import ActionKind, Side, Stage
from migrator.rules.table import load_table
from migrator.vendors.base import WebhookHome
from migrator.vendors.capabilities import CAPABILITIES
from tests.rules.inventories import SOURCE_BUILDERS, SOURCES, VENDORS, run

PAIRS = [(s, t) for s in SOURCES for t in VENDORS]
WEBHOOK_CHANGE_RULES = {"markup-change", "payload-change", "signature-change"}


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_pair(source: str, target: str) -> None:
    result = run(SOURCE_BUILDERS[source](), target)
    table = load_table()
    src, tgt = table.vendor(source), table.vendor(target)
    fired = result.rules_fired()

    # webhook changes follow the two vendors' facts, nothing else
    assert ("markup-change" in fired) == (src.markup not in ("unknown", tgt.markup))
    assert ("markup-unknown" in fired) == (src.markup == "unknown")
    assert ("signature-change" in fired) == (src.signature != tgt.signature)
    assert ("payload-change" in fired) == (src.payload != tgt.payload)
    assert ("sms-reply-inline-lost" in fired) == (src.sms_reply_inline and not tgt.sms_reply_inline)

    # the mapping has the target's shape
    caps = CAPABILITIES[target]
    keys = {a.key for a in result.mapping.applications}
    for mapped in result.mapping.numbers:
        assert mapped.app is None or mapped.app in keys
        assert set(mapped.webhooks) <= caps.number_webhooks
        if caps.webhook_home is WebhookHome.APPLICATION:
            assert not mapped.webhooks
            assert mapped.sms_app is None
    for app in result.mapping.applications:
        assert set(app.webhooks) <= caps.app_webhooks

    # every item has a verdict, and the summary counts them all
    summary = result.assessment.summary
    assert summary.items == len(result.assessment.items)
    assert sum(summary.counts.values()) == summary.items
    assert 0 <= summary.score <= 100
    numbers = {i.id for i in result.assessment.items if i.kind == "number"}
    assert numbers == {n.e164 for n in result.source.numbers}

    # the plan: no release of a ported or kept number, decommission irreversible
    strategies = {m.e164: m.strategy for m in result.mapping.numbers}
    for action in result.plan.actions:
        if action.kind is ActionKind.RELEASE_NUMBER:
            assert strategies[action.params["e164"]] in (Strategy.REPLACE, Strategy.RELEASE)
        if action.stage is Stage.DECOMMISSION:
            assert not action.reversible and action.side is Side.SOURCE
    json.dumps([a.params for a in result.plan.actions])


@pytest.mark.parametrize("target", VENDORS)
def test_file_import_source_needs_releases_by_hand(target: str) -> None:
    result = run(SOURCE_BUILDERS["file"](), target)
    decommission = result.plan.stage_actions(Stage.DECOMMISSION)
    assert all(a.kind is ActionKind.MANUAL for a in decommission)
    skipped = {s["e164"] for s in result.plan.options["skipped"]}
    replaced = {
        m.e164
        for m in result.mapping.numbers
        if m.strategy is Strategy.REPLACE and m.e164 not in skipped
    }
    if replaced:
        (manual,) = decommission
        assert set(manual.params["numbers"]) == replaced
    else:
        assert decommission == ()


@pytest.mark.parametrize("target", VENDORS)
def test_vendor_hosted_logic_blocks_every_target(target: str) -> None:
    result = run(SOURCE_BUILDERS["twilio"](), target)
    hosted = [i for i in result.assessment.items if i.kind == "webhook" and "twil" in i.id]
    assert len(hosted) == 3
    assert all(i.verdict is Verdict.BLOCKER for i in hosted)
    assert result.plan.options["placeholders"] == 3


@pytest.mark.parametrize("target", VENDORS)
def test_per_number_urls_keep_their_shape_where_the_target_allows(target: str) -> None:
    result = run(SOURCE_BUILDERS["twilio"](), target)
    plain = result.mapping.number("+14155550100")
    if CAPABILITIES[target].webhook_home is WebhookHome.NUMBER_OR_APPLICATION:
        assert plain.app is None
        assert plain.webhooks[next(iter(plain.webhooks))].url.startswith("https://api.example")
    else:
        assert plain.app is not None and plain.app.startswith("routes:")
        grouped = result.mapping.application(plain.app)
        assert grouped.source_id is None and grouped.numbers == 1
