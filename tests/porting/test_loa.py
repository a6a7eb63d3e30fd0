"""The pre-submission LOA check: every warning it gives, and none for clean data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from migrator.engine.loa import NumberToPort, Severity, check_loa, first_port_date, us_holidays
from migrator.model.enums import NumberType
from migrator.model.porting import CarrierRecord, LoaData, PortRoute, ServiceAddress

TODAY = date(2030, 3, 4)  # a Monday
GOOD_DATE = date(2030, 3, 19)  # a Tuesday, 15 days ahead
LOCAL = NumberToPort("+13125550100", NumberType.LOCAL, "US")
OTHER_LOCAL = NumberToPort("+13125550101", NumberType.LOCAL, "US")
MOBILE = NumberToPort("+13125550102", NumberType.MOBILE, "US")
TOLL_FREE = NumberToPort("+18005550100", NumberType.TOLLFREE, "US")
BRITISH = NumberToPort("+442079460000", NumberType.LOCAL, "GB")

CLEAN = LoaData(
    customer_name="Northwind Traders Incorporated",
    customer_type="Business",
    authorized_representative="Dana Whitfield",
    authorized_representative_email="dana@northwind.example",
    account_number="VN-71354368",
    billing_telephone_number="+13125550100",
    address=ServiceAddress("1200 Market Street", "Suite 400", "San Francisco", "CA", "94102"),
    has_pin=True,
    document_ids=("RD" + "a" * 32,),
)
RECORD = CarrierRecord(
    customer_name="Northwind Traders Incorporated",
    account_number="VN-71354368",
    billing_telephone_number="+13125550100",
    street="1200 Market Street Suite 400",
    city="San Francisco",
    state="CA",
    zip="94102",
)


def _check(
    loa: LoaData = CLEAN,
    numbers: tuple[NumberToPort, ...] = (LOCAL, OTHER_LOCAL),
    route: PortRoute = PortRoute.API,
    **kw: Any,
) -> dict[str, Severity]:
    kw.setdefault("target_date", GOOD_DATE)
    kw.setdefault("account_numbers", [LOCAL.e164, OTHER_LOCAL.e164])
    found = check_loa(loa, numbers, route=route, gaining_vendor="twilio", today=TODAY, **kw)
    return {w.code: w.severity for w in found}


def _address(**changes: str) -> LoaData:
    return replace(CLEAN, address=replace(CLEAN.address, **changes))


def test_clean_data_gives_no_warning() -> None:
    assert _check() == {}
    assert _check(replace(CLEAN, csr=RECORD)) == {}


B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE
CASES: list[tuple[str, dict[str, Any], str, Severity]] = [
    ("no name", {"loa": replace(CLEAN, customer_name=" ")}, "name-missing", B),
    (
        "dba",
        {"loa": replace(CLEAN, customer_name="Acme LLC dba Roadrunner")},
        "name-trading-name",
        W,
    ),
    (
        "Inc.",
        {"loa": replace(CLEAN, customer_name="Northwind Traders Inc.")},
        "name-abbreviation",
        A,
    ),
    ("type", {"loa": replace(CLEAN, customer_type="Company")}, "customer-type-invalid", B),
    ("no city", {"loa": _address(city="")}, "address-incomplete", B),
    ("PO Box", {"loa": _address(street="P.O. Box 1200")}, "address-po-box", B),
    ("St", {"loa": _address(street="1200 Market St")}, "address-abbreviation", A),
    ("state code", {"loa": _address(state="XX")}, "address-state-invalid", B),
    ("state name", {"loa": _address(state="California")}, "address-state-form", A),
    ("zip", {"loa": _address(zip="9410")}, "address-zip-invalid", B),
    ("no account", {"loa": replace(CLEAN, account_number="")}, "account-number-missing", W),
    (
        "no account, mobile",
        {"loa": replace(CLEAN, account_number=""), "numbers": (LOCAL, MOBILE)},
        "account-number-missing",
        B,
    ),
    (
        "account is a phone",
        {"loa": replace(CLEAN, account_number="(312) 555-0100")},
        "account-number-is-phone",
        W,
    ),
    (
        "no PIN, mobile",
        {"loa": replace(CLEAN, has_pin=False), "numbers": (LOCAL, MOBILE)},
        "pin-missing-mobile",
        B,
    ),
    ("no BTN", {"loa": replace(CLEAN, billing_telephone_number="")}, "btn-missing", W),
    ("bad BTN", {"loa": replace(CLEAN, billing_telephone_number="12345")}, "btn-invalid", B),
    (
        "BTN leaves others behind",
        {"account_numbers": [LOCAL.e164, OTHER_LOCAL.e164, "+13125550199"]},
        "btn-ported-alone",
        W,
    ),
    (
        "BTN elsewhere",
        {"loa": replace(CLEAN, billing_telephone_number="+12125550123")},
        "btn-not-on-account",
        A,
    ),
    (
        "no representative",
        {"loa": replace(CLEAN, authorized_representative="")},
        "authorized-representative-missing",
        B,
    ),
    (
        "no representative, ticket",
        {"loa": replace(CLEAN, authorized_representative=""), "route": PortRoute.TICKET},
        "authorized-representative-missing",
        W,
    ),
    (
        "no e-mail",
        {"loa": replace(CLEAN, authorized_representative_email="")},
        "authorized-email-missing",
        B,
    ),
    (
        "bad e-mail",
        {"loa": replace(CLEAN, authorized_representative_email="dana at northwind")},
        "authorized-email-invalid",
        B,
    ),
    ("no bill", {"loa": replace(CLEAN, document_ids=())}, "utility-bill-missing", B),
    ("bad bill id", {"loa": replace(CLEAN, document_ids=("bill.pdf",))}, "document-id-invalid", B),
    ("toll-free", {"numbers": (LOCAL, TOLL_FREE)}, "toll-free-signed-loa", W),
    ("abroad", {"numbers": (LOCAL, BRITISH)}, "not-us", B),
    (
        "many",
        {
            "numbers": tuple(
                NumberToPort(f"+1312555{i:04d}", NumberType.LOCAL, "US") for i in range(1001)
            )
        },
        "split-requests",
        A,
    ),
    ("soon", {"target_date": date(2030, 3, 8)}, "date-too-soon", B),
    ("weekend", {"target_date": date(2030, 3, 16)}, "date-weekend", W),
    ("holiday", {"target_date": date(2030, 7, 4)}, "date-holiday", W),
    (
        "CSR name form",
        {"loa": replace(CLEAN, customer_name="Northwind Traders Inc", csr=RECORD)},
        "name-mismatch",
        W,
    ),
    (
        "CSR name",
        {"loa": replace(CLEAN, customer_name="Northwind Logistics Incorporated", csr=RECORD)},
        "name-mismatch",
        B,
    ),
    (
        "CSR street form",
        {"loa": replace(_address(street="1200 Market St"), csr=RECORD)},
        "street-mismatch",
        W,
    ),
    ("CSR city", {"loa": replace(_address(city="Oakland"), csr=RECORD)}, "city-mismatch", B),
    ("CSR state", {"loa": replace(_address(state="NV"), csr=RECORD)}, "state-mismatch", B),
    ("CSR zip", {"loa": replace(_address(zip="94103"), csr=RECORD)}, "zip-mismatch", B),
    (
        "CSR account",
        {"loa": replace(CLEAN, account_number="VN-1", csr=RECORD)},
        "account-number-mismatch",
        B,
    ),
    (
        "CSR BTN",
        {"loa": replace(CLEAN, billing_telephone_number="+13125550101", csr=RECORD)},
        "btn-mismatch",
        B,
    ),
]


@pytest.mark.parametrize(("what", "changes", "code", "severity"), CASES, ids=[c[0] for c in CASES])
def test_each_usual_rejection_cause_is_named(
    what: str, changes: dict[str, Any], code: str, severity: Severity
) -> None:
    found = _check(**changes)
    assert found.get(code) is severity, (what, found)


def test_warnings_say_what_to_do_and_which_numbers() -> None:
    found = check_loa(
        replace(CLEAN, has_pin=False),
        (LOCAL, MOBILE),
        route=PortRoute.API,
        gaining_vendor="twilio",
        today=TODAY,
    )
    pin = next(w for w in found if w.code == "pin-missing-mobile")
    assert pin.numbers == (MOBILE.e164,)
    assert "PIN" in pin.fix
    assert found[0].severity is Severity.BLOCKER


def test_tickets_need_no_api_documents() -> None:
    found = _check(replace(CLEAN, document_ids=()), route=PortRoute.TICKET)
    assert "utility-bill-missing" not in found


def test_holidays_and_the_first_good_date() -> None:
    holidays = us_holidays(2030)
    assert date(2030, 11, 28) in holidays  # Thanksgiving
    assert date(2030, 5, 27) in holidays  # Memorial Day
    assert date(2030, 1, 1) in holidays
    assert first_port_date(date(2030, 6, 24)) == date(2030, 7, 5)  # skips July 4th
    assert first_port_date(date(2030, 3, 1)).weekday() < 5
