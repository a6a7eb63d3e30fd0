"""The `*.migration` file: one SQLite database (WAL) holding a whole migration.

It keeps the inventory snapshots, documents (mapping, assessment, plan, settings), the journal and
port tracking. GUI and CLI open the same file. Tables are created by numbered schema steps
(`SCHEMA_STEPS`); a file written by a newer migrator is refused rather than misread.
Writers take an OS lock so that two processes never apply the same migration at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from migrator.errors import MigratorError
from migrator.model.inventory import Inventory
from migrator.model.jsontext import loads

APPLICATION_ID = 0x4D494752  # "MIGR": marks a SQLite file as a migration
FORMAT_NAME = "migrator/migration"

SCHEMA_STEPS: tuple[str, ...] = (
    # 1: metadata, snapshots and documents
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('source', 'target')),
        vendor TEXT NOT NULL,
        account_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX snapshots_role ON snapshots (role, id);
    CREATE TABLE documents (
        name TEXT PRIMARY KEY,
        schema_version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(SCHEMA_STEPS)
SNAPSHOT_DIGESTS = """
    CREATE TABLE IF NOT EXISTS snapshot_digests (
        snapshot_id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL
    )
"""
"""sha256 of each snapshot's stored text (added by ensure_schema's rules, so files keep their
schema version and older migrators, which ignore the table, still open them)."""


class MigrationFileError(MigratorError):
    """The migration file cannot be used as asked (missing, corrupt, newer, locked)."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class MigrationFile:
    """An open migration file. Thread-safe: one connection guarded by a lock."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._lock = threading.RLock()
        self._lock_fd: int | None = None

    # --- opening ------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, meta: dict[str, Any]) -> MigrationFile:
        path = Path(path)
        if path.exists():
            raise MigrationFileError(f"{path} already exists; choose another name or delete it")
        path.parent.mkdir(parents=True, exist_ok=True)
        opened = cls._connect(path)
        opened._upgrade()
        with opened.transaction() as db:
            db.execute("INSERT INTO meta VALUES ('format', ?)", (json.dumps(FORMAT_NAME),))
            db.execute("INSERT INTO meta VALUES ('created_at', ?)", (json.dumps(now_iso()),))
            for key, value in meta.items():
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))
        return opened

    @classmethod
    def open(cls, path: Path | str) -> MigrationFile:
        path = Path(path)
        if not path.is_file():
            raise MigrationFileError(f"{path} does not exist")
        opened = cls._connect(path)
        try:
            app_id = opened._db.execute("PRAGMA application_id").fetchone()[0]
            version = opened._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            opened._db.close()
            raise MigrationFileError(
                f"{path} is not a migration file or is damaged ({exc})"
            ) from exc
        if app_id != APPLICATION_ID:
            opened._db.close()
            raise MigrationFileError(f"{path} is not a migration file")
        if version > SCHEMA_VERSION:
            opened._db.close()
            raise MigrationFileError(
                f"{path} was written by a newer migrator (file schema {version}, this version "
                f"reads up to {SCHEMA_VERSION}); upgrade migrator to open it"
            )
        try:
            opened._db.execute("PRAGMA quick_check").fetchone()
            opened._upgrade()
        except sqlite3.DatabaseError as exc:
            opened._db.close()
            raise MigrationFileError(f"{path} is damaged ({exc})") from exc
        return opened

    @classmethod
    def _connect(cls, path: Path) -> MigrationFile:
        try:
            db = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise MigrationFileError(
                f"{path} is not a migration file or is damaged ({exc})"
            ) from exc
        return cls(path, db)

    def _upgrade(self) -> None:
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            for number, step in enumerate(SCHEMA_STEPS[version:], start=version + 1):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in filter(str.strip, step.split(";")):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    self._db.execute(f"PRAGMA user_version = {number}")
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise

    def close(self) -> None:
        self.release_writer_lock()
        with self._lock:
            self._db.close()

    def __enter__(self) -> MigrationFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writer lock --------------------------------------------------------------------
    def acquire_writer_lock(self) -> None:
        """Claim the right to apply/roll back this migration; fails at once if another
        process holds it (the lock dies with the process, so a crash never leaves it stuck)."""
        if self._lock_fd is not None:
            return
        fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise MigrationFileError(
                f"{self.path.name} is being changed by another migrator ({holder}); "
                "wait for it to finish or close it there"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        self._lock_fd = fd

    def release_writer_lock(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    # --- raw access ---------------------------------------------------------------------
    @contextmanager
    def transaction(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One atomic write (BEGIN IMMEDIATE ... COMMIT). With `durable` False the commit is not
        flushed to disk by itself: it survives the process dying, and an OS crash or power loss
        can undo it only until the next durable commit flushes the log (WAL)."""
        with self._lock:
            if not durable:
                self._db.execute("PRAGMA synchronous=NORMAL")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            finally:
                if not durable:
                    self._db.execute("PRAGMA synchronous=FULL")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._db.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())

    def ensure_schema(self, name: str, ddl: str) -> None:
        """Let a component add its own tables (journal, ports) idempotently: `ddl` must use
        CREATE ... IF NOT EXISTS. `name` is recorded in meta so the file says who made them."""
        with self.transaction() as db:
            for statement in filter(str.strip, ddl.split(";")):
                db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"schema:{name}", "true"))

    # --- meta ---------------------------------------------------------------------------
    def meta(self) -> dict[str, Any]:
        return {row["key"]: json.loads(row["value"]) for row in self.query("SELECT * FROM meta")}

    def set_meta(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    # --- snapshots ----------------------------------------------------------------------
    def save_snapshot(self, role: str, inventory: Inventory) -> str:
        """Store an inventory read; returns its fingerprint. The sha256 of the stored text is
        kept beside it (table snapshot_digests), so that reading the snapshot back can check
        the text against it instead of encoding the whole inventory again."""
        text, fingerprint = inventory.stored_json()
        digest = hashlib.sha256(text.encode()).hexdigest()
        with self.transaction() as db:
            for statement in filter(str.strip, SNAPSHOT_DIGESTS.split(";")):
                db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema:snapshot_digests', 'true')")
            cursor = db.execute(
                "INSERT INTO snapshots (role, vendor, account_id, fingerprint, taken_at, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    role,
                    inventory.vendor.value,
                    inventory.account_id,
                    fingerprint,
                    inventory.taken_at or now_iso(),
                    text,
                ),
            )
            db.execute(
                "INSERT OR REPLACE INTO snapshot_digests VALUES (?, ?)",
                (cursor.lastrowid, digest),
            )
        return fingerprint

    def latest_snapshot(self, role: str) -> Inventory | None:
        """The latest inventory read of `role`, checked against its stored fingerprint (by the
        digest of its text when the file has one: a file written before digests, or changed
        by a migrator that does not keep them, gets the fingerprint computed again)."""
        rows = self.query(  # the text's UTF-8 as it is stored: hashed and parsed as bytes
            "SELECT id, CAST(data AS BLOB) AS data, fingerprint FROM snapshots"
            " WHERE role = ? ORDER BY id DESC LIMIT 1",
            (role,),
        )
        if not rows:
            return None
        text, fingerprint = rows[0]["data"], rows[0]["fingerprint"]
        unchanged = self._snapshot_digest(rows[0]["id"]) == hashlib.sha256(text).hexdigest()
        data = loads(text)
        del rows, text  # 80 MB for 100,000 numbers: gone before the model is built
        inventory = Inventory.from_dict(data)
        del data
        if unchanged:
            inventory.remember_fingerprint(fingerprint)
        elif inventory.fingerprint() != fingerprint:
            raise MigrationFileError(
                f"the {role} snapshot in {self.path.name} does not match its fingerprint "
                "(the file was edited or damaged); refresh the inventory"
            )
        return inventory

    def _snapshot_digest(self, snapshot_id: int) -> str | None:
        try:
            rows = self.query(
                "SELECT sha256 FROM snapshot_digests WHERE snapshot_id = ?", (snapshot_id,)
            )
        except sqlite3.OperationalError:  # no such table: written before digests
            return None
        return str(rows[0]["sha256"]) if rows else None

    # --- documents ----------------------------------------------------------------------
    def save_document(self, name: str, data: Any, schema_version: int = 1) -> None:
        self.save_document_text(name, json.dumps(data, separators=(",", ":")), schema_version)

    def save_document_text(self, name: str, text: str, schema_version: int = 1) -> None:
        """Store a document already encoded as JSON (a 100,000-number plan is encoded
        straight from the model, without a copy of it as dicts)."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                (name, schema_version, now_iso(), text),
            )

    def load_document(self, name: str) -> Any | None:
        rows = self.query("SELECT data FROM documents WHERE name = ?", (name,))
        return loads(rows[0]["data"]) if rows else None

    def delete_document(self, name: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE name = ?", (name,))
