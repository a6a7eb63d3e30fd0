"""A twilio `Client` for an Endpoint: Twilio itself, or a sandbox on 127.0.0.1.

For a sandbox the client gets an `http_client=` (the SDK's documented hook) that sends every
*.twilio.com request to the endpoint's address and keeps the product host in the Host header, so
the sandbox can tell api.twilio.com from messaging.twilio.com. Over https the endpoint's CA
bundle is pinned on the connection adapter itself (migrator.vendors.pinned_ca): requests would
otherwise let the REQUESTS_CA_BUNDLE environment variable replace a session's `verify`, and
verification must stay on against the right CA.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from requests.adapters import HTTPAdapter
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.pinned_ca import PinnedCaAdapter

POOL_SIZE = 32
"""Connections kept per host: discovery fetches pages of several lists at once."""
TIMEOUT = 60.0


def product_host(hostname: str) -> str:
    """api.sydney.us1.twilio.com -> api.twilio.com: the product, without edge and region."""
    labels = hostname.lower().split(".")
    return f"{labels[0]}.twilio.com" if len(labels) > 3 else hostname.lower()


def is_twilio_host(hostname: str | None) -> bool:
    return bool(hostname) and (hostname == "twilio.com" or str(hostname).endswith(".twilio.com"))


class EndpointHttpClient(TwilioHttpClient):  # type: ignore[misc]
    """Sends Twilio's requests to a local endpoint, keeping the Twilio host in `Host`."""

    def __init__(self, endpoint: Endpoint, timeout: float = TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        if endpoint.url is None:
            raise ValueError("EndpointHttpClient needs a local endpoint")
        parts = urlsplit(endpoint.base)
        self.scheme, self.netloc = parts.scheme, parts.netloc
        assert self.session is not None
        if parts.scheme == "https":
            if endpoint.ca_bundle is None:
                raise ValueError("an https endpoint needs the CA bundle to verify it")
            adapter: HTTPAdapter = PinnedCaAdapter(endpoint.ca_bundle, pool_maxsize=POOL_SIZE)
        else:
            adapter = HTTPAdapter(pool_maxsize=POOL_SIZE)
        self.session.mount(f"{endpoint.base}/", adapter)

    def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Response:
        parts = urlsplit(url)
        if is_twilio_host(parts.hostname):
            headers = dict(headers or {})
            headers["Host"] = product_host(str(parts.hostname))
            url = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, parts.fragment))
        return super().request(method, url, params, data, headers, auth, timeout, allow_redirects)


def http_client_for(endpoint: Endpoint) -> TwilioHttpClient:
    if endpoint.is_vendor:
        return TwilioHttpClient(timeout=TIMEOUT)
    return EndpointHttpClient(endpoint)


def twilio_client(
    account_sid: str,
    auth_token: str,
    endpoint: Endpoint = VENDOR,
    http_client: TwilioHttpClient | None = None,
) -> Client:
    """An SDK client acting as `account_sid`; share `http_client` between clients of one
    endpoint (a parent account and its subaccounts) to share its connection pool."""
    return Client(
        account_sid,
        auth_token,
        http_client=http_client or http_client_for(endpoint),
    )
