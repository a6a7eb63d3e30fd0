"""A migration file with a Twilio source (tests.rules.inventories) and a Vonage target."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.engine.migration_file import MigrationFile
from migrator.model.enums import Vendor
from migrator.model.inventory import Inventory
from tests.rules.inventories import twilio_source


@pytest.fixture
def migration(tmp_path: Path) -> Path:
    path = tmp_path / "acme.migration"
    meta = {
        "source": {"kind": "profile", "vendor": "twilio", "account_id": "AC1"},
        "target": {"kind": "profile", "vendor": "vonage", "account_id": "tgtkey"},
    }
    with MigrationFile.create(path, meta) as file:
        file.save_snapshot("source", twilio_source())
        file.save_snapshot("target", Inventory(vendor=Vendor.VONAGE, account_id="tgtkey"))
    return path
