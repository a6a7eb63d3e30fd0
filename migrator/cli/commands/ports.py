"""`migrator ports FILE.migration [ACTION ...] [--json]`: number ports, tracked until done.

Actions: show (default), check, loa, submit, refresh, set NUMBER STATUS, cancel REQUEST|NUMBER,
loa-pdf, checklist. The PIN of a losing account is read from an environment variable or a
hidden prompt and kept in the keychain only.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from migrator.cli.progress_display import ProgressLine
from migrator.engine.loa import LoaWarning
from migrator.errors import UsageError
from migrator.model.porting import LoaData, PortRequest, PortRoute
from migrator.model.serialize import to_data
from migrator.services.migrations import open_migration
from migrator.services.port_guidance import days_waiting, route_note, ticket_checklist
from migrator.services.ports import Change, PortService

NAME = "ports"
HELP = "check, submit and track number ports (status, FOC date, days waiting, next action)"
ACTIONS = ("show", "check", "loa", "submit", "refresh", "set", "cancel", "loa-pdf", "checklist")
SHOWN_NUMBERS = 20


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.migration")
    parser.add_argument("action", nargs="?", default="show", choices=ACTIONS)
    parser.add_argument(
        "args",
        nargs="*",
        metavar="ARG",
        help="numbers (check, submit), NUMBER STATUS (set), a request or number (cancel)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument("--all", action="store_true", help="show every number of every request")
    parser.add_argument("--target-date", metavar="DATE", help="requested port date (submit)")
    parser.add_argument("--force", action="store_true", help="submit despite LOA blockers")
    parser.add_argument("--out", type=Path, metavar="DIR", help="where LOA PDFs go")
    parser.add_argument("--foc", metavar="DATE", help="the confirmed port date (set ... foc)")
    parser.add_argument("--reason", metavar="CODE", help="rejection code (set ... exception)")
    parser.add_argument("--ticket", metavar="ID", help="the vendor's ticket number (set)")
    parser.add_argument("--note", metavar="TEXT", help="a note kept in the history (set)")
    parser.add_argument("--account", metavar="KEY", help="losing account, vendor:id (loa)")
    parser.add_argument(
        "--from", dest="loa_file", type=Path, metavar="LOA.json", help="LOA data (loa)"
    )
    parser.add_argument(
        "--pin-env", metavar="VAR", help="read the port-out PIN from this environment variable"
    )
    parser.add_argument("--pin-prompt", action="store_true", help="ask for the PIN (hidden)")


def _emit(args: argparse.Namespace, data: dict[str, Any], lines: list[str]) -> None:
    if args.json:
        print(json.dumps(data, default=str))
    else:
        for line in lines:
            print(line)


def _warning_lines(warnings: list[LoaWarning], indent: str = "  ") -> list[str]:
    lines = []
    for w in warnings:
        numbers = f" [{', '.join(w.numbers[:5])}{' ...' if len(w.numbers) > 5 else ''}]"
        lines.append(f"{indent}{w.severity.value:8} {w.message}{numbers if w.numbers else ''}")
        lines.append(f"{indent}         -> {w.fix}")
    return lines


# --- show ----------------------------------------------------------------------------------
def _request_data(svc: PortService, request: PortRequest) -> dict[str, Any]:
    data = request.to_dict()
    now = svc.clock()
    data["days_waiting"] = days_waiting(request, now)
    data["next_action"] = svc.next_action(request)
    data["foc_date"] = request.foc_date
    for entry, number in zip(data["numbers"], request.numbers, strict=True):
        entry["next_action"] = svc.next_action(request, number)
    return data


def _table(svc: PortService, requests: list[PortRequest], every: bool) -> list[str]:
    """Aligned rows: one per request, one per number under it; a note row (not aligned) says
    where the numbers come from and how the request is tracked."""
    now = svc.clock()
    header = ("REQUEST", "NUMBER", "STATUS", "FOC DATE", "WAITING", "NEXT ACTION")
    rows: list[tuple[str, ...] | str] = [header]
    for request in requests:
        waited = days_waiting(request, now)
        via = request.vendor_request_id or request.ticket_id or "ticket not filed"
        request_action = svc.next_action(request)
        rows.append(
            (
                request.id,
                f"{len(request.numbers)} number{'' if len(request.numbers) == 1 else 's'}",
                request.status.value,
                request.foc_date[:16].replace("T", " "),
                f"{waited} d" if waited is not None else "",
                request_action,
            )
        )
        rows.append(f"         {request.losing_carrier} -> {request.target_vendor} ({via})")
        shown = request.numbers if every else request.numbers[:SHOWN_NUMBERS]
        for number in shown:
            action = svc.next_action(request, number)
            same = number.status is request.status and action == request_action
            rows.append(
                (
                    "",
                    number.e164,
                    number.status.value,
                    number.foc_date[:16].replace("T", " "),
                    "",
                    "" if same else action,
                )
            )
        if len(shown) < len(request.numbers):
            rows.append(f"         ... {len(request.numbers) - len(shown)} more numbers (--all)")
    cells = [r for r in rows if isinstance(r, tuple)]
    widths = [max(len(r[i]) for r in cells) for i in range(5)]
    lines = []
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
        else:
            lines.append(
                "  ".join(c.ljust(w) for c, w in zip(row[:5], widths, strict=True)) + "  " + row[5]
            )
    return lines


def _show(svc: PortService, args: argparse.Namespace) -> int:
    requests = svc.requests()
    if args.json:
        _emit(args, {"requests": [_request_data(svc, r) for r in requests]}, [])
        return 0
    if not requests:
        print("No port requests yet: `migrator ports FILE check`, then `loa` and `submit`.")
        return 0
    last = svc.store.last_refresh()
    print(f"Port requests in {svc.file.path.name}" + (f" (last refresh {last})" if last else ""))
    for line in _table(svc, requests, args.all):
        print(line.rstrip())
    return 0


# --- actions -------------------------------------------------------------------------------
def _check(svc: PortService, args: argparse.Namespace) -> int:
    progress = ProgressLine() if not args.json else None
    try:
        report = svc.check(args.args or None, progress or (lambda *_: None))
    finally:
        if progress:
            progress.done()
    data = {
        "portability": [to_data(p) for p in report.portability],
        "by_ticket": report.by_ticket,
        "loa": {k: [to_data(w) for w in v] for k, v in report.loa.items()},
        "missing_loa": report.missing_loa,
    }
    lines = []
    portable = [p for p in report.portability if p.portable]
    lines.append(f"Portable through the porting API: {len(portable)} of {len(report.portability)}")
    for p in report.portability:
        if not p.portable:
            lines.append(f"  {p.e164}  not portable: {p.reason} ({p.reason_code})")
    if report.by_ticket:
        lines.append(f"By support ticket: {len(report.by_ticket)} numbers")
        reasons: dict[str, int] = {}
        for why in report.by_ticket.values():
            reasons[why] = reasons.get(why, 0) + 1
        lines += [f"  {count:>5}  {why}" for why, count in reasons.items()]
    for key, count in report.missing_loa.items():
        lines.append(
            f"LOA data missing for {key} ({count} numbers): "
            f"`migrator ports FILE loa --account {key} --from LOA.json`"
        )
    for key, warnings in report.loa.items():
        lines.append(f"LOA check for {key}: " + ("no problem found" if not warnings else ""))
        lines += _warning_lines(warnings)
    _emit(args, data, lines)
    return 0


def _pin(args: argparse.Namespace, data: dict[str, Any]) -> str | None:
    pin = data.pop("pin", None)
    if args.pin_env:
        pin = os.environ.get(args.pin_env)
        if not pin:
            raise UsageError(f"the environment variable {args.pin_env} is not set")
    elif args.pin_prompt:
        pin = getpass.getpass("Port-out PIN or passcode: ")
    return str(pin) if pin else None


def _loa(svc: PortService, args: argparse.Namespace) -> int:
    if args.loa_file is None:
        raise UsageError("give the LOA data with --from LOA.json (see README: Ports)")
    try:
        data = json.loads(args.loa_file.read_text())
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read {args.loa_file}: {exc}") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{args.loa_file} must hold one JSON object")
    pin = _pin(args, data)
    loa = LoaData.from_dict(data)
    key = svc.set_loa(loa, args.account, pin)
    warnings = svc.loa_warnings(key)
    _emit(
        args,
        {"account": key, "warnings": [to_data(w) for w in warnings]},
        [
            f"LOA data saved for {key}" + (" (PIN in the keychain)" if pin else ""),
            *_warning_lines(warnings),
        ],
    )
    return 0


def _submit(svc: PortService, args: argparse.Namespace) -> int:
    report = svc.submit(
        args.args or None, target_date=args.target_date, force=args.force, loa_folder=args.out
    )
    data = {
        "requests": [_request_data(svc, r) for r in report.requests],
        "warnings": {k: [to_data(w) for w in v] for k, v in report.warnings.items()},
        "skipped": report.skipped,
        "pdfs": [str(p) for p in report.pdfs],
    }
    lines = []
    for request in report.requests:
        via = (
            f"as {request.vendor_request_id}" if request.vendor_request_id else "as a draft ticket"
        )
        lines.append(
            f"{request.id}: {len(request.numbers)} numbers from {request.losing_carrier} {via}"
        )
        if request.route is PortRoute.TICKET:
            lines.append(f"  {route_note(request)}")
            lines += [f"  {line}" for line in ticket_checklist(request).lines()]
    for key, warnings in report.warnings.items():
        if warnings:
            lines.append(f"LOA warnings for {key}:")
            lines += _warning_lines(warnings)
    for number, why in report.skipped.items():
        lines.append(f"skipped {number}: {why}")
    lines += [f"LOA written: {p}" for p in report.pdfs]
    if not report.requests:
        lines.append("Nothing was submitted.")
    _emit(args, data, lines)
    return 0


def _change_data(changes: list[Change]) -> list[dict[str, Any]]:
    return [dict(c.__dict__) for c in changes]


def _refresh(svc: PortService, args: argparse.Namespace) -> int:
    before = svc.store.last_refresh()
    changes = svc.refresh()
    lines = [c.line() for c in changes] or [
        "No changes" + (f" since the last refresh ({before})" if before else "")
    ]
    _emit(args, {"changes": _change_data(changes), "previous_refresh": before}, lines)
    return 0


def _set(svc: PortService, args: argparse.Namespace) -> int:
    if len(args.args) != 2:
        raise UsageError(
            "usage: migrator ports FILE set NUMBER STATUS [--foc DATE] [--reason CODE]"
        )
    number, status = args.args
    change = svc.set_status(
        number, status, foc=args.foc, reason=args.reason, ticket=args.ticket, note=args.note
    )
    _emit(args, {"change": change.__dict__}, [change.line()])
    return 0


def _cancel(svc: PortService, args: argparse.Namespace) -> int:
    if len(args.args) != 1:
        raise UsageError("usage: migrator ports FILE cancel REQUEST|NUMBER")
    changes = svc.cancel(args.args[0])
    _emit(args, {"changes": _change_data(changes)}, [c.line() for c in changes])
    return 0


def _loa_pdf(svc: PortService, args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("say where the PDFs go with --out DIR")
    written = svc.write_loas(args.out, args.args or None)
    _emit(
        args,
        {"pdfs": [str(p) for p in written]},
        [f"LOA written: {p}" for p in written] or ["No open request to write an LOA for."],
    )
    return 0


def _checklist(svc: PortService, args: argparse.Namespace) -> int:
    wanted = set(args.args)
    chosen = [
        r
        for r in svc.requests()
        if (r.id in wanted if wanted else r.route is PortRoute.TICKET and not r.status.final)
    ]
    data = {r.id: to_data(ticket_checklist(r)) for r in chosen}
    lines = []
    for request in chosen:
        lines.append(f"{request.id} ({request.losing_carrier} -> {request.target_vendor}):")
        lines += [f"  {line}" for line in ticket_checklist(request).lines()]
    _emit(args, {"checklists": data}, lines or ["No ticket request is open."])
    return 0


HANDLERS = {
    "show": _show,
    "check": _check,
    "loa": _loa,
    "submit": _submit,
    "refresh": _refresh,
    "set": _set,
    "cancel": _cancel,
    "loa-pdf": _loa_pdf,
    "checklist": _checklist,
}


def run(args: argparse.Namespace) -> int:
    with open_migration(args.file) as file:
        svc = PortService(file)
        code = HANDLERS[args.action](svc, args)
    sys.stdout.flush()
    return code
