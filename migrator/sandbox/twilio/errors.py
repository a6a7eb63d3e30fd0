"""Twilio's error bodies: `{"code", "message", "more_info", "status"}` with a Twilio error code.

Handlers raise `TwilioError`; the emulation turns it into the response the SDK expects (the SDK
reads `code` and `message` into TwilioRestException).
"""

from __future__ import annotations

from migrator.sandbox.http import Response

MORE_INFO = "https://www.twilio.com/docs/errors/{code}"


def error_body(status: int, code: int, message: str) -> dict[str, object]:
    return {
        "code": code,
        "message": message,
        "more_info": MORE_INFO.format(code=code),
        "status": status,
    }


class TwilioError(Exception):
    """A Twilio API error raised inside a handler."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> Response:
        return Response.json(error_body(self.status, self.code, self.message), self.status)


def bad_request(code: int, message: str) -> TwilioError:
    """A 400 with a Twilio validation code (21xxx, 20xxx)."""
    return TwilioError(400, code, message)


def not_found(path: str) -> TwilioError:
    return TwilioError(404, 20404, f"The requested resource {path} was not found")


def authenticate() -> TwilioError:
    """Wrong credentials, or credentials of an account that may not act on the path's account."""
    return TwilioError(401, 20003, "Authenticate")


def too_many_requests() -> TwilioError:
    return TwilioError(429, 20429, "Too Many Requests")


def server_error() -> TwilioError:
    return TwilioError(500, 20500, "An internal server error has occurred")


def method_not_allowed(method: str) -> TwilioError:
    return TwilioError(405, 20004, f"Method not allowed: {method}")
