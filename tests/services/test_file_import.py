"""Importing an inventory from a file: both formats, and every problem reported with a position."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.vendors.file_import import CSV_COLUMNS, ImportFileError, import_inventory

CSV_OK = """number,country,type,capabilities,friendly_name,application,voice_url,voice_method,sms_url,tags
+14155550123,,,voice;sms,Main line,Front desk,https://ivr.example.com/answer,GET,https://ivr.example.com/sms,hq
(212) 555-0143,US,local,voice,Sales,,https://sales.example.com/voice,POST,,sales;east
+442071838750,,,voice;sms;mms,London,Front desk,,,,
"""


def test_csv_import_builds_numbers_apps_and_webhooks(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(CSV_OK)
    inventory = import_inventory(path)
    assert inventory.vendor is Vendor.FILE
    numbers = {n.e164: n for n in inventory.numbers}
    assert set(numbers) == {"+14155550123", "+12125550143", "+442071838750"}
    assert numbers["+442071838750"].country == "GB"
    assert numbers["+12125550143"].tags == frozenset({"sales", "east"})
    assert numbers["+14155550123"].capabilities == frozenset({Capability.VOICE, Capability.SMS})
    assert numbers["+12125550143"].number_type is NumberType.LOCAL
    (app,) = inventory.applications
    assert app.name == "Front desk"
    assert numbers["+14155550123"].voice_app_id == app.id == numbers["+442071838750"].voice_app_id
    app_hooks = {w.purpose: w for w in inventory.webhooks_of(OwnerKind.APPLICATION, app.id)}
    assert app_hooks[WebhookPurpose.VOICE_ANSWER].method == "GET"
    own = inventory.webhooks_of(OwnerKind.NUMBER, "+12125550143")
    assert [(w.purpose, w.url) for w in own] == [
        (WebhookPurpose.VOICE_ANSWER, "https://sales.example.com/voice")
    ]


def test_same_file_gives_same_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(CSV_OK)
    assert import_inventory(path).fingerprint() == import_inventory(path).fingerprint()


def test_csv_problems_carry_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "number,capabilities,colour\n"
        "+14155550123,voice\n"
        "not-a-number,voice\n"
        "+14155550123,sms\n"
        "+14155550124,telepathy\n"
    )
    with pytest.raises(ImportFileError) as caught:
        import_inventory(path)
    where = {(p.line, p.column) for p in caught.value.problems}
    assert (1, 3) in where  # unknown column
    assert (3, 1) in where  # invalid number
    assert (4, 1) in where  # duplicate
    assert (5, 2) in where  # unknown capability
    assert "line 3, column 1" in str(caught.value)


def test_json_import_validates_against_the_published_schema(tmp_path: Path) -> None:
    document = {
        "format": "migrator-import",
        "version": 1,
        "vendor_name": "Tropo",
        "applications": [
            {
                "name": "IVR",
                "webhooks": [{"purpose": "voice_answer", "url": "https://x.example/a"}],
            }
        ],
        "numbers": [
            {"number": "+14155550123", "application": "IVR", "capabilities": ["voice"]},
            {
                "number": "+14155550124",
                "webhooks": [
                    {"purpose": "sms_inbound", "url": "https://x.example/s", "method": "GET"}
                ],
            },
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, indent=2))
    inventory = import_inventory(path)
    assert inventory.account_name == "Tropo"
    assert len(inventory.numbers) == 2 and len(inventory.applications) == 1
    sms = inventory.webhooks_of(OwnerKind.NUMBER, "+14155550124")
    assert sms[0].method == "GET"


def test_json_syntax_and_schema_errors_have_positions(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": "migrator-import",\n  "version": 1,\n  "numbers": [,]\n}')
    with pytest.raises(ImportFileError) as caught:
        import_inventory(broken)
    assert caught.value.problems[0].line == 4
    invalid = tmp_path / "invalid.json"
    invalid.write_text(
        json.dumps(
            {"format": "migrator-import", "version": 1, "numbers": [{"number": 5, "x": 1}]},
            indent=2,
        )
    )
    with pytest.raises(ImportFileError) as caught:
        import_inventory(invalid)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "numbers[0].number" in messages and "'x'" in messages
    assert all(p.line > 1 for p in caught.value.problems)


def test_empty_and_binary_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ImportFileError, match="empty"):
        import_inventory(empty)
    header_only = tmp_path / "header.csv"
    header_only.write_text(",".join(CSV_COLUMNS) + "\n")
    with pytest.raises(ImportFileError, match="no numbers"):
        import_inventory(header_only)
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"number\n\xff\xfe\x00")
    with pytest.raises(ImportFileError, match="UTF-8"):
        import_inventory(binary)


def test_every_problem_of_a_csv_row_is_reported_in_words_an_admin_reads(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "number,type,capabilities,voice_url,sms_url\n"
        "+14155550123,Local,voice;SMS,https://ivr.example.com/a,\n"
        "+14155550124,weird,voice;fax2,ftp://ops:secret@files.example.com/x,/relative\n"
    )
    with pytest.raises(ImportFileError) as caught:
        import_inventory(path)
    problems = {(p.line, p.column): p.message for p in caught.value.problems}
    assert set(problems) == {(3, 2), (3, 3), (3, 4), (3, 5)}  # row 2 is fine (any case)
    assert problems[3, 2] == "type 'weird' is not one of: local, mobile, tollfree, national, other"
    assert problems[3, 3] == "capability 'fax2' is not one of: voice, sms, mms, fax"
    assert "is not an http or https URL" in problems[3, 4]
    assert "secret" not in str(caught.value)  # a URL's credentials are never shown


def test_json_problems_point_at_the_entry_that_has_them(tmp_path: Path) -> None:
    numbers: list[dict[str, object]] = [{"number": f"+1415555{i:04d}"} for i in range(3000)]
    numbers[2999]["webhooks"] = [{"purpose": "voice_answer", "url": "ftp://x.example/a"}]
    numbers[1500]["number"] = "12"
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "migrator-import", "version": 1, "numbers": numbers}))
    text = path.read_text()
    with pytest.raises(ImportFileError) as caught:
        import_inventory(path)
    found = {p.message.split(":")[0]: (p.line, p.column) for p in caught.value.problems}
    bad_url = text.index('"url": "ftp://x.example/a"')
    assert found["numbers[2999].webhooks[0].url"] == (1, bad_url + 1)
    assert found["'12' is not a valid phone number"] == (1, text.index('"number": "12"') + 1)


def test_json_schema_errors_point_at_the_entry_that_has_them(tmp_path: Path) -> None:
    numbers = [{"number": "+14155550100", "type": "local"} for _ in range(5)]
    numbers[4]["type"] = "weird"
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps({"format": "migrator-import", "version": 1, "numbers": numbers}, indent=2)
    )
    with pytest.raises(ImportFileError) as caught:
        import_inventory(path)
    (problem,) = caught.value.problems
    line = path.read_text().splitlines()[problem.line - 1]
    assert problem.message.startswith("numbers[4].type")
    assert line[problem.column - 1 :].startswith('"type": "weird"')


def test_every_regions_example_numbers_import_as_phonenumbers_places_them(tmp_path: Path) -> None:
    """Country and type of each region's example landline, mobile and toll-free number,
    written in E.164 or nationally with its country, as phonenumbers' own answers give them."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType

    types = {
        PhoneNumberType.FIXED_LINE: NumberType.LOCAL,
        PhoneNumberType.FIXED_LINE_OR_MOBILE: NumberType.LOCAL,
        PhoneNumberType.MOBILE: NumberType.MOBILE,
        PhoneNumberType.TOLL_FREE: NumberType.TOLLFREE,
    }
    rows, expected = ["number,country"], {}
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None or not phonenumbers.is_valid_number(example):
                continue
            e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
            if e164 in expected:
                continue
            national = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
            rows.append(f"{e164}," if len(expected) % 2 else f'"{national}",{region}')
            found = types.get(phonenumbers.number_type(example), NumberType.LOCAL)
            expected[e164] = (phonenumbers.region_code_for_number(example), found)
    path = tmp_path / "examples.csv"
    path.write_text("\n".join(rows) + "\n")
    inventory = import_inventory(path)
    assert len(expected) > 500
    assert {n.e164: (n.country, n.number_type) for n in inventory.numbers} == expected
