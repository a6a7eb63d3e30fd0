"""Profiles, `migrator new` and `migrator inventory` end to end against the sandbox, through the
official SDKs; and each failure gives one clear message and leaves nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from migrator.cli.main import main
from migrator.engine.migration_file import MigrationFile
from migrator.errors import MigratorError
from migrator.sandbox import Sandbox
from migrator.services import profiles
from migrator.services.migrations import Source, new_migration
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.errors import AuthenticationFailed
from tests.conftest import MemoryKeyring


def _add(sandbox: Sandbox, name: str, vendor: str, role: str) -> profiles.Profile:
    return profiles.add_profile(
        name, vendor, sandbox.credentials(vendor, role), Endpoint(sandbox.url, sandbox.ca_bundle)
    )


@pytest.fixture
def seeded(sandbox: Sandbox) -> Sandbox:
    sandbox.seed({"twilio": 60, "plivo": 40})
    return sandbox


def test_profile_add_stores_the_secret_only_in_the_keychain(
    seeded: Sandbox,
    memory_keyring: MemoryKeyring,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    creds = seeded.credentials("twilio", "source")
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", creds["account_sid"])
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", creds["auth_token"])
    code = main(
        [
            "profile",
            "add",
            "old",
            "--vendor",
            "twilio",
            "--endpoint",
            seeded.url,
            "--ca-bundle",
            str(seeded.ca_bundle),
        ]
    )
    assert code == 0
    assert creds["auth_token"] in memory_keyring.store.values()
    on_disk = "".join(p.read_text(errors="replace") for p in isolated_home.rglob("*.json"))
    assert creds["account_sid"] in on_disk and creds["auth_token"] not in on_disk
    capsys.readouterr()
    assert main(["profile", "list", "--json"]) == 0
    listed = capsys.readouterr().out
    assert "old" in listed and creds["auth_token"] not in listed
    assert main(["profile", "list"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["PROFILE", "VENDOR", "ACCOUNT", "ENDPOINT"]
    assert row.split()[:3] == ["old", "twilio", creds["account_sid"]]
    assert creds["auth_token"] not in row


def test_wrong_credentials_are_refused_and_nothing_is_stored(
    seeded: Sandbox, memory_keyring: MemoryKeyring
) -> None:
    creds = seeded.credentials("plivo", "source") | {"auth_token": "wrong-token"}
    with pytest.raises(AuthenticationFailed):
        profiles.add_profile("bad", "plivo", creds, Endpoint(seeded.url, seeded.ca_bundle))
    assert memory_keyring.store == {}
    assert [p.name for p in profiles.list_profiles()] == []


def _twilio_to_plivo(seeded: Sandbox, tmp_path: Path) -> Path:
    """`migrator new` from the sandbox's Twilio account to its Plivo target (profiles added)."""
    _add(seeded, "old", "twilio", "source")
    _add(seeded, "new", "plivo", "target")
    path = tmp_path / "move.migration"
    assert main(["new", str(path), "--from", "old", "--to", "new"]) == 0
    return path


def test_new_and_inventory_reproduce_the_account(
    seeded: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _twilio_to_plivo(seeded, tmp_path)
    capsys.readouterr()
    assert main(["inventory", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    seeded_numbers = next(a for a in seeded.accounts("twilio", "source"))["resources"]["numbers"]
    assert document["summary"]["counts"]["numbers"] == seeded_numbers
    assert document["summary"]["vendor_hosted_webhooks"]  # bins, Studio, Functions found
    assert "@" not in json.dumps(document).replace("***:***@", "")  # credentials redacted
    logic = document["summary"]["vendor_hosted_logic"]
    assert sum(group["webhooks"] for group in logic) == len(document["summary"]["vendor_hosted"])
    assert main(["inventory", str(path)]) == 0
    shown = capsys.readouterr().out
    assert f"Vendor-hosted logic to rebuild: {len(logic)} URL(s)" in shown
    first = logic[0]
    assert first["url"] in shown and ", ".join(first["examples"]) in shown
    assert first["examples"][0].startswith("+")  # numbers by E.164, not by vendor id
    unanswered = document["summary"]["numbers_without_webhook_e164"]
    assert unanswered, "the seeded account has numbers nothing answers"
    assert f"Numbers with no webhook at all: {len(unanswered)} ({unanswered[0]}, " in shown


def test_outage_during_discovery_leaves_no_file(seeded: Sandbox, tmp_path: Path) -> None:
    _add(seeded, "old", "twilio", "source")
    _add(seeded, "new", "plivo", "target")
    requests.post(
        seeded.url + "/_sandbox/faults", json={"vendor": "plivo", "rate_5xx": 1.0}, timeout=10
    ).raise_for_status()
    path = tmp_path / "move.migration"
    with pytest.raises(MigratorError) as caught:
        new_migration(path, Source(profile="old"), "new")
    assert "plivo" in str(caught.value).lower() or "server" in str(caught.value).lower()
    assert not path.exists()


def test_an_outage_during_a_refresh_keeps_the_inventory_it_had(
    seeded: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _twilio_to_plivo(seeded, tmp_path)
    with MigrationFile.open(path) as file:
        before = file.latest_snapshot("source")
    assert before is not None
    requests.post(
        seeded.url + "/_sandbox/faults", json={"vendor": "twilio", "rate_5xx": 1.0}, timeout=10
    ).raise_for_status()
    capsys.readouterr()
    assert main(["inventory", str(path), "--refresh"]) == 2
    said = capsys.readouterr().err
    assert "server error" in said
    assert "Nothing was changed: move.migration keeps the inventories it had (source read " in said
    with MigrationFile.open(path) as file:
        after = file.latest_snapshot("source")
    assert after is not None and after.fingerprint() == before.fingerprint()
    assert after.taken_at == before.taken_at


def test_revoked_credentials_give_one_clear_message(
    seeded: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(seeded, "old", "twilio", "source")
    _add(seeded, "new", "plivo", "target")
    with seeded.state.lock:
        account = next(a for a in seeded.state.accounts.of_vendor("twilio") if a.role == "source")
        account.secret = "rotated-by-the-admin"
    path = tmp_path / "move.migration"
    assert main(["new", str(path), "--from", "old", "--to", "new"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("migrator: ") and err.count("\n") <= 3
    assert not path.exists()


def test_malformed_import_file_gives_positions_and_no_file(
    seeded: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(seeded, "new", "plivo", "target")
    export = tmp_path / "tropo.csv"
    export.write_text("number,capabilities\n+14155550123,voice\nbogus,voice\n")
    path = tmp_path / "move.migration"
    assert main(["new", str(path), "--from-file", str(export), "--to", "new"]) == 2
    assert "line 3, column 1" in capsys.readouterr().err
    assert not path.exists()


def test_import_file_source_makes_a_migration(
    seeded: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add(seeded, "new", "plivo", "target")
    export = tmp_path / "tropo.csv"
    export.write_text("number,capabilities,voice_url\n+14155550123,voice,https://x.example/a\n")
    path = tmp_path / "move.migration"
    assert main(["new", str(path), "--from-file", str(export), "--to", "new"]) == 0
    capsys.readouterr()
    assert main(["inventory", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["vendor"] == "file"
