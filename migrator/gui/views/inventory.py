"""The departing account's inventory: numbers, applications and webhooks, with a summary."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from migrator.gui.tables.inventory import ApplicationsModel, NumbersModel, WebhooksModel
from migrator.gui.tables.view import FilterTable
from migrator.model.inventory import Inventory


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def summary_text(inventory: Inventory, facts: dict[str, Any] | None = None) -> str:
    """Counts at once; what needs care once `facts` (services.inventory_summary, computed off
    the GUI thread because it is slow on large accounts) is known."""
    parts = [
        plural(len(inventory.numbers), "number"),
        plural(len(inventory.applications), "application"),
        plural(len(inventory.messaging_services), "messaging service"),
        plural(len(inventory.trunks), "SIP trunk"),
        plural(len(inventory.subaccounts), "subaccount"),
        plural(len(inventory.webhooks), "webhook setting"),
    ]
    text = ", ".join(parts) + "."
    if facts is None:
        return text
    hosted = sum(facts["vendor_hosted_webhooks"].values())
    if hosted:
        text += f" {hosted} URL(s) run on the departing vendor and must be rebuilt."
    if facts["webhooks_with_credentials"]:
        text += f" {facts['webhooks_with_credentials']} URL(s) carry credentials (shown as ***)."
    if facts["numbers_without_webhook"]:
        text += f" {facts['numbers_without_webhook']:,} number(s) have no webhook at all."
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

    def show_inventory(
        self, inventory: Inventory | None, facts: dict[str, Any] | None = None
    ) -> None:
        if inventory is None:
            self.summary.setText(self.tr("No inventory has been read yet."))
            self.numbers.model.set_rows([])
            self.applications.model.set_rows([])
            self.webhooks.model.set_rows([])
            return
        self.summary.setText(summary_text(inventory, facts))
        assert isinstance(self.numbers.model, NumbersModel)
        assert isinstance(self.applications.model, ApplicationsModel)
        self.numbers.model.set_inventory(inventory)
        self.applications.model.set_inventory(inventory)
        self.webhooks.model.set_rows(inventory.webhooks)

    def show_facts(self, inventory: Inventory | None, facts: dict[str, Any] | None) -> None:
        """Update only the summary line (the tables stay as they are)."""
        if inventory is not None:
            self.summary.setText(summary_text(inventory, facts))
