"""How the emulated Vonage APIs read requests and shape their answers.

Vonage has two families of endpoints with different error shapes:
- rest.nexmo.com (Numbers, account settings, balance): a `{"error-code", "error-code-label"}`
  envelope, with HTTP 420 "method failed" for business failures;
- api.nexmo.com (Applications v2, Subaccounts): RFC 7807 problem documents
  `{type, title, detail, instance}`.
The SDK sends Host: 127.0.0.1:PORT to the sandbox, so the family is told by path as well as host.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import parse_qs

from migrator.sandbox.http import Request, Response

REST_HOST = "rest.nexmo.com"
API_HOST = "api.nexmo.com"
REST_PREFIXES = ("/account/", "/number/")
ERRORS = "https://developer.nexmo.com/api-errors"


def is_rest(request: Request) -> bool:
    """True for rest.nexmo.com endpoints (Numbers, account settings), False for api.nexmo.com."""
    if request.host == REST_HOST:
        return True
    if request.host == API_HOST:
        return False
    return request.path.startswith(REST_PREFIXES)


def fields(request: Request) -> dict[str, str]:
    """Query and body parameters, first value of each (the body wins).

    The body is read as JSON when it is a JSON object, else as a form, whatever Content-Type says:
    the SDK's HTTP client keeps a `Content-Type: application/json` header from an earlier JSON call
    on later form posts, and the real API copes with that.
    """
    merged = {k: v[0] for k, v in request.query.items() if v}
    body = body_object(request)
    if body is not None:
        merged.update({k: _text(v) for k, v in body.items()})
    elif request.body:
        form = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
        merged.update({k: v[0] for k, v in form.items() if v})
    return merged


def body_object(request: Request) -> dict[str, Any] | None:
    """The body as a JSON object, or None when it is not one."""
    if not request.body or request.body.lstrip()[:1] != b"{":
        return None
    try:
        data = json.loads(request.body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


# --- rest.nexmo.com ----------------------------------------------------------------------------
def envelope(code: int, label: str, status: int | None = None) -> Response:
    """The Numbers API status envelope; HTTP status defaults to the code."""
    body = {"error-code": str(code), "error-code-label": label}
    return Response.json(body, status if status is not None else code)


def success() -> Response:
    return envelope(200, "success")


def method_failed(label: str = "method failed") -> Response:
    """HTTP 420: the action was understood but refused (not for sale, not yours, ...)."""
    return envelope(420, label)


def bad_request(label: str) -> Response:
    return envelope(400, label)


# --- api.nexmo.com -----------------------------------------------------------------------------
def problem(
    status: int,
    type_suffix: str,
    title: str,
    detail: str,
    invalid_parameters: list[dict[str, str]] | None = None,
) -> Response:
    """An RFC 7807 problem document as api.nexmo.com sends it."""
    body: dict[str, Any] = {
        "type": f"{ERRORS}{type_suffix}",
        "title": title,
        "detail": detail,
        "instance": uuid.uuid4().hex,
    }
    if invalid_parameters is not None:
        body["invalid_parameters"] = invalid_parameters
    return Response.problem(body, status)


def validation_failed(type_suffix: str, invalid: list[dict[str, str]]) -> Response:
    return problem(
        400, type_suffix, "Bad Request", "The request failed due to validation errors", invalid
    )


# --- shared failures (both families) -----------------------------------------------------------
def unauthorized(request: Request) -> Response:
    if is_rest(request):
        return envelope(401, "authentication failed")
    return problem(
        401,
        "#unauthorized",
        "Invalid credentials supplied",
        "You did not provide correct credentials.",
    )


def throttled(request: Request) -> Response:
    """429 as an RFC 7807 problem (the SDK raises RateLimitedError on the status)."""
    return problem(429, "#throttled", "Throttled", "Please wait, then retry your request")


def internal_error(request: Request) -> Response:
    if is_rest(request):
        return envelope(500, "internal error")
    return problem(
        500,
        "#internal-error",
        "Internal Error",
        "An internal error occurred. Please try again shortly",
    )


def not_found(request: Request, detail: str | None = None) -> Response:
    if is_rest(request):
        return envelope(404, "not found")
    return problem(
        404,
        "#not-found",
        "Not Found",
        detail or f"The requested resource {request.path} does not exist",
    )


def method_not_allowed(request: Request) -> Response:
    if is_rest(request):
        return envelope(405, "method not allowed")
    return problem(
        405,
        "#invalid-method",
        "Method Not Allowed",
        f"{request.method} is not supported on {request.path}",
    )
