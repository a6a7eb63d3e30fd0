"""A migration file with a Twilio source (tests.rules.inventories) and a Vonage target."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.inventories import twilio_to_vonage_file


@pytest.fixture
def migration(tmp_path: Path) -> Path:
    return twilio_to_vonage_file(tmp_path / "acme.migration")
