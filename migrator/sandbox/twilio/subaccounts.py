"""Accounts.json: the main account and its subaccounts, and how an emulated account is made."""

from __future__ import annotations

import random
from typing import Any

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Response
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio.catalogue import Catalogue
from migrator.sandbox.twilio.errors import authenticate, bad_request
from migrator.sandbox.twilio.paging import v2010_list
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.twilio.render import account_json
from migrator.sandbox.twilio.resources import AccountProfile, TwilioStore, store_of
from migrator.sandbox.twilio.scope import account_for, sid_group
from migrator.sandbox.vendor_api import Call, Router

STATUSES = ("active", "suspended", "closed")


def new_account(
    state: SandboxState,
    rng: random.Random,
    role: str,
    name: str,
    parent: Account | None = None,
) -> Account:
    """A new, empty Twilio account (a subaccount when `parent` is given)."""
    sid = f"AC{rng.getrandbits(128):032x}"
    token = f"{rng.getrandbits(128):032x}"
    now = state.clock.now()
    store = TwilioStore(
        rng=random.Random(f"twilio:{sid}"),
        clock=state.clock,
        profile=AccountProfile(friendly_name=name, date_created=now, date_updated=now),
        catalogue=Catalogue(f"twilio-catalogue:{sid}"),
    )
    account = Account(
        "twilio", sid, token, role, name, parent_key=parent.key if parent else None, store=store
    )
    if parent is not None:
        store_of(parent).subaccounts.append(account)
    return state.accounts.add(account)


def _json(account: Account) -> dict[str, Any]:
    return account_json(
        account.key, account.secret, account.parent_key or account.key, store_of(account).profile
    )


def _list(call: Call) -> Response:
    params = Params(call.request)
    accounts = [call.account, *call.state.accounts.children(call.account)]
    filters: dict[str, str] = {}
    name, status = params.text("FriendlyName"), params.choice("Status", STATUSES)
    if name is not None:
        accounts = [a for a in accounts if store_of(a).profile.friendly_name == name]
        filters["FriendlyName"] = name
    if status is not None:
        accounts = [a for a in accounts if store_of(a).profile.status == status]
        filters["Status"] = status
    body = v2010_list(
        params,
        accounts,
        "accounts",
        _json,
        "/2010-04-01/Accounts.json",
        filters,
        sid_of=lambda account: account.key,
    )
    return Response.json(body)


def _create(call: Call) -> Response:
    if call.account.parent_key is not None:
        raise authenticate()  # a subaccount cannot create subaccounts
    params = Params(call.request)
    store = store_of(call.account)
    name = params.friendly_name() or f"SubAccount Created at {store.now():%Y-%m-%d %I:%M %p}"
    account = new_account(call.state, store.rng, "subaccount", name, call.account)
    return Response.json(_json(account), 201)


def _fetch(call: Call) -> Response:
    return Response.json(_json(account_for(call, call.params["sid"])))


def _update(call: Call) -> Response:
    account = account_for(call, call.params["sid"])
    params = Params(call.request)
    profile = store_of(account).profile
    name = params.friendly_name()
    status = params.choice("Status", STATUSES)
    if status is not None and status != profile.status:
        if account is call.account:
            raise bad_request(20001, "An account cannot change its own status")
        if profile.status == "closed":
            raise bad_request(20001, "A closed account cannot be reopened")
        profile.status = status
        if status == "closed":
            _release_everything(call.state, account)
    if name is not None:
        profile.friendly_name = name
    profile.date_updated = store_of(account).now()
    return Response.json(_json(account))


def _release_everything(state: SandboxState, account: Account) -> None:
    """Closing an account releases its numbers (Twilio does the same after closure)."""
    store = store_of(account)
    for sid in list(store.numbers):
        number = store.remove_number(sid)
        if number is not None:
            state.numbers.release(number.phone_number)


def register(router: Router) -> None:
    account = sid_group("sid", "AC")
    router.add("GET", r"/2010-04-01/Accounts\.json", _list)
    router.add("POST", r"/2010-04-01/Accounts\.json", _create)
    router.add("GET", rf"/2010-04-01/Accounts/{account}\.json", _fetch)
    router.add("POST", rf"/2010-04-01/Accounts/{account}\.json", _update)
