"""Every export format, secrets never leaking, HTML escaping, and verified plan re-import.

The plan here is built by hand (the exporters' input is a Plan); end-to-end exports of a planned
sandbox migration are covered with the demo tests.
"""

from __future__ import annotations

import csv
import json
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.bench_planner import TARGET_ACCOUNTS, synthetic_inventory
from migrator.cli.main import main
from migrator.engine.journal import Journal, Status
from migrator.engine.migration_file import MigrationFile
from migrator.exports.collect import plan_fingerprint
from migrator.exports.plan_json import (
    PlanImportError,
    import_plan,
    indented_json,
    schema_problem,
)
from migrator.exports.redaction import redact_data
from migrator.exports.tabular import COLUMNS
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
from migrator.model.urls import redact_url
from migrator.schemas import load as load_schema
from migrator.services import execution, planning
from migrator.services.exports import export_bundle, export_journal, export_plan

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


# --- what the exporters' speed-ups must keep exactly -------------------------------------------
RICH_TEXT_PAYLOAD = (
    '<r><t>x</t></r></is></c><c r="B2"><f>HYPERLINK("http://evil","go")</f></c>'
    '<c r="C2" t="inlineStr"><is><r><t>y</t></r>'
)


def _save_plan(path: Path, plan: Plan) -> None:
    with MigrationFile.open(path) as file:
        file.save_document("plan", plan.to_dict())


def test_xlsx_text_that_looks_like_rich_text_xml_stays_text(
    migration: Path, tmp_path: Path
) -> None:
    """XlsxWriter would copy text shaped like its rich-text XML into the sheet as it is (which
    could add a formula cell); the exporter hands it over escaped."""
    source = _source()
    plan = _plan(source, _target())
    actions = tuple(replace(a, item=RICH_TEXT_PAYLOAD) for a in plan.actions)
    _save_plan(migration, replace(plan, actions=actions))
    out = tmp_path / "plan.xlsx"
    with MigrationFile.open(migration) as file:
        export_plan(file, "xlsx", out)
    book = openpyxl.load_workbook(out)
    assert book["Prepare"]["C2"].value == RICH_TEXT_PAYLOAD
    assert book["Prepare"]["D2"].value == "vonage"  # the row's own next cell, not injected
    assert all(c.data_type != "f" for s in book for row in s.iter_rows() for c in row)
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def test_xlsx_cells_keep_their_values_types_and_inert_formulas(
    migration: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    with MigrationFile.open(migration) as file:
        export_plan(file, "xlsx", out)
    book = openpyxl.load_workbook(out)
    prepare = [[c.value for c in row] for row in book["Prepare"].iter_rows()]
    assert prepare[0] == list(COLUMNS)
    assert prepare[1][:6] == [
        "prepare",
        "a1",
        NASTY_NAME,
        "vonage",
        "target",
        "create_application",
    ]
    assert prepare[1][6] is None  # no before-state: an empty cell
    assert "***" in prepare[1][7] and CANARY_PASSWORD not in prepare[1][7]
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["actions"] == 4 and summary["score"] == 40  # numbers stay numbers
    assessment = [[c.value for c in row] for row in book["Assessment"].iter_rows(min_row=2)]
    assert assessment == [
        [
            "application",
            NASTY_NAME,
            "blocker",
            "vendor-hosted-logic",
            f"bin {NASTY_NAME}",
            "rebuild it",
        ]
    ]
    configure = [[c.value for c in row] for row in book["Configure"].iter_rows(min_row=2)]
    assert configure[0][0] == "configure" and configure[0][1] == "a3"


def test_json_text_is_what_the_json_module_writes() -> None:
    doc = {
        "name": "Zürich ☎ \U0001f4de",
        "nested": {"empty": {}, "list": [], "values": [1, 2.5, None, True, 'x\n\t"\\']},
        "control": "\x01\x7f",
    }
    assert indented_json(doc) == json.dumps(doc, indent=2, ensure_ascii=False).encode()
    # orjson spells these floats otherwise, and refuses these keys: the json module writes them
    odd = {"tiny": 1e-05, "small": 1.5e-07, "keys": {1: "a"}}
    assert indented_json(odd) == json.dumps(odd, indent=2, ensure_ascii=False).encode()


def test_fast_plan_fingerprint_is_the_plan_fingerprint() -> None:
    source, target = _source(), _target()
    plan = _plan(source, target)
    assert plan_fingerprint(plan) == plan.fingerprint()
    odd = replace(
        plan.actions[1],
        params={"query": {"price": 1e-05, "big": 1e17, "nan": float("nan"), "name": "Zürich"}},
    )
    plan = replace(plan, actions=(plan.actions[0], odd, *plan.actions[2:]))
    assert plan_fingerprint(plan) == plan.fingerprint()


def _redact_every_value(value: Any) -> Any:
    """The plain walk the exporters used before: what redact_data must still give."""
    if isinstance(value, str):
        return redact_url(value) if "://" in value else value
    if isinstance(value, dict):
        return {k: _redact_every_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_every_value(v) for v in value]
    return value


_plain_text = st.sampled_from(["", "a", "+14155550100", SECRET_URL, "http://x.example/y?key=s"])
_keys = st.sampled_from(["url", "voice_url", "name", "+14155550100"])  # keys are never redacted
_plain_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _plain_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=30,
)


@given(_plain_data)
@settings(max_examples=200, deadline=None)
def test_redaction_gives_what_a_walk_over_every_value_gives(value: Any) -> None:
    redacted = redact_data(value)
    assert redacted == _redact_every_value(value)
    assert CANARY_PASSWORD not in json.dumps(redacted)


