"""The letter of authorization for one port request (one losing account), as HTML and PDF.

The HTML is built here; the PDF is drawn by Qt's own classes in `migrator.gui.loa_pdf`, imported
only when a PDF is asked for, so the core never needs Qt. The PIN is a secret and never printed:
the letter leaves a line to write it in by hand.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from pathlib import Path

from migrator.errors import MigratorError
from migrator.model.porting import LoaData, PortRequest
from migrator.services.port_guidance import label, losing_vendor

BLANK = "_" * 22


def _row(name: str, value: str) -> str:
    shown = escape(value) if value else "<i>(not given)</i>"
    return f"<tr><td width='38%'><b>{escape(name)}</b></td><td>{shown}</td></tr>"


def loa_title(request: PortRequest) -> str:
    return (
        f"Letter of Authorization - {request.id} - {request.losing_carrier or request.losing_key}"
    )


def loa_html(request: PortRequest, loa: LoaData, today: date) -> str:
    """The letter: who authorizes whom to port which numbers, with the data the losing carrier
    compares, a PIN line to fill in by hand, and the signature block."""
    gaining = label(request.target_vendor)
    losing = request.losing_carrier or label(losing_vendor(request))
    address = "<br/>".join(escape(line) for line in loa.address.lines())
    numbers = "".join(
        f"<tr><td>{i}</td><td>{escape(n.e164)}</td><td>{escape(n.number_type.value)}</td>"
        f"<td>{escape(n.country)}</td></tr>"
        for i, n in enumerate(request.numbers, start=1)
    )
    rows = "".join(
        [
            _row("Account holder name", loa.customer_name),
            _row("Customer type", loa.customer_type),
            f"<tr><td><b>Service address</b></td><td>{address or '<i>(not given)</i>'}</td></tr>",
            _row("Account number", loa.account_number),
            _row("Billing telephone number (BTN)", loa.billing_telephone_number),
            f"<tr><td><b>PIN / passcode</b></td><td>{BLANK} <i>(write it in by hand)</i></td></tr>",
        ]
    )
    return f"""<html><body style="font-family: sans-serif; font-size: 10pt;">
<h2>Letter of Authorization (LOA)</h2>
<p>Date: {today.isoformat()}<br/>Request: {escape(request.id)}
{f"<br/>Requested port date: {escape(request.target_date)}" if request.target_date else ""}</p>
<p>I, the undersigned, am authorized to act for the account holder named below. I authorize
<b>{escape(gaining)}</b> (account {escape(request.target_account)}) and its carrier partners to
act as my agent to transfer ("port") the telephone numbers listed below from
<b>{escape(losing)}</b>, the current carrier, to {escape(gaining)}, and to receive from the
current carrier the information needed to do so. I understand that services on these numbers
with the current carrier end when the port completes. The numbers are listed in Schedule A.</p>
<h3>Account with the current carrier (as on its bill)</h3>
<table border="1" cellspacing="0" cellpadding="4" width="100%">{rows}</table>
<h3>Authorized signature</h3>
<table cellpadding="6" width="100%">
<tr><td width="38%">Name</td><td>{escape(loa.authorized_representative) or BLANK}</td></tr>
<tr><td>E-mail</td><td>{escape(loa.authorized_representative_email) or BLANK}</td></tr>
<tr><td>Title</td><td>{BLANK}</td></tr>
<tr><td>Signature</td><td>{BLANK}</td></tr>
<tr><td>Date</td><td>{BLANK}</td></tr>
</table>
<h3>Schedule A: telephone numbers to port ({len(request.numbers)})</h3>
<table border="1" cellspacing="0" cellpadding="2" width="100%">
<tr><th>#</th><th>Number</th><th>Type</th><th>Country</th></tr>{numbers}</table>
</body></html>"""


def loa_file_name(request: PortRequest) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", request.losing_key).strip("-")
    return f"LOA-{request.id}-{slug}.pdf"


def write_loa_pdf(request: PortRequest, loa: LoaData, folder: Path, today: date) -> Path:
    """Write the request's LOA as a PDF in `folder` (drawn by Qt)."""
    try:
        from migrator.gui.loa_pdf import render_pdf
    except ImportError as exc:  # PySide6 is an optional dependency of the core
        raise MigratorError(f"writing an LOA PDF needs PySide6 ({exc})") from exc
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / loa_file_name(request)
    render_pdf(loa_html(request, loa, today), path, loa_title(request))
    return path
