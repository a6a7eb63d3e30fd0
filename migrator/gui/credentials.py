"""Connection profiles: add one (secret to the keychain), test it, remove it.

All vendor calls run on a worker thread; the secret field is never written anywhere but the
keychain (through services.profiles), and is cleared when the dialog closes. When the machine has
no usable keychain the dialog says so in plain words and offers the explicit, warned opt-in to an
unencrypted file (services.keychain).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.errors import error_box, explain
from migrator.gui.i18n import translated
from migrator.gui.tables.model import Column, RowTableModel
from migrator.gui.tables.view import FilterTable
from migrator.gui.workers import TaskHandle, TaskRunner, bound
from migrator.services import keychain, profiles
from migrator.vendors.base import AccountInfo
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.registry import CREDENTIAL_KEYS, connect

VENDORS = (("twilio", "Twilio"), ("vonage", "Vonage"), ("plivo", "Plivo"))
_FIELD_LABELS = {
    "twilio": (
        QT_TRANSLATE_NOOP("Credentials", "Account SID"),
        QT_TRANSLATE_NOOP("Credentials", "Auth Token"),
    ),
    "vonage": (
        QT_TRANSLATE_NOOP("Credentials", "API key"),
        QT_TRANSLATE_NOOP("Credentials", "API secret"),
    ),
    "plivo": (
        QT_TRANSLATE_NOOP("Credentials", "Auth ID"),
        QT_TRANSLATE_NOOP("Credentials", "Auth Token"),
    ),
}
_FIELD_HINTS = {
    "twilio": QT_TRANSLATE_NOOP(
        "Credentials", "Console > Account > API keys & tokens: the Account SID starts with AC."
    ),
    "vonage": QT_TRANSLATE_NOOP(
        "Credentials", "Dashboard > API settings: the API key and API secret of the main account."
    ),
    "plivo": QT_TRANSLATE_NOOP(
        "Credentials", "Console > Overview: the Auth ID and Auth Token of the main account."
    ),
}


def check_connection(vendor: str, credentials: dict[str, str], endpoint: Endpoint) -> AccountInfo:
    """One cheap authenticated call through the vendor's SDK."""
    return connect(vendor, credentials, endpoint).check_credentials()


_KEYCHAIN_NAMES = {
    "SecretService": QT_TRANSLATE_NOOP(
        "KeychainNotice", "Secret Service: GNOME Keyring or KWallet"
    ),
    "kwallet": "KWallet",
    "macOS": QT_TRANSLATE_NOOP("KeychainNotice", "macOS Keychain"),
    "Windows": QT_TRANSLATE_NOOP("KeychainNotice", "Windows Credential Manager"),
    "Ephemeral": QT_TRANSLATE_NOOP("KeychainNotice", "memory of this process only"),
}


def keychain_name(backend: str) -> str:
    """A person's name for a keyring backend class path."""
    for marker, name in _KEYCHAIN_NAMES.items():
        if marker in backend:
            return translated("KeychainNotice", name)
    return backend.rsplit(".", 1)[-1]


