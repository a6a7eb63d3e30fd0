"""Checks a letter of authorization before it is sent, the way the losing carrier will read it.

Ports fail on small mismatches: the carrier compares the account holder name, service address,
account number, PIN or passcode and billing telephone number (BTN) with its own record, letter
for letter. Without that record we can still catch what usually gets a port rejected: missing
fields, a PO Box, a mobile number without a PIN, a BTN that is not a phone number or that leaves
the account without one, abbreviations that may not be the bill's, a toll-free number without a
signed LOA, a port date on a weekend or holiday. When the admin has the carrier's customer
service record (CSR), each field is compared with it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import phonenumbers

from migrator.model.enums import NumberType
from migrator.model.porting import CarrierRecord, LoaData, PortRoute

TWILIO_MIN_NOTICE_DAYS = 7
MAX_PER_REQUEST = 1000
NORTH_AMERICA = ("US", "CA")
"""Where wireless carriers ask for a port-out PIN (elsewhere other codes apply, e.g. UK PAC)."""
US_STATES = frozenset(
    re.findall(
        r"[A-Z]{2}",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
        "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP",
    )
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PO_BOX = re.compile(r"\b(p\.?\s*o\.?\s*box|post\s+office\s+box|pob)\b", re.IGNORECASE)
_DBA = re.compile(r"\b(d/?b/?a|doing business as|t/a|trading as)\b", re.IGNORECASE)
_DOCUMENT_SID = re.compile(r"^RD[0-9a-fA-F]{32}$")
_PIN = re.compile(r"^[0-9A-Za-z]{4,15}$")

STREET_ABBREVIATIONS = {
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "rd": "road",
    "blvd": "boulevard",
    "dr": "drive",
    "ln": "lane",
    "ct": "court",
    "pl": "place",
    "pkwy": "parkway",
    "hwy": "highway",
    "ste": "suite",
    "fl": "floor",
    "apt": "apartment",
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
}
NAME_ABBREVIATIONS = {
    "inc": "incorporated",
    "corp": "corporation",
    "co": "company",
    "ltd": "limited",
    "llc": "limited liability company",
    "intl": "international",
    "&": "and",
}


class Severity(StrEnum):
    BLOCKER = "blocker"
    """The request would be refused or certainly rejected; fix it before submitting."""
    WARNING = "warning"
    """A usual cause of rejection; check it against the losing carrier's bill or CSR."""
    ADVICE = "advice"
    """Worth a second look; often fine."""


@dataclass(frozen=True)
class LoaWarning:
    code: str
    severity: Severity
    field: str
    message: str
    fix: str
    numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class NumberToPort:
    e164: str
    number_type: NumberType
    country: str


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w&\s]", " ", text.casefold()).split()


def _expanded(text: str, table: dict[str, str]) -> str:
    return " ".join(table.get(word, word) for word in _words(text))


def _strict(text: str) -> str:
    return " ".join(_words(text))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _valid_phone(text: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, "US"))
    except phonenumbers.NumberParseException:
        return False


def us_holidays(year: int) -> set[date]:
    """US federal holidays (observed dates), when carriers do not port."""

    def nth(month: int, weekday: int, n: int) -> date:
        first = date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        return first + timedelta(days=offset + 7 * (n - 1))

    def last(month: int, weekday: int) -> date:
        following = date(year + (month == 12), month % 12 + 1, 1)
        day = following - timedelta(days=1)
        return day - timedelta(days=(day.weekday() - weekday) % 7)

    def observed(day: date) -> date:
        if day.weekday() == 5:
            return day - timedelta(days=1)
        if day.weekday() == 6:
            return day + timedelta(days=1)
        return day

    fixed = [date(year, 1, 1), date(year, 6, 19), date(year, 7, 4), date(year, 11, 11)]
    fixed.append(date(year, 12, 25))
    return {observed(d) for d in fixed} | {
        nth(1, 0, 3),  # Martin Luther King Jr. Day
        nth(2, 0, 3),  # Washington's Birthday
        last(5, 0),  # Memorial Day
        nth(9, 0, 1),  # Labor Day
        nth(10, 0, 2),  # Columbus Day
        nth(11, 3, 4),  # Thanksgiving
    }


