"""The migration file: snapshots, documents, refusal of bad files, and the writer lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from migrator.engine.migration_file import MigrationFile, MigrationFileError
from migrator.model.enums import Vendor
from migrator.model.inventory import Inventory


def test_snapshot_and_documents_survive_reopen(tmp_path: Path) -> None:
    path = tmp_path / "a.migration"
    inventory = Inventory(vendor=Vendor.TWILIO, account_id="AC1", taken_at="2026-01-01T00:00:00")
    with MigrationFile.create(path, {"source_profile": "old"}) as file:
        fingerprint = file.save_snapshot("source", inventory)
        file.save_document("plan", {"actions": []})
    with MigrationFile.open(path) as file:
        assert file.meta()["source_profile"] == "old"
        assert file.latest_snapshot("source") == inventory
        assert file.latest_snapshot("target") is None
        assert file.load_document("plan") == {"actions": []}
        assert fingerprint == inventory.fingerprint()


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "a.migration"
    MigrationFile.create(path, {}).close()
    with pytest.raises(MigrationFileError, match="already exists"):
        MigrationFile.create(path, {})


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_garbage_is_refused_clearly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.migration"
    path.write_bytes(content)
    with pytest.raises(MigrationFileError):
        MigrationFile.open(path)


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.migration"
    with MigrationFile.create(path, {}) as file:
        for i in range(50):
            file.save_document(f"doc{i}", {"blob": "x" * 4000})
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(MigrationFileError):
        file = MigrationFile.open(path)
        file.query("SELECT * FROM documents")


def test_other_sqlite_files_and_newer_schemas_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.migration"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(MigrationFileError, match="not a migration file"):
        MigrationFile.open(other)
    newer = tmp_path / "newer.migration"
    MigrationFile.create(newer, {}).close()
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 999")
    with pytest.raises(MigrationFileError, match="newer migrator"):
        MigrationFile.open(newer)


def test_second_process_cannot_take_the_writer_lock(tmp_path: Path) -> None:
    path = tmp_path / "a.migration"
    with MigrationFile.create(path, {}) as file:
        file.acquire_writer_lock()
        script = (
            "import sys\n"
            "from migrator.engine.migration_file import MigrationFile, MigrationFileError\n"
            f"f = MigrationFile.open({str(path)!r})\n"
            "try:\n    f.acquire_writer_lock()\nexcept MigrationFileError as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        assert result.returncode == 3
        assert "another migrator" in result.stdout
    # released on close: now it can be taken
    with MigrationFile.open(path) as again:
        again.acquire_writer_lock()
