"""'Replace without SMS' on the mapping view's numbers table: offered (button and context menu)
only for selected numbers whose replace is blocked because the target sells their replacement
without a capability they have; it records the acceptance through DecisionChanges and plans
again on a worker thread, so the replacement is bought without it; 'Require every capability'
withdraws it. Everything runs over a real migration file (a file-imported source with US
numbers and British landlines that text, onto Vonage, which sells GB landlines voice only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from migrator.gui.session import MigrationSession
from migrator.model.assessment import Verdict
from migrator.model.enums import Capability
from migrator.model.inventory import Inventory
from migrator.model.plan import ActionKind, Plan
from migrator.services.planning import load_assessment, load_mapping, load_plan
from tests.gui import factories

pytestmark = pytest.mark.gui
COUNT = 12
LONDON = ("+442071838760", "+442071838761")
SMS = frozenset({Capability.SMS})


def source() -> Inventory:
    """factories.inventory plus two GB landlines with voice and SMS."""
    base = factories.inventory(COUNT, apps=3)
    london = tuple(
        replace(base.numbers[1], id=f"PNGB{i}", e164=e164, country="GB", friendly_name="London")
        for i, e164 in enumerate(LONDON)
    )
    return replace(base, numbers=base.numbers + london)


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[MigrationSession]:
    path = factories.migration_file(tmp_path, source())
    opened = factories.open_session(qtbot, path)
    yield opened
    opened.close()


def _stored(session: MigrationSession):  # type: ignore[no-untyped-def]
    mapping, plan = load_mapping(session.file), load_plan(session.file)
    assessment = load_assessment(session.file)
    assert mapping is not None and plan is not None and assessment is not None
    return mapping, plan, assessment


def _bought(plan: Plan) -> dict[str, dict[str, object]]:
    return {
        str(a.params["replaces"]): a.params for a in plan.actions if a.kind is ActionKind.BUY_NUMBER
    }


def test_offered_only_for_blocked_replacements_and_named_after_what_is_missing(
    qtbot, session
) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    panel = workspace.mapping
    button, action = panel.accept_button, panel.accept_action
    assert action in panel.numbers.view.actions()
    assert panel.unaccept_action in panel.numbers.view.actions()
    us = session.data.mapping.numbers[0].e164

    factories.select_numbers(panel, [us])  # its replacement keeps voice and SMS: nothing to accept
    assert not button.isEnabled() and not action.isEnabled()
    assert button.text() == "Replace &without missing capabilities"
    assert not panel.unaccept_button.isEnabled()
    factories.select_numbers(panel, [us, LONDON[0]])
    assert button.isEnabled() and action.isEnabled()
    assert button.text() == "Replace &without SMS" and action.text() == "Replace without SMS"
    panel.set_busy(True)
    assert not button.isEnabled() and not action.isEnabled()
    panel.set_busy(False)
    assert button.isEnabled()


def test_accepting_buys_the_replacement_without_sms_and_withdrawing_blocks_it_again(
    qtbot, session
) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    panel = workspace.mapping
    _, plan, assessment = _stored(session)
    assert {s["e164"] for s in plan.options["skipped"]} == set(LONDON)
    assert assessment.item("number", LONDON[0]).verdict is Verdict.BLOCKER

    factories.select_numbers(panel, [LONDON[0]])
    panel.accept_action.trigger()  # the context menu's action
    factories.settle(qtbot, session)

    mapping, plan, assessment = _stored(session)
    assert mapping.decisions.accepted_missing == {LONDON[0]: SMS}
    assert session.data.mapping.decisions == mapping.decisions
    bought = _bought(plan)
    assert bought[LONDON[0]]["accepted_missing"] == ["sms"]
    assert bought[LONDON[0]]["search"]["capabilities"] == ["voice"]  # type: ignore[index]
    assert LONDON[1] not in bought  # not selected: still blocked
    assert {s["e164"] for s in plan.options["skipped"]} == {LONDON[1]}
    item = assessment.item("number", LONDON[0])
    assert item.verdict is Verdict.ATTENTION
    assert "replace-core-capability-accepted" in {f.rule for f in item.findings}
    assert "as you accepted: 1." in panel.summary.text()
    row = panel.numbers_model.rows.index(session.data.mapping.number(LONDON[0]))
    assert "you accepted" in panel.numbers_model.why(panel.numbers_model.rows[row])

    factories.select_numbers(panel, [LONDON[0], LONDON[1]])
    assert panel.accept_button.text() == "Replace &without SMS"  # LONDON[1] still blocked
    assert panel.unaccept_button.isEnabled() and panel.unaccept_action.isEnabled()
    panel.unaccept_button.click()
    factories.settle(qtbot, session)

    mapping, plan, _ = _stored(session)
    assert mapping.decisions.accepted_missing == {}
    assert {s["e164"] for s in plan.options["skipped"]} == set(LONDON)
    assert LONDON[0] not in _bought(plan)


def test_accept_missing_speaks_german(qtbot, german, session) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    panel = workspace.mapping
    assert panel.unaccept_button.text() == "&Jede Fähigkeit verlangen"
    assert panel.accept_action.text() == "Ohne fehlende Fähigkeiten ersetzen"
    factories.select_numbers(panel, [LONDON[0]])
    assert panel.accept_button.text() == "&Ohne SMS ersetzen"
    assert panel.accept_button.toolTip().startswith("Das Ziel verkauft den Ersatz")
