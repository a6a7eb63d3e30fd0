"""`migrator translate FILE --to ...` through the real entry point."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from migrator.cli.main import main
from tests.markup.acceptance import assert_ncco_accepted, assert_plivo_accepted

CORPUS = Path(__file__).parent / "corpus"


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_complete_translation_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path, "hello.xml", "<Response><Say>Hello</Say><Hangup/></Response>")
    assert main(["translate", source, "--to", "plivo"]) == 0
    out, err = capsys.readouterr()
    assert_plivo_accepted(out)
    assert "<Speak>Hello</Speak>" in out
    assert err == ""


def test_something_lost_exits_one_and_reports_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(CORPUS / "pay" / "source.twiml.xml")
    assert main(["translate", source, "--to", "ncco"]) == 1
    out, err = capsys.readouterr()
    assert_ncco_accepted(out)
    assert "lost" in err and "<Pay>" in err and "Fix:" in err
    assert "<Pay>" not in out


def test_notes_alone_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(CORPUS / "ncco-forward" / "source.ncco.json")
    assert main(["translate", source, "--to", "twiml"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_json_output_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(CORPUS / "simultaneous-ring" / "source.twiml.xml")
    assert main(["translate", source, "--to", "ncco", "--json"]) == 1
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert set(document) == {"source", "target", "output", "report", "complete"}
    assert document["complete"] is False
    assert document["source"] == "twiml"
    assert_ncco_accepted(document["output"])
    severities = {item["severity"] for item in document["report"]}
    assert "lost" in severities
    assert all(
        set(item) == {"severity", "path", "what", "why", "fix"} for item in document["report"]
    )
    assert err == ""


def test_messaging_to_ncco_has_no_document(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(CORPUS / "sms-auto-reply" / "source.twiml.xml")
    assert main(["translate", source, "--to", "ncco"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Messages API" in err
    assert "nothing in this document can be expressed in ncco" in err


def test_bad_input_exits_two_with_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path, "broken.xml", "<Response>\n<Say>Hi</Response>")
    assert main(["translate", source, "--to", "ncco"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("migrator: ") and "line 2" in err


def test_xml_bomb_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = (
        '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><Response><Say>&b;</Say></Response>'
    )
    assert main(["translate", _write(tmp_path, "bomb.xml", bomb), "--to", "plivo"]) == 2
    assert "DOCTYPE" in capsys.readouterr().err


def test_missing_file_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(tmp_path / "nope.xml"), "--to", "ncco"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_declared_source_and_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plivo = "<Response><Play>https://x.example.com/a.mp3</Play></Response>"
    monkeypatch.setattr("sys.stdin", io.StringIO(plivo))
    assert main(["translate", "-", "--from", "plivo", "--to", "ncco", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["source"] == "plivo"
    assert json.loads(document["output"])[0]["streamUrl"] == ["https://x.example.com/a.mp3"]


def test_target_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["translate", "x.xml"])
    assert caught.value.code == 2
    assert "--to" in capsys.readouterr().err