def first_port_date(today: date, notice_days: int = TWILIO_MIN_NOTICE_DAYS + 3) -> date:
    """The first working day at least `notice_days` ahead: a sensible default target date."""
    day = today + timedelta(days=notice_days)
    while day.weekday() >= 5 or day in us_holidays(day.year):
        day += timedelta(days=1)
    return day


class _Checker:
    def __init__(
        self, loa: LoaData, numbers: Sequence[NumberToPort], route: PortRoute, api_vendor: str
    ) -> None:
        self.loa = loa
        self.numbers = numbers
        self.route = route
        self.api_vendor = api_vendor
        self.found: list[LoaWarning] = []

    def add(
        self,
        code: str,
        severity: Severity,
        field: str,
        message: str,
        fix: str,
        numbers: Iterable[str] = (),
    ) -> None:
        self.found.append(LoaWarning(code, severity, field, message, fix, tuple(numbers)))

    def of_type(self, kind: NumberType) -> list[str]:
        return [n.e164 for n in self.numbers if n.number_type is kind]

    # --- fields ----------------------------------------------------------------------------
    def name(self) -> None:
        name = self.loa.customer_name.strip()
        if not name:
            self.add(
                "name-missing",
                Severity.BLOCKER,
                "customer_name",
                "The account holder name is missing.",
                "Enter the name exactly as it appears on the losing carrier's bill.",
            )
            return
        if _DBA.search(name):
            self.add(
                "name-trading-name",
                Severity.WARNING,
                "customer_name",
                f"'{name}' looks like a trading name (d/b/a).",
                "Carriers hold the legal name of the account; use only that, as on the bill.",
            )
        if any(word in NAME_ABBREVIATIONS for word in _words(name)):
            self.add(
                "name-abbreviation",
                Severity.ADVICE,
                "customer_name",
                f"'{name}' contains an abbreviation (Inc., Corp., LLC, &...).",
                "Carriers compare the name exactly: keep the same form as on the bill "
                "('Inc.' is not 'Incorporated').",
            )
        if self.loa.customer_type not in ("Business", "Individual"):
            self.add(
                "customer-type-invalid",
                Severity.BLOCKER,
                "customer_type",
                f"Customer type '{self.loa.customer_type}' is neither Business nor Individual.",
                "Choose Business or Individual, as the losing carrier's account is held.",
            )

    def address(self) -> None:
        address = self.loa.address
        missing = [
            label
            for label, value in (
                ("street", address.street),
                ("city", address.city),
                ("state", address.state),
                ("ZIP code", address.zip),
            )
            if not value.strip()
        ]
        if missing:
            self.add(
                "address-incomplete",
                Severity.BLOCKER,
                "address",
                f"The service address has no {', '.join(missing)}.",
                "Enter the service address on the losing carrier's account in full.",
            )
        street = f"{address.street} {address.street_2}"
        if _PO_BOX.search(street):
            self.add(
                "address-po-box",
                Severity.BLOCKER,
                "address.street",
                "The address is a PO Box.",
                "Carriers compare the service address where the lines are billed or installed; "
                "a PO Box is rejected. Use the street address on the bill.",
            )
        if any(word in STREET_ABBREVIATIONS for word in _words(street)):
            self.add(
                "address-abbreviation",
                Severity.ADVICE,
                "address.street",
                f"'{street.strip()}' uses abbreviations (St, Ave, Ste...).",
                "Carriers compare the address as written on the bill: 'St' is not 'Street'. "
                "Copy the bill's form, suite number included.",
            )
        state = address.state.strip()
        us = address.country.strip().upper() in ("US", "USA", "UNITED STATES")
        if us and state and len(state) == 2 and state.upper() not in US_STATES:
            self.add(
                "address-state-invalid",
                Severity.BLOCKER,
                "address.state",
                f"'{state}' is not a US state code.",
                "Use the state as on the bill (two-letter code or full name).",
            )
        elif us and len(state) > 2:
            self.add(
                "address-state-form",
                Severity.ADVICE,
                "address.state",
                f"The state is spelled out ('{state}').",
                "Twilio and carriers compare the state exactly: use the form on the bill.",
            )
        if us and address.zip.strip() and not re.fullmatch(r"\d{5}(-?\d{4})?", address.zip.strip()):
            self.add(
                "address-zip-invalid",
                Severity.BLOCKER,
                "address.zip",
                f"'{address.zip}' is not a US ZIP code.",
                "Use the five-digit ZIP (or ZIP+4) of the service address.",
            )

    def account(self) -> None:
        account = self.loa.account_number.strip()
        mobile = self.of_type(NumberType.MOBILE)
        if not account:
            self.add(
                "account-number-missing",
                Severity.BLOCKER if mobile else Severity.WARNING,
                "account_number",
                "The losing carrier's account number is missing"
                + (" (required for mobile numbers)." if mobile else "."),
                "Take it from a recent bill of the losing carrier (for CPaaS vendors, usually "
                "the account id shown in their console).",
                mobile,
            )
        elif len(_digits(account)) >= 10 and _valid_phone(account):
            self.add(
                "account-number-is-phone",
                Severity.WARNING,
                "account_number",
                f"The account number '{account}' looks like a phone number.",
                "The account number is the carrier's customer account id, not the billing "
                "telephone number; take it from the bill.",
            )

    def pin(self) -> None:
        mobile = [
            n.e164
            for n in self.numbers
            if n.number_type is NumberType.MOBILE and n.country in NORTH_AMERICA
        ]
        if mobile and not self.loa.has_pin:
            self.add(
                "pin-missing-mobile",
                Severity.BLOCKER,
                "pin",
                f"{len(mobile)} mobile number(s) and no port-out PIN.",
                "Wireless carriers require a port-out PIN or passcode; request one from the "
                "losing carrier and enter it.",
                mobile,
            )

    def btn(self, account_numbers: set[str]) -> None:
        btn = self.loa.billing_telephone_number.strip()
        if not btn:
            self.add(
                "btn-missing",
                Severity.WARNING,
                "billing_telephone_number",
                "The billing telephone number (BTN) is missing.",
                "Carriers match the BTN on the account; take it from the bill.",
            )
            return
        if not _valid_phone(btn):
            self.add(
                "btn-invalid",
                Severity.BLOCKER,
                "billing_telephone_number",
                f"'{btn}' is not a valid phone number.",
                "Enter the billing telephone number shown on the bill, with its country code.",
            )
            return
        digits = _digits(btn)[-10:]
        porting = {_digits(n.e164)[-10:] for n in self.numbers}
        staying = {_digits(n)[-10:] for n in account_numbers} - porting
        if digits in porting and staying:
            self.add(
                "btn-ported-alone",
                Severity.WARNING,
                "billing_telephone_number",
                f"The BTN {btn} is ported while {len(staying)} other number(s) of the account "
                "stay behind.",
                "Ask the losing carrier to assign a new BTN to the remaining lines first, or "
                "port them all together; otherwise the port is rejected or the rest is cut off.",
            )
        elif account_numbers and digits not in {_digits(n)[-10:] for n in account_numbers}:
            self.add(
                "btn-not-on-account",
                Severity.ADVICE,
                "billing_telephone_number",
                f"The BTN {btn} is not one of this account's numbers.",
                "That can be right (the BTN may be a main line elsewhere); check it on the bill.",
            )

    def authorizer(self) -> None:
        api = self.route is PortRoute.API
        if not self.loa.authorized_representative.strip():
            self.add(
                "authorized-representative-missing",
                Severity.BLOCKER if api else Severity.WARNING,
                "authorized_representative",
                "No authorized representative is named.",
                "Name the person the losing carrier lists as authorized on the account; they "
                "sign the LOA.",
            )
        email = self.loa.authorized_representative_email.strip()
        if not email and api:
            self.add(
                "authorized-email-missing",
                Severity.BLOCKER,
                "authorized_representative_email",
                f"No e-mail for the authorized representative ({self.api_vendor} sends the "
                "LOA there to be signed).",
                "Enter the e-mail address of the person who signs.",
            )
        elif email and not _EMAIL.match(email):
            self.add(
                "authorized-email-invalid",
                Severity.BLOCKER,
                "authorized_representative_email",
                f"'{email}' is not an e-mail address.",
                "Enter a working e-mail address of the person who signs.",
            )

    def documents(self) -> None:
        if self.route is not PortRoute.API:
            return
        if not self.loa.document_ids:
            self.add(
                "utility-bill-missing",
                Severity.BLOCKER,
                "document_ids",
                f"{self.api_vendor} needs a utility bill (dated within 30 days) for the request.",
                "Upload the losing carrier's latest bill in the Twilio Console (Phone Numbers > "
                "Documents) and enter its RD... id.",
            )
        bad = [d for d in self.loa.document_ids if not _DOCUMENT_SID.match(d)]
        if bad:
            self.add(
                "document-id-invalid",
                Severity.BLOCKER,
                "document_ids",
                f"Not a document id: {', '.join(bad)}.",
                "Document ids start with RD followed by 32 hexadecimal characters.",
            )

    def numbers_rules(self) -> None:
        toll_free = self.of_type(NumberType.TOLLFREE)
        if toll_free:
            self.add(
                "toll-free-signed-loa",
                Severity.WARNING,
                "numbers",
                f"{len(toll_free)} toll-free number(s): they need a signed LOA and move by "
                "RespOrg change"
                + (
                    f"; {self.api_vendor}'s porting API does not take them."
                    if self.api_vendor
                    else "."
                ),
                "Attach the signed LOA PDF (migrator writes one) to a console or support-ticket "
                "request; SMS on toll-free can take 1-2 days more to move.",
                toll_free,
            )
        abroad = sorted({n.country for n in self.numbers if n.country != "US"})
        if abroad and self.route is PortRoute.API:
            self.add(
                "not-us",
                Severity.BLOCKER,
                "numbers",
                f"Numbers from {', '.join(abroad)}: the porting API takes US numbers only.",
                "Port them by support ticket (migrator tracks them by hand).",
                [n.e164 for n in self.numbers if n.country != "US"],
            )
        if len(self.numbers) > MAX_PER_REQUEST and self.route is PortRoute.API:
            self.add(
                "split-requests",
                Severity.ADVICE,
                "numbers",
                f"{len(self.numbers)} numbers: more than {MAX_PER_REQUEST} per request.",
                f"migrator splits them into {-(-len(self.numbers) // MAX_PER_REQUEST)} requests "
                "with the same LOA data.",
            )

    def target_date(self, wanted: date | None, today: date) -> None:
        if wanted is None:
            return
        if self.route is PortRoute.API and wanted < today + timedelta(days=TWILIO_MIN_NOTICE_DAYS):
            self.add(
                "date-too-soon",
                Severity.BLOCKER,
                "target_date",
                f"The target date {wanted} is less than {TWILIO_MIN_NOTICE_DAYS} days away.",
                f"US ports need at least {TWILIO_MIN_NOTICE_DAYS} days; the first good date "
                f"is {first_port_date(today, TWILIO_MIN_NOTICE_DAYS)}.",
            )
        if wanted.weekday() >= 5:
            self.add(
                "date-weekend",
                Severity.WARNING,
                "target_date",
                f"The target date {wanted} is a {wanted.strftime('%A')}.",
                "Carriers do not port on weekends; pick a working day.",
            )
        elif wanted in us_holidays(wanted.year):
            self.add(
                "date-holiday",
                Severity.WARNING,
                "target_date",
                f"The target date {wanted} is a US federal holiday.",
                "Carriers reject port dates on holidays; pick a working day.",
            )

    # --- the carrier's record --------------------------------------------------------------
    def compare(self, record: CarrierRecord) -> None:
        loa = self.loa
        pairs: tuple[tuple[str, str, str, str, dict[str, str]], ...] = (
            ("customer_name", "name", loa.customer_name, record.customer_name, NAME_ABBREVIATIONS),
            ("address.street", "street", self._street(), record.street, STREET_ABBREVIATIONS),
            ("address.city", "city", loa.address.city, record.city, {}),
            ("address.state", "state", loa.address.state, record.state, {}),
        )
        for field, label, ours, theirs, table in pairs:
            if not theirs or _strict(ours) == _strict(theirs):
                continue
            same_words = _expanded(ours, table) == _expanded(theirs, table)
            self.add(
                f"{label}-mismatch",
                Severity.WARNING if same_words else Severity.BLOCKER,
                field,
                f"The {label} '{ours}' differs from the carrier's record '{theirs}'"
                + (" only in abbreviation or form." if same_words else "."),
                f"Use the record's form exactly: '{theirs}'.",
            )
        if record.zip and _digits(loa.address.zip)[:5] != _digits(record.zip)[:5]:
            self.add(
                "zip-mismatch",
                Severity.BLOCKER,
                "address.zip",
                f"The ZIP code '{loa.address.zip}' differs from the record's '{record.zip}'.",
                f"Use '{record.zip}'.",
            )
        account = re.sub(r"[\s\-]", "", loa.account_number).casefold()
        their_account = re.sub(r"[\s\-]", "", record.account_number).casefold()
        if their_account and account != their_account:
            self.add(
                "account-number-mismatch",
                Severity.BLOCKER,
                "account_number",
                f"The account number '{loa.account_number}' differs from the record's "
                f"'{record.account_number}'.",
                f"Use '{record.account_number}'.",
            )
        btn, their_btn = (
            _digits(loa.billing_telephone_number),
            _digits(record.billing_telephone_number),
        )
        if their_btn and btn[-10:] != their_btn[-10:]:
            self.add(
                "btn-mismatch",
                Severity.BLOCKER,
                "billing_telephone_number",
                f"The BTN '{loa.billing_telephone_number}' differs from the record's "
                f"'{record.billing_telephone_number}'.",
                f"Use '{record.billing_telephone_number}'.",
            )

    def _street(self) -> str:
        return " ".join(p for p in (self.loa.address.street, self.loa.address.street_2) if p)


