"""Reading and validating Twilio request parameters (PascalCase, form-encoded).

Each reader returns None when the parameter is absent, so updates touch only what was sent, and
raises TwilioError with Twilio's own code when a value is unacceptable.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from migrator.sandbox.http import Request
from migrator.sandbox.twilio.errors import TwilioError, bad_request
from migrator.sandbox.twilio.sids import is_sid

INVALID_URL = 21502
INVALID_PARAMETER = 20001
INVALID_FRIENDLY_NAME = 20002
MAX_FRIENDLY_NAME = 64


def is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class Params:
    """The parameters of one request: query string and form body, form winning."""

    def __init__(self, request: Request) -> None:
        self.values = request.params()

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def text(self, name: str) -> str | None:
        return self.values.get(name)

    def required(self, name: str, code: int = INVALID_PARAMETER) -> str:
        value = self.values.get(name)
        if not value:
            raise bad_request(code, f"{name} is required")
        return value

    def friendly_name(self, name: str = "FriendlyName") -> str | None:
        value = self.values.get(name)
        if value is not None and len(value) > MAX_FRIENDLY_NAME:
            raise bad_request(INVALID_FRIENDLY_NAME, "FriendlyName must be 64 characters or fewer")
        return value

    def url(self, name: str) -> str | None:
        """A webhook URL; an empty value clears it."""
        value = self.values.get(name)
        if value is None or value == "":
            return value
        if not is_http_url(value):
            raise bad_request(INVALID_URL, f"{name} is not valid: {value}")
        return value

    def sip_url(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is not None and not value.lower().startswith(("sip:", "sips:")):
            raise bad_request(INVALID_URL, f"{name} must be a sip: URI: {value}")
        return value

    def method(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        upper = value.upper()
        if upper not in ("GET", "POST"):
            raise bad_request(INVALID_PARAMETER, f"{name} must be GET or POST, not {value}")
        return upper

    def boolean(self, name: str) -> bool | None:
        value = self.values.get(name)
        if value is None:
            return None
        lowered = value.lower()
        if lowered not in ("true", "false"):
            raise bad_request(INVALID_PARAMETER, f"{name} must be true or false, not {value}")
        return lowered == "true"

    def integer(self, name: str, low: int, high: int) -> int | None:
        value = self.values.get(name)
        if value is None:
            return None
        try:
            number = int(value)
        except ValueError:
            raise bad_request(INVALID_PARAMETER, f"{name} must be an integer") from None
        if not low <= number <= high:
            raise bad_request(INVALID_PARAMETER, f"{name} must be between {low} and {high}")
        return number

    def choice(self, name: str, allowed: tuple[str, ...]) -> str | None:
        value = self.values.get(name)
        if value is not None and value not in allowed:
            raise bad_request(
                INVALID_PARAMETER, f"{name} must be one of {', '.join(allowed)}, not {value}"
            )
        return value

    def sid(self, name: str, prefix: str, code: int = INVALID_PARAMETER) -> str | None:
        """A SID parameter; an empty value clears the link."""
        value = self.values.get(name)
        if value is None or value == "":
            return value
        if not is_sid(value, prefix):
            raise bad_request(code, f"{name} is not a valid {prefix} SID: {value}")
        return value


def check(condition: bool, error: TwilioError) -> None:
    if not condition:
        raise error
