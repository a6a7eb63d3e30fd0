"""The losing carrier's side of a port: the record it compares a letter of authorization with.

Seeded departing accounts of every vendor carry `account.extra["carrier_record"]`:
{"customer_name", "account_number", "pin", "billing_telephone_number",
 "address": {"street", "city", "state", "zip", "country"}}. A subaccount without one uses its
parent's. Carriers compare strictly: case, spacing and punctuation are forgiven, abbreviations
("St" for "Street", "Inc" for "Incorporated") are not; that is what rejects real ports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from migrator.sandbox.accounts import Account
from migrator.sandbox.state import SandboxState

_COUNTRY_ALIASES = {"usa": "us", "united states": "us", "united states of america": "us"}


@dataclass(frozen=True)
class LoaClaim:
    """What a port request says about the losing account."""

    customer_name: str = ""
    account_number: str = ""
    billing_telephone_number: str = ""
    pin: str = ""
    address: dict[str, str] = field(default_factory=dict)
    address_given: bool = True
    """False when the request named an address only by reference (not compared)."""


def carrier_record(state: SandboxState, account: Account) -> dict[str, Any] | None:
    record = account.extra.get("carrier_record")
    if record is None and account.parent_key is not None:
        parent = state.accounts.get(account.vendor, account.parent_key)
        record = parent.extra.get("carrier_record") if parent is not None else None
    return record if isinstance(record, dict) else None


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _street(address: dict[str, Any]) -> str:
    return _words(" ".join(str(address.get(k) or "") for k in ("street", "street_2")))


def _country(text: str) -> str:
    word = _words(text)
    return _COUNTRY_ALIASES.get(word, word)


def _address_matches(claimed: dict[str, Any], record: dict[str, Any]) -> bool:
    if _street(claimed) != _street(record):
        return False
    for key in ("city", "state"):
        if _words(str(claimed.get(key) or "")) != _words(str(record.get(key) or "")):
            return False
    if _digits(str(claimed.get("zip") or ""))[:5] != _digits(str(record.get("zip") or ""))[:5]:
        return False
    return _country(str(claimed.get("country") or "")) == _country(str(record.get("country") or ""))


def rejection_for(claim: LoaClaim, record: dict[str, Any] | None, mobile: bool) -> str | None:
    """The reason code the losing carrier rejects with, or None when it accepts.

    Checked in the order carriers report them: name, address, account number, billing number,
    PIN. A PIN is checked when the carrier has one and the number is mobile or a PIN was sent;
    an account number or billing number only when both sides have one (or the number is mobile).
    """
    if record is None:
        return None
    if _words(claim.customer_name) != _words(str(record.get("customer_name") or "")):
        return "INVALID_END_USER_NAME"
    if claim.address_given and not _address_matches(claim.address, record.get("address") or {}):
        return "INVALID_ADDRESS"
    account = _words(str(record.get("account_number") or "")).replace(" ", "")
    claimed_account = _words(claim.account_number).replace(" ", "")
    if account and (claimed_account or mobile) and claimed_account != account:
        return "INVALID_ACCOUNT_NUMBER"
    btn = _digits(str(record.get("billing_telephone_number") or ""))
    claimed_btn = _digits(claim.billing_telephone_number)
    if btn and claimed_btn and claimed_btn[-10:] != btn[-10:]:
        return "INVALID_ACCOUNT_NUMBER"
    pin = str(record.get("pin") or "")
    if pin and (mobile or claim.pin) and claim.pin.strip() != pin:
        return "INVALID_PIN"
    return None
