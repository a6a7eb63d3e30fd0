"""What every api.twilio.com handler needs: the account named in the path, and fields to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from migrator.sandbox.accounts import Account
from migrator.sandbox.twilio.errors import authenticate
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.vendor_api import Call

ACCOUNT_PATH = r"/2010-04-01/Accounts/(?P<account_sid>AC[0-9a-fA-F]{32})"


def sid_group(name: str, prefix: str) -> str:
    return rf"(?P<{name}>{prefix}[0-9a-fA-F]{{32}})"


def path_account(call: Call) -> Account:
    """The account a /Accounts/{AccountSid}/ path names, if the caller may act on it.

    A parent account acts on its subaccounts' paths; a subaccount only on its own
    (Twilio answers 20003 for anything else).
    """
    return account_for(call, call.params["account_sid"])


def account_for(call: Call, sid: str) -> Account:
    caller = call.account
    if sid == caller.key:
        return caller
    target = call.state.accounts.get("twilio", sid)
    if target is not None and target.parent_key == caller.key:
        return target
    raise authenticate()


Reader = Callable[[Params, str], Any]
FieldTable = tuple[tuple[str, str, Reader], ...]
"""(Parameter name, attribute name, reader) for the fields a request may set."""


def read_fields(params: Params, table: FieldTable) -> dict[str, Any]:
    """Every field the request sets, validated, keyed by attribute name."""
    return {attr: reader(params, name) for name, attr, reader in table if name in params}


def apply_fields(target: object, values: dict[str, Any]) -> None:
    for attr, value in values.items():
        setattr(target, attr, value)


def sid_or_none(prefix: str) -> Reader:
    """A SID field where an empty value unlinks (stored as None)."""

    def read(params: Params, name: str) -> str | None:
        return params.sid(name, prefix) or None

    return read


def url_or_none(params: Params, name: str) -> str | None:
    """A v1 URL field, where unset is null."""
    return params.url(name) or None


def choice(*allowed: str) -> Reader:
    def read(params: Params, name: str) -> str | None:
        return params.choice(name, allowed)

    return read
