"""Every export format, secrets never leaking, HTML escaping, and verified plan re-import.

The plan here is built by hand (the exporters' input is a Plan); end-to-end exports of a planned
sandbox migration are covered with the demo tests.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from migrator.cli.main import main
from migrator.engine.migration_file import MigrationFile
from migrator.exports.plan_json import PlanImportError, import_plan
from migrator.model.assessment import (
    Assessment,
    ChecklistEntry,
    DocumentTranslation,
    Finding,
    ItemAssessment,
    ItemKind,
    Summary,
    Verdict,
)
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage, ref
from migrator.schemas import load as load_schema
from migrator.services.exports import export_bundle, export_plan

CANARY_PASSWORD = "canary-pw-7f3a91"
CANARY_TOKEN = "canary-token-55e0c2"
SECRET_URL = f"https://ops:{CANARY_PASSWORD}@ivr.example.com/answer?token={CANARY_TOKEN}"
NASTY_NAME = "<script>alert('x')</script> & =HYPERLINK(\"http://evil\")"


def _source() -> Inventory:
    number = Number(
        "PN1",
        "+14155550100",
        "US",
        NumberType.LOCAL,
        frozenset({Capability.VOICE}),
        "AC1",
        friendly_name=NASTY_NAME,
        voice_app_id="AP1",
    )
    app = Application("AP1", NASTY_NAME, "AC1", {"voice_url": SECRET_URL})
    hook = Webhook(OwnerKind.APPLICATION, "AP1", WebhookPurpose.VOICE_ANSWER, SECRET_URL)
    return Inventory(Vendor.TWILIO, "AC1", numbers=(number,), applications=(app,), webhooks=(hook,))


def _target() -> Inventory:
    return Inventory(Vendor.VONAGE, "key1")


def _plan(source: Inventory, target: Inventory) -> Plan:
    spec = {"name": NASTY_NAME, "webhooks": {"voice_answer": {"url": SECRET_URL, "method": "POST"}}}
    actions = (
        Action(
            "a1",
            Stage.PREPARE,
            ActionKind.CREATE_APPLICATION,
            Side.TARGET,
            NASTY_NAME,
            "AP1",
            params={"spec": spec},
            idempotency_key="mig-1",
            summary=f"create {NASTY_NAME}",
        ),
        Action(
            "a2",
            Stage.ACQUIRE,
            ActionKind.BUY_NUMBER,
            Side.TARGET,
            "+14155550100",
            "PN1",
            params={"query": {"country": "US", "number_type": "local"}},
        ),
        Action(
            "a3",
            Stage.CONFIGURE,
            ActionKind.CONFIGURE_NUMBER,
            Side.TARGET,
            "+14155550100",
            "PN1",
            params={"number": ref("a2", "e164"), "config": {"app_id": ref("a1", "app_id")}},
            before={"voice_url": SECRET_URL},
            depends_on=("a1", "a2"),
        ),
        Action(
            "a4",
            Stage.DECOMMISSION,
            ActionKind.RELEASE_NUMBER,
            Side.SOURCE,
            "+14155550100",
            "PN1",
            reversible=False,
        ),
    )
    return Plan(
        "twilio",
        "AC1",
        "vonage",
        "key1",
        source.fingerprint(),
        target.fingerprint(),
        actions=actions,
        created_at="2026-11-23T00:00:00+00:00",
    )


def _assessment(source: Inventory) -> Assessment:
    finding = Finding("vendor-hosted-logic", Verdict.BLOCKER, f"bin {NASTY_NAME}", "rebuild it")
    return Assessment(
        "twilio",
        "AC1",
        "vonage",
        "key1",
        source.fingerprint(),
        Summary(40, "blocked", 2, {"ok": 1, "attention": 0, "blocker": 1}),
        items=(
            ItemAssessment(ItemKind.APPLICATION, "AP1", NASTY_NAME, Verdict.BLOCKER, (finding,)),
            ItemAssessment(ItemKind.NUMBER, "PN1", "+14155550100", Verdict.OK),
        ),
        checklist=(ChecklistEntry("e911", "Re-create E911 addresses", "why", "how", 1),),
        translations=(
            DocumentTranslation(SECRET_URL, "twiml", "ncco", '[{"action":"talk"}]', True),
        ),
    )


@pytest.fixture
def migration(tmp_path: Path) -> Path:
    path = tmp_path / "m.migration"
    source, target = _source(), _target()
    with MigrationFile.create(
        path,
        {
            "source": {
                "kind": "profile",
                "profile": "old",
                "vendor": "twilio",
                "account_id": "AC1",
            },
            "target": {
                "kind": "profile",
                "profile": "new",
                "vendor": "vonage",
                "account_id": "key1",
            },
        },
    ) as file:
        file.save_snapshot("source", source)
        file.save_snapshot("target", target)
        file.save_document("plan", _plan(source, target).to_dict())
        file.save_document("assessment", _assessment(source).to_dict())
    return path


def _all_text(path: Path) -> str:
    if path.is_dir():
        return "".join(_all_text(p) for p in sorted(path.rglob("*")) if p.is_file())
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return " ".join(str(c.value) for s in book for row in s.iter_rows() for c in row)
    return path.read_bytes().decode("latin-1")


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "html", "pdf"])
def test_no_canary_secret_in_any_format(migration: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"plan.{fmt}"
    assert main(["export", str(migration), "--format", fmt, "--out", str(out)]) == 0
    text = _all_text(out)
    assert CANARY_PASSWORD not in text and CANARY_TOKEN not in text
    assert out.stat().st_size > 500


def test_bundle_and_journal_exports_hide_secrets(migration: Path, tmp_path: Path) -> None:
    with MigrationFile.open(migration) as file:
        folder = export_bundle(file, tmp_path / "bundle")
        archive = export_bundle(file, tmp_path / "bundle.zip")
    index = json.loads((folder / "index.json").read_text())
    assert index["documents"][0]["file"].endswith(".json")
    assert CANARY_PASSWORD not in _all_text(folder)
    assert archive.stat().st_size > 100


def test_json_export_validates_and_reimports_exactly(migration: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    with MigrationFile.open(migration) as file:
        export_plan(file, "json", out)
        original = file.load_document("plan")
        doc = json.loads(out.read_text())
        jsonschema.validate(doc, load_schema("plan-export.schema.json"))
        assert "***" in json.dumps(doc["plan"])
        file.delete_document("plan")
        plan = import_plan(file, out)
        assert file.load_document("plan") == original
        assert plan.action("a3").before == {"voice_url": SECRET_URL}


def test_tampered_or_stale_exports_are_refused(migration: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    with MigrationFile.open(migration) as file:
        export_plan(file, "json", out)
        doc = json.loads(out.read_text())
        doc["plan"]["actions"][1]["params"]["query"]["country"] = "GB"
        tampered = tmp_path / "tampered.json"
        tampered.write_text(json.dumps(doc))
        with pytest.raises(PlanImportError, match="changed after export"):
            import_plan(file, tampered)
        file.save_snapshot("target", replace(_target(), account_name="changed"))
        with pytest.raises(PlanImportError, match="target account changed"):
            import_plan(file, out)


def test_csv_has_one_row_per_action_and_inert_formulas(migration: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    with MigrationFile.open(migration) as file:
        export_plan(file, "csv", out)
    rows = list(csv.DictReader(out.open()))
    assert [r["action"] for r in rows] == ["a1", "a2", "a3", "a4"]
    assert rows[3]["reversible"] == "no" and rows[0]["status"] == "pending"
    assert rows[1]["item"] == "+14155550100"  # a phone number stays data
    assert not any(v.startswith("=") for r in rows for v in r.values())


def test_xlsx_has_a_sheet_per_stage_and_the_assessment(migration: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    with MigrationFile.open(migration) as file:
        export_plan(file, "xlsx", out)
    book = openpyxl.load_workbook(out)
    assert {
        "Summary",
        "Prepare",
        "Acquire",
        "Configure",
        "Verify",
        "Decommission",
        "Assessment",
        "Checklist",
    } <= set(book.sheetnames)
    assert book["Decommission"].max_row == 2
    assert all(c.data_type != "f" for s in book for row in s.iter_rows() for c in row)


def test_html_escapes_markup_in_item_names(migration: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    with MigrationFile.open(migration) as file:
        export_plan(file, "html", out)
    html = out.read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    for heading in (
        "Summary",
        "What moves where",
        "Blockers",
        "Checklist",
        "Stage timeline",
        "Rollback procedure",
    ):
        assert heading in html


def test_pdf_pages_render_with_the_report_text(migration: Path, tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    out = tmp_path / "plan.pdf"
    with MigrationFile.open(migration) as file:
        export_plan(file, "pdf", out)
    document = pdfium.PdfDocument(str(out))
    assert len(document) >= 1
    page = document[0]
    text = page.get_textpage().get_text_range()
    assert "Migration plan" in text and "Rollback" in " ".join(
        document[i].get_textpage().get_text_range() for i in range(len(document))
    )
    bitmap = page.render(scale=1)
    pixels = bytes(bitmap.buffer)
    assert bitmap.width > 500 and bitmap.height > 700
    dark = sum(1 for value in pixels[::4] if value < 100)
    assert dark > 1000  # text drawn on the page, not a blank render
