"""Table models for an inventory: numbers, applications and webhooks (URLs shown redacted)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from migrator.gui import theme
from migrator.gui.i18n import translated
from migrator.gui.tables.model import Column, RowTableModel
from migrator.gui.tables.words import capabilities_text, word
from migrator.model.enums import Capability, HostedBy, NumberType
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.model.urls import redact_url


class NumbersModel(RowTableModel[Number]):
    CONTEXT = "NumbersModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("NumbersModel", "Number"),
            QT_TRANSLATE_NOOP("NumbersModel", "The number in international (E.164) format"),
            width=16,
        ),
        Column(
            QT_TRANSLATE_NOOP("NumbersModel", "Country"),
            QT_TRANSLATE_NOOP("NumbersModel", "ISO country code"),
            width=4,
        ),
        Column(
            QT_TRANSLATE_NOOP("NumbersModel", "Type"),
            QT_TRANSLATE_NOOP("NumbersModel", "local, mobile, toll-free or national"),
            width=9,
        ),
        Column(
            QT_TRANSLATE_NOOP("NumbersModel", "Capabilities"),
            QT_TRANSLATE_NOOP("NumbersModel", "What the number can do on the source"),
            width=14,
        ),
        Column(
            QT_TRANSLATE_NOOP("NumbersModel", "Answered by"),
            QT_TRANSLATE_NOOP(
                "NumbersModel", "The application, trunk or messaging service routing it"
            ),
            width=22,
        ),
        Column(
            QT_TRANSLATE_NOOP("NumbersModel", "Name"),
            QT_TRANSLATE_NOOP("NumbersModel", "The friendly name on the source account"),
            width=18,
        ),
        Column(
            QT_TRANSLATE_NOOP("NumbersModel", "Account"),
            QT_TRANSLATE_NOOP("NumbersModel", "The (sub)account that owns the number"),
            width=14,
        ),
    )

    def __init__(self, inventory: Inventory | None = None, parent: Any = None) -> None:
        self._app_names: dict[str, str] = {}
        self._service_names: dict[str, str] = {}
        self._trunk_names: dict[str, str] = {}
        self._routes: dict[tuple[str | None, ...], str] = {}
        self._kinds: dict[tuple[NumberType, frozenset[Capability]], tuple[str, str]] = {}
        """(type, capabilities) -> their words, for this load (the language may change)."""
        super().__init__(parent=parent)
        if inventory is not None:
            self.set_inventory(inventory)

    def set_inventory(self, inventory: Inventory) -> None:
        self._routes = {}
        self._kinds = {}
        self._app_names = {a.id: a.name for a in inventory.applications}
        self._service_names = {s.id: s.name for s in inventory.messaging_services}
        self._trunk_names = {t.id: t.name for t in inventory.trunks}
        self.set_rows(inventory.numbers)

    def _routing(self, number: Number) -> str:
        key = (number.trunk_id, number.voice_app_id, number.sms_app_id, number.messaging_service_id)
        text = self._routes.get(key)
        if text is None:
            text = self._routes[key] = self._routing_text(number)
        return text

    def _routing_text(self, number: Number) -> str:
        parts = []
        if number.trunk_id:
            parts.append(
                translated("Tables", QT_TRANSLATE_NOOP("Tables", "trunk %1")).replace(
                    "%1", self._trunk_names.get(number.trunk_id, number.trunk_id)
                )
            )
        if number.voice_app_id:
            parts.append(self._app_names.get(number.voice_app_id, number.voice_app_id))
        if number.sms_app_id and number.sms_app_id != number.voice_app_id:
            parts.append(self._app_names.get(number.sms_app_id, number.sms_app_id))
        if number.messaging_service_id:
            service = number.messaging_service_id
            parts.append(
                translated("Tables", QT_TRANSLATE_NOOP("Tables", "service %1")).replace(
                    "%1", self._service_names.get(service, service)
                )
            )
        return "; ".join(parts) or translated("Tables", QT_TRANSLATE_NOOP("Tables", "own URLs"))

    def _kind(self, number: Number) -> tuple[str, str]:
        key = (number.number_type, number.capabilities)
        found = self._kinds.get(key)
        if found is None:
            found = self._kinds[key] = (word(key[0]), capabilities_text(key[1]))
        return found

    def cells(self, row: Number) -> tuple[str, ...]:
        kind, capabilities = self._kind(row)
        return (
            row.e164,
            row.country,
            kind,
            capabilities,
            self._routing(row),
            row.friendly_name,
            row.account_id,
        )


class ApplicationsModel(RowTableModel[Application]):
    CONTEXT = "ApplicationsModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("ApplicationsModel", "Name"),
            QT_TRANSLATE_NOOP("ApplicationsModel", "The application's name on the source"),
            width=24,
        ),
        Column(
            QT_TRANSLATE_NOOP("ApplicationsModel", "Id"),
            QT_TRANSLATE_NOOP("ApplicationsModel", "The vendor's id for it"),
            width=24,
        ),
        Column(
            QT_TRANSLATE_NOOP("ApplicationsModel", "Numbers"),
            QT_TRANSLATE_NOOP("ApplicationsModel", "How many numbers it answers"),
            numeric=True,
            width=8,
        ),
        Column(
            QT_TRANSLATE_NOOP("ApplicationsModel", "Account"),
            QT_TRANSLATE_NOOP("ApplicationsModel", "The (sub)account that owns it"),
            width=14,
        ),
    )

    def __init__(self, inventory: Inventory | None = None, parent: Any = None) -> None:
        self._counts: dict[str, int] = {}
        super().__init__(parent=parent)
        if inventory is not None:
            self.set_inventory(inventory)

    def set_inventory(self, inventory: Inventory) -> None:
        counts: dict[str, int] = {}
        for number in inventory.numbers:
            for app in {number.voice_app_id, number.sms_app_id} - {None}:
                counts[str(app)] = counts.get(str(app), 0) + 1
        self._counts = counts
        self.set_rows(inventory.applications)

    def cells(self, row: Application) -> tuple[str, ...]:
        return (row.name, row.id, f"{self._counts.get(row.id, 0):,}", row.account_id)

    def sort_key(self, row: Application, column: int) -> Any:
        return self._counts.get(row.id, 0)


_HOSTED_TEXT = {
    HostedBy.CUSTOMER: QT_TRANSLATE_NOOP("Tables", "your server"),
    HostedBy.TWIML_BIN: QT_TRANSLATE_NOOP("Tables", "TwiML Bin (vendor-hosted)"),
    HostedBy.STUDIO: QT_TRANSLATE_NOOP("Tables", "Studio flow (vendor-hosted)"),
    HostedBy.FUNCTION: QT_TRANSLATE_NOOP("Tables", "Function (vendor-hosted)"),
    HostedBy.PHLO: QT_TRANSLATE_NOOP("Tables", "PHLO (vendor-hosted)"),
    HostedBy.SIP: QT_TRANSLATE_NOOP("Tables", "SIP / phone forward"),
}


class WebhooksModel(RowTableModel[Webhook]):
    CONTEXT = "WebhooksModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("WebhooksModel", "Owner"),
            QT_TRANSLATE_NOOP("WebhooksModel", "What the URL is set on"),
            width=22,
        ),
        Column(
            QT_TRANSLATE_NOOP("WebhooksModel", "Purpose"),
            QT_TRANSLATE_NOOP("WebhooksModel", "When the vendor calls it"),
            width=14,
        ),
        Column(
            QT_TRANSLATE_NOOP("WebhooksModel", "URL"),
            QT_TRANSLATE_NOOP(
                "WebhooksModel", "Where the vendor sends the request (secrets hidden)"
            ),
            width=40,
        ),
        Column(QT_TRANSLATE_NOOP("WebhooksModel", "Method"), width=6),
        Column(
            QT_TRANSLATE_NOOP("WebhooksModel", "Served by"),
            QT_TRANSLATE_NOOP("WebhooksModel", "Who runs the code behind the URL"),
            width=18,
        ),
        Column(
            QT_TRANSLATE_NOOP("WebhooksModel", "In effect"),
            QT_TRANSLATE_NOOP("WebhooksModel", "No when a higher-precedence setting wins"),
            width=8,
        ),
    )

    def cells(self, row: Webhook) -> tuple[str, ...]:
        return (
            f"{word(row.owner_kind.value)} {row.owner_id}",
            word(row.purpose.value),
            redact_url(row.url),
            row.method,
            translated("Tables", _HOSTED_TEXT.get(row.hosted_by, row.hosted_by.value)),
            translated("Tables", QT_TRANSLATE_NOOP("Tables", "yes"))
            if row.effective
            else translated("Tables", QT_TRANSLATE_NOOP("Tables", "no (%1)")).replace(
                "%1",
                row.overridden_by
                or translated("Tables", QT_TRANSLATE_NOOP("Tables", "overridden")),
            ),
        )

    def role_data(self, row: Webhook, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and row.hosted_by.vendor_hosted:
            return theme.colour("warn")
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and row.hosted_by.vendor_hosted:
            return QCoreApplication.translate(
                "WebhooksModel",
                "This logic runs on the departing vendor and stops working when the account "
                "closes: rebuild it before decommissioning.",
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and not row.effective:
            return theme.colour("muted")
        return None
