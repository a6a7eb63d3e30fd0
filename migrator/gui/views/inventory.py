"""The departing account's inventory: numbers, applications and webhooks, with a summary."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from migrator.gui.tables.inventory import ApplicationsModel, NumbersModel, WebhooksModel
from migrator.gui.tables.view import FilterTable
from migrator.model.inventory import Inventory
from migrator.services.inventory_summary import summarize


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def summary_text(inventory: Inventory) -> str:
    facts = summarize(inventory)
    counts = facts["counts"]
    parts = [
        plural(counts["numbers"], "number"),
        plural(counts["applications"], "application"),
        plural(counts["messaging_services"], "messaging service"),
        plural(counts["sip_trunks"], "SIP trunk"),
        plural(counts["subaccounts"], "subaccount"),
        plural(counts["webhooks"], "webhook setting"),
    ]
    text = ", ".join(parts) + "."
    hosted = sum(facts["vendor_hosted_webhooks"].values())
    if hosted:
        text += f" {hosted} URL(s) run on the departing vendor and must be rebuilt."
    if facts["webhooks_with_credentials"]:
        text += f" {facts['webhooks_with_credentials']} URL(s) carry credentials (shown as ***)."
    return text


class InventoryPanel(QWidget):
    """Tabs over one inventory (the source by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("inventory-summary")
        self.summary.setWordWrap(True)
        self.numbers = FilterTable(
            NumbersModel(), name="numbers", placeholder=self.tr("Filter numbers (Ctrl+F)")
        )
        self.applications = FilterTable(ApplicationsModel(), name="applications")
        self.webhooks = FilterTable(WebhooksModel(), name="webhooks")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("inventory-tabs")
        self.tabs.addTab(self.numbers, self.tr("&Numbers"))
        self.tabs.addTab(self.applications, self.tr("&Applications"))
        self.tabs.addTab(self.webhooks, self.tr("&Webhooks"))
        self.tabs.setTabToolTip(0, self.tr("Every phone number the account owns"))
        self.tabs.setTabToolTip(2, self.tr("Every URL the vendor calls, and where it is set"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def show_inventory(self, inventory: Inventory | None) -> None:
        if inventory is None:
            self.summary.setText(self.tr("No inventory has been read yet."))
            self.numbers.model.set_rows([])
            self.applications.model.set_rows([])
            self.webhooks.model.set_rows([])
            return
        self.summary.setText(summary_text(inventory))
        assert isinstance(self.numbers.model, NumbersModel)
        assert isinstance(self.applications.model, ApplicationsModel)
        self.numbers.model.set_inventory(inventory)
        self.applications.model.set_inventory(inventory)
        self.webhooks.model.set_rows(inventory.webhooks)
