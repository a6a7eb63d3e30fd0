"""Subaccounts API on api.nexmo.com: list, create, get, modify, and moving numbers between accounts.

Only a primary account may manage subaccounts, and only its own (`/accounts/{api_key}/...` must
name the caller). A number moved to another account leaves its application behind: applications
belong to one account.
"""

from __future__ import annotations

import random
import re
from typing import Any

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Response
from migrator.sandbox.vendor_api import Call
from migrator.sandbox.vonage import wire
from migrator.sandbox.vonage.provisioning import VENDOR, open_account
from migrator.sandbox.vonage.routes import router
from migrator.sandbox.vonage.store import VonageStore

PRIMARY = r"/accounts/(?P<api_key>[^/]+)"
Invalid = list[dict[str, str]]


def account_wire(account: Account) -> dict[str, Any]:
    """A primary account or subaccount as the Subaccounts API shows it."""
    store: VonageStore = account.store
    shared = account.parent_key is not None and store.use_primary_account_balance
    data: dict[str, Any] = {
        "api_key": account.key,
        "name": account.name,
        "balance": None if shared else round(store.balance, 4),
        "credit_limit": None if shared else store.credit_limit,
        "suspended": store.suspended,
        "created_at": store.created_at,
    }
    if account.parent_key is not None:
        data["primary_account_api_key"] = account.parent_key
        data["use_primary_account_balance"] = store.use_primary_account_balance
    return data


def _primary(call: Call) -> Response | None:
    """None when the caller may manage the subaccounts named in the path, else the error."""
    key = call.params["api_key"]
    if key != call.account.key:
        return wire.problem(
            404,
            "#invalid-api-key",
            "Invalid API Key",
            f"API key '{key}' does not exist, or you do not have access",
        )
    if call.account.parent_key is not None:
        return wire.problem(
            403,
            "#unprovisioned",
            "Authorisation error",
            f"Account {key} is not provisioned to access Subaccount Provisioning API",
        )
    return None


def _subaccount(call: Call) -> Account | Response:
    sub = call.state.accounts.get(VENDOR, call.params["sub_key"])
    if sub is None or sub.parent_key != call.account.key:
        return wire.problem(
            404,
            "#invalid-api-key",
            "Invalid API Key",
            f"API key '{call.params['sub_key']}' does not exist, or you do not have access",
        )
    return sub


def _unprocessable(invalid: Invalid) -> Response:
    return wire.problem(
        422,
        "/subaccounts#validation",
        "Bad Request",
        "The request failed due to validation errors",
        invalid,
    )


def valid_secret(secret: str) -> bool:
    """Vonage's rule: 8 to 25 characters with a lower case letter, an upper case one and a digit."""
    return (
        8 <= len(secret) <= 25
        and re.search(r"[a-z]", secret) is not None
        and re.search(r"[A-Z]", secret) is not None
        and re.search(r"\d", secret) is not None
    )


@router.route("GET", PRIMARY + r"/subaccounts")
def list_subaccounts(call: Call) -> Response:
    refused = _primary(call)
    if refused is not None:
        return refused
    subs = sorted(call.state.accounts.children(call.account), key=lambda a: a.store.created_at)
    primary = account_wire(call.account)
    shown = [account_wire(sub) for sub in subs]
    total_balance = primary["balance"] + sum(s["balance"] or 0 for s in shown)
    total_credit = primary["credit_limit"] + sum(s["credit_limit"] or 0 for s in shown)
    return Response.json(
        {
            "_links": {"self": {"href": f"/accounts/{call.account.key}/subaccounts"}},
            "total_balance": round(total_balance, 4),
            "total_credit_limit": total_credit,
            "_embedded": {"primary_account": primary, "subaccounts": shown},
        }
    )


