"""One row per action, as CSV and as an XLSX workbook.

The workbook has a sheet per stage beside the summary, assessment, checklist and rollback-log
sheets. Cells that a spreadsheet would run as formulas are made inert."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from migrator.errors import MigratorError
from migrator.exports.collect import ExportData
from migrator.model.plan import Stage

COLUMNS = (
    "stage",
    "action",
    "item",
    "vendor",
    "side",
    "operation",
    "before",
    "after",
    "reversible",
    "status",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """Text a spreadsheet would evaluate (=, +, -, @ ...) gets a leading apostrophe, except
    plain numbers such as +14155550100 that are data, not formulas."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if value[0] in "+-" and value[1:].replace(" ", "").isdigit():
        return value
    return "'" + value


def _compact(value: Any) -> str:
    if value in (None, {}, []):
        return ""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def action_rows(data: ExportData) -> list[dict[str, Any]]:
    if data.plan is None or data.plan_data is None:
        raise MigratorError("this migration has no plan yet; run `migrator plan` first")
    plan = data.plan_data
    rows = []
    for action in plan["actions"]:
        side = action["side"]
        rows.append(
            {
                "stage": action["stage"],
                "action": action["id"],
                "item": action["item"],
                "vendor": plan["source_vendor"] if side == "source" else plan["target_vendor"],
                "side": side,
                "operation": action["kind"],
                "before": _compact(action.get("before")),
                "after": _compact(action.get("params")),
                "reversible": "yes" if action["reversible"] else "no",
                "status": data.status_of(action["id"]),
            }
        )
    return rows


def write_csv(data: ExportData, out: Path) -> Path:
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in action_rows(data):
            writer.writerow({k: inert(v) for k, v in row.items()})
    return out


def write_journal_csv(data: ExportData, out: Path) -> Path:
    """The rollback log (journal) as CSV."""
    columns = sorted({key for row in data.journal for key in row}) or ["action_id", "status"]
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in data.journal:
            writer.writerow({k: inert(_cell(v)) for k, v in row.items()})
    return out


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return _compact(value)
    return value


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    """One streamed sheet (write-only: a 100,000-row plan stays fast and small in memory)."""
    sheet = book.create_sheet(title=title[:31])
    for index, name in enumerate(header, start=1):
        width = max([len(name), *(len(str(r[index - 1])) for r in rows[:200])], default=10)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, width + 2))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=inert(_cell(value)))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cells.append(cell)
        sheet.append(cells)


def write_xlsx(data: ExportData, out: Path) -> Path:
    rows = action_rows(data)
    book = Workbook(write_only=True)
    summary: list[list[Any]] = [
        ["migration", data.name],
        ["generated", data.generated_at],
        ["source", f"{data.source.get('vendor', '')} {data.source.get('account_id', '')}"],
        ["target", f"{data.target.get('vendor', '')} {data.target.get('account_id', '')}"],
        ["actions", len(rows)],
    ]
    if data.assessment:
        summary += [
            ["score", data.assessment.summary.score],
            ["status", data.assessment.summary.status],
        ]
    _sheet(book, "Summary", ["field", "value"], summary)
    for stage in Stage:
        stage_rows = [[r[c] for c in COLUMNS] for r in rows if r["stage"] == stage.value]
        _sheet(book, stage.value.capitalize(), list(COLUMNS), stage_rows)
    if data.assessment:
        findings = [
            [item.kind.value, item.label, item.verdict.value, f.rule, f.reason, f.fix]
            for item in data.assessment.items
            for f in item.findings
            if item.verdict.value != "ok" or f.checklist
        ]
        _sheet(book, "Assessment", ["kind", "item", "verdict", "rule", "reason", "fix"], findings)
        checklist = [
            [c.title, c.count, c.why, c.how, "; ".join(c.sources)]
            for c in data.assessment.checklist
        ]
        _sheet(book, "Checklist", ["task", "items", "why", "how", "sources"], checklist)
    if data.journal:
        columns = sorted({key for row in data.journal for key in row})
        _sheet(book, "Rollback log", columns, [[r.get(c) for c in columns] for r in data.journal])
    book.save(out)
    return out
