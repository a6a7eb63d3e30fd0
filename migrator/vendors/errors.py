"""One error hierarchy for every vendor, keeping the vendor's own code and message.

Adapters translate SDK exceptions into these, so the engine decides retry or fail by type, never
by vendor: RateLimited and Transient are retried (idempotent calls only, or after reconciling);
BusinessRule, NotFound, Permission and Authentication fail the action with the vendor's message.
"""

from __future__ import annotations

from migrator.errors import MigratorError


class VendorError(MigratorError):
    """A vendor call failed. `code` is the vendor's error code (Twilio 21422, Vonage 420...)."""

    retryable = False

    def __init__(
        self,
        message: str,
        *,
        vendor: str,
        status: int | None = None,
        code: str | None = None,
        vendor_message: str | None = None,
    ) -> None:
        super().__init__(message)
        self.vendor = vendor
        self.status = status
        self.code = code
        self.vendor_message = vendor_message or message

    def details(self) -> str:
        """The vendor's own words, for the 'details' part of an error dialog."""
        parts = [self.vendor]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.code:
            parts.append(f"code {self.code}")
        return f"{' '.join(parts)}: {self.vendor_message}"


class AuthenticationFailed(VendorError):
    """The credentials were refused (wrong, revoked or for another product)."""


class PermissionDenied(VendorError):
    """The credentials are valid but may not do this."""


class NotFound(VendorError):
    """The resource does not exist (any more)."""


class RateLimited(VendorError):
    """Over the account's rate limit; safe to retry after `retry_after` seconds (if known)."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_after = retry_after


class Transient(VendorError):
    """A server error, timeout or dropped connection: the call may or may not have happened."""

    retryable = True


class BusinessRule(VendorError):
    """The vendor refused the request on its merits (Vonage 420, Twilio 21xxx, a bad field)."""
