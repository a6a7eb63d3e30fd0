"""Where an adapter's requests go: the vendor itself, or a sandbox on 127.0.0.1.

The only thing an adapter changes for the sandbox is this; each vendor's `transport` module turns
an Endpoint into an SDK client (twilio: a custom http_client; vonage: api_host/rest_host with the
sandbox CA trusted; plivo: a RestClient whose send_request rewrites the URL).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from migrator.errors import UsageError


@dataclass(frozen=True)
class Endpoint:
    """`url` None means the vendor's real API. `ca_bundle` is the CA file to trust for TLS."""

    url: str | None = None
    ca_bundle: Path | None = None

    def __post_init__(self) -> None:
        if self.url is None:
            return
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(
                f"endpoint '{self.url}' must be an http(s) URL such as http://127.0.0.1:8080"
            )
        if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise UsageError("plain http endpoints are allowed only on this machine (127.0.0.1)")

    @property
    def is_vendor(self) -> bool:
        return self.url is None

    @property
    def netloc(self) -> str:
        """host:port of the endpoint (for SDKs that take a host, such as Vonage's)."""
        if self.url is None:
            raise ValueError("the vendor endpoint has no local address")
        return urlsplit(self.url).netloc

    @property
    def base(self) -> str:
        """scheme://host:port without a trailing slash."""
        if self.url is None:
            raise ValueError("the vendor endpoint has no local address")
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def https(self) -> Endpoint:
        """The same endpoint over TLS (the sandbox speaks both on one port)."""
        if self.url is None:
            return self
        return Endpoint(self.base.replace("http://", "https://", 1), self.ca_bundle)


VENDOR = Endpoint()
