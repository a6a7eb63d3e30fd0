"""The letter of authorization data per losing account, checked before anything is sent.

What the losing carrier compares (name, service address, account number, billing number, PIN)
is entered here and checked by services.ports; the PIN goes to the keychain, never to the file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from migrator.engine.migration_file import MigrationFile
from migrator.gui import theme
from migrator.gui.i18n import english_plural
from migrator.gui.views.common import Banner
from migrator.gui.workers import TaskHandle, TaskRunner, bound
from migrator.model.porting import LoaData, ServiceAddress
from migrator.progress import CancelToken, Progress
from migrator.services.ports import PortService

SEVERITY_COLOUR = {"blocker": "bad", "warning": "warn", "info": "muted"}


class LoaDialog(QDialog):
    def __init__(
        self, file: MigrationFile, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loa-dialog")
        self.setWindowTitle(self.tr("Letter of authorization data"))
        self.file = file
        self.runner = runner
        self.task: TaskHandle | None = None
        self.account = QComboBox(self)
        self.account.setObjectName("loa-account")
        self.account.setToolTip(self.tr("One LOA per losing carrier account"))
        self.fields: dict[str, QLineEdit] = {}

        def field(name: str, placeholder: str = "", tip: str = "") -> QLineEdit:
            edit = QLineEdit(self)
            edit.setObjectName(f"loa-{name}")
            edit.setPlaceholderText(placeholder)
            if tip:
                edit.setToolTip(tip)
            self.fields[name] = edit
            return edit

        self.customer_type = QComboBox(self)
        self.customer_type.setObjectName("loa-customer-type")
        self.customer_type.addItem(self.tr("Business"), "Business")
        self.customer_type.addItem(self.tr("Residential"), "Residential")
        holder = QGroupBox(self.tr("Account holder, exactly as the losing carrier has it"), self)
        form = QFormLayout(holder)
        form.addRow(self.tr("&Name on the account:"), field("customer_name"))
        form.addRow(self.tr("Customer &type:"), self.customer_type)
        form.addRow(self.tr("&Account number:"), field("account_number"))
        form.addRow(
            self.tr("&Billing number:"),
            field("billing_telephone_number", "+1…", self.tr("The account's main number")),
        )
        pin = field("pin", self.tr("kept in the keychain"), self.tr("Port-out PIN or passcode"))
        pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN or passcode:"), pin)
        form.addRow(self.tr("&Losing carrier:"), field("losing_carrier"))
        address = QGroupBox(self.tr("Service address"), self)
        grid = QGridLayout(address)
        grid.addWidget(field("street", self.tr("Street and number")), 0, 0, 1, 3)
        grid.addWidget(field("street_2", self.tr("Suite, floor (optional)")), 1, 0, 1, 3)
        grid.addWidget(field("city", self.tr("City")), 2, 0)
        grid.addWidget(field("state", self.tr("State")), 2, 1)
        grid.addWidget(field("zip", self.tr("ZIP")), 2, 2)
        grid.addWidget(field("country", "US"), 3, 0)
        signer = QGroupBox(self.tr("Who signs"), self)
        signer_form = QFormLayout(signer)
        signer_form.addRow(self.tr("&Representative:"), field("authorized_representative"))
        signer_form.addRow(self.tr("&Email:"), field("authorized_representative_email"))
        signer_form.addRow(
            self.tr("&Documents:"),
            field(
                "document_ids",
                self.tr("ids of uploaded documents, comma separated"),
                self.tr("e.g. the target vendor's id of a recent utility bill (RD…)"),
            ),
        )
        self.banner = Banner(self)
        self.banner.hide()
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("loa-warnings")
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = buttons.addButton(
            self.tr("&Save and check"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("loa-save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(self.tr("Losing acc&ount:"), self.account)
        layout.addLayout(top)
        layout.addWidget(holder)
        layout.addWidget(address)
        layout.addWidget(signer)
        layout.addWidget(self.banner)
        layout.addWidget(self.warnings, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.account.currentIndexChanged.connect(self._account_changed)
        self._load()

    # --- reading ----------------------------------------------------------------------------
    def _run(self, name: str, work: Any, done: Any) -> TaskHandle:
        file = self.file

        def task(progress: Progress, cancel: CancelToken) -> Any:
            return work(PortService(file, connect=False))

        handle = self.runner.start(name, task)
        handle.succeeded.connect(bound(self, done))
        handle.failed.connect(bound(self, self.banner.show_error))
        handle.finished.connect(bound(self, lambda: self.save_button.setEnabled(True)))
        self.save_button.setEnabled(False)
        self.task = handle
        return handle

    def _load(self) -> TaskHandle:
        def work(service: PortService) -> list[tuple[str, str, int, LoaData | None]]:
            return [
                (a.key, a.label, len(a.numbers), service.loa(a.key))
                for a in service.losing_accounts()
            ]

        return self._run("loa:load", work, self._loaded)

    def _loaded(self, accounts: list[tuple[str, str, int, LoaData | None]]) -> None:
        self.account.blockSignals(True)
        self.account.clear()
        for key, label, count, loa in accounts:
            self.account.addItem(
                english_plural(self.tr("%1 (%2 number(s))", "", count), count)
                .replace("%1", label or key)
                .replace("%2", str(count)),
                (key, loa),
            )
        self.account.blockSignals(False)
        self._account_changed()
        if not accounts:
            self.banner.show_text(self.tr("No number of this migration is to be ported."))

    def _account_changed(self) -> None:
        data = self.account.currentData()
        loa: LoaData | None = data[1] if data else None
        loa = loa or LoaData()
        values = {
            "customer_name": loa.customer_name,
            "account_number": loa.account_number,
            "billing_telephone_number": loa.billing_telephone_number,
            "losing_carrier": loa.losing_carrier,
            "authorized_representative": loa.authorized_representative,
            "authorized_representative_email": loa.authorized_representative_email,
            "document_ids": ", ".join(loa.document_ids),
            "street": loa.address.street,
            "street_2": loa.address.street_2,
            "city": loa.address.city,
            "state": loa.address.state,
            "zip": loa.address.zip,
            "country": loa.address.country,
            "pin": "",
        }
        for name, value in values.items():
            self.fields[name].setText(value)
        self.fields["pin"].setPlaceholderText(
            self.tr("stored in the keychain (type to replace)")
            if loa.has_pin
            else self.tr("kept in the keychain")
        )
        self.customer_type.setCurrentIndex(
            max(0, self.customer_type.findData(loa.customer_type or "Business"))
        )

    # --- saving -----------------------------------------------------------------------------
    def loa(self) -> LoaData:
        text = {name: edit.text().strip() for name, edit in self.fields.items()}
        return LoaData(
            customer_name=text["customer_name"],
            customer_type=str(self.customer_type.currentData()),
            authorized_representative=text["authorized_representative"],
            authorized_representative_email=text["authorized_representative_email"],
            account_number=text["account_number"],
            billing_telephone_number=text["billing_telephone_number"],
            address=ServiceAddress(
                text["street"],
                text["street_2"],
                text["city"],
                text["state"],
                text["zip"],
                text["country"] or "US",
            ),
            losing_carrier=text["losing_carrier"],
            document_ids=tuple(d.strip() for d in text["document_ids"].split(",") if d.strip()),
        )

    def save(self) -> TaskHandle | None:
        data = self.account.currentData()
        if not data:
            return None
        key = data[0]
        loa, pin = self.loa(), self.fields["pin"].text() or None
        self.fields["pin"].clear()

        def work(service: PortService) -> Any:
            service.set_loa(loa, key, pin=pin)
            return service.loa(key), service.loa_warnings(key)

        def done(result: Any) -> None:
            stored, warnings = result
            self.account.setItemData(self.account.currentIndex(), (key, stored))
            self._show_warnings(warnings)

        return self._run("loa:save", work, done)

    def _show_warnings(self, warnings: list[Any]) -> None:
        self.warnings.clear()
        blockers = [w for w in warnings if w.severity.value == "blocker"]
        if not warnings:
            self.banner.show_text(self.tr("Saved. The check found no problem."), "ok")
        elif blockers:
            self.banner.show_text(
                self.tr("Saved, but %1 problem(s) would get the port rejected:").replace(
                    "%1", str(len(blockers))
                ),
                "bad",
            )
        else:
            self.banner.show_text(self.tr("Saved, with warnings:"), "warn")
        for warning in warnings:
            item = QListWidgetItem(f"{warning.message} → {warning.fix}")
            item.setForeground(theme.colour(SEVERITY_COLOUR.get(warning.severity.value, "muted")))
            item.setToolTip(f"{warning.code} ({warning.field})")
            item.setData(Qt.ItemDataRole.UserRole, warning.code)
            self.warnings.addItem(item)
        self.warnings.setVisible(bool(warnings))

    def done(self, result: int) -> None:
        self.fields["pin"].clear()
        super().done(result)
