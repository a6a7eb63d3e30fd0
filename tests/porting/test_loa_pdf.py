"""LOA PDFs drawn by Qt (QTextDocument into QPdfWriter), read back with pdfium."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from migrator.model.enums import NumberType
from migrator.model.porting import (
    LoaData,
    PortNumber,
    PortRequest,
    PortRoute,
    PortStatus,
    ServiceAddress,
)
from migrator.services.loa_document import loa_html, write_loa_pdf

pytest.importorskip("PySide6")
pdfium = pytest.importorskip("pypdfium2")
pytestmark = pytest.mark.gui

LOA = LoaData(
    customer_name="Northwind Traders Inc.",
    authorized_representative="Dana Whitfield",
    authorized_representative_email="dana@northwind.example",
    account_number="VN-71354368",
    billing_telephone_number="+13125091283",
    address=ServiceAddress("1200 Market Street", "Suite 400", "San Francisco", "CA", "94102"),
    has_pin=True,
)


def _request(count: int) -> PortRequest:
    return PortRequest(
        id="port-7",
        target_vendor="plivo",
        target_account="MACW0PRY7O7NO4PIWUE4",
        losing_key="vonage:24ffed96",
        route=PortRoute.TICKET,
        status=PortStatus.DRAFT,
        numbers=tuple(
            PortNumber(f"+1312555{i:04d}", PortStatus.DRAFT, NumberType.LOCAL) for i in range(count)
        ),
        losing_carrier="Vonage account Northwind",
        target_date="2030-03-19",
    )


def _text(path: Path) -> tuple[int, str, dict[str, str]]:
    document = pdfium.PdfDocument(str(path))
    pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    text = re.sub(r"\s+", " ", " ".join(pages))
    return len(document), text, document.get_metadata_dict()


def test_the_pdf_carries_every_field_the_carrier_compares(tmp_path: Path) -> None:
    path = write_loa_pdf(_request(3), LOA, tmp_path, date(2030, 3, 4))
    assert path.name == "LOA-port-7-vonage-24ffed96.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    pages, text, meta = _text(path)
    assert pages == 1
    for expected in (
        "Letter of Authorization",
        "Northwind Traders Inc.",
        "1200 Market Street, Suite 400",
        "San Francisco, CA 94102",
        "VN-71354368",
        "+13125091283",
        "Dana Whitfield",
        "dana@northwind.example",
        "Plivo",
        "Vonage account Northwind",
        "2030-03-19",
        "+13125550000",
        "+13125550002",
    ):
        assert expected in text, expected
    assert "write it in by hand" in text  # the PIN is never printed
    assert meta["Title"] == "Letter of Authorization - port-7 - Vonage account Northwind"
    assert meta["Creator"] == "migrator"


def test_long_lists_run_over_several_pages(tmp_path: Path) -> None:
    path = write_loa_pdf(_request(120), LOA, tmp_path, date(2030, 3, 4))
    pages, text, _ = _text(path)
    assert pages > 1
    assert "+13125550119" in text
    assert "Schedule A" in text


def test_the_html_escapes_what_the_admin_typed() -> None:
    html = loa_html(_request(1), LoaData(customer_name="Smith & <Sons>"), date(2030, 3, 4))
    assert "Smith &amp; &lt;Sons&gt;" in html
    assert "(not given)" in html
