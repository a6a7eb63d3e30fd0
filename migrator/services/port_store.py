"""Port tracking inside the migration file: requests, portability checks, LOA data, refreshes.

Tables are this component's own (`ensure_schema("ports", ...)`). A request is stored whole as
JSON with its history (schema-versioned by the model), and its numbers are indexed so "is this
number in a port?" is one query. PINs and passcodes are secrets: they live in the keychain,
keyed by this file's ports id and the losing account, never in the file.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from migrator.engine.migration_file import MigrationFile
from migrator.model.porting import LoaData, PortRequest, PortStatus
from migrator.model.serialize import from_data, to_data
from migrator.services import keychain
from migrator.vendors.porting import Portability

SCHEMA = """
CREATE TABLE IF NOT EXISTS port_requests (
    id TEXT PRIMARY KEY,
    losing_key TEXT NOT NULL,
    status TEXT NOT NULL,
    vendor_request_id TEXT NOT NULL DEFAULT '',
    action_id TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS port_numbers (
    e164 TEXT NOT NULL,
    request_id TEXT NOT NULL REFERENCES port_requests (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    PRIMARY KEY (e164, request_id)
);
CREATE INDEX IF NOT EXISTS port_numbers_by_e164 ON port_numbers (e164);
CREATE TABLE IF NOT EXISTS port_checks (
    e164 TEXT PRIMARY KEY,
    checked_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS port_loa (
    losing_key TEXT PRIMARY KEY,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS port_refreshes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    changes TEXT NOT NULL
)
"""
PORTS_ID = "ports_id"


@dataclass(frozen=True)
class StoredLoa:
    loa: LoaData
    updated_at: str


@dataclass(frozen=True)
class StoredCheck:
    result: Portability
    checked_at: str


def _read_requests(file: MigrationFile) -> list[PortRequest]:
    rows = file.query("SELECT data FROM port_requests ORDER BY rowid")
    return [PortRequest.from_dict(json.loads(row["data"])) for row in rows]


class PortStore:
    """The ports tables of one open migration file."""

    def __init__(self, file: MigrationFile) -> None:
        self.file = file
        file.ensure_schema("ports", SCHEMA)

    @staticmethod
    def existing_requests(file: MigrationFile) -> list[PortRequest]:
        """Every port request of a file, read without writing anything (exports open files
        that may never have tracked a port): empty when the file has no ports tables."""
        rows = file.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'port_requests'"
        )
        return _read_requests(file) if rows else []

    # --- requests --------------------------------------------------------------------------
    def save(self, request: PortRequest, action_id: str | None = None) -> None:
        data = json.dumps(request.to_dict(), separators=(",", ":"))
        with self.file.transaction() as db:
            db.execute(
                "INSERT INTO port_requests (id, losing_key, status, vendor_request_id, action_id,"
                " updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " losing_key = excluded.losing_key, status = excluded.status,"
                " vendor_request_id = excluded.vendor_request_id,"
                " action_id = CASE WHEN ? THEN excluded.action_id ELSE port_requests.action_id END,"
                " updated_at = excluded.updated_at, data = excluded.data",
                (
                    request.id,
                    request.losing_key,
                    request.status.value,
                    request.vendor_request_id,
                    action_id or "",
                    request.last_refresh or request.created_at,
                    data,
                    action_id is not None,
                ),
            )
            db.execute("DELETE FROM port_numbers WHERE request_id = ?", (request.id,))
            db.executemany(
                "INSERT INTO port_numbers VALUES (?, ?, ?)",
                [(n.e164, request.id, n.status.value) for n in request.numbers],
            )

    def requests(self) -> list[PortRequest]:
        return _read_requests(self.file)

    def request(self, request_id: str) -> PortRequest | None:
        rows = self.file.query("SELECT data FROM port_requests WHERE id = ?", (request_id,))
        return PortRequest.from_dict(json.loads(rows[0]["data"])) if rows else None

    def by_action(self, action_id: str) -> list[PortRequest]:
        rows = self.file.query(
            "SELECT data FROM port_requests WHERE action_id = ? ORDER BY rowid", (action_id,)
        )
        return [PortRequest.from_dict(json.loads(row["data"])) for row in rows]

    def next_id(self) -> str:
        rows = self.file.query("SELECT COUNT(*) AS n FROM port_requests")
        return f"port-{int(rows[0]['n']) + 1}"

    def open_numbers(self) -> dict[str, str]:
        """Numbers in a port that is still going (E.164 -> request id)."""
        final = (PortStatus.COMPLETED.value, PortStatus.CANCELLED.value)
        rows = self.file.query(
            "SELECT e164, request_id FROM port_numbers WHERE status NOT IN (?, ?)", final
        )
        return {row["e164"]: row["request_id"] for row in rows}

    def latest_status(self) -> dict[str, tuple[str, PortStatus]]:
        """Each number's most recent request and its status there."""
        rows = self.file.query(
            "SELECT n.e164, n.request_id, n.status FROM port_numbers n "
            "JOIN port_requests r ON r.id = n.request_id ORDER BY r.rowid"
        )
        return {row["e164"]: (row["request_id"], PortStatus(row["status"])) for row in rows}

    # --- LOA data --------------------------------------------------------------------------
    def save_loa(self, losing_key: str, loa: LoaData, at: datetime) -> None:
        data = json.dumps(to_data(loa), separators=(",", ":"))
        with self.file.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO port_loa VALUES (?, ?, ?)",
                (losing_key, at.isoformat(timespec="seconds"), data),
            )

    def loa(self, losing_key: str) -> StoredLoa | None:
        rows = self.file.query(
            "SELECT data, updated_at FROM port_loa WHERE losing_key = ?", (losing_key,)
        )
        if not rows:
            return None
        return StoredLoa(LoaData.from_dict(json.loads(rows[0]["data"])), rows[0]["updated_at"])

    # --- portability -----------------------------------------------------------------------
    def save_checks(self, results: list[Portability], at: datetime) -> None:
        stamp = at.isoformat(timespec="seconds")
        with self.file.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO port_checks VALUES (?, ?, ?)",
                [(r.e164, stamp, json.dumps(to_data(r))) for r in results],
            )

    def checks(self) -> dict[str, StoredCheck]:
        rows = self.file.query("SELECT e164, checked_at, data FROM port_checks")
        return {
            row["e164"]: StoredCheck(
                from_data(Portability, json.loads(row["data"])), row["checked_at"]
            )
            for row in rows
        }

    # --- refresh log -----------------------------------------------------------------------
    def log_refresh(self, at: datetime, changes: list[dict[str, Any]]) -> None:
        with self.file.transaction() as db:
            db.execute(
                "INSERT INTO port_refreshes (at, changes) VALUES (?, ?)",
                (at.isoformat(timespec="seconds"), json.dumps(changes)),
            )

    def last_refresh(self) -> str:
        rows = self.file.query("SELECT at FROM port_refreshes ORDER BY id DESC LIMIT 1")
        return str(rows[0]["at"]) if rows else ""

    # --- secrets ---------------------------------------------------------------------------
    def _pin_account(self, losing_key: str) -> str:
        meta = self.file.meta()
        ports_id = meta.get(PORTS_ID)
        if not isinstance(ports_id, str):
            ports_id = uuid.uuid4().hex
            self.file.set_meta(PORTS_ID, ports_id)
        return f"port-pin:{ports_id}:{losing_key}"

    def set_pin(self, losing_key: str, pin: str) -> None:
        keychain.store_secret(self._pin_account(losing_key), pin)

    def pin(self, losing_key: str) -> str | None:
        return keychain.load_secret(self._pin_account(losing_key))

    def forget_pin(self, losing_key: str) -> None:
        keychain.delete_secret(self._pin_account(losing_key))
