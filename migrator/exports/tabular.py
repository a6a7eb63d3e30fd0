"""One row per action, as CSV and as an XLSX workbook.

The workbook has a sheet per stage beside the summary, assessment, checklist and rollback-log
sheets, written by XlsxWriter row by row (constant memory: a 100,000-number plan stays small in
memory). Cells that a spreadsheet would run as formulas are made inert: text is always written
as text, and text a spreadsheet would evaluate (=, +, -, @ ...) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter  # type: ignore[import-untyped]  # ships no type hints

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


def action_table(data: ExportData) -> list[list[Any]]:
    """One row per action, values in COLUMNS order."""
    if data.plan is None or data.plan_data is None:
        raise MigratorError("this migration has no plan yet; run `migrator plan` first")
    plan = data.plan_data
    vendors = {"source": plan["source_vendor"], "target": plan["target_vendor"]}
    status_of = data.status_of
    return [
        [
            action["stage"],
            action["id"],
            action["item"],
            vendors.get(action["side"], plan["target_vendor"]),
            action["side"],
            action["kind"],
            _compact(action.get("before")),
            _compact(action.get("params")),
            "yes" if action["reversible"] else "no",
            status_of(action["id"]),
        ]
        for action in plan["actions"]
    ]


def write_csv(data: ExportData, out: Path) -> Path:
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([inert(v) for v in row] for row in action_table(data))
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


_WORKBOOK_OPTIONS = {
    "constant_memory": True,  # rows go to disk as they are written
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def _text(value: str) -> str:
    """XlsxWriter writes text that starts with <r> and ends with </r> into the sheet's XML as
    it is (its own form for rich text): such text is handed over as a rich-text run holding
    the text escaped, so it is shown as written and cannot add cells or formulas."""
    if value.startswith("<r>") and value.endswith("</r>"):
        return f'<r><t xml:space="preserve">{escape(value)}</t></r>'
    return value


def _width(index: int, name: str, rows: Sequence[Sequence[Any]]) -> int:
    width = max([len(name), *(len(str(r[index])) for r in rows[:200])], default=10)
    return min(60, max(10, width + 2))


def _sheet(
    book: Any, bold: Any, title: str, header: list[str], rows: Sequence[Sequence[Any]]
) -> None:
    """One sheet, written row by row; text is always text (never a formula)."""
    sheet = book.add_worksheet(title[:31])
    for index, name in enumerate(header):
        sheet.set_column(index, index, _width(index, name, rows))
    sheet.freeze_panes(1, 0)
    for index, name in enumerate(header):
        sheet.write_string(0, index, _text(name), bold)
    write_string = sheet.write_string
    for number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if type(value) is str:  # most cells: checked here rather than in three calls
                if value:
                    if value[0] in _SPECIAL_START:
                        value = _text(inert(value))
                    write_string(number, index, value)
            elif value is not None:
                _write_other(sheet, number, index, inert(_cell(value)))


_SPECIAL_START = frozenset("=+-@\t\r<")
"""First characters of the text that inert() or _text() may change."""


def _write_other(sheet: Any, row: int, column: int, value: Any) -> None:
    if isinstance(value, str):
        if value:
            sheet.write_string(row, column, _text(str(value)))
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float) and math.isfinite(value):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, _text(str(value)))


def write_xlsx(data: ExportData, out: Path) -> Path:
    rows = action_table(data)
    book = xlsxwriter.Workbook(str(out), _WORKBOOK_OPTIONS)
    bold = book.add_format({"bold": True})
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
    _sheet(book, bold, "Summary", ["field", "value"], summary)
    by_stage: dict[str, list[list[Any]]] = {stage.value: [] for stage in Stage}
    for row in rows:
        by_stage.setdefault(row[0], []).append(row)
    for stage in Stage:
        _sheet(book, bold, stage.value.capitalize(), list(COLUMNS), by_stage[stage.value])
    if data.assessment:
        findings = [
            [item.kind.value, item.label, item.verdict.value, f.rule, f.reason, f.fix]
            for item in data.assessment.items
            for f in item.findings
            if item.verdict.value != "ok" or f.checklist
        ]
        _sheet(
            book, bold, "Assessment", ["kind", "item", "verdict", "rule", "reason", "fix"], findings
        )
        checklist = [
            [c.title, c.count, c.why, c.how, "; ".join(c.sources)]
            for c in data.assessment.checklist
        ]
        _sheet(book, bold, "Checklist", ["task", "items", "why", "how", "sources"], checklist)
    if data.journal:
        columns = sorted({key for row in data.journal for key in row})
        _sheet(
            book, bold, "Rollback log", columns, [[r.get(c) for c in columns] for r in data.journal]
        )
    book.close()
    return out