@router.route("POST", PRIMARY + r"/subaccounts")
def create_subaccount(call: Call) -> Response:
    refused = _primary(call)
    if refused is not None:
        return refused
    body = wire.body_object(call.request) or {}
    invalid: Invalid = []
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 80:
        invalid.append({"name": "name", "reason": "must be 1 to 80 characters"})
    secret = body.get("secret")
    if secret is not None and (not isinstance(secret, str) or not valid_secret(secret)):
        invalid.append({"name": "secret", "reason": "must be 8-25 characters with a-z, A-Z, 0-9"})
    shared = body.get("use_primary_account_balance", True)
    if not isinstance(shared, bool):
        invalid.append(
            {"name": "use_primary_account_balance", "reason": "Should be either 'true' or 'false'"}
        )
    if invalid:
        return _unprocessable(invalid)
    count = len(call.state.accounts.children(call.account))
    rng = random.Random(f"vonage-subaccount:{call.account.key}:{count}")
    created = call.state.clock.now().strftime("%Y-%m-%dT%H:%M:%S.000Z")
    sub = open_account(
        call.state,
        rng,
        "subaccount",
        str(name),
        parent=call.account,
        secret=secret if isinstance(secret, str) else None,
        created_at=created,
    )
    sub.store.use_primary_account_balance = shared
    return Response.json({**account_wire(sub), "secret": sub.secret})


@router.route("GET", PRIMARY + r"/subaccounts/(?P<sub_key>[^/]+)")
def get_subaccount(call: Call) -> Response:
    refused = _primary(call)
    if refused is not None:
        return refused
    sub = _subaccount(call)
    return sub if isinstance(sub, Response) else Response.json(account_wire(sub))


@router.route("PATCH", PRIMARY + r"/subaccounts/(?P<sub_key>[^/]+)")
def modify_subaccount(call: Call) -> Response:
    refused = _primary(call)
    if refused is not None:
        return refused
    sub = _subaccount(call)
    if isinstance(sub, Response):
        return sub
    body = wire.body_object(call.request) or {}
    invalid: Invalid = []
    for flag in ("suspended", "use_primary_account_balance"):
        if flag in body and not isinstance(body[flag], bool):
            invalid.append({"name": flag, "reason": "Should be either 'true' or 'false'"})
    if "name" in body and (not isinstance(body["name"], str) or not 1 <= len(body["name"]) <= 80):
        invalid.append({"name": "name", "reason": "must be 1 to 80 characters"})
    if invalid:
        return _unprocessable(invalid)
    store: VonageStore = sub.store
    if "suspended" in body:
        store.suspended = body["suspended"]
    if "use_primary_account_balance" in body:
        store.use_primary_account_balance = body["use_primary_account_balance"]
    if "name" in body:
        sub.name = body["name"]
    return Response.json(account_wire(sub))


@router.route("POST", PRIMARY + r"/transfer-number")
def transfer_number(call: Call) -> Response:
    refused = _primary(call)
    if refused is not None:
        return refused
    body = wire.body_object(call.request) or {}
    invalid: Invalid = [
        {"name": name, "reason": "is required"}
        for name in ("from", "to", "number")
        if not isinstance(body.get(name), str) or not body.get(name)
    ]
    if invalid:
        return _unprocessable(invalid)
    source, target = str(body["from"]), str(body["to"])
    number_text = str(body["number"]).lstrip("+")
    family = {call.account.key: call.account} | {
        a.key: a for a in call.state.accounts.children(call.account)
    }
    if source not in family or target not in family or source == target:
        return wire.problem(
            403,
            "/subaccounts#invalid-number-transfer",
            "Invalid Number Transfer",
            f"Failed to perform transfer number {number_text} from account {source} to {target} - "
            "The relationship between these two accounts does not allow for number transfer",
        )
    e164 = "+" + number_text
    losing: VonageStore = family[source].store
    gaining: VonageStore = family[target].store
    number = losing.numbers.get(e164)
    country = body.get("country")
    if number is None or (country and str(country).upper() != number.country):
        return wire.problem(
            404,
            "/subaccounts#missing-number-transfer",
            "Invalid Number Transfer",
            f"Could not transfer number {number_text} from account {source} to {target} - "
            "ShortCode not found",
        )
    if e164 in gaining.numbers:
        return wire.problem(
            409,
            "/subaccounts#transfer-conflict",
            "Transfer Conflict",
            f"Could not transfer number {number_text} from account {source} to {target} - "
            "ShortCode is already owned by requesting account",
        )
    losing.pop(e164)
    number.unlink_app()
    gaining.add(number)
    return Response.json(
        {"number": number_text, "country": number.country, "from": source, "to": target}
    )
