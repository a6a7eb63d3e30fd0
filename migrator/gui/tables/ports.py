"""The ports board: one row per number in a port request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from migrator.gui import theme
from migrator.gui.tables.model import Column, RowTableModel
from migrator.gui.tables.words import word
from migrator.model.porting import PortNumber, PortRequest, PortStatus

STATUS_COLOUR = {
    PortStatus.COMPLETED: "ok",
    PortStatus.FOC_CONFIRMED: "ok",
    PortStatus.EXCEPTION: "bad",
    PortStatus.CANCELLED: "muted",
    PortStatus.CANCELLING: "warn",
    PortStatus.DRAFT: "warn",
}


@dataclass(frozen=True)
class PortRow:
    request: PortRequest
    number: PortNumber
    days_waiting: int | None
    next_action: str


class PortsModel(RowTableModel[PortRow]):
    CONTEXT = "PortsModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PortsModel", "Number"), width=16),
        Column(
            QT_TRANSLATE_NOOP("PortsModel", "Status"),
            QT_TRANSLATE_NOOP("PortsModel", "Normalized across vendors"),
            width=16,
        ),
        Column(
            QT_TRANSLATE_NOOP("PortsModel", "FOC date"),
            QT_TRANSLATE_NOOP("PortsModel", "The port date the losing carrier confirmed"),
            width=12,
        ),
        Column(
            QT_TRANSLATE_NOOP("PortsModel", "Days waiting"),
            QT_TRANSLATE_NOOP("PortsModel", "Since the request was sent"),
            numeric=True,
            width=6,
        ),
        Column(
            QT_TRANSLATE_NOOP("PortsModel", "Request"),
            QT_TRANSLATE_NOOP(
                "PortsModel", "migrator's request id; the vendor's id or ticket in the tooltip"
            ),
            width=10,
        ),
        Column(
            QT_TRANSLATE_NOOP("PortsModel", "Route"),
            QT_TRANSLATE_NOOP(
                "PortsModel", "api: tracked through the porting API; ticket: you set the status"
            ),
            width=7,
        ),
        Column(QT_TRANSLATE_NOOP("PortsModel", "Losing carrier"), width=16),
        Column(QT_TRANSLATE_NOOP("PortsModel", "Next action"), width=40),
    )

    def cells(self, row: PortRow) -> tuple[str, ...]:
        request, number = row.request, row.number
        exception = f" ({number.exception.code})" if number.exception else ""
        return (
            number.e164,
            word(number.status.value) + exception,
            number.foc_date[:10],
            "" if row.days_waiting is None else str(row.days_waiting),
            request.id,
            word(request.route.value),
            request.losing_carrier or request.losing_key,
            row.next_action,
        )

    def sort_key(self, row: PortRow, column: int) -> Any:
        return -1 if row.days_waiting is None else row.days_waiting

    def role_data(self, row: PortRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            kind = STATUS_COLOUR.get(row.number.status)
            return theme.colour(kind) if kind else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1 and row.number.exception:
                return f"{row.number.exception.message}\n→ {row.number.exception.fix}"
            if column == 4:
                via = row.request.vendor_request_id or row.request.ticket_id
                return via or QCoreApplication.translate(
                    "PortsModel", "no vendor request or ticket yet"
                )
            if column == 7:
                return row.next_action
        return None
