"""Errors in words an admin understands, with the vendor's own message one click away."""

from __future__ import annotations

import sqlite3
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from migrator.errors import MigratorError
from migrator.progress import Cancelled
from migrator.vendors import errors as vendor_errors


@dataclass(frozen=True)
class Explained:
    summary: str
    """What happened and what to do, for an admin."""
    details: str
    """The vendor's message or the technical detail, for the 'Show details' area."""


def explain(exc: BaseException) -> Explained:
    if isinstance(exc, vendor_errors.VendorError):
        vendor = exc.vendor.capitalize()
        details = exc.details()
        if isinstance(exc, vendor_errors.AuthenticationFailed):
            text = QCoreApplication.translate(
                "Errors",
                "{vendor} refused these credentials. Check the account id and the secret "
                "(copy them again from the vendor's console) and try again.",
            )
        elif isinstance(exc, vendor_errors.PermissionDenied):
            text = QCoreApplication.translate(
                "Errors",
                "{vendor} accepted the credentials but does not allow this operation for "
                "them. Use the main account's credentials or ask the account owner for access.",
            )
        elif isinstance(exc, vendor_errors.RateLimited):
            text = QCoreApplication.translate(
                "Errors",
                "{vendor} is limiting how fast this account may make requests. Wait a minute "
                "and try again; nothing was lost.",
            )
        elif isinstance(exc, vendor_errors.Transient):
            text = QCoreApplication.translate(
                "Errors",
                "{vendor} did not answer properly (a server error, a timeout or a dropped "
                "connection). Check the network and try again; migrator checks what already "
                "happened before it repeats anything.",
            )
        elif isinstance(exc, vendor_errors.NotFound):
            text = QCoreApplication.translate(
                "Errors", "{vendor} says this item does not exist (any more): {message}"
            )
        else:
            text = QCoreApplication.translate("Errors", "{vendor} refused the request: {message}")
        return Explained(text.format(vendor=vendor, message=str(exc)), details)
    if isinstance(exc, Cancelled):
        return Explained(
            QCoreApplication.translate(
                "Errors", "Stopped at your request. Nothing was left half done."
            ),
            str(exc),
        )
    if isinstance(exc, MigratorError):
        message = str(exc)
        return Explained(message[:1].upper() + message[1:], message)
    if isinstance(exc, sqlite3.Error):
        return Explained(
            QCoreApplication.translate(
                "Errors",
                "The migration file could not be read or written ({message}). Check the disk "
                "and the file's permissions, then try again.",
            ).format(message=str(exc)),
            "".join(traceback.format_exception(exc)),
        )
    if isinstance(exc, OSError):
        return Explained(
            QCoreApplication.translate(
                "Errors", "The file could not be read or written: {message}"
            ).format(message=exc.strerror or str(exc)),
            "".join(traceback.format_exception(exc)),
        )
    return Explained(
        QCoreApplication.translate(
            "Errors",
            "Something unexpected went wrong. Nothing more was changed; the details below "
            "help when reporting the problem.",
        ),
        "".join(traceback.format_exception(exc)),
    )


def error_box(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A ready-to-show message box for `exc` (not yet shown: tests inspect it)."""
    explained = explain(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(explained.summary)
    if explained.details and explained.details != explained.summary:
        box.setDetailedText(explained.details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    box = error_box(parent, title, exc)
    box.setModal(True)
    box.open()
