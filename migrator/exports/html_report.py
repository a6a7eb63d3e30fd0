"""The report a change-approval board reads, as one self-contained HTML page.

Kept to the HTML subset Qt's QTextDocument renders, because the PDF is this same page printed by
Qt. Every piece of text from the migration goes through `html.escape`, so item names with markup
in them stay text.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from migrator.exports.collect import ExportData
from migrator.model.assessment import Verdict
from migrator.model.plan import ActionKind, Stage

MAX_ROWS_PER_STAGE = 200
"""Longer stages are summarised; the CSV/XLSX exports list every action."""

_STAGE_TEXT = {
    Stage.PREPARE: "Create the applications the numbers will point at on the target.",
    Stage.ACQUIRE: "Buy replacement numbers and submit port-in requests.",
    Stage.CONFIGURE: "Link numbers to applications and set webhooks on the target.",
    Stage.VERIFY: "Read everything back from the target and compare with the plan.",
    Stage.DECOMMISSION: "Release source numbers and delete source applications (irreversible).",
}
_ROLLBACK_TEXT = {
    ActionKind.CREATE_APPLICATION: "delete the created application",
    ActionKind.UPDATE_APPLICATION: "restore the application's previous configuration",
    ActionKind.BUY_NUMBER: "release the bought number",
    ActionKind.CONFIGURE_NUMBER: "restore the number's previous routing",
    ActionKind.SUBMIT_PORT: "cancel the port request while the vendor still allows it",
}

_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #1b1f24; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; margin: 4pt 0; }
th { background: #e8ecf0; text-align: left; padding: 3pt; }
td { padding: 3pt; vertical-align: top; }
.muted { color: #5b6570; }
.blocker { color: #a4161a; font-weight: bold; }
.attention { color: #9a6700; font-weight: bold; }
.ok { color: #1a7f37; font-weight: bold; }
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _table(
    header: list[str], rows: list[list[Any]], raw_columns: frozenset[int] = frozenset()
) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header) if any(header) else ""
    body = []
    for row in rows:
        cells = "".join(
            f"<td>{cell if index in raw_columns else _e(cell)}</td>"
            for index, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    opening = '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
    head_row = f"<tr>{head}</tr>" if head else ""
    return f"{opening}{head_row}{''.join(body)}</table>"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _verdict(verdict: Verdict | str) -> str:
    value = verdict.value if isinstance(verdict, Verdict) else verdict
    return f'<span class="{_e(value)}">{_e(value)}</span>'


def _account(origin: dict[str, Any]) -> str:
    vendor, account = origin.get("vendor", ""), origin.get("account_id", "")
    return f"{vendor} account {account} {origin.get('account_name', '')}".strip()


def _summary(data: ExportData) -> str:
    parts = ["<h2>Summary</h2>"]
    source, target = data.source, data.target
    rows: list[list[Any]] = [["From", _account(source)], ["To", _account(target)]]
    if data.assessment:
        summary = data.assessment.summary
        rows.append(["Readiness score", f"{summary.score} / 100 ({summary.status})"])
        rows.append(["Items assessed", summary.items])
        rows += [[f"Items: {k}", v] for k, v in summary.counts.items()]
    if data.plan:
        rows.append(["Actions in the plan", len(data.plan.actions)])
        done = Counter(data.statuses.values())
        if done:
            rows.append(["Run status", ", ".join(f"{k} {v}" for k, v in sorted(done.items()))])
    parts.append(_table(["", ""], rows))
    return "".join(parts)


def _moves(data: ExportData) -> str:
    if not data.plan:
        return ""
    kinds = Counter(a.kind for a in data.plan.actions)
    rows = [
        ["Applications created on the target", kinds[ActionKind.CREATE_APPLICATION]],
        ["Numbers replaced by new numbers (bought)", kinds[ActionKind.BUY_NUMBER]],
        ["Numbers ported (same number)", kinds[ActionKind.SUBMIT_PORT]],
        ["Numbers configured on the target", kinds[ActionKind.CONFIGURE_NUMBER]],
        ["Source numbers released", kinds[ActionKind.RELEASE_NUMBER]],
        ["Source applications deleted", kinds[ActionKind.DELETE_APPLICATION]],
        ["Manual steps", kinds[ActionKind.MANUAL]],
    ]
    return "<h2>What moves where</h2>" + _table(["", "count"], [r for r in rows if r[1]])


def _blockers(data: ExportData) -> str:
    if not data.assessment:
        return "<h2>Assessment</h2><p class='muted'>No assessment yet.</p>"
    parts = ["<h2>Blockers and how they are resolved</h2>"]
    blockers = data.assessment.with_verdict(Verdict.BLOCKER)
    if not blockers:
        parts.append("<p>No blockers.</p>")
    rows = [
        [_verdict(item.verdict), item.label, f.reason, f.fix]
        for item in blockers[:MAX_ROWS_PER_STAGE]
        for f in item.findings
        if f.verdict is Verdict.BLOCKER
    ]
    if rows:
        parts.append(_table(["", "item", "why", "resolution"], rows, frozenset({0})))
    if len(blockers) > MAX_ROWS_PER_STAGE:
        parts.append(f"<p class='muted'>... and {len(blockers) - MAX_ROWS_PER_STAGE} more.</p>")
    rules = data.assessment.summary.rules
    if rules:
        parts.append("<h2>Findings by rule</h2>")
        parts.append(
            _table(
                ["verdict", "rule", "items", "example"],
                [[_verdict(r.verdict), r.rule, r.count, r.example] for r in rules],
                frozenset({0}),
            )
        )
    return "".join(parts)


def _checklist(data: ExportData) -> str:
    if not data.assessment or not data.assessment.checklist:
        return ""
    rows = [[c.title, c.count, c.why, c.how] for c in data.assessment.checklist if c.count]
    if not rows:
        return ""
    return "<h2>Checklist (outside the plan)</h2>" + _table(["task", "items", "why", "how"], rows)


def _timeline(data: ExportData) -> str:
    if not data.plan:
        return ""
    rows = []
    for stage in Stage:
        actions = data.plan.stage_actions(stage)
        if not actions:
            continue
        statuses = Counter(data.status_of(a.id) for a in actions)
        gate = "typed confirmation, after verify" if stage.irreversible else "confirmation"
        rows.append(
            [
                stage.value,
                _STAGE_TEXT[stage],
                len(actions),
                gate,
                ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())),
            ]
        )
    return "<h2>Stage timeline</h2>" + _table(["stage", "what", "actions", "gate", "status"], rows)


def _rollback(data: ExportData) -> str:
    if not data.plan:
        return ""
    reversible = Counter(a.kind for a in data.plan.actions if a.reversible and a.inverse)
    irreversible = [a for a in data.plan.actions if not a.reversible]
    parts = [
        "<h2>Rollback procedure</h2>",
        "<p>Run <b>migrator rollback FILE.migration</b> (or Run &gt; Roll back in the app). "
        "Completed reversible actions are undone in reverse order; the journal records each "
        "undo, and the report lists anything that could not be undone and why.</p>",
    ]
    rows = [
        [kind.value, _ROLLBACK_TEXT.get(kind, "restore"), count]
        for kind, count in reversible.items()
    ]
    if rows:
        parts.append(_table(["action", "undone by", "count"], rows))
    if irreversible:
        parts.append(
            f"<p class='blocker'>{_count(len(irreversible), 'action')} cannot be undone "
            "(releasing numbers, "
            "deleting source applications, completed ports); they run last, after verify, behind "
            "a typed confirmation.</p>"
        )
    return "".join(parts)


def _ports(data: ExportData) -> str:
    if not data.ports:
        return ""
    rows = [
        [
            request.id,
            request.route.value,
            request.status.value,
            len(request.numbers),
            request.foc_date or "",
            request.vendor_request_id or request.ticket_id,
        ]
        for request in data.ports
    ]
    return "<h2>Port status</h2>" + _table(
        ["request", "route", "status", "numbers", "FOC date", "vendor reference"], rows
    )


def _actions(data: ExportData) -> str:
    if not data.plan:
        return ""
    parts = ["<h2>Actions by stage</h2>"]
    for stage in Stage:
        actions = data.plan.stage_actions(stage)
        if not actions:
            continue
        parts.append(f"<h3>{_e(stage.value.capitalize())} ({len(actions)})</h3>")
        rows = [
            [
                a.kind.glyph,
                a.summary or a.item,
                "yes" if a.reversible else "no",
                data.status_of(a.id),
            ]
            for a in actions[:MAX_ROWS_PER_STAGE]
        ]
        parts.append(_table(["", "action", "reversible", "status"], rows))
        if len(actions) > MAX_ROWS_PER_STAGE:
            parts.append(
                f"<p class='muted'>... and {len(actions) - MAX_ROWS_PER_STAGE} more "
                "(the CSV and XLSX exports list every action).</p>"
            )
    return "".join(parts)


def render(data: ExportData) -> str:
    title = f"Migration plan: {data.name}"
    body = "".join(
        [
            f"<h1>{_e(title)}</h1>",
            f"<p class='muted'>Generated {_e(data.generated_at)} by migrator. Credentials in URLs "
            "are shown redacted.</p>",
            _summary(data),
            _moves(data),
            _blockers(data),
            _checklist(data),
            _timeline(data),
            _rollback(data),
            _ports(data),
            _actions(data),
        ]
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>"
    )


def write(data: ExportData, out: Path) -> Path:
    out.write_text(render(data), encoding="utf-8")
    return out
