"""Plain inventories, plans and opened migration files for GUI tests (no vendor involved)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel

from migrator.engine.migration_file import MigrationFile
from migrator.gui.session import MigrationSession
from migrator.gui.views.mapping import MappingPanel
from migrator.gui.workers import TaskRunner
from migrator.gui.workspace import Workspace
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage

VOICE_SMS = frozenset({Capability.VOICE, Capability.SMS})


def inventory(count: int, apps: int = 50) -> Inventory:
    applications = tuple(
        Application(id=f"AP{i:032d}", name=f"App {i}", account_id="ACsource") for i in range(apps)
    )
    numbers = tuple(
        Number(
            id=f"PN{i:032d}",
            e164=f"+1415{i:07d}",
            country="US" if i % 7 else "CA",
            number_type=NumberType.TOLLFREE if i % 11 == 0 else NumberType.LOCAL,
            capabilities=VOICE_SMS,
            account_id="ACsource",
            friendly_name=f"Line {i}",
            voice_app_id=applications[i % apps].id if apps else None,
        )
        for i in range(count)
    )
    webhooks = tuple(
        Webhook(
            owner_kind=OwnerKind.APPLICATION,
            owner_id=a.id,
            purpose=WebhookPurpose.VOICE_ANSWER,
            url=f"https://user:hunter2@example.com/voice/{n}?token=s3cret",
        )
        for n, a in enumerate(applications)
    )
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="ACsource",
        account_name="Departing Co",
        numbers=numbers,
        applications=applications,
        webhooks=webhooks,
    )


def plan(count: int = 6) -> Plan:
    actions = []
    for i in range(count):
        e164 = f"+1415{i:07d}"
        actions += [
            Action(f"buy-{i}", Stage.ACQUIRE, ActionKind.BUY_NUMBER, Side.TARGET, e164, e164),
            Action(
                f"cfg-{i}", Stage.CONFIGURE, ActionKind.CONFIGURE_NUMBER, Side.TARGET, e164, e164
            ),
            Action(
                f"rel-{i}",
                Stage.DECOMMISSION,
                ActionKind.RELEASE_NUMBER,
                Side.SOURCE,
                e164,
                e164,
                reversible=False,
            ),
        ]
    return Plan("twilio", "ACsource", "vonage", "key1", "f1", "f2", tuple(actions))


OPEN_WAIT = 30_000


def migration_file(folder: Path, source: Inventory, target: str = "vonage") -> Path:
    """A migration file from an imported export (`source`) to a `target` profile."""
    path = folder / f"office-to-{target}.migration"
    meta = {
        "source": {"kind": "file", "vendor": "file", "path": str(folder / "export.csv")},
        "target": {"kind": "profile", "vendor": target, "account_id": "key1"},
    }
    with MigrationFile.create(path, meta) as file:
        file.save_snapshot("source", source)
    return path


def open_session(qtbot: Any, path: Path) -> MigrationSession:
    """The session the GUI opens for `path`, opened on a worker thread as the GUI does."""
    handle = MigrationSession.open_task(path, TaskRunner())
    with qtbot.waitSignal(handle.finished, timeout=OPEN_WAIT):
        pass
    return MigrationSession.from_opened(handle.result, TaskRunner())


def settle(qtbot: Any, session: MigrationSession) -> None:
    """Wait until the session's worker-thread task (planning, saving) is done."""
    qtbot.waitUntil(lambda: not session.busy, timeout=OPEN_WAIT)


def planned_workspace(qtbot: Any, session: MigrationSession) -> Workspace:
    """The workspace on `session`, planned with 'replace' as the default strategy."""
    workspace = Workspace(session)
    qtbot.addWidget(workspace)
    settle(qtbot, session)
    workspace.build_plan("replace")
    settle(qtbot, session)
    return workspace


def select_numbers(panel: MappingPanel, numbers: list[str]) -> None:
    """Select exactly these numbers' rows (E.164) in the mapping view's numbers table."""
    view, proxy, model = panel.numbers.view, panel.numbers.proxy, panel.numbers_model
    view.clearSelection()
    for e164 in numbers:
        row = next(i for i, n in enumerate(model.rows) if n.e164 == e164)
        position = proxy.position_of(row)
        assert position is not None
        view.selectionModel().select(
            proxy.index(position, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
