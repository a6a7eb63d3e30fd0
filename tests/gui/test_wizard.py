"""The wizard end to end against the sandbox: connect, discover, map, plan, apply, pause and
resume, the decommission gate refusing a wrong confirmation, and rollback.

A plivo source (4 numbers) moving to a twilio target, strategy 'replace': every stage has real
vendor calls through the SDKs, and the whole journey takes a few seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from PySide6.QtWidgets import QDialog, QWizard

from migrator.gui.views.run_dialogs import DecommissionDialog, RollbackDialog, StageDialog
from migrator.gui.wizard import MigrationWizard
from migrator.model.mapping import Strategy
from migrator.model.plan import Stage
from migrator.services import execution, profiles
from migrator.vendors.endpoint import Endpoint

pytestmark = pytest.mark.gui
WAIT = 60_000


def _profiles(sandbox) -> None:
    sandbox.seed({"plivo": 4})
    endpoint = Endpoint(sandbox.url, sandbox.ca_bundle)
    profiles.add_profile("old-plivo", "plivo", sandbox.credentials("plivo", "source"), endpoint)
    profiles.add_profile("new-twilio", "twilio", sandbox.credentials("twilio", "target"), endpoint)


def _latency(sandbox, seconds: float) -> None:
    for vendor in ("plivo", "twilio"):
        requests.post(
            f"{sandbox.url}/_sandbox/limits",
            json={"vendor": vendor, "latency": seconds},
            timeout=10,
        ).raise_for_status()


def _wait(qtbot, handle) -> None:
    assert handle is not None
    if handle.running:
        with qtbot.waitSignal(handle.finished, timeout=WAIT):
            pass
    qtbot.waitUntil(lambda: not handle.running, timeout=WAIT)


class Dialogs:
    """Answers the run page's dialogs the way an admin would, and records them."""

    def __init__(self, account_name: str = "") -> None:
        self.account_name = account_name
        self.seen: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> int:
        self.seen.append(dialog)
        if isinstance(dialog, StageDialog):
            dialog.tick_all()
            return QDialog.DialogCode.Accepted
        if isinstance(dialog, DecommissionDialog):
            dialog.name_edit.setText(self.account_name)
            dialog.try_accept()  # what pressing Enter does
            return dialog.result()
        if isinstance(dialog, RollbackDialog):
            return QDialog.DialogCode.Accepted
        raise AssertionError(f"unexpected dialog {dialog!r}")


def _done(file, stage: Stage) -> tuple[int, int]:
    status = execution.status(file)
    actions = [a for a in status["actions"] if a["stage"] == stage.value]
    return sum(1 for a in actions if a["status"] == "done"), len(actions)


