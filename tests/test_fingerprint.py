"""Fingerprints and stored inventories: the fast encoders (compiled converters, orjson) give
exactly what the json module gave, so fingerprints stored by earlier versions still match."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import math
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.engine.migration_file import MigrationFile, MigrationFileError
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import (
    Application,
    Inventory,
    MessagingService,
    Number,
    SipTrunk,
    Webhook,
)
from migrator.model.jsontext import dumps, loads
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage
from migrator.model.serialize import to_data
from tests.samples import small_inventory

P = WebhookPurpose


def _reference_data(value: Any) -> Any:
    """to_data as it was first written: a reflective walk (the compiled converters' oracle)."""
    if type(value) in (str, int, float, bool, type(None)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _reference_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(_reference_data(v) for v in value)
    if isinstance(value, tuple | list):
        return [_reference_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _reference_data(v) for k, v in value.items()}
    return value


def _legacy_fingerprint(inventory: Inventory) -> str:
    """The fingerprint as every earlier version computed it."""
    blob = json.dumps(inventory.canonical(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def _rich(config: dict[str, Any] | None = None) -> Inventory:
    """Text beyond ASCII (accents, DEL, a line break, an emoji), floats the two encoders write
    differently, tuples, sets and enums inside raw settings, items out of id order."""
    extra = {
        "rate": 1e-05,
        "big": 1e16,
        "tenth": 0.1,
        "weights": (1, 2.5e-7),
        "kinds": frozenset({NumberType.MOBILE, NumberType.LOCAL}),
        "nested": {"ü": [True, None, -3]},
        **(config or {}),
    }
    numbers = tuple(
        Number(
            id=f"PN{i}",
            e164=f"+1415555010{i}",
            country="US",
            number_type=NumberType.LOCAL if i % 2 else NumberType.TOLLFREE,
            capabilities=frozenset({Capability.VOICE, Capability.SMS, Capability.MMS}),
            account_id="AC1",
            friendly_name=f'Café ☕ 😀 line {i}\x7f\n\t"q"',
            sms_app_id="AP1" if i % 3 else None,
            tags=frozenset({"zeta", "Alpha", "é"}),
            config={"sid": f"PN{i}", "voice_caller_id_lookup": False, "n": i, **extra},
        )
        for i in (3, 1, 2)
    )
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        account_name="Acme Ünïcode",
        taken_at="2026-11-23T10:00:00+00:00",
        numbers=numbers,
        applications=(Application("AP1", "Menü", "AC1", {"voice_url": "https://x/ä"}),),
        messaging_services=(MessagingService("MG1", "Service", "AC1", ("PN2", "PN1")),),
        trunks=(SipTrunk("TK1", "Trunk", "AC1", "t.example.com", ("sip:a@b",), ("PN3",)),),
        webhooks=(
            Webhook(OwnerKind.NUMBER, "PN2", P.SMS_INBOUND, "https://h.example.com/ß"),
            Webhook(OwnerKind.APPLICATION, "AP1", P.VOICE_ANSWER, "https://x/ä", "GET"),
            Webhook(OwnerKind.NUMBER, "PN1", P.VOICE_ANSWER, "https://h.example.com/v"),
        ),
        settings={"mo_http_url": "https://x.example.com/in", "limit": 2.0},
    )


def test_fingerprint_of_a_known_inventory_is_unchanged() -> None:
    """The values earlier versions stored for these inventories."""
    assert small_inventory().fingerprint() == (
        "293bc4308f2f53420194fd3f7b4fac5e202b9b0fed1306018cd90a2ab86b236b"
    )
    assert _rich().fingerprint() == (
        "b4c4e5978469c3ae0a9571a2eb03f47e9720d64a18dd0e72a277780ea1a53251"
    )


@pytest.mark.parametrize(
    "config",
    [
        {},
        {"nan": math.nan, "inf": -math.inf},  # orjson writes these as null: Fragments keep them
        {3: "an int key"},  # orjson refuses it: the json module encodes it
        {"huge": 2**70},  # beyond 64 bits: likewise
        {"surrogate": "\ud800"},  # not UTF-8: likewise
    ],
)
def test_fingerprint_and_stored_text_match_the_json_module(config: dict[str, Any]) -> None:
    inventory = _rich(config)
    assert to_data(inventory) == _reference_data(inventory)
    assert json.dumps(to_data(inventory)) == json.dumps(_reference_data(inventory))
    text, fingerprint = inventory.stored_json()
    assert fingerprint == _legacy_fingerprint(inventory) == inventory.fingerprint()
    assert text == json.dumps(inventory.to_dict(), separators=(",", ":"))


def test_fingerprint_survives_a_round_trip_and_a_migration_file(tmp_path: Path) -> None:
    inventory = _rich()
    expected = _legacy_fingerprint(inventory)
    again = Inventory.from_dict(json.loads(json.dumps(inventory.to_dict())))
    assert again.fingerprint() == expected
    path = tmp_path / "a.migration"
    with MigrationFile.create(path, {}) as file:
        assert file.save_snapshot("source", inventory) == expected
    with MigrationFile.open(path) as file:
        loaded = file.latest_snapshot("source")
    assert loaded is not None
    assert loaded.fingerprint() == expected
    assert _legacy_fingerprint(loaded) == expected  # what it holds, not only what was stored
    assert loaded.to_dict() == json.loads(json.dumps(inventory.to_dict()))


def _store_as_before(path: Path, inventory: Inventory) -> None:
    """A snapshot row as a version without digests wrote it."""
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO snapshots (role, vendor, account_id, fingerprint, taken_at, data)"
            " VALUES ('source', 'twilio', 'AC1', ?, 'then', ?)",
            (_legacy_fingerprint(inventory), json.dumps(inventory.to_dict())),
        )


def test_a_file_written_before_digests_still_opens_and_is_checked(tmp_path: Path) -> None:
    inventory = _rich()
    path = tmp_path / "old.migration"
    MigrationFile.create(path, {}).close()
    _store_as_before(path, inventory)
    with MigrationFile.open(path) as file:
        loaded = file.latest_snapshot("source")
        assert loaded is not None and loaded.fingerprint() == _legacy_fingerprint(inventory)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE snapshots SET data = replace(data, 'Trunk', 'Trunc')")
    with MigrationFile.open(path) as file, pytest.raises(MigrationFileError, match="edited"):
        file.latest_snapshot("source")


def test_an_edited_snapshot_is_refused_and_a_stale_digest_is_not_trusted(tmp_path: Path) -> None:
    inventory = _rich()
    path = tmp_path / "a.migration"
    with MigrationFile.create(path, {}) as file:
        file.save_snapshot("source", inventory)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE snapshots SET data = replace(data, 'Trunk', 'Trunc')")
    with MigrationFile.open(path) as file, pytest.raises(MigrationFileError, match="edited"):
        file.latest_snapshot("source")
    # an older migrator rewrote the row (fingerprint and data agree) but left the digest
    other = small_inventory()
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE snapshots SET data = ?, fingerprint = ?",
            (json.dumps(other.to_dict()), _legacy_fingerprint(other)),
        )
    with MigrationFile.open(path) as file:
        assert file.latest_snapshot("source") == other


def test_documents_are_written_as_the_json_module_wrote_them(tmp_path: Path) -> None:
    document = {"name": "Menü 😀\x7f", "n": [1, None, True, "x"], "nested": {"b": 1, "a": 2}}
    path = tmp_path / "a.migration"
    with MigrationFile.create(path, {}) as file:
        file.save_document("doc", document)
        stored = file.query("SELECT data FROM documents")[0]["data"]
        assert stored == json.dumps(document, separators=(",", ":"))
        assert file.load_document("doc") == document


def test_a_plan_encodes_as_its_dict() -> None:
    action = Action(
        "buy_number:+14155550101",
        Stage.ACQUIRE,
        ActionKind.BUY_NUMBER,
        Side.TARGET,
        "replacement for +14155550101",
        "PN1",
        {"search": {"country": "US", "capabilities": ["sms", "voice"]}, "label": "Café"},
        None,
        "mig-0123456789ab",
        True,
        ("manual:x",),
        "buy a number",
    )
    plan = Plan("twilio", "AC1", "vonage", "key", "f" * 64, "", (action,), "now", {"x": [1]})
    assert dumps(plan) == json.dumps(plan.to_dict(), separators=(",", ":"))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.booleans())
def test_jsontext_writes_what_the_json_module_writes(value: Any, sort_keys: bool) -> None:
    text = dumps(value, sort_keys=sort_keys)
    assert text == json.dumps(value, separators=(",", ":"), sort_keys=sort_keys)
    assert loads(text) == value


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=5))
def test_finite_floats_keep_their_value(value: list[float]) -> None:
    """(orjson writes 1e-05 as 0.00001: the same number in other digits.)"""
    assert loads(dumps(value)) == value


def test_long_text_is_escaped_across_its_whole_length() -> None:
    """Escaping works on stretches of the text: characters cut by a stretch's end still match."""
    value = ["x" * ((1 << 18) - 4) + "é€😀" * 3, "\x7f", "y" * 70_000 + "ü", ["😀" * 50_000]]
    for shift in range(4):
        shifted = ["z" * shift, *value]
        assert dumps(shifted) == json.dumps(shifted, separators=(",", ":"))


@pytest.mark.parametrize("number", [1e-05, 2.5e-7, 1.5e-12, 0.0001, 1e16, -3.25])
def test_floats_are_spelled_as_the_json_module_spells_them(number: float) -> None:
    value = {"rate": number, "name": "line-1"}
    assert dumps(value) == json.dumps(value, separators=(",", ":"))
