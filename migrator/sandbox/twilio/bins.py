"""TwiML Bins at https://handler.twilio.com/twiml/EH...

Bins have no REST resource. Their content is served to a request that names the owning account
(`AccountSid` query parameter) and carries a valid X-Twilio-Signature: HMAC-SHA1 of the full URL
(plus POST parameters) keyed with the owner's auth token, as twilio's RequestValidator computes it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Request, Response
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio.errors import TwilioError, not_found
from migrator.sandbox.twilio.resources import store_of
from migrator.sandbox.twilio.scope import sid_group
from migrator.sandbox.vendor_api import Call, Router

HANDLER_HOST = "handler.twilio.com"


def signed_url(request: Request) -> str:
    """The URL the client signed: the public https URL with its query string."""
    pairs = [(k, v) for k, values in request.query.items() for v in values]
    query = f"?{urlencode(pairs)}" if pairs else ""
    return f"https://{HANDLER_HOST}{request.path}{query}"


def authenticate(request: Request, state: SandboxState) -> Account | None:
    """The owning account when the request is signed with its auth token, else None."""
    owner_sid = (request.query.get("AccountSid") or [""])[0]
    signature = request.header("X-Twilio-Signature")
    owner = state.accounts.get("twilio", owner_sid) if owner_sid else None
    if owner is None or not signature:
        return None
    params = {k: v[0] for k, v in request.form().items() if v}
    if not RequestValidator(owner.secret).validate(signed_url(request), params, signature):
        return None
    return owner


def _serve(call: Call) -> Response:
    sid = call.params["sid"]
    found = store_of(call.account).bins.get(sid)
    if found is None:
        owned_elsewhere = any(
            sid in store_of(a).bins for a in call.state.accounts.of_vendor("twilio")
        )
        if owned_elsewhere:
            raise TwilioError(403, 20003, "The TwiML Bin belongs to another account")
        raise not_found(call.request.path)
    return Response.text(found.twiml, content_type="application/xml")


def register(router: Router) -> None:
    path = rf"/twiml/{sid_group('sid', 'EH')}"
    router.add("GET", path, _serve)
    router.add("POST", path, _serve)
