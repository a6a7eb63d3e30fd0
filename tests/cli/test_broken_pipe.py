"""`migrator ... | head`: a reader that stops early ends the command quietly (exit 141, as
shell tools end on SIGPIPE), not with a BrokenPipeError traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from migrator.engine.migration_file import MigrationFile
from migrator.model.enums import OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Inventory, Webhook
from tests.samples import us_number

ROOT = Path(__file__).resolve().parents[2]


def _large_migration(path: Path, count: int = 2000) -> Path:
    """A migration whose `inventory --json` is far larger than a pipe's buffer."""
    numbers = tuple(us_number(i) for i in range(count))
    hooks = tuple(
        Webhook(OwnerKind.NUMBER, n.id, WebhookPurpose.VOICE_ANSWER, f"https://x.example/{i}")
        for i, n in enumerate(numbers)
    )
    meta = {
        "source": {"kind": "profile", "vendor": "twilio", "account_id": "AC1"},
        "target": {"kind": "profile", "vendor": "vonage", "account_id": "key1"},
    }
    with MigrationFile.create(path, meta) as file:
        file.save_snapshot(
            "source",
            Inventory(vendor=Vendor.TWILIO, account_id="AC1", numbers=numbers, webhooks=hooks),
        )
    return path


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    path = _large_migration(tmp_path / "large.migration")
    env = {**os.environ, "MIGRATOR_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "migrator", "inventory", str(path), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(64).startswith(b'{"summary"')
    child.stdout.close()  # the reader leaves, as `head` does
    errors = child.stderr.read()
    assert child.wait(timeout=60) == 141
    assert b"Traceback" not in errors and b"BrokenPipe" not in errors
