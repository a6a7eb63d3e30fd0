"""The ports board: rows from the migration file, history, statuses set by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from migrator.engine.migration_file import MigrationFile
from migrator.gui.session import MigrationSession
from migrator.gui.views.ports import PortsPanel, StatusDialog
from migrator.gui.workers import TaskRunner
from migrator.model.porting import PortNumber, PortRequest, PortRoute, PortStatus, StatusChange
from migrator.services.port_store import PortStore
from tests.gui import factories

pytestmark = pytest.mark.gui


@pytest.fixture
def session(tmp_path: Path, qtbot):
    path = tmp_path / "ports.migration"
    file = MigrationFile.create(
        path,
        {
            "source": {"kind": "profile", "vendor": "twilio", "account_id": "ACsource"},
            "target": {"kind": "profile", "vendor": "vonage", "account_id": "key1"},
        },
    )
    file.save_snapshot("source", factories.inventory(3))
    seen = StatusChange("2026-11-01T10:00:00+00:00", PortStatus.SUBMITTED, detail="ticket filed")
    numbers = tuple(
        PortNumber(f"+1415000000{i}", PortStatus.SUBMITTED, history=(seen,)) for i in range(2)
    )
    PortStore(file).save(
        PortRequest(
            id="PR1",
            target_vendor="vonage",
            target_account="key1",
            losing_key="twilio:ACsource",
            route=PortRoute.TICKET,
            status=PortStatus.SUBMITTED,
            numbers=numbers,
            losing_carrier="Twilio",
            created_at="2026-11-01T10:00:00+00:00",
            submitted_at="2026-11-01T10:00:00+00:00",
            history=(seen,),
        )
    )
    file.close()
    handle = MigrationSession.open_task(path, TaskRunner())
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    opened = MigrationSession.from_opened(handle.result, TaskRunner())
    yield opened
    opened.close()


def _settle(qtbot, panel: PortsPanel) -> None:
    qtbot.waitUntil(lambda: panel._task is not None and not panel._task.running, timeout=20_000)


def test_board_lists_every_number_with_days_waiting(qtbot, session) -> None:
    panel = PortsPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    _settle(qtbot, panel)
    model = panel.table.model
    assert model.rowCount() == 2
    assert model.cell(0, 1) == "submitted" and model.cell(0, 5) == "ticket"
    assert int(model.cell(0, 3)) >= 20  # waiting since 2026-11-01
    assert "2 numbers in 1 request(s)" in panel.banner.text()
    panel.table.view.setCurrentIndex(panel.table.proxy.index(0, 0))
    assert "ticket filed" in panel.history.toPlainText()
    assert panel.set_button.isEnabled() and panel.cancel_button.isEnabled()


def test_status_set_by_hand_is_saved_with_its_foc_date(qtbot, session) -> None:
    panel = PortsPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    _settle(qtbot, panel)
    panel.table.view.setCurrentIndex(panel.table.proxy.index(1, 0))

    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, StatusDialog)
        dialog.status.setCurrentIndex(dialog.status.findData("foc-confirmed"))
        assert dialog.foc.isEnabled() and not dialog.reason.isEnabled()
        dialog.foc.setDate(QDate(2026, 12, 15))
        dialog.ticket.setText("VG-4411")
        return QDialog.DialogCode.Accepted

    panel.exec_dialog = answer
    handle = panel.set_status()
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    assert handle.error is None, handle.error
    row = next(r for r in panel.table.model.rows if r.number.e164 == "+14150000001")
    assert row.number.status is PortStatus.FOC_CONFIRMED
    assert row.number.foc_date.startswith("2026-12-15")
    assert row.request.ticket_id == "VG-4411"
    assert "foc-confirmed" in panel.banner.text()
    stored = PortStore(session.file).request("PR1")
    assert stored is not None and stored.number("+14150000001").status is PortStatus.FOC_CONFIRMED


def test_an_exception_needs_a_reason_and_shows_the_fix(qtbot, session) -> None:
    panel = PortsPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    _settle(qtbot, panel)
    panel.table.view.setCurrentIndex(panel.table.proxy.index(0, 0))

    def answer(dialog: QDialog) -> int:
        dialog.status.setCurrentIndex(dialog.status.findData("exception"))
        assert not dialog.ok_button.isEnabled()  # no reason yet
        dialog.reason.setText("invalid_pin")
        assert dialog.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted

    panel.exec_dialog = answer
    handle = panel.set_status()
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    assert handle.error is None, handle.error
    row = next(r for r in panel.table.model.rows if r.number.e164 == "+14150000000")
    assert row.number.exception is not None and row.number.exception.code == "INVALID_PIN"
    assert panel.table.model.cell(panel.table.model.rows.index(row), 1) == "exception (INVALID_PIN)"


def test_loa_data_is_checked_and_the_pin_kept_in_the_keychain(
    qtbot, tmp_path: Path, memory_keyring
) -> None:
    from migrator.gui.views.ports_loa import LoaDialog

    path = tmp_path / "loa.migration"
    with MigrationFile.create(
        path,
        {
            "source": {"kind": "profile", "vendor": "twilio", "account_id": "ACsource"},
            "target": {"kind": "profile", "vendor": "vonage", "account_id": "key1"},
        },
    ) as file:
        file.save_snapshot("source", factories.inventory(3))
    file = MigrationFile.open(path)
    dialog = LoaDialog(file, TaskRunner())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.account.count() == 1, timeout=20_000)
    assert "3 numbers" in dialog.account.currentText()
    dialog.fields["customer_name"].setText("Departing Co")
    dialog.fields["pin"].setText("4321")
    handle = dialog.save()
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    assert handle.error is None, handle.error
    assert dialog.fields["pin"].text() == ""
    assert dialog.warnings.count() > 0  # address, account number... are missing
    assert "Saved" in dialog.banner.text()
    assert "4321" in memory_keyring.store.values()
    for stored in (path, Path(f"{path}-wal")):
        assert not stored.exists() or b"4321" not in stored.read_bytes()
    panel = PortsPanel()
    qtbot.addWidget(panel)
    handle = MigrationSession.open_task(path, TaskRunner())
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    session = MigrationSession.from_opened(handle.result, TaskRunner())
    panel.set_session(session)
    _settle(qtbot, panel)
    submitted = panel.submit(confirm=False, force=True)
    with qtbot.waitSignal(submitted.finished, timeout=20_000):
        pass
    assert submitted.error is None, submitted.error
    assert panel.table.model.rowCount() == 3
    assert {r.request.route for r in panel.table.model.rows} == {PortRoute.TICKET}
    assert "request(s) made" in panel.banner.text()
    session.close()
    file.close()