def check_loa(
    loa: LoaData,
    numbers: Sequence[NumberToPort],
    *,
    route: PortRoute,
    gaining_vendor: str = "",
    account_numbers: Iterable[str] = (),
    target_date: date | None = None,
    today: date | None = None,
) -> list[LoaWarning]:
    """Every problem found in `loa` for porting `numbers` from one losing account, blockers
    first. `account_numbers` are all the numbers on that losing account (to tell whether the
    BTN leaves the others behind). The carrier's CSR (`loa.csr`), when the admin has it, is
    compared field by field (it never shows the PIN, so the PIN cannot be checked)."""
    api_vendor = gaining_vendor.capitalize() if route is PortRoute.API else ""
    checker = _Checker(loa, numbers, route, api_vendor)
    checker.name()
    checker.address()
    checker.account()
    checker.pin()
    checker.btn(set(account_numbers))
    checker.authorizer()
    checker.documents()
    checker.numbers_rules()
    checker.target_date(target_date, today or date.today())
    if loa.csr is not None:
        checker.compare(loa.csr)
    order = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.ADVICE: 2}
    return sorted(checker.found, key=lambda w: order[w.severity])


def blockers(warnings: Iterable[LoaWarning]) -> list[LoaWarning]:
    return [w for w in warnings if w.severity is Severity.BLOCKER]
