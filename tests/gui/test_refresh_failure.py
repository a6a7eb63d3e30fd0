"""Refreshing the inventory from the workspace when the vendor refuses: the banner gives the
vendor's reason and says that nothing changed, and the migration file keeps what it had."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.engine.migration_file import MigrationFile
from migrator.gui.workspace import Workspace
from migrator.services import profiles
from migrator.services.migrations import Source, new_migration
from migrator.vendors.endpoint import Endpoint
from tests.gui import factories

pytestmark = pytest.mark.gui
WAIT = 60_000


def test_a_refused_refresh_says_nothing_changed(qtbot, sandbox, tmp_path: Path) -> None:
    sandbox.seed({"plivo": 4})
    endpoint = Endpoint(sandbox.url, sandbox.ca_bundle)
    profiles.add_profile("old", "plivo", sandbox.credentials("plivo", "source"), endpoint)
    profiles.add_profile("new", "twilio", sandbox.credentials("twilio", "target"), endpoint)
    path = new_migration(tmp_path / "move.migration", Source(profile="old"), "new")
    with MigrationFile.open(path) as file:
        before = file.latest_snapshot("source")
    assert before is not None
    session = factories.open_session(qtbot, path)
    workspace = Workspace(session)
    qtbot.addWidget(workspace)
    factories.settle(qtbot, session)
    with sandbox.state.lock:  # the departing account's token rotated since
        account = next(a for a in sandbox.state.accounts.of_vendor("plivo") if a.role == "source")
        account.secret = "rotated-by-the-admin"

    handle = workspace.refresh_inventory()
    assert handle is not None
    with qtbot.waitSignal(handle.failed, timeout=WAIT):
        pass
    qtbot.waitUntil(lambda: not workspace.banner.isHidden(), timeout=WAIT)
    text = workspace.banner.text()
    assert "Plivo" in text
    assert text.endswith("Nothing was changed: the migration file keeps the inventories it had.")
    session.close()
    with MigrationFile.open(path) as file:
        after = file.latest_snapshot("source")
    assert after is not None and after.fingerprint() == before.fingerprint()