class KeychainNotice(QWidget):
    """Explains where secrets go, and what to do when there is no keychain."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("keychain-status")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.opt_in = QPushButton(self.tr("Use an unencrypted file instead…"), self)
        self.opt_in.setToolTip(
            self.tr("Keep secrets in a file only your user can read, without encryption")
        )
        self.opt_in.clicked.connect(self._opt_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.opt_in, 0, Qt.AlignmentFlag.AlignLeft)
        self.refresh()

    @property
    def usable(self) -> bool:
        return keychain.status().usable

    def refresh(self) -> None:
        current = keychain.status()
        if current.insecure:
            self.label.setText(
                self.tr(
                    "Secrets are kept in an unencrypted file readable only by your user, as you "
                    "chose: %1"
                ).replace("%1", current.backend)
            )
        elif current.usable:
            self.label.setText(
                self.tr(
                    "Secrets are stored in this computer's keychain (%1), never in files."
                ).replace("%1", keychain_name(current.backend))
            )
        else:
            self.label.setText(
                self.tr(
                    "<b>No keychain is available on this computer</b>, so migrator cannot store "
                    "the secret safely. Sign in to a desktop session that runs GNOME Keyring, "
                    "KWallet, macOS Keychain or Windows Credential Manager and start migrator "
                    "again. On a server without a desktop, start migrator under dbus-run-session "
                    "with gnome-keyring unlocked. As a last resort you can keep secrets in an "
                    "unencrypted file."
                )
            )
        self.opt_in.setVisible(not current.usable)

    def _opt_in(self) -> None:
        answer = QMessageBox.warning(
            self,
            self.tr("Keep secrets unencrypted?"),
            self.tr(
                "Secrets will be written to a file in migrator's data folder, readable by your "
                "user only but NOT encrypted: anyone who can read your files can use your vendor "
                "accounts. Continue?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            keychain.opt_in_insecure_file()
            self.refresh()
            self.changed.emit()


class CredentialsDialog(QDialog):
    """Add a connection profile: check it against the vendor, then store it."""

    def __init__(
        self,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        vendor: str = "twilio",
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add vendor credentials"))
        self.setObjectName("credentials-dialog")
        self.runner = runner or TaskRunner()
        self.profile: profiles.Profile | None = None
        self._task: TaskHandle | None = None

        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("profile-name")
        self.name_edit.setPlaceholderText(self.tr("e.g. twilio-production"))
        self.name_edit.setToolTip(
            self.tr("A short name for this account; migrations refer to it by this name")
        )
        self.vendor_combo = QComboBox(self)
        self.vendor_combo.setObjectName("profile-vendor")
        for key, label in VENDORS:
            self.vendor_combo.addItem(label, key)
        self.key_label = QLabel(self)
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("profile-key")
        self.key_label.setBuddy(self.key_edit)
        self.secret_label = QLabel(self)
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("profile-secret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label.setBuddy(self.secret_edit)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("profile-hint")

        self.endpoint_edit = QLineEdit(self)
        self.endpoint_edit.setObjectName("profile-endpoint")
        self.endpoint_edit.setPlaceholderText(self.tr("the vendor's own API"))
        self.endpoint_edit.setToolTip(
            self.tr(
                "Only for rehearsals: the address of a migrator sandbox, e.g. http://127.0.0.1:8080"
            )
        )
        self.ca_edit = QLineEdit(self)
        self.ca_edit.setObjectName("profile-ca")
        self.ca_edit.setPlaceholderText(self.tr("system certificates"))
        ca_browse = QPushButton(self.tr("Browse…"), self)
        ca_browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(ca_browse)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Vendor:"), self.vendor_combo)
        form.addRow(self.key_label, self.key_edit)
        form.addRow(self.secret_label, self.secret_edit)
        form.addRow("", self.hint)
        advanced = QGroupBox(self.tr("Sandbox or private endpoint (optional)"), self)
        advanced.setCheckable(True)
        advanced.setChecked(False)
        advanced.setObjectName("profile-advanced")
        advanced_form = QFormLayout(advanced)
        advanced_form.addRow(self.tr("&Endpoint:"), self.endpoint_edit)
        ca_label = QLabel(self.tr("CA &bundle:"), advanced)
        ca_label.setBuddy(self.ca_edit)
        advanced_form.addRow(ca_label, ca_row)
        self.advanced = advanced

        self.notice = KeychainNotice(self)
        self.notice.changed.connect(self._update_buttons)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("profile-result")
        self.result_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.test_button = self.buttons.addButton(
            self.tr("&Test connection"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.test_button.setObjectName("profile-test")
        self.test_button.setToolTip(
            self.tr("Check the credentials with the vendor; stores nothing")
        )
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("profile-save")
        self.save_button.setToolTip(
            self.tr("Check the credentials, then keep the secret in the keychain")
        )
        self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(advanced)
        layout.addWidget(self.notice)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

        for edit in (self.name_edit, self.key_edit, self.secret_edit, self.endpoint_edit):
            edit.textChanged.connect(self._update_buttons)
        self.vendor_combo.currentIndexChanged.connect(self._vendor_changed)
        index = self.vendor_combo.findData(vendor)
        self.vendor_combo.setCurrentIndex(max(index, 0))
        self._vendor_changed()
        self.setMinimumWidth(520)

    # --- fields -----------------------------------------------------------------------------
    @property
    def vendor(self) -> str:
        return str(self.vendor_combo.currentData())

    def _vendor_changed(self) -> None:
        key_label, secret_label = _FIELD_LABELS[self.vendor]
        self.key_label.setText(translated("Credentials", key_label) + ":")
        self.secret_label.setText(translated("Credentials", secret_label) + ":")
        self.key_edit.setAccessibleName(translated("Credentials", key_label))
        self.secret_edit.setAccessibleName(translated("Credentials", secret_label))
        self.hint.setText(translated("Credentials", _FIELD_HINTS[self.vendor]))
        self._update_buttons()

    def credentials(self) -> dict[str, str]:
        key_name, secret_name = CREDENTIAL_KEYS[self.vendor]
        return {key_name: self.key_edit.text().strip(), secret_name: self.secret_edit.text()}

    def endpoint(self) -> Endpoint:
        url = self.endpoint_edit.text().strip() if self.advanced.isChecked() else ""
        if not url:
            return VENDOR
        ca = self.ca_edit.text().strip()
        return Endpoint(url, Path(ca) if ca else None)

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate authority bundle"), "", self.tr("PEM files (*.pem *.crt)")
        )
        if path:
            self.ca_edit.setText(path)

    def _update_buttons(self) -> None:
        filled = bool(self.key_edit.text().strip() and self.secret_edit.text())
        busy = self._task is not None and self._task.running
        self.test_button.setEnabled(filled and not busy)
        self.save_button.setEnabled(
            filled and bool(self.name_edit.text().strip()) and self.notice.usable and not busy
        )

    # --- actions ----------------------------------------------------------------------------
    def _start(self, name: str, fn: Any, on_success: Any, busy_text: str) -> TaskHandle | None:
        try:
            endpoint = self.endpoint()
        except Exception as exc:
            self._show_failure(exc)
            return None
        self.result_label.setText(busy_text)
        handle = self.runner.start(name, lambda progress, cancel: fn(endpoint))
        handle.succeeded.connect(bound(self, on_success))
        handle.failed.connect(bound(self, self._show_failure))
        handle.finished.connect(bound(self, self._update_buttons))
        self._task = handle
        self._update_buttons()
        return handle

    def test_connection(self) -> TaskHandle | None:
        vendor, credentials = self.vendor, self.credentials()
        return self._start(
            "test-credentials",
            lambda endpoint: check_connection(vendor, credentials, endpoint),
            self._show_account,
            self.tr("Asking %1…").replace("%1", self.vendor_combo.currentText()),
        )

    def save(self) -> TaskHandle | None:
        vendor, credentials = self.vendor, self.credentials()
        name = self.name_edit.text().strip()
        return self._start(
            "save-profile",
            lambda endpoint: profiles.add_profile(name, vendor, credentials, endpoint),
            self._saved,
            self.tr("Checking and saving…"),
        )

    def _show_account(self, info: AccountInfo) -> None:
        self.result_label.setText(
            self.tr("Connected to %1 (%2), status %3.")
            .replace("%1", info.name or info.account_id)
            .replace("%2", info.account_id)
            .replace("%3", info.status)
        )

    def _show_failure(self, exc: BaseException) -> None:
        explained = explain(exc)
        self.result_label.setText(explained.summary)
        self.result_label.setToolTip(explained.details)
        self.last_error = exc

    def _saved(self, profile: profiles.Profile) -> None:
        self.profile = profile
        self.secret_edit.clear()
        self.accept()

    def done(self, result: int) -> None:
        self.secret_edit.clear()
        super().done(result)


class ProfilesModel(RowTableModel[profiles.Profile]):
    CONTEXT = "ProfilesModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ProfilesModel", "Name"), width=20),
        Column(QT_TRANSLATE_NOOP("ProfilesModel", "Vendor"), width=8),
        Column(
            QT_TRANSLATE_NOOP("ProfilesModel", "Account"),
            QT_TRANSLATE_NOOP(
                "ProfilesModel", "The public account id (the secret is in the keychain)"
            ),
            width=24,
        ),
        Column(QT_TRANSLATE_NOOP("ProfilesModel", "Account name"), width=18),
        Column(
            QT_TRANSLATE_NOOP("ProfilesModel", "Endpoint"),
            QT_TRANSLATE_NOOP("ProfilesModel", "Where requests go: the vendor, or a sandbox"),
            width=24,
        ),
    )

    def cells(self, row: profiles.Profile) -> tuple[str, ...]:
        return (
            row.name,
            row.vendor,
            row.account_id,
            row.account_name,
            row.endpoint
            or translated("ProfilesModel", QT_TRANSLATE_NOOP("ProfilesModel", "vendor")),
        )


class ProfilesDialog(QDialog):
    """The admin's vendor accounts: add, test, remove."""

    def __init__(self, parent: QWidget | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vendor accounts"))
        self.setObjectName("profiles-dialog")
        self.runner = runner or TaskRunner()
        self.model = ProfilesModel()
        self.table = FilterTable(self.model, name="profiles")
        self.notice = KeychainNotice(self)
        self.status = QLabel(self)
        self.status.setObjectName("profiles-status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.add_button = buttons.addButton(
            self.tr("&Add…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.test_button = buttons.addButton(
            self.tr("&Test"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.remove_button = buttons.addButton(
            self.tr("&Remove"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.remove_button.setToolTip(self.tr("Forget this account and delete its secret"))
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add)
        self.test_button.clicked.connect(self.test_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.current_changed.connect(lambda _row: self._update_buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 380)
        self.reload()

    def reload(self) -> None:
        try:
            self.model.set_rows(profiles.list_profiles())
        except Exception as exc:
            self.status.setText(explain(exc).summary)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.table.current_object() is not None
        self.test_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def add(self) -> None:
        dialog = CredentialsDialog(self, self.runner)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def test_selected(self) -> TaskHandle | None:
        profile = self.table.current_object()
        if profile is None:
            return None
        self.status.setText(self.tr("Asking %1…").replace("%1", profile.vendor))
        handle = self.runner.start(
            "test-profile",
            lambda progress, cancel: profiles.adapter_for_profile(profile).check_credentials(),
        )
        handle.succeeded.connect(
            bound(
                self,
                lambda info: self.status.setText(
                    self.tr("%1 works: connected to %2.")
                    .replace("%1", profile.name)
                    .replace("%2", info.name or info.account_id)
                ),
            )
        )
        handle.failed.connect(bound(self, lambda exc: self.status.setText(explain(exc).summary)))
        return handle

    def remove_selected(self) -> None:
        profile = self.table.current_object()
        if profile is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove account"),
            self.tr("Forget '%1' and delete its secret from the keychain?").replace(
                "%1", profile.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            profiles.remove_profile(profile.name)
        except Exception as exc:
            error_box(self, self.tr("Remove account"), exc).exec()
        self.reload()