def test_wizard_walks_the_whole_journey(qtbot, sandbox, tmp_path: Path) -> None:
    _profiles(sandbox)
    wizard = MigrationWizard(folder=tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    # 1. connect the departing account
    wizard.source_page.picker.select("old-plivo")
    assert wizard.draft.source_profile == "old-plivo" and next_button.isEnabled()
    wizard.next()
    # 2. target and where to save: the target list leaves out the source
    picker = wizard.target_page.picker
    names = [picker.combo.itemData(i) for i in range(picker.combo.count())]
    assert names == ["new-twilio"]
    assert wizard.draft.path == tmp_path / "old-plivo-to-new-twilio.migration"
    wizard.next()
    # 3. discover: nothing is written before the explicit step
    assert wizard.currentPage() is wizard.discover_page and not next_button.isEnabled()
    assert not list(tmp_path.glob("*.migration"))
    _wait(qtbot, wizard.discover_page.discover())
    assert wizard.session is not None and wizard.draft.path.is_file()
    assert wizard.discover_page.inventory.numbers.model.rowCount() == 4
    assert "Saved" in wizard.discover_page.banner.text()
    wizard.next()
    session = wizard.session

    # 4. strategy: plan with 'replace', then override one number to 'keep'
    page = wizard.strategy_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no plan yet
    _wait(qtbot, page.plan("replace"))
    numbers = page.mapping.numbers
    assert [numbers.model.row(r).strategy for r in range(4)] == [Strategy.REPLACE] * 4
    kept = numbers.model.row(0).e164
    numbers.view.selectRow(numbers.proxy.position_of(0))
    page.mapping.override_combo.setCurrentIndex(page.mapping.override_combo.findData("keep"))
    page.mapping.override_button.click()
    _wait(qtbot, page.handle)
    assert session.data.mapping.number(kept).strategy is Strategy.KEEP
    assert session.data.mapping.number(kept).decided_by == "override"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()

    # 5. assessment
    banner = wizard.assessment_page.assessment.banner.text()
    assert "score" in banner and str(session.data.assessment.summary.score) in banner
    wizard.next()
    # 6. plan review: stages and every action, none involving the kept number's release
    plan_panel = wizard.plan_page.plan
    plan = session.data.plan
    assert plan_panel.model.rowCount() == len(plan.actions)
    assert plan_panel.stages.rowCount() == len(plan.counts())
    assert not [a for a in plan.actions if a.item == kept and a.stage is Stage.DECOMMISSION]
    wizard.next()

    # 7. run, stage by stage
    run = wizard.run_page.run
    answers = Dialogs()
    run.exec_dialog = answers
    _wait(qtbot, run.run_stage(Stage.PREPARE))
    assert _done(session.file, Stage.PREPARE)[0] == _done(session.file, Stage.PREPARE)[1] > 0
    assert isinstance(answers.seen[-1], StageDialog)

    # pause while the engine re-reads both accounts, then resume
    _latency(sandbox, 0.3)
    handle = run.run_stage(Stage.ACQUIRE)
    with qtbot.waitSignal(handle.progress, timeout=WAIT):
        pass
    run.pause()
    _wait(qtbot, handle)
    _latency(sandbox, 0.0)
    done, total = _done(session.file, Stage.ACQUIRE)
    assert total == 3 and done < total
    assert "Paused" in run.banner.text() and run.resume_button.isEnabled()
    qtbot.waitUntil(lambda: not session.busy)
    _wait(qtbot, run.resume())
    assert _done(session.file, Stage.ACQUIRE) == (3, 3)
    for stage in (Stage.CONFIGURE, Stage.VERIFY):
        _wait(qtbot, run.run_stage(stage))
        done, total = _done(session.file, stage)
        assert done == total, run.report.toPlainText()
    qtbot.waitUntil(
        lambda: session.stage_summary().get("verify", {}).get("status") == "done", timeout=WAIT
    )
    assert run.journal.model.rowCount() == len(execution.journal_rows(session.file))
    assert run.rows[Stage.VERIFY].state.text() == "done"

    # the decommission gate refuses a wrong name: nothing is released
    answers.account_name = "Fabrikam"
    assert run.run_stage(Stage.DECOMMISSION) is None
    gate = answers.seen[-1]
    assert isinstance(gate, DecommissionDialog)
    assert not gate.confirm_button.isEnabled()
    assert "is not the source account" in gate.refusal.text()
    assert "nothing was released" in run.banner.text()
    assert _done(session.file, Stage.DECOMMISSION)[0] == 0

    # 8-9. ports and verify pages show the session
    wizard.next()
    assert wizard.currentPage() is wizard.ports_page
    wizard.next()
    assert wizard.currentPage() is wizard.verify_page
    assert "verify: done" in wizard.verify_page.overview.fields["run"].text()
    wizard.back()
    wizard.back()

    # roll back everything that was done
    _wait(qtbot, run.rollback())
    assert isinstance(answers.seen[-1], RollbackDialog)
    status = execution.status(session.file)
    writes = ("create_application", "buy_number", "configure_number")
    undone = [a for a in status["actions"] if a["kind"] in writes]
    assert undone and {a["status"] for a in undone} == {"rolled_back"}
    assert "Rolled back" in run.banner.text()
    assert {a["status"] for a in status["actions"] if a["stage"] == "acquire"} == {"rolled_back"}
    session.close()


def test_decommission_runs_with_the_account_name(qtbot, sandbox, tmp_path: Path) -> None:
    """The right name opens the gate: source numbers are released after verification."""
    from migrator.gui.session import MigrationSession
    from migrator.gui.views.run import RunPanel
    from migrator.gui.workers import TaskRunner
    from migrator.services import migrations, planning
    from migrator.vendors.registry import connect

    _profiles(sandbox)
    path = migrations.new_migration(
        tmp_path / "x.migration", migrations.Source(profile="old-plivo"), "new-twilio"
    )
    file = migrations.open_migration(path)
    planning.build_plan(file, "replace")
    handle = MigrationSession.open_task(path, TaskRunner())
    _wait(qtbot, handle)
    session = MigrationSession.from_opened(handle.result, TaskRunner())
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    source_name = session.data.meta["source"]["account_name"]
    answers = Dialogs(account_name=source_name)
    panel.exec_dialog = answers
    for stage in (Stage.PREPARE, Stage.ACQUIRE, Stage.CONFIGURE, Stage.VERIFY):
        _wait(qtbot, panel.run_stage(stage))
    assert panel.rows[Stage.DECOMMISSION].button.isEnabled()
    _wait(qtbot, panel.run_stage(Stage.DECOMMISSION))
    assert isinstance(answers.seen[-1], DecommissionDialog) and answers.seen[-1].result() == 1
    released = [
        a
        for a in session.data.plan.stage_actions(Stage.DECOMMISSION)
        if a.kind.value == "release_number"
    ]
    assert released and _done(session.file, Stage.DECOMMISSION)[0] > 0
    plivo = connect("plivo", sandbox.credentials("plivo", "source"), Endpoint(sandbox.url))
    assert all(plivo.get_number(a.item_id) is None for a in released)
    session.close()
    file.close()
