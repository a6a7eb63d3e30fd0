"""A combo box of connection profiles with an Add… button (opens the credentials dialog)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QPushButton, QWidget

from migrator.gui.credentials import CredentialsDialog
from migrator.gui.workers import TaskRunner
from migrator.services import profiles


class ProfilePicker(QWidget):
    changed = Signal()

    def __init__(self, name: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.exclude: str | None = None
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"{name}-profile")
        self.combo.setMinimumContentsLength(30)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.add_button = QPushButton(self.tr("Add &credentials…"), self)
        self.add_button.setObjectName(f"{name}-add")
        self.add_button.setToolTip(
            self.tr("Enter a vendor account's credentials; the secret goes to the keychain")
        )
        self.add_button.clicked.connect(self.add)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.add_button)
        self.setFocusProxy(self.combo)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = select or self.selected()
        self.combo.blockSignals(True)
        self.combo.clear()
        try:
            found = profiles.list_profiles()
        except Exception:
            found = []
        for profile in found:
            if profile.name == self.exclude:
                continue
            account = profile.account_name or profile.account_id
            label = f"{profile.name} — {profile.vendor.capitalize()} {account}"
            self.combo.addItem(label, profile.name)
        if not found:
            self.combo.addItem(self.tr("No accounts yet: add credentials"), None)
        index = self.combo.findData(current) if current else -1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self.changed.emit()

    def selected(self) -> str | None:
        value = self.combo.currentData()
        return str(value) if value else None

    def select(self, name: str) -> None:
        index = self.combo.findData(name)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def add(self) -> None:
        dialog = CredentialsDialog(self, self.runner)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.profile is not None:
            self.reload(select=dialog.profile.name)
