"""Export a migration: the plan (json, csv, xlsx, html, pdf), the rollback log (json, csv) and the
bundle of translated call-flow documents. Shared by `migrator export` and the GUI's Export menu.

Exports build large documents (a plan, its rows) with no reference cycles, so the cyclic garbage
collector is paused while they do (migrator.gcpause): in a process that holds a large plan already,
as the GUI does, its passes over everything else would otherwise cost more than the export.
"""

from __future__ import annotations

import json
from pathlib import Path

from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.exports import bundle, html_report, plan_json, tabular
from migrator.exports.collect import collect
from migrator.gcpause import gc_paused

PLAN_FORMATS = ("json", "csv", "xlsx", "html", "pdf")
JOURNAL_FORMATS = ("json", "csv")


def export_plan(file: MigrationFile, fmt: str, out: Path) -> Path:
    with gc_paused():
        return _export_plan(file, fmt, out)


def _export_plan(file: MigrationFile, fmt: str, out: Path) -> Path:
    data = collect(file, with_journal=fmt == "xlsx")  # the workbook has a rollback-log sheet
    if fmt == "json":
        return plan_json.write(data, out)
    if fmt == "csv":
        return tabular.write_csv(data, out)
    if fmt == "xlsx":
        return tabular.write_xlsx(data, out)
    if fmt == "html":
        return html_report.write(data, out)
    if fmt == "pdf":
        from migrator.gui.pdf_report import render_pdf  # Qt only when a PDF is asked for

        return render_pdf(html_report.render(data), out, f"Migration plan: {data.name}")
    raise UsageError(f"unknown format '{fmt}' (one of {', '.join(PLAN_FORMATS)})")


def export_journal(file: MigrationFile, fmt: str, out: Path) -> Path:
    with gc_paused():
        return _export_journal(file, fmt, out)


def _export_journal(file: MigrationFile, fmt: str, out: Path) -> Path:
    data = collect(file, with_plan=False)
    if fmt == "json":
        out.write_text(json.dumps({"journal": data.journal}, indent=2), encoding="utf-8")
        return out
    if fmt == "csv":
        return tabular.write_journal_csv(data, out)
    raise UsageError(f"the rollback log exports as {' or '.join(JOURNAL_FORMATS)}")


def export_bundle(file: MigrationFile, out: Path) -> Path:
    with gc_paused():
        return bundle.write_bundle(collect(file, with_journal=False), out)
