"""The departing account's inventory: numbers, applications and webhooks, with a summary."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from migrator.gui.i18n import counted
from migrator.gui.tables.inventory import ApplicationsModel, NumbersModel, WebhooksModel
from migrator.gui.tables.view import FilterTable
from migrator.model.inventory import Inventory


def summary_text(inventory: Inventory, facts: dict[str, Any] | None = None) -> str:
    """Counts at once; what needs care once `facts` (services.inventory_summary, computed off
    the GUI thread because it is slow on large accounts) is known."""
    translate = QCoreApplication.translate
    counts = (
        (translate("InventoryPanel", "%1 number(s)", "", n := len(inventory.numbers)), n),
        (translate("InventoryPanel", "%1 application(s)", "", n := len(inventory.applications)), n),
        (
            translate(
                "InventoryPanel",
                "%1 messaging service(s)",
                "",
                n := len(inventory.messaging_services),
            ),
            n,
        ),
        (translate("InventoryPanel", "%1 SIP trunk(s)", "", n := len(inventory.trunks)), n),
        (translate("InventoryPanel", "%1 subaccount(s)", "", n := len(inventory.subaccounts)), n),
        (
            translate("InventoryPanel", "%1 webhook setting(s)", "", n := len(inventory.webhooks)),
            n,
        ),
    )
    text = ", ".join(counted(t, n) for t, n in counts) + "."
    if facts is None:
        return text
    hosted = len(facts["vendor_hosted_logic"])  # distinct URLs: each is rebuilt once
    if hosted:
        text += " " + counted(
            translate(
                "InventoryPanel",
                "%1 URL(s) run on the departing vendor and must be rebuilt.",
                "",
                hosted,
            ),
            hosted,
            english=False,
        )
    if n := facts["webhooks_with_credentials"]:
        text += " " + counted(
            translate("InventoryPanel", "%1 URL(s) carry credentials (shown as ***).", "", n),
            n,
            english=False,
        )
    if n := facts["numbers_without_webhook"]:
        text += " " + counted(
            translate("InventoryPanel", "%1 number(s) have no webhook at all.", "", n),
            n,
            english=False,
        )
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
