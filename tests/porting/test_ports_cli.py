"""`migrator ports FILE ...` from the command line, against the sandbox."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from migrator.cli.main import main
from migrator.sandbox import Sandbox
from migrator.services import connections
from migrator.vendors.capabilities import TWILIO
from migrator.vendors.endpoint import Endpoint
from tests.porting.conftest import advance, record
from tests.porting.test_port_service import make_migration


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["ports", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _loa_file(sandbox: Sandbox, folder: Path, **changes: Any) -> Path:
    rec = record(sandbox, "vonage")
    address = rec["address"]
    data = {
        "customer_name": rec["customer_name"],
        "authorized_representative": "Dana Whitfield",
        "authorized_representative_email": "dana@example.com",
        "account_number": rec["account_number"],
        "billing_telephone_number": rec["billing_telephone_number"],
        "address": {
            "street": address["street"],
            "city": address["city"],
            "state": address["state"],
            "zip": address["zip"],
        },
        "document_ids": ["RD" + "d" * 32],
        **changes,
    }
    path = folder / "loa.json"
    path.write_text(json.dumps(data))
    return path


def test_manual_ports_from_the_command_line(
    ports: Sandbox,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "to-plivo.migration"
    make_migration(ports, path, target="plivo").close()
    code, out, _ = _run(capsys, str(path))
    assert code == 0 and "No port requests yet" in out

    monkeypatch.setenv("PORT_PIN", "4321")
    loa = _loa_file(ports, tmp_path)
    code, out, err = _run(capsys, str(path), "loa", "--from", str(loa), "--pin-env", "PORT_PIN")
    assert code == 2 and "say which losing account" in err
    code, out, _ = _run(capsys, str(path), "check", "--json")
    missing = json.loads(out)["missing_loa"]
    for key in missing:
        code, out, _ = _run(
            capsys, str(path), "loa", "--account", key, "--from", str(loa), "--pin-env", "PORT_PIN"
        )
        assert code == 0 and "PIN in the keychain" in out
    assert "4321" not in path.read_bytes().decode("latin-1")

    code, out, _ = _run(capsys, str(path), "submit", "--out", str(tmp_path / "loas"))
    assert code == 0
    assert "The ticket must contain:" in out and "Ask for:" in out
    assert "LOA written" in out
    assert list((tmp_path / "loas").glob("LOA-port-*.pdf"))

    code, out, _ = _run(capsys, str(path), "show", "--json")
    requests = json.loads(out)["requests"]
    first = requests[0]["numbers"][0]["e164"]
    assert requests[0]["status"] == "draft"
    assert "file the port" in requests[0]["next_action"]

    code, out, _ = _run(capsys, str(path), "set", first, "submitted", "--ticket", "PLV-9")
    assert code == 0 and "draft -> submitted" in out
    code, out, _ = _run(capsys, str(path), "set", first, "foc", "--foc", "2030-03-19")
    assert "port date 2030-03-19" in out
    code, out, err = _run(capsys, str(path), "set", first, "sideways")
    assert code == 2 and "unknown port status" in err

    code, out, _ = _run(capsys, str(path))
    assert "REQUEST" in out and "FOC DATE" in out and "NEXT ACTION" in out
    assert first in out and "foc-confirmed" in out and "2030-03-19" in out

    code, out, _ = _run(capsys, str(path), "refresh")
    assert "No changes" in out
    code, out, _ = _run(capsys, str(path), "checklist")
    assert "Plivo account" in out
    code, out, _ = _run(capsys, str(path), "cancel", first)
    assert "cancelling" in out


def test_twilio_ports_from_the_command_line(
    ports: Sandbox,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "to-twilio.migration"
    make_migration(ports, path).close()
    target = SimpleNamespace(
        vendor="twilio",
        capabilities=TWILIO,
        credentials=ports.credentials("twilio", "target"),
        endpoint=Endpoint(ports.url),
        throttle=None,
    )
    monkeypatch.setattr(connections, "adapter_for", lambda file, role: target)
    code, out, _ = _run(capsys, str(path), "check", "--json")
    report = json.loads(out)
    assert sum(1 for p in report["portability"] if p["portable"]) == 5
    key = next(iter(report["missing_loa"]))
    loa = _loa_file(ports, tmp_path)
    _run(capsys, str(path), "loa", "--account", key, "--from", str(loa))
    us = [p["e164"] for p in report["portability"]]
    code, out, _ = _run(capsys, str(path), "submit", *us[:2], "--json")
    submitted = json.loads(out)["requests"]
    assert submitted[0]["vendor_request_id"].startswith("KW")

    advance(ports, 3, 2)
    code, out, _ = _run(capsys, str(path), "refresh", "--json")
    changes = json.loads(out)["changes"]
    assert {c["after"] for c in changes if c["e164"]} == {"foc-confirmed"}
    code, out, _ = _run(capsys, str(path), "refresh")
    assert "No changes since the last refresh" in out
    code, out, _ = _run(capsys, str(path))
    assert "keep the source number" in out
    code, out, err = _run(capsys, str(path), "set", us[0], "completed")
    assert code == 2 and "refresh" in err
    code, out, _ = _run(capsys, str(path), "cancel", submitted[0]["id"])
    assert code == 0 and "cancelling" in out