def test_redaction_keeps_parts_without_urls_and_copies_the_rest() -> None:
    calm = {"country": "US", "numbers": [1, 2]}
    data = {"calm": calm, "hook": {"url": SECRET_URL}, "pair": ("a", SECRET_URL)}
    redacted = redact_data(data)
    assert redacted["calm"] is calm
    assert redacted["pair"] == ["a", redact_url(SECRET_URL)]
    assert data["hook"]["url"] == SECRET_URL  # the input is never changed


def test_exports_show_journal_statuses_and_a_redacted_rollback_log(
    migration: Path, tmp_path: Path
) -> None:
    with MigrationFile.open(migration) as file:
        plan = execution.load_plan(file)
        journal = Journal(file)
        key = journal.bind(plan)
        journal.intent(key, "a1", {"op": "create", "voice_url": SECRET_URL}, None)
        journal.outcome(key, "a1", Status.DONE, {"app_id": "NEW1"})
        expected = execution.action_statuses(file)
        for fmt in ("json", "csv", "xlsx"):
            export_plan(file, fmt, tmp_path / f"plan.{fmt}")
        export_journal(file, "csv", tmp_path / "log.csv")
        export_journal(file, "json", tmp_path / "log.json")
    assert expected["a1"] == "done" and expected["a2"] == "pending"
    doc = json.loads((tmp_path / "plan.json").read_text())
    assert doc["statuses"] == expected
    rows = list(csv.DictReader((tmp_path / "plan.csv").open()))
    assert {r["action"]: r["status"] for r in rows} == expected
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert book["Prepare"]["J2"].value == "done"
    log = [[c.value for c in row] for row in book["Rollback log"].iter_rows()]
    assert len(log) == 3  # header, intent, outcome
    for path in (tmp_path / "plan.xlsx", tmp_path / "log.csv", tmp_path / "log.json"):
        text = _all_text(path)
        assert "ivr.example.com" in text and CANARY_PASSWORD not in text, path.name
        assert CANARY_TOKEN not in text, path.name


def test_a_planned_migration_exports_json_that_keeps_to_the_schema(tmp_path: Path) -> None:
    """The real planner's output (not only the hand-built plan above), checked here because
    the exporter does not validate what it writes; then re-imported exactly."""
    path = tmp_path / "planned.migration"
    meta = {
        "source": {"kind": "profile", "vendor": "twilio", "account_id": "ACsource"},
        "target": {"kind": "profile", "vendor": "vonage", "account_id": TARGET_ACCOUNTS["vonage"]},
    }
    with MigrationFile.create(path, meta) as file:
        file.save_snapshot("source", synthetic_inventory(40))
        file.save_snapshot(
            "target", Inventory(vendor=Vendor.VONAGE, account_id=TARGET_ACCOUNTS["vonage"])
        )
    out = tmp_path / "plan.json"
    with MigrationFile.open(path) as file:
        planning.build_plan(file)
        export_plan(file, "json", out)
        original = file.load_document("plan")
        doc = json.loads(out.read_text(encoding="utf-8"))
        jsonschema.validate(doc, load_schema("plan-export.schema.json"))
        assert schema_problem(doc) is None
        assert len(doc["plan"]["actions"]) > 40 and doc["plan_fingerprint"] != ""
        file.delete_document("plan")
        import_plan(file, out)
        assert file.load_document("plan") == original


def test_import_names_where_a_document_breaks_the_schema(migration: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    with MigrationFile.open(migration) as file:
        export_plan(file, "json", out)
        doc = json.loads(out.read_text())
        doc["plan"]["actions"][2]["stage"] = "teleport"
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps(doc))
        with pytest.raises(PlanImportError, match=r"plan/actions/2/stage: 'teleport'"):
            import_plan(file, broken)
    del doc["plan_fingerprint"]  # of two problems, the one that tells most is named
    assert schema_problem(doc) == "document: 'plan_fingerprint' is a required property"


def test_schema_check_takes_what_only_python_json_reads(migration: Path, tmp_path: Path) -> None:
    """A NaN (json.loads reads it) is no JSON number for jsonschema-rs; the schema puts no
    constraint on parameters, so the document still keeps to it."""
    out = tmp_path / "plan.json"
    with MigrationFile.open(migration) as file:
        export_plan(file, "json", out)
    doc = json.loads(out.read_text())
    doc["plan"]["actions"][1]["params"]["price"] = float("nan")
    assert schema_problem(doc) is None
    doc["plan"]["actions"][1]["reversible"] = "maybe"
    assert schema_problem(doc) == "plan/actions/1/reversible: 'maybe' is not of type 'boolean'"


def test_port_requests_reach_the_json_and_the_report(migration: Path, tmp_path: Path) -> None:
    from migrator.model.porting import PortNumber, PortRequest, PortRoute, PortStatus
    from migrator.services.port_store import PortStore

    with MigrationFile.open(migration) as file:
        assert PortStore.existing_requests(file) == []  # read without creating the tables
        assert not file.query("SELECT name FROM sqlite_master WHERE name = 'port_requests'")
        number = PortNumber("+13125550100", PortStatus.FOC_CONFIRMED, foc_date="2030-03-20")
        PortStore(file).save(
            PortRequest(
                id="port-7",
                target_vendor="vonage",
                target_account="key1",
                losing_key="twilio:AC1",
                route=PortRoute.TICKET,
                status=PortStatus.FOC_CONFIRMED,
                numbers=(number,),
                ticket_id="TICKET-4242",
            )
        )
        export_plan(file, "json", tmp_path / "plan.json")
        export_plan(file, "html", tmp_path / "plan.html")
    document = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in document["ports"]] == ["port-7"]
    assert document["ports"][0]["numbers"][0]["e164"] == "+13125550100"
    html = (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert "Port status" in html and "TICKET-4242" in html
