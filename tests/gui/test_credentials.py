"""The credentials dialog: test against the sandbox, store the secret in the keychain only."""

from __future__ import annotations

import json

import keyring
import pytest
from PySide6.QtWidgets import QDialog

from migrator import paths
from migrator.gui.credentials import CredentialsDialog, ProfilesDialog
from migrator.services import profiles
from migrator.vendors.errors import AuthenticationFailed

pytestmark = pytest.mark.gui


def _fill(dialog: CredentialsDialog, qtbot, sandbox, vendor: str, name: str, secret=None) -> None:
    creds = sandbox.credentials(vendor, "source")
    key, value = list(creds.values())
    dialog.vendor_combo.setCurrentIndex(dialog.vendor_combo.findData(vendor))
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClicks(dialog.key_edit, key)
    qtbot.keyClicks(dialog.secret_edit, secret if secret is not None else value)
    dialog.advanced.setChecked(True)
    dialog.endpoint_edit.setText(sandbox.url)
    dialog.ca_edit.setText(str(sandbox.ca_bundle))


def test_test_connection_reaches_the_vendor_and_stores_nothing(qtbot, sandbox) -> None:
    sandbox.seed({"twilio": 2})
    dialog = CredentialsDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, qtbot, sandbox, "twilio", "src")
    assert dialog.key_label.text() == "Account SID:"
    handle = dialog.test_connection()
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    assert handle.error is None, handle.error
    assert dialog.result_label.text().startswith("Connected to")
    assert profiles.list_profiles() == []


def test_wrong_secret_is_explained_and_not_saved(qtbot, sandbox, memory_keyring) -> None:
    sandbox.seed({"vonage": 2})
    dialog = CredentialsDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, qtbot, sandbox, "vonage", "bad", secret="wrong-secret")
    assert dialog.secret_label.text() == "API secret:"
    handle = dialog.save()
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    assert isinstance(handle.error, AuthenticationFailed)
    assert "Vonage refused these credentials" in dialog.result_label.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert memory_keyring.store == {} and profiles.list_profiles() == []


def test_save_keeps_the_secret_in_the_keychain_only(qtbot, sandbox, memory_keyring) -> None:
    sandbox.seed({"plivo": 2})
    secret = sandbox.credentials("plivo", "source")["auth_token"]
    dialog = CredentialsDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, qtbot, sandbox, "plivo", "plivo-src")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.save()
    assert dialog.profile is not None and dialog.profile.name == "plivo-src"
    assert dialog.secret_edit.text() == ""  # cleared on close
    assert keyring.get_password("migrator", "profile:plivo-src") == secret
    stored = json.loads((paths.config_dir() / "profiles.json").read_text())
    assert "plivo-src" in stored["profiles"] and secret not in json.dumps(stored)
    for ini in paths.config_dir().glob("*.ini"):
        assert secret not in ini.read_text()


def test_without_a_keychain_the_dialog_explains_and_will_not_save(qtbot, monkeypatch) -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    dialog = CredentialsDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "x")
    qtbot.keyClicks(dialog.key_edit, "AC1")
    qtbot.keyClicks(dialog.secret_edit, "s")
    notice = dialog.notice.label.text()
    assert "No keychain is available" in notice
    assert not dialog.notice.opt_in.isHidden()
    assert dialog.test_button.isEnabled() and not dialog.save_button.isEnabled()


def test_profiles_dialog_lists_tests_and_removes(qtbot, sandbox, monkeypatch) -> None:
    sandbox.seed({"twilio": 2})
    from migrator.vendors.endpoint import Endpoint

    profiles.add_profile(
        "twilio-src", "twilio", sandbox.credentials("twilio"), Endpoint(sandbox.url)
    )
    dialog = ProfilesDialog()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and not dialog.test_button.isEnabled()
    dialog.table.view.setCurrentIndex(dialog.table.proxy.index(0, 0))
    handle = dialog.test_selected()
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    assert "twilio-src works" in dialog.status.text()
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.remove_selected()
    assert dialog.model.rowCount() == 0 and profiles.list_profiles() == []
